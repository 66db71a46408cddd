"""The user viewset: forms know their editor; superusers are out of reach of others."""

from django.http import Http404
from wagtail.users.views import users

from portal.rules import user_manageable_by
from registry.roles import group_label

from .forms import PortalUserCreationForm, PortalUserEditForm


class EditorFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}


class UserFilterSet(users.UserFilterSet):
    """Groups in the filter by their role's name (部门负责人), not their code."""

    @property
    def form(self):
        form = super().form
        if "group" in form.fields:
            form.fields["group"].label_from_instance = group_label
        return form


class IndexView(users.IndexView):
    filterset_class = UserFilterSet

    def get_edit_url(self, instance):
        if user_manageable_by(editor=self.request.user, user=instance):
            return super().get_edit_url(instance)
        return None


class CreateView(EditorFormMixin, users.CreateView):
    pass


class EditView(EditorFormMixin, users.EditView):
    def get_object(self, queryset=None):
        user = super().get_object(queryset)
        if not user_manageable_by(editor=self.request.user, user=user):
            raise Http404
        return user


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    filterset_class = UserFilterSet
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
