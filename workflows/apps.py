from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_init, post_save
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from viewflow.workflow.models import Task

        from registry.panels import panel_register
        from search.sources import source_register
        from training.signals import duty_lost

        from .deadlines import task_deadline_track
        from .live.notify import task_loaded, task_saved
        from .live.sessions import session_sockets_close
        from .related import PANELS, RequestSource
        from .savepoints import node_savepoints_trim
        from .training_notices import duty_lost_notify

        post_init.connect(task_loaded, sender=Task, dispatch_uid="workflows-live")
        post_save.connect(
            task_deadline_track, sender=Task, dispatch_uid="workflows-deadlines"
        )
        post_save.connect(task_saved, sender=Task, dispatch_uid="workflows-live")
        user_logged_out.connect(session_sockets_close, dispatch_uid="workflows-live")
        duty_lost.connect(duty_lost_notify, dispatch_uid="workflows-training")
        node_savepoints_trim()
        source_register(RequestSource())
        for panel in PANELS:
            panel_register(panel)
