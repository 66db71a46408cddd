from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Modules and quizzes, attempts, certificates, sessions and the duty gate."""

    name = "training"
    verbose_name = _("Training")
