"""The built-in panels; each module registers one or two (``registry.py``)."""

from . import (  # noqa: F401
    cap,
    inspection,
    obligations,
    requests,
    scores,
    sla,
    training,
    trend,
)
