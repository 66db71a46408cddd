"""Rights × actions through the API: each side action is taken by its one role,
refused (403, or 409 on another person's step) to everyone else who sees the
ticket, and a 404 to another company, with nothing written."""

import pytest

from ..api_clients import API, bearer, post_json

pytestmark = pytest.mark.django_db
FAULTS = f"{API}/faults"
BODIES = {
    "redispatch": lambda c: {"company_id": c.pk, "reason": "转派"},
    "chase": lambda c: {"text": "请回复进展"},
    "suspend": lambda c: {"reason": "等待业主"},
    "suspend-decision": lambda c: {"decision": "approved"},
    "resume": lambda c: {},
}
ALLOWED = {
    "redispatch": "noc",
    "chase": "noc",
    "suspend": "engineer_a",
    "suspend-decision": "carrier_admin",
    "resume": "engineer_a",
}
# The steps done before the action, by whom.
BEFORE = {
    "suspend-decision": ["suspend"],
    "resume": ["suspend", "suspend-decision"],
}
PEOPLE = ("noc", "engineer_a", "engineer_b", "manager_a", "carrier_admin")


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_action_is_its_roles_only(request, dispatch, company_a, action, who):
    people = {name: request.getfixturevalue(name) for name in PEOPLE}
    ticket = dispatch(level=3)
    url = f"{FAULTS}/{ticket.pk}"
    engineer = bearer(people["engineer_a"])
    assert engineer.post(f"{url}/accept").status_code == 200
    assert post_json(engineer, f"{url}/arrive", {}).status_code == 200  # on site
    for step in BEFORE.get(action, []):
        done = post_json(
            bearer(people[ALLOWED[step]]), f"{url}/{step}", BODIES[step](company_a)
        )
        assert done.status_code == 200, done.content
    written = ticket.transitions.count()
    answer = post_json(
        bearer(people[who]), f"{url}/{action}", BODIES[action](company_a)
    )
    if who == ALLOWED[action]:
        assert answer.status_code == 200, answer.content
        assert ticket.transitions.count() > written
    else:
        expected = {404} if who == "engineer_b" else {403, 409}
        assert answer.status_code in expected, (who, action, answer.content)
        assert ticket.transitions.count() == written
