"""``python -m portal.serve [daphne options] portal.asgi:application``.

Daphne with its access log on or off by ``DAPHNE_ACCESS_LOG`` (default off:
the portal logs an access line with the request id itself, and the proxy
keeps its own). An explicit ``--access-log`` wins.
"""

import os
import sys

ON = ("1", "true", "yes", "on")


def daphne_args(argv: list[str], environ) -> list[str]:
    """Daphne's command line: ``argv`` plus where its access log goes."""
    if any(arg.startswith("--access-log") for arg in argv):
        return argv
    on = environ.get("DAPHNE_ACCESS_LOG", "").strip().lower() in ON
    return ["--access-log", "-" if on else os.devnull, *argv]


def main() -> None:
    from daphne.cli import CommandLineInterface

    CommandLineInterface().run(daphne_args(sys.argv[1:], os.environ))


if __name__ == "__main__":
    main()
