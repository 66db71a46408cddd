"""Classroom sessions (recorded by carrier admins, rated by attendees) and the
oversight page of carrier and contractor managers."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from registry.selectors import staff_for_user

from . import rules, services
from .access import may_oversee, may_record_sessions, person_of
from .forms import RatingForm, SessionForm
from .models import ClassroomSession
from .selectors import oversight_for

RECORDED = _("The session is recorded.")
RATED = _("Thank you: your rating is recorded.")


@login_required
def sessions(request):
    if not may_record_sessions(request.user):
        raise PermissionDenied
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attendees"}
        services.session_record(
            user=request.user, data=data, attendees=form.cleaned_data["attendees"]
        )
        messages.success(request, RECORDED)
        return redirect("training:sessions")
    listed = list(
        ClassroomSession.objects.prefetch_related("ratings", "attendees")[:50]
    )
    rows = [(s, rules.session_result(s.ratings.all())) for s in listed]
    by_lecturer = defaultdict(list)
    for session in listed:
        by_lecturer[session.lecturer].extend(session.ratings.all())
    lecturers = [
        (name, rules.session_result(ratings)) for name, ratings in by_lecturer.items()
    ]
    return render(
        request,
        "training/sessions.html",
        {"form": form, "rows": rows, "lecturers": lecturers},
    )


@login_required
def session_rate(request, pk: int):
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    session = get_object_or_404(person.classroom_sessions, pk=pk)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_rate(
                person=person, session=session, values=form.cleaned_data
            )
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(request, RATED)
        return redirect("training:mine")
    return render(request, "training/rate.html", {"session": session, "form": form})


@login_required
def oversight(request):
    if not may_oversee(request.user):
        raise PermissionDenied
    report = oversight_for(staff_for_user(request.user))
    context = {"report": report, "list_separator": rules.list_separator()}
    return render(request, "training/oversight.html", context)
