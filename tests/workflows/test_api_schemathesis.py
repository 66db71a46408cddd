"""Schemathesis against the API's own schema: no 500, every answer as declared.

Each operation gets a bounded, derandomised number of generated requests
(``EXAMPLES``), each sent with a contractor manager's token and with a
carrier's, over WSGI in-process (the test database, no server).
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import APIToken

from registry.roles import Role

from ..factories import StaffMemberFactory

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The coverage phase adds some hundred boundary cases per operation: the
# hostile-query walk (tests/test_hostile_queries.py) and test_api_input.py
# cover those boundaries; here the bounded fuzzing phase alone.
schema.config.phases.coverage.enabled = False
calls: list[tuple[str, int]] = []


@pytest.fixture
def keep_connection():
    """As Django's test client does: a request must not close the test database."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def tokens(keep_connection, manager_a, make_user, contract_a, company_a):
    """A contractor manager's and a carrier's token, and data to point at."""
    StaffMemberFactory.create_batch(3, company=company_a, contract=contract_a)
    carrier = make_user(Role.MAINTENANCE_MANAGER)
    return [APIToken.create_token(user=u, name="st")[1] for u in (manager_a, carrier)]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_answer_matches_the_schema(case, tokens):
    for token in tokens:
        response = case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
        )
        calls.append((case.operation.label, response.status_code))
