"""Request answers and attachments stay out of Wagtail's admin.

They are request data, reached through the portal's scoped pages only. In the
CMS, Wagtail's form submission lists (and their CSV export) of request forms
and the request attachments in its document library, chooser and bulk actions
are for superusers alone, whatever collection rights a group was given.
"""

from django.db.models import Q
from wagtail.models import Collection
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)

from .request_forms import RequestFormPage
from .request_services import ATTACHMENTS_COLLECTION


def _attachment_collections():
    roots = Collection.objects.filter(name=ATTACHMENTS_COLLECTION)
    collections = Collection.objects.none()
    for root in roots:
        collections |= Collection.objects.descendant_of(root, inclusive=True)
    return collections


def request_documents_q() -> Q:
    """Documents filed with a request, or kept in the attachments collection."""
    return Q(request_submissions__isnull=False) | Q(
        collection__in=_attachment_collections()
    )


class RequestDocumentsHidden(CollectionOwnershipPermissionPolicy):
    """Wagtail's document rights, without request attachments for non-superusers."""

    def _hidden(self, user, instance) -> bool:
        if user.is_active and user.is_superuser:
            return False
        hidden = self.model._default_manager.filter(request_documents_q())
        return hidden.filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if self._hidden(user, instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        documents = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return documents
        hidden = self.model._default_manager.filter(request_documents_q())
        return documents.exclude(pk__in=hidden.values("pk"))

    def collections_user_has_any_permission_for(self, user, actions):
        collections = super().collections_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return collections
        return collections.exclude(pk__in=_attachment_collections().values("pk"))


def hide_request_form_submissions(user, form_pages):
    """``filter_form_submissions_for_user``: request forms' answers, superusers only."""
    if user.is_active and user.is_superuser:
        return form_pages
    return form_pages.not_type(RequestFormPage)
