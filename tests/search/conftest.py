from tests.policy_fixtures import (  # noqa: F401
    approver,
    editor,
    login,
    make_member,
    make_policy,
    policy_index,
    reader,
)
