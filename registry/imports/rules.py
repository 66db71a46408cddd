"""Who may import or export which kind of master data, and for which company."""

from django.utils.translation import gettext_lazy as _

from ..roles import is_carrier
from ..selectors import company_of

KINDS = ("staff", "sites", "contracts", "regions")
EXPORT_KINDS = ("staff", "sites", "contracts")
NOT_ALLOWED = _("You may not import this kind of data.")


def import_allowed(*, user, kind: str) -> bool:
    """The permission of ``kind`` and, outside the carrier, a company to import for.

    Contractors import their own company's staff only, whatever else they hold.
    """
    if kind not in KINDS or not user.has_perm(f"registry.import_{kind}"):
        return False
    if is_carrier(user):
        return True
    return kind == "staff" and company_of(user) is not None


def export_allowed(*, user, kind: str) -> bool:
    return kind in EXPORT_KINDS and user.has_perm(f"registry.export_{kind}")


def import_company_for(user):
    """The one company an import by ``user`` may touch; ``None``: any (carrier)."""
    return None if is_carrier(user) else company_of(user)


def import_kinds_for(user) -> list[str]:
    return [kind for kind in KINDS if import_allowed(user=user, kind=kind)]
