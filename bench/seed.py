"""Seed a benchmark database: one user in a role group with a live session.

Run by the harness in a subprocess against the fresh database::

    python -m bench.seed --role carrier_admin --path / --path /bench/bare/

It prints JSON: the username, the ``sessionid`` cookie value and the number of
queries each path takes, anonymous and logged in (measured after one warm-up).
"""

import argparse
import json
import sys

import django


def _query_count(client, path: str) -> int:
    """Queries ``path`` takes on its second request through ``client``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def seed(*, role: str, paths: list[str]) -> dict[str, object]:
    """Create the user and session, and count each path's queries."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user = get_user_model().objects.create_user(
        username="bench-carrier-admin", password=None
    )
    user.groups.add(Group.objects.get(name=role))
    anonymous, logged_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    logged_in.force_login(user)
    return {
        "username": user.get_username(),
        "sessionid": logged_in.cookies["sessionid"].value,
        "queries": {
            "anonymous": {path: _query_count(anonymous, path) for path in paths},
            "logged_in": {path: _query_count(logged_in, path) for path in paths},
        },
    }


def main() -> None:
    """Parse the command line, seed, and write the JSON to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", required=True)
    parser.add_argument("--path", action="append", default=[])
    args = parser.parse_args()
    django.setup()
    json.dump(seed(role=args.role, paths=args.path), sys.stdout)


if __name__ == "__main__":
    main()
