"""``current_rules()``: the published rules, checked on every call.

The values come from each topic's live revision (not from its table rows), so
a snapshot always holds exactly what the revision id it records says. Cached
per process by the live revisions: one query while nothing was published, three
after a publish (keys, revisions, group names), whatever the number of rows.
Group names are as of the publish; flows should go by ``GroupRef.id``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from types import MappingProxyType

from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, Value
from django.utils.translation import gettext_lazy as _

from home.models import RULE_TOPICS

from .snapshot import (
    AssessmentSnapshot,
    Band,
    Deadline,
    DeadlineSnapshot,
    EscalationStep,
    Factor,
    GroupRef,
    LogClassRule,
    ObligationSnapshot,
    ReportDue,
    RulesSnapshot,
    SlaSnapshot,
    StaffChangeSnapshot,
    StepGroupSnapshot,
    TrainingSnapshot,
)

NOT_PUBLISHED = _("The %(topic)s are not published; publish them under Rules.")


class RulesNotPublished(ImproperlyConfigured):
    """A rule topic has no live revision, so no decision can be taken."""


# Snapshots by the live revisions they were built from, each named by its id
# and creation time: a revision never changes, so a cached snapshot is exact; a
# publish changes the key (a miss). The time tells apart two revisions that got
# the same id because the first was rolled back (SQLite reuses such ids).
_SNAPSHOTS: dict[tuple, RulesSnapshot] = {}
KEY_FIELDS = ("live_revision_id", "live_revision__created_at")


# Inside ``rules_pinned()``: the snapshot its block read first (or None yet).
_PINNED: ContextVar[list | None] = ContextVar("rules_pinned", default=None)


@contextmanager
def rules_pinned() -> Iterator[None]:
    """Within the block, ``current_rules()`` is read once and then reused.

    For one unit of work (a page's request, a task's transition and its
    commit hooks): its checks and decisions go by one revision, and its later
    reads cost no query. A nested block keeps the outer block's snapshot.
    """
    if _PINNED.get() is not None:
        yield
        return
    token = _PINNED.set([])
    try:
        yield
    finally:
        _PINNED.reset(token)


def current_rules() -> RulesSnapshot:
    """One query on a hit (the live revisions' keys); three after a publish;
    none after the first inside ``rules_pinned()``."""
    pinned = _PINNED.get()
    if pinned:
        return pinned[0]
    snapshot = _current_rules()
    if pinned is not None:
        pinned.append(snapshot)
    return snapshot


def _current_rules() -> RulesSnapshot:
    cached = _SNAPSHOTS.get(tuple(sorted(_live_query(*KEY_FIELDS))))
    if cached is not None:
        return cached
    topics, key = _live_topics()
    staff, steps = topics["staff_change"], topics["step_groups"]
    names = _group_names(staff, steps, topics["obligations"])
    snapshot = RulesSnapshot(
        staff_change=_staff_change(staff, names),
        deadlines=_deadlines(topics["deadlines"]),
        sla=_sla(topics["sla"]),
        assessment=_assessment(topics["assessment"]),
        training=_training(topics["training"]),
        step_groups=_step_groups(steps, names),
        obligations=_obligations(topics["obligations"], names),
    )
    if len(_SNAPSHOTS) > 32:
        _SNAPSHOTS.clear()
    _SNAPSHOTS[key] = snapshot
    return snapshot


def _live_query(*fields: str):
    queries = [
        model.objects.filter(live=True, live_revision__isnull=False)
        .annotate(topic=Value(name, output_field=CharField()))
        .values_list("topic", *fields)
        for name, model in RULE_TOPICS.items()
    ]
    return queries[0].union(*queries[1:], all=True)


def _live_topics() -> tuple[dict, tuple]:
    """Each topic as its live revision's object (``revision_id`` set), and the
    cache key of exactly these revisions."""
    rows = list(_live_query(*KEY_FIELDS, "live_revision__content"))
    topics = {}
    for name, revision_id, _created, content in rows:
        topic = RULE_TOPICS[name].from_serializable_data(content, check_fks=False)
        topic.revision_id = revision_id
        topics[name] = topic
    for name, model in RULE_TOPICS.items():
        if name not in topics:
            message = NOT_PUBLISHED % {"topic": model._meta.verbose_name_plural}
            raise RulesNotPublished(message)
    return topics, tuple(sorted(row[:3] for row in rows))


def _group_names(staff, steps, obligations) -> dict[int, str]:
    ids = {
        obligations.escalation_group_id,
        staff.review_group_id,
        staff.exception_group_id,
        staff.leave_carrier_group_id,
        staff.site_access_group_id,
        *(row.group_id for row in steps.steps.all()),
    }
    return dict(Group.objects.filter(pk__in=ids).values_list("pk", "name"))


def _staff_change(topic, names) -> StaffChangeSnapshot:
    def ref(group_id):
        return GroupRef(id=group_id, name=names.get(group_id, ""))

    return StaffChangeSnapshot(
        revision_id=topic.revision_id,
        cap_percent=topic.cap_percent,
        review_group=ref(topic.review_group_id),
        exception_group=ref(topic.exception_group_id),
        leave_carrier_group=ref(topic.leave_carrier_group_id),
        leave_carrier_after_days=topic.leave_carrier_after_days,
        leave_max_days=topic.leave_max_days,
        site_access_group=ref(topic.site_access_group_id),
    )


def _step_groups(topic, names) -> StepGroupSnapshot:
    groups = {
        row.step: GroupRef(id=row.group_id, name=names.get(row.group_id, ""))
        for row in topic.steps.all()
    }
    return StepGroupSnapshot(
        revision_id=topic.revision_id, groups=MappingProxyType(groups)
    )


def _deadlines(topic) -> DeadlineSnapshot:
    deadlines = {
        row.obligation: Deadline(amount=row.amount, unit=row.unit)
        for row in topic.deadlines.all()
    }
    return DeadlineSnapshot(
        revision_id=topic.revision_id,
        deadlines=MappingProxyType(deadlines),
        weekly_report_weekday=topic.weekly_report_weekday,
        monthly_report_day=topic.monthly_report_day,
        inspection_plan_days_before_quarter=topic.inspection_plan_days_before_quarter,
        recheck_sample_size=topic.recheck_sample_size,
        spot_check_percent=topic.spot_check_percent,
        presence_radius_m=topic.presence_radius_m,
    )


def _sla(topic) -> SlaSnapshot:
    hours = {(row.level, row.tier, row.mode): row.hours for row in topic.targets.all()}
    return SlaSnapshot(
        revision_id=topic.revision_id,
        hours=MappingProxyType(hours),
        early_warning_percent=topic.early_warning_percent,
        escalations=tuple(
            EscalationStep(row.target, row.after_hours)
            for row in topic.escalations.all()
        ),
    )


def _bands(rows) -> tuple[Band, ...]:
    bands = (Band(r.grade, r.min_score, r.max_score) for r in rows)
    return tuple(sorted(bands, key=lambda band: band.min_score, reverse=True))


def _assessment(topic) -> AssessmentSnapshot:
    rows = list(topic.deductions.all())
    factors = (Factor(r.min_average, r.factor) for r in topic.payment_factors.all())
    return AssessmentSnapshot(
        revision_id=topic.revision_id,
        deductions=MappingProxyType({row.event: row.points for row in rows}),
        bands=_bands(topic.bands.all()),
        caps=MappingProxyType({row.event: row.cap for row in rows}),
        objection_days=topic.objection_days,
        factors=tuple(sorted(factors, key=lambda f: f.min_average, reverse=True)),
    )


def _training(topic) -> TrainingSnapshot:
    weights = {key: Decimal(value) for key, value in topic.weights().items()}
    return TrainingSnapshot(
        revision_id=topic.revision_id,
        pass_mark=topic.pass_mark,
        yearly_hours=topic.yearly_hours,
        weights=MappingProxyType(weights),
        bands=_bands(topic.bands.all()),
    )


def _obligations(topic, names) -> ObligationSnapshot:
    group = topic.escalation_group_id
    return ObligationSnapshot(
        revision_id=topic.revision_id,
        logs_on_working_days=topic.logs_on_working_days,
        log_due=MappingProxyType(
            {row.position: row.due_time for row in topic.log_due_times.all()}
        ),
        classes=tuple(
            LogClassRule(row.code, row.name_zh, row.name_en, row.urgent)
            for row in topic.log_classes.all()
        ),
        reports=MappingProxyType(
            {
                row.kind: ReportDue(row.period, row.offset, row.unit)
                for row in topic.report_rules.all()
            }
        ),
        escalation_group=GroupRef(id=group, name=names.get(group, "")),
    )
