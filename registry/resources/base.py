"""What every registry resource shares: headers in either language, natural keys,
row errors per column, a cached instance loader, neutralised export cells.

A column is an import-export ``Field`` whose ``column_name`` is a stable key
(``employee_no``); the file's header may be that key or the column's label in
Chinese or English (工号 / Staff number), and an export writes the label in the
active language.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.instance_loaders import ModelInstanceLoader
from import_export.widgets import ManyToManyWidget

from ..spreadsheets import cell_neutralise
from .widgets import cell_text, names_of

DUPLICATE_KEY = _("Row %(row)s of the file already has this key.")
OTHER_COMPANY = _("This row belongs to another company (“%(value)s”).")


class Column(fields.Field):
    """A resource field with a translated header; ``required`` columns must exist."""

    def __init__(self, key: str, label, *, required: bool = False, **kwargs):
        kwargs.setdefault("attribute", key)
        super().__init__(column_name=key, **kwargs)
        self.label, self.required = label, required

    def header_names(self) -> set[str]:
        return {self.column_name.casefold(), *names_of(self.label)}


class NaturalKeyLoader(ModelInstanceLoader):
    """Reads every existing row the file names in one query, by its natural key.

    Import-export's ``CachedInstanceLoader`` takes a single key column; staff and
    contracts are keyed by company and number together.
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.id_fields = [
            resource.fields[key] for key in resource.get_import_id_fields()
        ]
        self.instances = {}
        if dataset is None or not all(
            field.column_name in dataset.headers for field in self.id_fields
        ):
            return
        keys = [key for row in dataset.dict if (key := self.key_of(row)) is not None]
        if not keys:
            return
        queryset = self.get_queryset().filter(
            **{
                f"{field.attribute}__in": {key[index] for key in keys}
                for index, field in enumerate(self.id_fields)
            }
        )
        for instance in queryset:
            key = tuple(
                self.value_of(field.get_value(instance)) for field in self.id_fields
            )
            self.instances[key] = instance

    @staticmethod
    def value_of(value):
        return getattr(value, "pk", value)

    def key_of(self, row) -> tuple | None:
        try:
            key = tuple(self.value_of(field.clean(row)) for field in self.id_fields)
        except ValueError:
            return None
        return None if any(part in (None, "") for part in key) else key

    def get_instance(self, row):
        key = self.key_of(row)
        return self.instances.get(key) if key else None


