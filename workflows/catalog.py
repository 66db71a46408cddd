"""The flows of the portal, as each flow app registers itself when it loads."""

_FLOWS: list = []


def register_flow(flow_class) -> None:
    if flow_class not in _FLOWS:
        _FLOWS.append(flow_class)


def flows() -> list:
    return list(_FLOWS)


def flow_choices() -> list[tuple[str, str]]:
    """(stored flow_class value, title) for filters."""
    from viewflow.workflow.fields import get_flow_ref

    return [(get_flow_ref(flow), str(flow.process_title)) for flow in _FLOWS]


def flow_by_ref(ref: str):
    """The flow whose stored ``flow_class`` value is ``ref``, or ``None``."""
    from viewflow.workflow.fields import get_flow_ref

    return next((flow for flow in _FLOWS if get_flow_ref(flow) == ref), None)


# Flow class → ``reader(pks) -> {pk: line}``: what each request is about, for
# list rows (the people of a staff change), read in one query for a page.
_ROW_NOTES: dict = {}


def register_row_notes(flow_class, reader) -> None:
    _ROW_NOTES[flow_class] = reader


def row_notes_reader(flow_class):
    return _ROW_NOTES.get(flow_class)
