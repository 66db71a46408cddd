"""Who opens the dashboards: the carrier, and a contractor company's managers
(their own company only). Read from the memoised roles (no query per page)."""

from registry.roles import Role, is_carrier, roles_of
from registry.selectors import company_of


def may_see_dashboards(user) -> bool:
    if is_carrier(user):
        return True
    return Role.CONTRACTOR_MANAGER in roles_of(user) and company_of(user) is not None