class RegistryResource(resources.ModelResource):
    """A registry model's rows in and out; ``company`` limits an import to one.

    ``company_column`` names the column that says whose row it is; a row of
    another company than ``company`` is an error on that column.
    """

    company_column: str | None = None

    def __init__(self, *, company=None, **kwargs):
        super().__init__(**kwargs)
        self.company = company
        self.seen_keys: dict[tuple, int] = {}
        # The row's instance as loaded (``None`` for a new one): what
        # ``skip_row`` compares with, instead of import-export's deep copy.
        self.loaded_values: list | None = None
        self.import_fields = None
        self.export_fields = None
        # Called after each row, whatever its outcome (a background import's
        # progress, registry/imports/progress.py).
        self.on_row = None

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        # No diff (a deep copy and two exports of every row): the report shows
        # what happens to a row, not its values; ``skip_row`` still finds the
        # unchanged ones.
        skip_diff = True
        skip_html_diff = True
        instance_loader_class = NaturalKeyLoader
        use_transactions = True

    # Headers ---------------------------------------------------------------

    def columns(self) -> list[Column]:
        fields = (self.fields[name] for name in self.get_export_order())
        return [field for field in fields if isinstance(field, Column)]

    def required_columns(self) -> list[Column]:
        """The columns a file must have (a contractor's staff file: fewer)."""
        return [column for column in self.columns() if column.required]

    def label_of(self, attribute: str) -> str:
        for column in self.columns():
            if attribute in (column.attribute, column.column_name):
                return str(column.label)
        return attribute

    def get_export_fields(self, selected_fields=None):
        """The export's fields, ordered once (not once per row)."""
        if selected_fields:
            return super().get_export_fields(selected_fields)
        if self.export_fields is None:
            self.export_fields = super().get_export_fields()
        return self.export_fields

    def get_export_headers(self, selected_fields=None):
        return [str(field.label) for field in self.get_export_fields(selected_fields)]

    # Rows --------------------------------------------------------------------

    def get_import_fields(self):
        """The import's fields, ordered once (import-export orders them again
        for every row and field)."""
        if self.import_fields is None:
            self.import_fields = super().get_import_fields()
        return self.import_fields

    def values_of(self, instance, row, *, loaded: bool) -> list:
        """What ``skip_row`` compares: each column's value; the pks of a
        many-to-many column's rows, saved (``loaded``) or in the file."""
        values = []
        for field in self.get_import_fields():
            if not isinstance(field.widget, ManyToManyWidget):
                values.append(field.get_value(instance))
            elif field.column_name in row:
                related = (
                    field.get_value(instance).all() if loaded else field.clean(row)
                )
                values.append(sorted(item.pk for item in related))
        return values

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            self.loaded_values = self.values_of(instance, row, loaded=True)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An existing row the file does not change (import-export's rule,
        against the values read when the row was loaded)."""
        if (
            not self._meta.skip_unchanged
            or import_validation_errors
            or self.loaded_values is None
        ):
            return False
        return self.values_of(instance, row, loaded=False) == self.loaded_values

    def before_import_row(self, row, row_number=None, **kwargs):
        key = tuple(
            cell_text(row.get(self.fields[name].column_name)).casefold()
            for name in self.get_import_id_fields()
        )
        first = self.seen_keys.setdefault(key, row_number)
        errors = {}
        if first != row_number:
            errors[self.get_import_id_fields()[-1]] = DUPLICATE_KEY % {"row": first + 1}
        if self.company is not None and self.company_column:
            code = cell_text(row.get(self.company_column))
            if code != self.company.code:
                errors[self.company_column] = OTHER_COMPANY % {"value": code}
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        self.loaded_values = None
        result = super().import_row(row, instance_loader, **kwargs)
        if self.on_row is not None:
            self.on_row()
        return result

    def import_instance(self, instance, row, **kwargs):
        """Also reads the many-to-many columns, so their errors are the row's."""
        errors = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """``full_clean()`` but for the existence query of each foreign key that
        its widget has just looked up (a query per key and row otherwise)."""
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            errors = model_errors(instance, errors, validate_unique=validate_unique)
        if errors:
            raise ValidationError(errors)

    def export_field(self, field, instance, **kwargs):
        return cell_neutralise(super().export_field(field, instance, **kwargs))


def errors_by_column(resource: RegistryResource, error: ValidationError) -> list:
    """``(column label, message)`` pairs of a row's validation error."""
    pairs = []
    for attribute, messages in error.message_dict.items():
        label = "" if attribute == NON_FIELD_ERRORS else resource.label_of(attribute)
        pairs.extend((label, message) for message in messages)
    return pairs


def _looked_up(instance) -> set[str]:
    """Foreign keys of ``instance`` holding a saved object fetched by a widget."""
    names = set()
    for field in instance._meta.concrete_fields:
        if field.many_to_one and field.is_cached(instance):
            related = field.get_cached_value(instance)
            if related is not None and related.pk is not None:
                names.add(field.name)
    return names


def model_errors(instance, errors: dict, *, validate_unique: bool) -> dict:
    """``errors`` with those of ``instance.full_clean(exclude=errors)``, in the
    same steps, except that a looked-up foreign key is not queried again."""
    exclude = set(errors)
    steps = [
        lambda: instance.clean_fields(exclude=exclude | _looked_up(instance)),
        instance.clean,
    ]
    for step in steps:
        try:
            step()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    # As Django does: unique checks and constraints only of fields that passed.
    checks = [instance.validate_constraints]
    if validate_unique:
        checks.insert(0, instance.validate_unique)
    for check in checks:
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
        try:
            check(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    return errors
