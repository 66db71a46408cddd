"""Form widgets for choosing people of the registry."""

from django import forms


class PersonSelect(forms.Select):
    """A select of staff: each option names a person as their record writes it
    (``data-user-text``: not interface text, see portal/templatetags/user_text.py)."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"]:
            option["attrs"]["data-user-text"] = True
        return option
