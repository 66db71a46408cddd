"""``manage.py workflow_timers``: the scaled mode's sweep, run by cron.

It takes the place of viewflow's command of the same name (``workflows``
comes before ``viewflow`` in ``INSTALLED_APPS``), which fires only the
timers: the portal's sweep also lapses training certificates, drafts last
month's assessments and draws the carrier's inspection checks, exactly as the
embedded mode's in-process sweep does (``workflows.dispatcher``).
"""

from django.core.management.base import BaseCommand
from viewflow.workflow.timers import (
    fire_due_conditions,
    fire_due_start_timers,
    fire_due_timers,
)

from workflows.dispatcher import portal_due


class Command(BaseCommand):
    help = (
        "Fire due workflow timers and scheduled starts, lapse training "
        "certificates, draft last month's assessments and draw inspection checks"
    )

    def handle(self, **options):
        fired = fire_due_timers()
        started = fire_due_start_timers()
        conditions = fire_due_conditions()
        done = portal_due()
        self.stdout.write(
            f"{fired} timer(s) fired, {started} process(es) started, "
            f"{conditions} condition(s) fired, {done['drafted']} assessment(s) "
            f"drafted, {done['draws']} inspection check draw(s)"
        )
