"""Upload, preview and confirm an import: one view for the portal and the admin.

A POST with a file dry-runs it and shows the preview (with the run to
confirm); a POST with ``run`` imports that run's file in one transaction and
shows the result. The service checks the rights; the view only renders.
"""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from ..resources import RESOURCES
from . import progress, services
from .rules import import_allowed, import_kinds_for
from .runs import ImportRun

KIND_LABELS = {
    "staff": _("Staff"),
    "sites": _("Sites"),
    "contracts": _("Contracts"),
    "regions": _("Regions"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,  # the reader says so, in the import's own words
        label=_("Spreadsheet"),
        help_text=_(
            "An .xlsx or .csv file (UTF-8 or GBK); the first row holds the headers."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportView(LoginRequiredMixin, View):
    template_name = "registry/import.html"
    run_url_name = "registry:import_run"

    def dispatch(self, request, *args, kind: str, **kwargs):
        if kind not in RESOURCES:
            raise Http404
        self.kind = kind
        if request.user.is_authenticated and not import_allowed(
            user=request.user, kind=kind
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(form=UploadForm())

    def post(self, request):
        if "run" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form=form)
        upload = form.cleaned_data["file"]
        try:
            run, report = services.import_preview(
                kind=self.kind,
                user=request.user,
                name=upload.name,
                content=upload.read(),
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.page(form=form)
        if report is None:  # queued for the worker
            return redirect(self.run_url(run))
        return self.page(form=UploadForm(), run=run, report=report)

    def run_url(self, run) -> str:
        return reverse(self.run_url_name, kwargs={"kind": run.kind, "pk": run.pk})

    def confirm(self, request):
        run_id = request.POST.get("run", "").strip()
        if not run_id.isdigit():
            raise Http404
        run = get_object_or_404(ImportRun, pk=int(run_id), created_by=request.user)
        try:
            report = services.import_apply(run=run, user=request.user)
        except ValidationError as error:
            return self.page(form=UploadForm(), refused=error.messages)
        if report is None:  # queued for the worker
            return redirect(self.run_url(run))
        return self.page(form=UploadForm(), report=report, confirmed=True)

    def page(self, **context):
        resource = RESOURCES[self.kind]()
        context.update(
            kind=self.kind,
            kind_label=KIND_LABELS[self.kind],
            columns=resource.columns(),
        )
        return render(self.request, self.template_name, context)


class ImportRunView(ImportView):
    """A background run: its progress while queued or running, then its report.

    Only its own user sees it. The ``<progress>`` follows the live events
    (``js/import-progress.js``); without JavaScript the page reloads itself.
    """

    def get(self, request, pk: int):
        run = get_object_or_404(
            ImportRun, pk=pk, kind=self.kind, created_by=request.user, background=True
        )
        services.import_abandoned_fail(run)
        context = {"background_run": run, "run": run}
        if run.busy:
            context["rows_done"] = progress.rows_done(run)
            return self.page(**context)
        report = services.Report.from_json(run.report) if run.report else None
        context["report"] = report
        # A report of rows says why itself; a refused file or right, the reason.
        context["refused"] = [run.reason] if run.reason and not report else []
        context["confirmed"] = run.phase == ImportRun.Phase.APPLY
        if run.status == ImportRun.Status.PREVIEWED:
            context["form"] = UploadForm()
        return self.page(**context)

    def post(self, request, pk: int):
        return self.confirm(request)

    def page(self, **context):
        context.setdefault("form", UploadForm())
        return super().page(**context)


class AdminImportView(ImportView):
    """The same steps in the Wagtail admin, with a tab per kind the user may import."""

    template_name = "registry/admin/import.html"
    run_url_name = "registry_import_run"

    def page(self, **context):
        user = self.request.user
        context["kinds"] = [
            (kind, label)
            for kind, label in KIND_LABELS.items()
            if import_allowed(user=user, kind=kind)
        ]
        return super().page(**context)


def admin_import_start(request):
    """The admin menu's entry: the first kind the user may import."""
    kinds = import_kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    return redirect("registry_import", kind=kinds[0])


class AdminImportRunView(ImportRunView, AdminImportView):
    pass
