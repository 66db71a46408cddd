"""Field errors of a service, reported under the names the API's input uses."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError


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
