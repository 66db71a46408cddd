"""The resources of the registry's models: regions, sites, contracts, staff.

Columns are explicit allow-lists; each model is keyed by its natural key, so a
re-import updates rows instead of adding them.
"""

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


class StaffResource(RegistryResource):
    company_column = "company"

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
