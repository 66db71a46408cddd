"""Who may act at a human step: a permission string resolved at check time.

Each human node of a flow carries a step permission ``workflows.step:<key>``.
Whether a user holds it is decided here, from the group chosen in the CMS
rules (read at the moment of the check) and, for company steps, from the
user's company. The queue reads the same registry to list claimable tasks.

A step registered with ``role=`` takes its group from the CMS table "who takes
each step" (``rules.step_groups``, one row per step); the role's group is used
only when the published table has no row for the step (a revision from before
the step existed). A step with its own CMS field passes ``group_id=``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from home.rules import current_rules
from registry.facts import user_fact
from registry.memo import per_user
from registry.selectors import company_of

PREFIX = "workflows.step:"


@dataclass(frozen=True)
class Step:
    key: str
    group_id: Callable[[object], int]  # rules snapshot -> auth group id
    company_scoped: bool = False
    # (task, rules snapshot) -> when an open task of this step is due, or None
    # (workflows.deadlines.after_obligation builds one from a CMS time limit).
    due: Callable[[object, object], object] | None = None
    # The role group taken when the CMS step table lacks the step (or None:
    # the step's group is a field of its own in the CMS rules).
    role: str | None = None

    @property
    def permission(self) -> str:
        return PREFIX + self.key


_STEPS: dict[str, Step] = {}


def register_step(
    key: str, *, group_id=None, role=None, company_scoped: bool = False, due=None
) -> Step:
    """Declare a step; its group comes from the rules snapshot.

    Either ``role``: the group of the step's row in the CMS step table, or
    this role's group when that row is missing; or ``group_id``, a callable
    picking the group from a rules snapshot (a step with a CMS field of its
    own). ``due(task, rules)`` gives the time an open task of the step is due
    (``workflows.deadlines``); a step without one has no deadline.
    """
    if (group_id is None) == (role is None):
        raise TypeError("register_step needs either group_id or role")
    if role is not None:
        group_id = step_group_id(key, role)
    step = Step(key, group_id, company_scoped, due, role)
    _STEPS[key] = step
    return step


def registered_steps() -> tuple[Step, ...]:
    return tuple(_STEPS.values())


def step_for(permission: str) -> Step | None:
    if not permission or not permission.startswith(PREFIX):
        return None
    return _STEPS.get(permission[len(PREFIX) :])


def request_company(process):
    """The company of a request: ``.Permission(..., obj=request_company)``.

    viewflow hands the flow's own process to ``obj`` when it creates a task,
    but a plain ``Process`` row when it checks ``can_assign``.
    """
    if not hasattr(process, "company_id"):
        process = process.coerced
    return process.company


def group_ids_of(user) -> frozenset[int]:
    """The ids of the user's Django groups (cached: ``registry.facts``)."""
    ids = user.groups.values_list("pk", flat=True)
    return user_fact(user, "group_ids", lambda: frozenset(ids))


def role_group_id(name: str) -> Callable[[object], int]:
    """A ``group_id`` callable for a fixed role group.

    Role groups are made by a migration and keep their names; their ids are
    read once per rules snapshot (which every publish replaces), not on each
    permission check.
    """

    def resolve(rules) -> int:
        from django.contrib.auth.models import Group

        known = vars(rules).setdefault("_role_group_ids", {})
        if name not in known:
            known[name] = Group.objects.only("pk").get(name=name).pk
        return known[name]

    return resolve


def step_group_id(key: str, role: str) -> Callable[[object], int]:
    """A ``group_id`` callable: the group of ``key``'s row in the CMS step
    table (``rules.step_groups``), or ``role``'s group when the published table
    has no row for it. Both are read from the snapshot: no query per check."""
    fallback = role_group_id(role)

    def resolve(rules) -> int:
        group = rules.step_groups.groups.get(key)
        return group.id if group is not None else fallback(rules)

    return resolve


def user_holds(user, step: Step, company=None) -> bool:
    """True when ``user`` is in the step's group (and, if scoped, its company)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if step.group_id(current_rules()) not in group_ids_of(user):
        return False
    if not step.company_scoped:
        return True
    own = company_of(user)
    return own is not None and company is not None and own.pk == company.pk


def held_steps(user) -> list[tuple[str, int | None]]:
    """(permission, company id or None) of every step ``user`` may take.

    Which steps their groups hold is cached with the user's facts
    (``registry.facts``), which a rule publication forgets (``home.facts``): a
    queue page filters and counts by it several times, every page's badge too.
    The account's state and company are read fresh (a bulk update sends no
    signal).
    """
    if not user.is_active:
        return []

    def held() -> list[tuple[str, int | None]]:
        keys = user_fact(user, "held_step_keys", lambda: _held_step_keys(user))
        company = company_of(user) if any(scoped for _, scoped in keys) else None
        return [
            (permission, company.pk if scoped else None)
            for permission, scoped in keys
            if company is not None or not scoped
        ]

    return per_user(user, "held_steps", held)


def _held_step_keys(user) -> list[tuple[str, bool]]:
    """(permission, company-scoped) of the steps the user's groups hold."""
    rules = current_rules()
    return [
        (step.permission, step.company_scoped)
        for step in _STEPS.values()
        if step.group_id(rules) in group_ids_of(user)
    ]


class StepPermissionBackend:
    """Answers ``user.has_perm("workflows.step:<key>", obj)`` from the rules."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        step = step_for(perm)
        if step is None:
            return False
        if step.company_scoped and obj is None:
            return False
        return user_holds(user_obj, step, obj)
