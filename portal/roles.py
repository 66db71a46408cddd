"""Which permissions each role's group holds; applied on migrate.

Model permissions are ``app_label.codename``. Contractor roles never get
``wagtailadmin.access_admin``: the CMS is the carrier's; contractors work in
the portal pages, which scope every row to their company.
"""

from registry.roles import Role

REGISTRY_MODELS = (
    "company",
    "contract",
    "region",
    "site",
    "staffmember",
    "membership",
    "calendarday",
    "calendaryear",
)
VIEW_REGISTRY = tuple(
    f"registry.view_{model}"
    for model in ("company", "contract", "region", "site", "staffmember")
)
MANAGE_REGISTRY = tuple(
    f"registry.{action}_{model}"
    for model in REGISTRY_MODELS
    for action in ("add", "change", "delete", "view")
)
# The ledgers (ledgers app): the carrier's admins edit them in the CMS.
MANAGE_LEDGERS = tuple(
    f"ledgers.{action}_{model}"
    for model in ("part", "partmove", "key", "keyloan", "asset", "assetevent")
    for action in ("add", "change", "delete", "view")
)
# Import and export of master data (registry/imports): the carrier's admins
# import every kind, a contractor's manager their own company's staff.
IMPORT_REGISTRY = tuple(
    f"registry.import_{kind}" for kind in ("staff", "sites", "contracts", "regions")
)
EXPORT_REGISTRY = tuple(
    f"registry.export_{kind}" for kind in ("staff", "sites", "contracts")
)
USERS_AND_TOKENS = (
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "wagtailcore.add_apitoken",
    "wagtailcore.change_apitoken",
    "wagtailcore.delete_apitoken",
    "wagtailcore.view_apitoken",
    # Unlocking a throttled login (Settings → Locked-out logins).
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
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
    Role.CARRIER_ADMIN: CMS_EDITING
    + MANAGE_REGISTRY
    + MANAGE_LEDGERS
    + USERS_AND_TOKENS
    + IMPORT_REGISTRY
    + EXPORT_REGISTRY,
    Role.MAINTENANCE_MANAGER: ("wagtailadmin.access_admin",)
    + VIEW_REGISTRY
    + EXPORT_REGISTRY,
    Role.DEPARTMENT_HEAD: ("wagtailadmin.access_admin",)
    + VIEW_REGISTRY
    + EXPORT_REGISTRY,
    Role.INSTITUTE_REVIEWER: VIEW_REGISTRY,
    Role.PROVINCIAL_APPROVER: VIEW_REGISTRY,
    Role.MONITORING_CENTRE: VIEW_REGISTRY,
    Role.CONTRACTOR_MANAGER: (
        "staff_change.add_staffchange",
        "leave.add_leave",
        "temp_lead.add_templead",
        "upgrade.add_softwareupgrade",
        "site_access.add_sitevisit",
        "position.add_positionchange",
        "inspection.add_inspectionplan",
        "inspection.add_execution",
        "obligations.add_obligationreport",
        "registry.view_contract",
        "registry.view_site",
        "registry.view_staffmember",
        "registry.import_staff",
        *EXPORT_REGISTRY,
    ),
    Role.CONTRACTOR_ENGINEER: (
        "leave.add_leave",
        "site_access.add_sitevisit",
        "inspection.add_execution",
        "registry.view_site",
        "registry.view_staffmember",
    ),
    Role.TRAINEE: (),
}

# Wagtail page permissions on the site's home page and below.
ROLE_PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.CARRIER_ADMIN: ("add_page", "change_page", "publish_page", "lock_page"),
}


def apply_role_permissions(apps) -> None:
    """Create every role's group and grant it its baseline permissions.

    Additive and idempotent: a permission an admin granted in the CMS stays, a
    baseline one that was removed comes back. Runs in the roles migration and
    after every ``migrate`` (see ``PortalConfig.ready``), so permissions of models
    added later reach their roles; a permission not created yet is skipped.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(Permission, names))
    _apply_page_permissions(apps, Group, Permission)


def _permissions(Permission, names):
    wanted = {tuple(name.split(".")) for name in names}
    rows = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={code for _, code in wanted},
    ).select_related("content_type")
    return [p for p in rows if (p.content_type.app_label, p.codename) in wanted]


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
