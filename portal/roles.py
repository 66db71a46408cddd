"""Which permissions each role's group holds; applied by a data migration.

Model permissions are ``app_label.codename``. Contractor roles never get
``wagtailadmin.access_admin``: the CMS is the carrier's; contractors work in
the portal pages, which scope every row to their company.
"""

from registry.roles import Role

REGISTRY_MODELS = ("company", "contract", "region", "site", "staffmember", "membership")
VIEW_REGISTRY = tuple(
    f"registry.view_{model}"
    for model in ("company", "contract", "region", "site", "staffmember")
)
MANAGE_REGISTRY = tuple(
    f"registry.{action}_{model}"
    for model in REGISTRY_MODELS
    for action in ("add", "change", "delete", "view")
)
CMS_EDITING = (
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.CARRIER_ADMIN: CMS_EDITING + MANAGE_REGISTRY,
    Role.MAINTENANCE_MANAGER: ("wagtailadmin.access_admin",) + VIEW_REGISTRY,
    Role.DEPARTMENT_HEAD: ("wagtailadmin.access_admin",) + VIEW_REGISTRY,
    Role.INSTITUTE_REVIEWER: VIEW_REGISTRY,
    Role.PROVINCIAL_APPROVER: VIEW_REGISTRY,
    Role.MONITORING_CENTRE: VIEW_REGISTRY,
    Role.CONTRACTOR_MANAGER: (
        "registry.view_contract",
        "registry.view_site",
        "registry.view_staffmember",
    ),
    Role.CONTRACTOR_ENGINEER: ("registry.view_site", "registry.view_staffmember"),
    Role.TRAINEE: (),
}

# Wagtail page permissions on the site's home page and below.
ROLE_PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.CARRIER_ADMIN: ("add_page", "change_page", "publish_page", "lock_page"),
}


def apply_role_permissions(apps) -> None:
    """Create every role's group and give it exactly its permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            wanted.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)
    _apply_page_permissions(apps, Group, Permission)


def _apply_page_permissions(apps, Group, Permission) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    for role, codenames in ROLE_PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=permission
            )
