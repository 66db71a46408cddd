"""What every revisioned snippet with child rows shares.

Cross-row checks (duplicates, bands covering 0-100) need all rows at once. In
the admin they run in the inline formset's ``clean`` on the rows as submitted;
in code they run in the parent's ``clean`` on the rows held in memory. The
admin form's own model validation sees the rows from before the edit, so the
form tells the instance to leave the rows to the formset.
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.forms import BaseChildFormSet
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from home.validation import ONLY_ONE_ROW


class RowCheckedForm(WagtailAdminModelForm):
    """Admin form of a snippet whose rows are checked by its inline formsets."""

    def _post_clean(self):
        self.instance._rows_checked_by_form = True
        try:
            super()._post_clean()
        finally:
            self.instance._rows_checked_by_form = False


class RowsFormSet(BaseChildFormSet):
    """Runs the parent's cross-row check on the rows kept by this submission."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [
            form.instance
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
        ]
        self.instance.check_rows(self.rel_name, rows)


class RowsInlinePanel(InlinePanel):
    """An ``InlinePanel`` whose formset runs the parent's cross-row check."""

    formset_class = RowsFormSet

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = self.formset_class
        return options


class RevisionedCluster(DraftStateMixin, RevisionMixin, ClusterableModel):
    """A snippet edited as drafts, published as revisions, with checked rows.

    ``row_checks`` maps a child relation to the name of a method that takes the
    list of rows and raises ``ValidationError``; ``row_keys`` names the fields
    that identify a row within its relation (used to update rows from code).
    """

    row_checks: dict[str, str] = {}
    row_keys: dict[str, tuple[str, ...]] = {}
    base_form_class = RowCheckedForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if getattr(self, "_rows_checked_by_form", False):
            return
        for relation in self.row_checks:
            rows = list(getattr(self, relation).all())
            for row in rows:
                row.clean()
            self.check_rows(relation, rows)

    def check_rows(self, relation: str, rows: list) -> None:
        getattr(self, self.row_checks[relation])(rows)


class RuleTopic(RevisionedCluster):
    """One topic of rules: a single row, its published revision is the rule."""

    singleton = models.BooleanField(default=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["singleton"], name="%(app_label)s_%(class)s_single_row"
            ),
            models.CheckConstraint(
                condition=models.Q(singleton=True),
                name="%(app_label)s_%(class)s_singleton_true",
            ),
        ]

    def clean(self):
        if type(self).objects.exclude(pk=self.pk).exists():
            raise ValidationError(ONLY_ONE_ROW)
        super().clean()


class RuleRow(Orderable):
    """A child row of a topic; ``clean`` holds its single-row checks."""

    class Meta(Orderable.Meta):
        abstract = True
