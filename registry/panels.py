"""Sections that apps above the registry add to a site's or a person's page.

The registry imports nothing of ours, yet a site's page lists its open requests
and a person's page their requests. So the app that owns those rows registers a
panel here when it loads (as flows fill ``home.request_kinds``), and the page
shows every panel registered for its model, a page of rows each.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Panel:
    key: str
    model: type[Model]
    title: str
    # Renders ``rows`` (a page of them) and ``empty``.
    template: str
    # ``rows(obj, user=...)``: the rows about ``obj`` that ``user`` may see, in
    # the order shown; scoped by the owning app's own selector.
    rows: Callable[..., QuerySet]
    empty: str = ""


_PANELS: dict[str, Panel] = {}


def panel_register(panel: Panel) -> Panel:
    """Add ``panel`` (replacing one with the same key); returns it."""
    _PANELS[panel.key] = panel
    return panel


def panels_for(model: type[Model]) -> tuple[Panel, ...]:
    return tuple(panel for panel in _PANELS.values() if panel.model is model)
