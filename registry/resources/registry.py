"""The resources of the registry's models: regions, sites, contracts, staff.

Columns are explicit allow-lists; each model is keyed by its natural key, so a
re-import updates rows instead of adding them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Company, Contract, Region, Site, StaffMember
from .base import Column, RegistryResource
from .widgets import (
    ChoiceWidget,
    CodesWidget,
    CodeWidget,
    ContractWidget,
    DateWidget,
    NumberWidget,
    TextWidget,
)


def text(key, label, **kwargs):
    return Column(key, label, widget=TextWidget(), **kwargs)


class RegionResource(RegistryResource):
    code = text("code", _("Region code"), required=True)
    name_zh = text("name_zh", _("Name (Chinese)"), required=True)
    name_en = text("name_en", _("Name (English)"))
    tier = Column(
        "tier", _("SLA tier"), widget=ChoiceWidget(Region.Tier.choices), required=True
    )

    class Meta(RegistryResource.Meta):
        model = Region
        fields = ("code", "name_zh", "name_en", "tier")
        import_id_fields = ("code",)


class SiteResource(RegistryResource):
    company_column = "maintained_by"

    code = text("code", _("Site code"), required=True)
    name_zh = text("name_zh", _("Name (Chinese)"), required=True)
    name_en = text("name_en", _("Name (English)"))
    kind = Column(
        "kind", _("Site kind"), widget=ChoiceWidget(Site.Kind.choices), required=True
    )
    region = Column(
        "region", _("Region code"), widget=CodeWidget(Region), required=True
    )
    address = text("address", _("Address"))
    maintained_by = Column(
        "maintained_by", _("Company code"), widget=CodeWidget(Company), required=True
    )

    class Meta(RegistryResource.Meta):
        model = Site
        fields = (
            "code",
            "name_zh",
            "name_en",
            "kind",
            "region",
            "address",
            "maintained_by",
        )
        import_id_fields = ("code",)


class ContractResource(RegistryResource):
    company_column = "company"

    company = Column(
        "company", _("Company code"), widget=CodeWidget(Company), required=True
    )
    number = text("number", _("Contract number"), required=True)
    title = text("title", _("Title"))
    period_start = Column(
        "period_start", _("Period start"), widget=DateWidget(), required=True
    )
    period_end = Column(
        "period_end", _("Period end"), widget=DateWidget(), required=True
    )
    headcount = Column(
        "headcount", _("Contracted headcount"), widget=NumberWidget(), required=True
    )
    regions = Column("regions", _("Region codes"), widget=CodesWidget(Region))

    class Meta(RegistryResource.Meta):
        model = Contract
        fields = (
            "company",
            "number",
            "title",
            "period_start",
            "period_end",
            "headcount",
            "regions",
        )
        import_id_fields = ("company", "number")


NOT_ON_ROSTER = _(
    "“%(value)s” is not on your roster: people join or leave through a "
    "staff-change request, not an import."
)
ROSTER_COLUMN = _(
    "%(column)s changes only through a staff-change request; an import may "
    "update phone, qualifications and certificate expiry."
)


LEFT_BEFORE_JOINED = next(
    constraint
    for constraint in StaffMember._meta.constraints
    if constraint.name == "staff_left_after_joined"
)


class StaffResource(RegistryResource):
    """Staff rows; a contractor's import only updates its existing people.

    Who is on the roster (and so the headcount and the staff-change cap) moves
    only through the staff-change approval: with ``company`` set, a new staff
    number is refused, and so is any change outside ``CONTRACTOR_COLUMNS``.
    The carrier (``company`` unset) may import every column and new people.
    """

    company_column = "company"
    CONTRACTOR_COLUMNS = (
        "company",
        "employee_no",
        "phone",
        "qualifications",
        "certificate_expiry",
    )

    company = Column(
        "company", _("Company code"), widget=CodeWidget(Company), required=True
    )
    employee_no = text("employee_no", _("Staff number"), required=True)
    name = text("name", _("Full name"), required=True)
    phone = text("phone", _("Phone"))
    position = Column(
        "position", _("Position"), widget=ChoiceWidget(StaffMember.Position.choices)
    )
    status = Column(
        "status", _("Status"), widget=ChoiceWidget(StaffMember.Status.choices)
    )
    qualifications = text("qualifications", _("Qualifications"))
    certificate_expiry = Column(
        "certificate_expiry", _("Certificate expiry"), widget=DateWidget()
    )
    joined_on = Column("joined_on", _("Joined on"), widget=DateWidget(), required=True)
    left_on = Column("left_on", _("Left on"), widget=DateWidget())
    contract = Column(
        "contract", _("Contract number"), widget=ContractWidget("company")
    )

    class Meta(RegistryResource.Meta):
        # Rows are validated one by one (each error stays its row's), then
        # written a thousand at a time: a roster has no many-to-many column, no
        # save() of its own and no save signal to miss.
        use_bulk = True
        batch_size = 1000
        model = StaffMember
        fields = (
            "company",
            "employee_no",
            "name",
            "phone",
            "position",
            "status",
            "qualifications",
            "certificate_expiry",
            "joined_on",
            "left_on",
            "contract",
        )
        import_id_fields = ("company", "employee_no")

    def get_queryset(self):
        return StaffMember.objects.select_related("company", "contract")

    # A preview's batches are validated row by row, not written: every check
    # the database would make of them is made per row first (see
    # ``validate_instance``), and inserting to roll back was a third of the
    # preview. The confirmation writes them in its one transaction; should the
    # database still refuse a batch there, nothing is written and the report
    # says so.

    def bulk_create(self, using_transactions, dry_run, raise_errors, **kwargs):
        if dry_run:
            self.create_instances.clear()
            return
        super().bulk_create(using_transactions, dry_run, raise_errors, **kwargs)

    def bulk_update(self, using_transactions, dry_run, raise_errors, **kwargs):
        if dry_run:
            self.update_instances.clear()
            return
        super().bulk_update(using_transactions, dry_run, raise_errors, **kwargs)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """The model's own checks without a query per row.

        Company and contract came from the file's codes, read from the database
        once (so they exist); the unique staff number is the loader's and
        ``before_import_row``'s business; the one check constraint is
        evaluated here with its own message. The database still enforces all
        of them: a row that slips through fails the transaction, not silently.
        """
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude={*errors, "company", "contract", "user"},
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        left, joined = instance.left_on, instance.joined_on
        if left and joined and left < joined and "left_on" not in errors:
            errors["left_on"] = [LEFT_BEFORE_JOINED.get_violation_error_message()]
        if errors:
            raise ValidationError(errors)

    def required_columns(self) -> list:
        if self.company is None:
            return super().required_columns()
        return [self.fields["employee_no"]]

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if new and self.company is not None:
            number = row.get(self.fields["employee_no"].column_name)
            raise ValidationError(
                {"employee_no": NOT_ON_ROSTER % {"value": number or ""}}
            )

    def import_instance(self, instance, row, **kwargs):
        if self.company is None:
            return super().import_instance(instance, row, **kwargs)
        locked = [
            column
            for column in self.columns()
            if column.column_name not in self.CONTRACTOR_COLUMNS
        ]
        before = {
            column.attribute: getattr(instance, column.attribute) for column in locked
        }
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for column in locked:
            if column.attribute in errors:
                continue
            if getattr(instance, column.attribute) != before[column.attribute]:
                errors[column.attribute] = [ROSTER_COLUMN % {"column": column.label}]
        if errors:
            raise ValidationError(errors)
