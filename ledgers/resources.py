"""Import and export of the ledgers, like the registry's resources: explicit
columns with headers in either language, natural keys, neutralised cells."""

from django.utils.translation import gettext_lazy as _

from registry.models import Company, Site
from registry.resources.base import Column, RegistryResource
from registry.resources.widgets import ChoiceWidget, CodeWidget, DateWidget, TextWidget

from .models import Asset, Key, Part, PartState


def text(key, label, **kwargs):
    return Column(key, label, widget=TextWidget(), **kwargs)


class PartResource(RegistryResource):
    company_column = "holder"

    part_number = text("part_number", _("Part number"), required=True)
    serial = text("serial", _("Serial number"), required=True)
    kind = Column(
        "kind", _("Part kind"), widget=ChoiceWidget(Part.Kind.choices), required=True
    )
    holder = Column(
        "holder", _("Company code"), widget=CodeWidget(Company), required=True
    )
    site = Column("site", _("Site code"), widget=CodeWidget(Site))
    store = text("store", _("Store"))
    state = Column("state", _("Part state"), widget=ChoiceWidget(PartState.choices))

    class Meta(RegistryResource.Meta):
        model = Part
        fields = ("part_number", "serial", "kind", "holder", "site", "store", "state")
        import_id_fields = ("part_number", "serial")

    def get_queryset(self):
        return Part.objects.select_related("holder", "site")


class KeyResource(RegistryResource):
    company_column = "holder"

    code = text("code", _("Key number"), required=True)
    kind = Column("kind", _("Key kind"), widget=ChoiceWidget(Key.Kind.choices))
    label = text("label", _("Label"), required=True)
    site = Column("site", _("Site code"), widget=CodeWidget(Site), required=True)
    holder = Column(
        "holder", _("Company code"), widget=CodeWidget(Company), required=True
    )

    class Meta(RegistryResource.Meta):
        model = Key
        fields = ("code", "kind", "label", "site", "holder")
        import_id_fields = ("code",)

    def get_queryset(self):
        return Key.objects.select_related("holder", "site")


class AssetResource(RegistryResource):
    tag = text("tag", _("Asset label"), required=True)
    name = text("name", _("Description"), required=True)
    site = Column("site", _("Site code"), widget=CodeWidget(Site), required=True)
    agreed_on = Column("agreed_on", _("Agreed on"), widget=DateWidget(), required=True)

    class Meta(RegistryResource.Meta):
        model = Asset
        fields = ("tag", "name", "site", "agreed_on")
        import_id_fields = ("tag",)

    def get_queryset(self):
        return Asset.objects.select_related("site")


RESOURCES = {"parts": PartResource, "keys": KeyResource, "assets": AssetResource}
