"""Training pages are moderated like policies: the policy approval workflow."""

from wagtail import hooks

from home.moderation import policy_moderation_assign

from .models import TrainingIndexPage


@hooks.register("after_create_page")
def training_index_moderate(request, page):
    if isinstance(page.specific, TrainingIndexPage):
        policy_moderation_assign(page)
