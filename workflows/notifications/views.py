"""Pages: my notifications (mark read, all read, open one), my choices."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from ..notes import note_render
from . import services
from .events import EVENTS
from .forms import PreferencesForm
from .selectors import email_choices, notifications_for

PER_PAGE = 50
SAVED = _("Your choices are saved.")


class NotificationListView(LoginRequiredMixin, TemplateView):
    """``/notifications/``: newest first, unread marked."""

    template_name = "notifications/list.html"

    def get_context_data(self, **kwargs):
        page = Paginator(notifications_for(self.request.user), PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        rows = [
            {
                "row": row,
                "label": EVENTS[row.notice.event].label
                if row.notice.event in EVENTS
                else "",
                "text": note_render(row.notice.as_note()),
            }
            for row in page
        ]
        return super().get_context_data(page=page, rows=rows, **kwargs)


class ReadView(LoginRequiredMixin, View):
    """POST ``id`` (one of mine) or ``all``: mark read."""

    def post(self, request):
        if request.POST.get("all"):
            services.notifications_read(user=request.user)
        else:
            row = _mine(request.user, request.POST.get("id"))
            services.notifications_read(user=request.user, ids=[row.pk])
        return redirect("notifications:list")


class OpenView(LoginRequiredMixin, View):
    """POST: mark one of mine read and go to what it is about."""

    def post(self, request, pk):
        row = _mine(request.user, pk)
        services.notifications_read(user=request.user, ids=[row.pk])
        link = row.notice.link
        if not link or not url_has_allowed_host_and_scheme(
            link, allowed_hosts={request.get_host()}
        ):
            link = reverse("notifications:list")
        return redirect(link)


def _mine(user, pk):
    """One of the user's notifications; anyone else's (or no number) is a 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    if not 0 < pk < 2**63:  # PostgreSQL refuses a bigint beyond that
        raise Http404
    return get_object_or_404(notifications_for(user), pk=pk)


class PreferencesView(LoginRequiredMixin, FormView):
    """``/notifications/preferences/``: which events also come by email."""

    template_name = "notifications/preferences.html"

    def get_form(self, form_class=None):
        choices = email_choices(self.request.user)
        return PreferencesForm(**self.get_form_kwargs(), choices=choices)

    def form_valid(self, form):
        services.preferences_save(user=self.request.user, choices=form.cleaned_data)
        messages.success(self.request, SAVED)
        return redirect("notifications:preferences")
