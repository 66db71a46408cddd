import pytest
from django.apps import apps

from home.rules.seed import seed_rules


@pytest.fixture
def rules_after_flush(db):
    """Transactional tests flush the seeded rules and groups: make them again."""
    from portal.roles import apply_role_permissions

    apply_role_permissions(apps)
    seed_rules(apps)
