"""The ledgers in the Wagtail admin, for the carrier's admins, scoped like the
registry's snippets (another company's row is a 404)."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from registry.wagtail_hooks import ScopedPermissionPolicy, ScopedSnippetViewSet

from . import access
from .models import Asset, Key, KeyLoan, Part, PartMove


class PartViewSet(ScopedSnippetViewSet):
    model = Part
    icon = "cogs"
    selector = staticmethod(access.parts_for_user)
    list_display = [
        "part_number",
        "serial",
        "kind",
        "holder",
        "state",
        "repair_due",
        "late",
    ]
    list_filter = ["state", "kind", "holder", "late"]
    search_fields = ["part_number", "serial", "store"]


class PartMoveViewSet(ScopedSnippetViewSet):
    model = PartMove
    icon = "list-ul"
    selector = staticmethod(
        lambda user: PartMove.objects.filter(part__in=access.parts_for_user(user))
    )
    list_display = ["part", "at", "from_state", "to_state", "by", "late"]
    list_filter = ["to_state", "late"]


class KeyViewSet(ScopedSnippetViewSet):
    model = Key
    icon = "key"
    selector = staticmethod(access.keys_for_user)
    list_display = ["code", "label", "kind", "site", "holder"]
    list_filter = ["kind", "holder"]
    search_fields = ["code", "label"]


class KeyLoanViewSet(ScopedSnippetViewSet):
    model = KeyLoan
    icon = "list-ul"
    selector = staticmethod(access.loans_for_user)
    list_display = ["key", "person", "out_at", "due_back", "returned_at"]


class AssetViewSet(ScopedSnippetViewSet):
    model = Asset
    icon = "tag"
    selector = staticmethod(access.assets_for_user)
    list_display = ["tag", "name", "site", "agreed_on", "removed"]
    list_filter = ["removed"]
    search_fields = ["tag", "name"]


VIEWSETS = (PartViewSet, PartMoveViewSet, KeyViewSet, KeyLoanViewSet, AssetViewSet)

for scoped in VIEWSETS:
    register_permission_policy(
        scoped.model, ScopedPermissionPolicy(scoped.model, scoped.selector)
    )


class LedgerViewSetGroup(SnippetViewSetGroup):
    items = VIEWSETS
    menu_icon = "folder-inverse"
    menu_label = _("Ledgers")
    menu_name = "ledgers"


register_snippet(LedgerViewSetGroup)
