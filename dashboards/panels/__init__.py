"""The built-in panels; each module registers one or two (``registry.py``)."""

from . import cap, inspection, requests, scores, sla, training, trend  # noqa: F401
