"""Editor panel that shows which fields a request kind always asks."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel

TYPED_FIELDS_INTRO = _(
    "This kind of request always asks these fields first; they come from its "
    "flow and cannot be removed or renamed here. Extra fields go below."
)
NO_KIND_YET = _("Choose a request kind and save to see the fields it always asks.")


class TypedFieldsPanel(HelpPanel):
    """Lists the chosen kind's typed fields with the names they are stored as."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = typed_fields_html(
                getattr(self.instance, "request_kind", None)
            )


def typed_fields_html(kind) -> str:
    if kind is None:
        return format_html("<p>{}</p>", NO_KIND_YET)
    rows = format_html_join(
        "",
        "<li>{} <code>{}</code></li>",
        (
            (field.label or name, name)
            for name, field in kind.typed_form.base_fields.items()
        ),
    )
    return format_html("<p>{}</p><ul>{}</ul>", TYPED_FIELDS_INTRO, rows)
