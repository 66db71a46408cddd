"""Wagtail's default groups lose their rights on the root page and collection.

"Editors" (policy authors) and "Moderators" come from Wagtail with add/change
(and publish) on the root page and document/image rights on the root
collection: the request forms and the request-attachment collection sit below
them. They keep what the job needs: Editors author under the policy index
(``home.0007``) and, with carrier admins, upload into their own "Content"
collection. Request answers and attachments are further kept from everyone but
superusers in the admin (``home/request_admin.py``).
"""

from django.db import migrations

DEFAULT_GROUPS = ("Editors", "Moderators")
CONTENT_COLLECTION = "政策与培训 Content"
CONTENT_GROUPS = ("Editors", "carrier_admin")
CONTENT_PERMISSIONS = tuple(
    (app, f"{action}_{model}")
    for app, model in (("wagtaildocs", "document"), ("wagtailimages", "image"))
    for action in ("add", "change", "choose", "delete")
)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _base36(number):
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _content_collection(Collection):
    existing = Collection.objects.filter(name=CONTENT_COLLECTION).first()
    if existing is not None:
        return existing
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    last = (
        Collection.objects.filter(depth=2, path__startswith=root.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = int(last[-STEPLEN:], 36) + 1 if last else 1
    collection = Collection.objects.create(
        name=CONTENT_COLLECTION,
        path=root.path + _base36(step),
        depth=2,
        numchild=0,
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    return collection


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    GroupPagePermission.objects.filter(
        group__name__in=DEFAULT_GROUPS, page__depth=1
    ).delete()
    GroupCollectionPermission.objects.filter(
        group__name__in=DEFAULT_GROUPS, collection__depth=1
    ).delete()
    collection = _content_collection(Collection)
    if collection is None:
        return
    wanted = set(CONTENT_PERMISSIONS)
    permissions = [
        permission
        for permission in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={code for _, code in wanted},
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    for group in Group.objects.filter(name__in=CONTENT_GROUPS):
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_roles"),
        ("home", "0009_request_submission_form_token"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
