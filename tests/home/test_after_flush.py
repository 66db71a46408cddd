"""A flushed database (transactional tests) gets its rules and admin rights back."""

import pytest
from django.core.management import call_command

from home.permissions import CODENAMES
from home.rules import current_rules
from tests.factories import role_group


@pytest.mark.django_db(transaction=True)
def test_rules_and_carrier_admin_rights_return_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert current_rules().staff_change.review_group.name == "maintenance_manager"
    granted = set(
        role_group("carrier_admin")
        .permissions.filter(content_type__app_label="home")
        .values_list("codename", flat=True)
    )
    assert granted >= set(CODENAMES)
