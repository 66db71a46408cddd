"""The BPMN chart of a request, with its current step marked (viewflow's SVG)."""

from django.utils.safestring import mark_safe
from viewflow.workflow import chart


def chart_svg(flow_class, process_pk: int) -> str:
    grid = chart.calc_layout_data(flow_class)
    chart.calc_cell_status(flow_class, grid, process_pk)
    return mark_safe(chart.grid_to_svg(grid))
