from wagtail import hooks

from .moderation import policy_moderation_assign
from .policies import PolicyIndexPage


@hooks.register("after_create_page")
def moderate_new_policy_index(request, page):
    """A policy index made in the admin gets the approval workflow at once."""
    if isinstance(page, PolicyIndexPage):
        policy_moderation_assign(page)
