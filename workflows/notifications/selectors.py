"""Reads of the notification layer; every one scoped to the user asking."""

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db.models import Count, QuerySet

from registry.facts import ALIAS, everyone_version
from registry.models import Membership
from registry.roles import CARRIER_ROLES

from .models import Notification, Preference, Webhook
from .rules import may_hear

# The header's count is kept in the shell's cache (``registry.facts``), under
# everyone's facts version: the services that change it store the new count
# after their commit.
UNREAD_CACHE = ALIAS
UNREAD_SECONDS = 600  # a bound on staleness should a write bypass the services


def unread_key(user_id: int, version: str | None = None) -> str:
    """The cache key of a user's count; ``version``: everyone's, if read already."""
    return f"n{version or everyone_version()}:{user_id}"


def unread_count(user) -> int:
    """The header's badge: from the cache, else one query."""
    if not user.is_authenticated:
        return 0
    cache = caches[UNREAD_CACHE]
    count = cache.get(unread_key(user.pk))
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        # ``add``: a count stored by a commit meanwhile is newer than this one.
        cache.add(unread_key(user.pk), count, UNREAD_SECONDS)
    return count


def unread_counts(user_ids) -> dict[int, int]:
    rows = (
        Notification.objects.filter(user_id__in=user_ids, read_at__isnull=True)
        .values("user_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(user_ids, 0)
    counts.update({row["user_id"]: row["n"] for row in rows})
    return counts


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("notice")


def email_choices(user) -> dict[str, bool]:
    """The user's own choices by event (events not chosen take the default)."""
    rows = Preference.objects.filter(user=user).values_list("event", "email")
    return dict(rows)


class Audience:
    """What decides who of some users may hear a notice: their company, their
    carrier role, their groups, their language and mail choices (a few queries
    for any number of users)."""

    def __init__(self, user_ids):
        User = get_user_model()
        users = User.objects.filter(pk__in=set(user_ids), is_active=True)
        self.users = {
            user.pk: user for user in users.select_related("wagtail_userprofile")
        }
        ids = list(self.users)
        self.company = dict(
            Membership.objects.filter(user_id__in=ids).values_list(
                "user_id", "company_id"
            )
        )
        self.groups: dict[int, set[int]] = {pk: set() for pk in ids}
        self.carrier = {pk for pk, user in self.users.items() if user.is_superuser}
        memberships = User.groups.through.objects.filter(user_id__in=ids)
        for user_id, group_id, name in memberships.values_list(
            "user_id", "group_id", "group__name"
        ):
            self.groups[user_id].add(group_id)
            if name in CARRIER_ROLES:
                self.carrier.add(user_id)

    def allowed(self, company_id) -> list[int]:
        """The users who may hear a notice about ``company_id``'s data."""
        return [
            pk
            for pk in self.users
            if may_hear(
                user_company_id=self.company.get(pk),
                is_carrier=pk in self.carrier,
                company_id=company_id,
            )
        ]

    def language(self, pk: int) -> str:
        profile = getattr(self.users[pk], "wagtail_userprofile", None)
        language = getattr(profile, "preferred_language", "") or ""
        return language if language in ("zh-hans", "en") else "zh-hans"

    def hears(self, webhook: Webhook, user_ids) -> bool:
        """A webhook hears a notice when a recipient is one of its members."""
        return any(
            webhook.group_id in self.groups.get(pk, ())
            and self.company.get(pk) == webhook.company_id
            for pk in user_ids
        )


def email_choices_of(user_ids, event: str) -> dict[int, bool]:
    rows = Preference.objects.filter(user_id__in=user_ids, event=event)
    return dict(rows.values_list("user_id", "email"))


def webhooks_for(event: str) -> list[Webhook]:
    """Enabled webhooks that post ``event`` (few: filtered here, on any database)."""
    return [
        hook for hook in Webhook.objects.filter(enabled=True) if event in hook.events
    ]


# Recipients, for producers -------------------------------------------------


def group_member_ids(*, group_id: int, company_id: int | None = None) -> list[int]:
    """Active members of a group; with ``company_id``, that company's only."""
    users = get_user_model().objects.filter(groups=group_id, is_active=True)
    if company_id is not None:
        users = users.filter(membership__company_id=company_id)
    return list(users.values_list("pk", flat=True))


def role_member_ids(role: str) -> list[int]:
    users = get_user_model().objects.filter(groups__name=role, is_active=True)
    return list(users.values_list("pk", flat=True))
