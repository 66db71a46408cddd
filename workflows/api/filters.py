"""List filters: the pages' django-filter ``FilterSet``s behind typed query schemas.

A list operation declares its filters as a ``Query`` schema (so the schema
documents and ninja bounds them) and hands their values to the FilterSet the
page uses, which filters the user's own rows: a choice outside them (another
company's site) is a 422 with the FilterSet's field message.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from ninja import Schema


def filter_data(query: Schema) -> dict:
    """The filters the caller sent, as the FilterSet's form data."""
    return query.model_dump(exclude_none=True)


def filtered(filterset) -> QuerySet:
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs
