"""The POST data of the staff-change form's person rows (a Django formset)."""


def rows(*people: dict, total: int = 3, initial: int = 0) -> dict:
    """``people``: each row's fields, e.g. ``{"name": "赵六", "phone": "138..."}``."""
    data = {
        "people_in-TOTAL_FORMS": str(max(total, len(people))),
        "people_in-INITIAL_FORMS": str(initial),
        "people_in-MIN_NUM_FORMS": "0",
        "people_in-MAX_NUM_FORMS": "50",
    }
    for index, person in enumerate(people):
        data.update({f"people_in-{index}-{k}": v for k, v in person.items()})
    return data
