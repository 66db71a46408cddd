"""The demo's form pages ask nothing their flow already asks."""

from django.utils import translation

from fixtures.request_forms import FORMS
from home.request_kinds import get_kind

REASON_WORDS = ("原因", "事由", "理由")


def test_no_demo_extra_field_repeats_a_typed_field():
    with translation.override("zh-hans"):
        for key, (_slug, _title, _title_en, fields) in FORMS.items():
            kind = get_kind(key)
            if kind is None:
                continue
            typed = kind.typed_form.base_fields
            typed_labels = {str(field.label) for field in typed.values()}
            for label in (field["label"] for field in fields):
                assert label not in typed_labels, (key, label)
                if "reason" in typed:
                    assert not any(word in label for word in REASON_WORDS), (key, label)


def test_every_demo_form_text_has_its_english():
    for _slug, title, title_en, fields in FORMS.values():
        assert title and title_en
        for field in fields:
            assert field["label_en"] and field["help_text_en"], field
            assert field["help_text"] != field["help_text_en"], field
            if field["choices"]:
                assert len(field["choices"].splitlines()) == len(
                    field["choices_en"].splitlines()
                ), field
