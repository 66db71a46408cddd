"""Rules and checklist templates in the Wagtail admin; request attachments.

Each rule topic is one row: it cannot be added twice, deleted or unpublished,
since the flows decide with its published revision.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.documents import get_document_model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import RULE_TOPICS, ChecklistTemplate, PolicyIndexPage
from .models.base import RuleTopic
from .moderation import policy_moderation_assign
from .privacy import document_restrictions_for
from .request_admin import RequestDocumentsHidden, hide_request_form_submissions
from .request_documents import redirect_request_attachment

CANNOT_UNPUBLISH = _(
    "Rules stay published: the flows decide with them. Publish a corrected "
    "version instead."
)


class SingleRowPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except no second row and no deleting the one."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        if action == "add" and self.model.objects.exists():
            return False
        return super().user_has_permission(user, action)


# Exact class: wins over the policy wagtail.documents registers, in any order.
register_permission_policy(
    get_document_model(),
    RequestDocumentsHidden(
        get_document_model(),
        auth_model="wagtaildocs.Document",
        owner_field_name="uploaded_by_user",
    ),
    exact_class=True,
)
hooks.register("filter_form_submissions_for_user", hide_request_form_submissions)

for topic_model in RULE_TOPICS.values():
    register_permission_policy(topic_model, SingleRowPermissionPolicy(topic_model))


@hooks.register("before_unpublish")
def keep_rules_published(request, instance):
    if isinstance(instance, RuleTopic):
        messages.error(request, CANNOT_UNPUBLISH)
        return redirect(
            f"wagtailsnippets_home_{instance._meta.model_name}:edit", instance.pk
        )
    return None


def _topic_viewset(topic_model, topic_icon):
    return type(
        f"{topic_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": topic_model,
            "icon": topic_icon,
            "copy_view_enabled": False,
            "list_display": ["__str__", UpdatedAtColumn()],
        },
    )


class RulesViewSetGroup(SnippetViewSetGroup):
    items = tuple(
        _topic_viewset(RULE_TOPICS[name], icon)
        for name, icon in (
            ("staff_change", "group"),
            ("deadlines", "date"),
            ("sla", "time"),
            ("assessment", "tasks"),
            ("training", "info-circle"),
            ("step_groups", "user"),
            ("obligations", "calendar-check"),
        )
    )
    menu_icon = "cogs"
    menu_label = _("Rules")
    menu_name = "rules"


class ChecklistTemplateViewSet(SnippetViewSet):
    model = ChecklistTemplate
    icon = "list-ul"
    menu_label = _("Checklists")
    menu_name = "checklists"
    add_to_admin_menu = True
    search_backend_name = None
    list_display = ["__str__", "code", "site_kind", UpdatedAtColumn()]
    list_filter = ["site_kind"]
    search_fields = ["code", "name_zh", "name_en"]


register_snippet(RulesViewSetGroup)
register_snippet(ChecklistTemplateViewSet)


@hooks.register("after_create_page")
def moderate_new_policy_index(request, page):
    """A policy index made in the admin gets the approval workflow at once."""
    if isinstance(page, PolicyIndexPage):
        policy_moderation_assign(page)


# Before Wagtail's own view-restriction check, which would serve PDFs inline.
hooks.register("before_serve_document", redirect_request_attachment, order=-100)


@hooks.register("before_serve_document", order=-50)
def restrict_documents_of_private_pages(document, request):
    """A document is as private as every page that links it (a policy for
    logged-in users only, a group's section): log in, or be refused."""
    for restriction in document_restrictions_for(document):
        if restriction.accept_request(request):
            continue
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(
            request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL
        )
    return None
