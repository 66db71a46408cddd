"""The API's payload against the services: ids to rows, field names both ways."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError

from registry.models import StaffMember
from registry.selectors import staff_for_user


def own_staff(user, pk: int, *, field: str, message) -> StaffMember:
    """The staff member ``pk`` as scoped to ``user``; else ``message`` on ``field``."""
    person = staff_for_user(user).filter(pk=pk).first()
    if person is None:
        raise ValidationError({field: [message]})
    return person


@contextmanager
def input_names(**names: str):
    """``with input_names(person="person_id"):`` renames the service's fields.

    A service names a field after the model (``person``); the API's payload
    names it after the id it sends (``person_id``): errors follow the payload.
    """
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        renamed = {names.get(f, f): e for f, e in error.error_dict.items()}
        raise ValidationError(renamed) from error
