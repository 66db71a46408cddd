"""ECharts option builders shared by the panels: plain dicts, JSON as they are.

Every chart has a title-less grid (the panel's heading names it), a tooltip, a
legend, and axes that fit a 390 px phone (labels wrap or rotate).
"""

from django.utils.translation import gettext as _

# The portal's palette (portal.css): the first colours are told apart by
# people with the common colour-vision deficiencies.
PALETTE = ["#1f6feb", "#d97706", "#15803d", "#b91c1c", "#7c3aed", "#0e7490"]


def _base(categories: list[str], *, rotate: bool) -> dict:
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis", "confine": True},
        "legend": {"type": "scroll", "top": 0},
        "grid": {"left": 8, "right": 8, "top": 36, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": categories,
            "axisLabel": {"rotate": 30 if rotate else 0, "hideOverlap": True},
        },
        "yAxis": [{"type": "value", "minInterval": 1}],
        "aria": {"enabled": True},
    }


def series(name, values, kind="bar", **extra) -> dict:
    return {"name": str(name), "type": kind, "data": list(values), **extra}


def category_chart(categories: list[str], lines: list[dict], *, percent=False):
    """Bars or lines over ``categories``; ``percent`` adds a 0–100 % axis that
    the series with ``yAxisIndex: 1`` use."""
    option = _base(categories, rotate=len(categories) > 4)
    if percent:
        option["yAxis"].append(
            {
                "type": "value",
                "min": 0,
                "max": 100,
                "axisLabel": {"formatter": "{value}%"},
            }
        )
    option["series"] = lines
    return option


def empty_chart() -> dict:
    """What a panel without rows draws: a note instead of empty axes."""
    return {
        "title": {
            "text": _("No data in this period"),
            "left": "center",
            "top": "middle",
            "textStyle": {"fontSize": 14, "fontWeight": "normal"},
        },
        "aria": {"enabled": True},
    }
