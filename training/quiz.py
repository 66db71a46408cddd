"""The quiz form of one attempt: its drawn questions in their shuffled order.

Only question and choice texts reach the page; which choice is right stays on
the server until the attempt is handed in.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.text import localized

from .blocks import QuestionKind

TRUE_FALSE = {1: _("True"), 0: _("False")}


def question_text(question) -> str:
    return localized(question["text"], question["text_en"])


def choice_labels(question, order) -> list[tuple[str, str]]:
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return [(str(i), TRUE_FALSE[i]) for i in order]
    options = list(question["choices"])
    return [
        (str(i), localized(options[i]["text"], options[i]["text_en"]))
        for i in order
        if i < len(options)
    ]


class AttemptForm(forms.Form):
    def __init__(self, *args, attempt, questions: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.drawn = [item for item in attempt.drawn if item["id"] in questions]
        for number, item in enumerate(self.drawn, start=1):
            question = questions[item["id"]]
            multiple = question["kind"] == QuestionKind.MULTIPLE
            field_class = forms.MultipleChoiceField if multiple else forms.ChoiceField
            widget = forms.CheckboxSelectMultiple if multiple else forms.RadioSelect
            self.fields[f"q_{item['id']}"] = field_class(
                label=f"{number}. {question_text(question)}",
                choices=choice_labels(question, item["order"]),
                widget=widget,
                required=False,
                help_text=_("Choose every right answer.") if multiple else "",
            )

    def answers(self) -> dict:
        result = {}
        for item in self.drawn:
            value = self.cleaned_data.get(f"q_{item['id']}") or []
            result[item["id"]] = [value] if isinstance(value, str) else list(value)
        return result
