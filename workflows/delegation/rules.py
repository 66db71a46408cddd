"""Pure decisions on substitutes, reassignment and snoozes (no queries).

Substitute (代理人): the substitute must hold every step for which the absent
person has open tasks now (assigned to them or offered to them); with no open
task, at least one of the absent person's steps. While the range runs the
queue re-checks each task against the substitute's own steps, so a task of a
step the substitute does not hold stays with the absent person only.
"""

from datetime import date, datetime

from registry.roles import Role


def substitution_active(start: date, end: date, today: date) -> bool:
    return start <= today <= end


def may_name_substitute(*, actor_pk: int, absent_pk: int, actor_roles) -> bool:
    """Anyone for themselves; a carrier admin for anybody."""
    return actor_pk == absent_pk or Role.CARRIER_ADMIN in actor_roles


def steps_missing(*, required: set, absent_held: set, substitute_held: set) -> set:
    """The (permission, company) steps the substitute lacks; empty: acceptable.

    ``required``: the steps of the absent person's open tasks. With none, the
    substitute must share at least one step with them (the whole set is
    returned as missing when they share none).
    """
    if required:
        return required - substitute_held
    if absent_held and not (absent_held & substitute_held):
        return set(absent_held)
    return set()


def may_reassign(
    *, actor_roles, actor_company_id, request_company_id, company_scoped: bool
) -> bool:
    """The holder's lead: a carrier admin for any step, the contractor manager
    of the request's company for a company step."""
    if Role.CARRIER_ADMIN in actor_roles:
        return True
    return (
        company_scoped
        and Role.CONTRACTOR_MANAGER in actor_roles
        and actor_company_id is not None
        and actor_company_id == request_company_id
    )


def snooze_until_valid(until: datetime, now: datetime) -> bool:
    return until > now
