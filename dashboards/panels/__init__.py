"""The built-in panels; each module registers one or two (``registry.py``).

The merger adds ``obligations`` and ``assessment`` here once those apps exist.
"""

from . import cap, inspection, requests, sla, training, trend  # noqa: F401
