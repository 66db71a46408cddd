"""Import and export resources of the registry, by the kind a URL names."""

from .registry import ContractResource, RegionResource, SiteResource, StaffResource

RESOURCES = {
    "staff": StaffResource,
    "sites": SiteResource,
    "contracts": ContractResource,
    "regions": RegionResource,
}

__all__ = [
    "RESOURCES",
    "ContractResource",
    "RegionResource",
    "SiteResource",
    "StaffResource",
]
