"""Who may view which page: Wagtail's view restrictions, applied to listings.

Wagtail checks a page's restrictions when it serves the page; listings and
search results must apply the same rules themselves, or they leak titles.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction, ReferenceIndex


def login_restriction_sync(page, *, user=None) -> None:
    """Give ``page`` a "logged-in users" restriction exactly when it asks for one.

    The box is the source of truth for LOGIN restrictions on policy pages: one
    set in Wagtail's privacy dialog is removed on the next publish while the box
    is clear. Stricter restrictions set there (groups, password) stay.
    """
    restrictions = PageViewRestriction.objects.filter(page=page)
    if page.login_required:
        if not restrictions.exists():
            restriction = PageViewRestriction(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
            restriction.save(user=user)
        return
    for restriction in restrictions.filter(restriction_type=PageViewRestriction.LOGIN):
        restriction.delete(user=user)


def blocked_paths_for(user) -> list[str]:
    """Tree paths of the private sections ``user`` may not view (one query).

    Password restrictions count as blocked: a listing has no session in which
    the password was entered, and the page itself still asks for it.
    """
    blocked = PageViewRestriction.objects.all()
    if user.is_authenticated:
        blocked = blocked.exclude(restriction_type=PageViewRestriction.LOGIN)
        passed_groups = PageViewRestriction.objects.filter(
            restriction_type=PageViewRestriction.GROUPS
        )
        if not user.is_superuser:
            passed_groups = passed_groups.filter(groups__user=user)
        blocked = blocked.exclude(pk__in=passed_groups.values("pk"))
    return list(blocked.values_list("page__path", flat=True))


def pages_visible_to(user, pages: QuerySet) -> QuerySet:
    """Live pages of ``pages`` outside every private section ``user`` may not view."""
    pages = pages.live()
    blocked = blocked_paths_for(user)
    if not blocked:
        return pages
    return pages.exclude(reduce(or_, (Q(path__startswith=path) for path in blocked)))


def document_restrictions_for(document) -> list[PageViewRestriction]:
    """View restrictions of the pages that link ``document`` (their own or an
    ancestor's), found through Wagtail's reference index (three queries).

    Wagtail checks a document's collection, never the pages that link it: a
    document in a logged-in-only policy would be public without this.
    """
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(document).filter(
        base_content_type=page_type
    )
    ids = [int(pk) for pk in page_ids.values_list("object_id", flat=True)]
    if not ids:
        return []
    paths = Page.objects.filter(pk__in=ids).values_list("path", flat=True)
    step = Page.steplen
    sections = {p[:end] for p in paths for end in range(step, len(p) + 1, step)}
    return list(PageViewRestriction.objects.filter(page__path__in=sections))
