"""Every rule check refuses bad values with its exact, translated message."""

from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from home import validation as msg
from home.models import (
    AssessmentBand,
    AssessmentRules,
    DeadlineRules,
    ObligationDeadline,
    SlaRules,
    SlaTarget,
    StaffChangeRules,
    StepGroupRules,
    TrainingBand,
    TrainingRules,
)
from home.models.sla import sla_cell_label

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def test_seeded_rules_are_valid():
    for model in (
        StaffChangeRules,
        DeadlineRules,
        SlaRules,
        AssessmentRules,
        TrainingRules,
        StepGroupRules,
    ):
        model.objects.get().full_clean()


def test_a_second_row_of_a_topic_is_refused():
    existing = StaffChangeRules.objects.get()
    second = StaffChangeRules(
        review_group=existing.review_group,
        exception_group=existing.exception_group,
        leave_carrier_group=existing.leave_carrier_group,
    )
    assert errors_of(second)[NON_FIELD_ERRORS] == [msg.ONLY_ONE_ROW]


@pytest.mark.parametrize("value", [Decimal("-0.01"), Decimal("100.01")])
def test_cap_must_be_a_percentage(value):
    rules = StaffChangeRules.objects.get()
    rules.cap_percent = value
    assert errors_of(rules)["cap_percent"] == [msg.PERCENT_OUT_OF_RANGE]


@pytest.mark.parametrize("value", [Decimal("0"), Decimal("100")])
def test_cap_accepts_the_ends_of_the_range(value):
    rules = StaffChangeRules.objects.get()
    rules.cap_percent = value
    rules.full_clean()


def test_leave_days_must_be_positive():
    rules = StaffChangeRules.objects.get()
    rules.leave_carrier_after_days = 0
    assert errors_of(rules)["leave_carrier_after_days"] == [msg.MUST_BE_POSITIVE]


@pytest.mark.parametrize(
    ("field", "value"),
    [("pass_mark", Decimal("101")), ("lecturer_weight", Decimal("-5"))],
)
def test_training_percentages_stay_within_0_and_100(field, value):
    rules = TrainingRules.objects.get()
    setattr(rules, field, value)
    assert errors_of(rules)[field] == [msg.PERCENT_OUT_OF_RANGE]


def test_training_weights_must_add_up_to_100():
    rules = TrainingRules.objects.get()
    rules.material_weight = Decimal("25")
    assert errors_of(rules)[NON_FIELD_ERRORS] == [msg.WEIGHTS_NOT_100]


def test_training_hours_must_be_positive():
    rules = TrainingRules.objects.get()
    rules.yearly_hours = Decimal("0")
    assert errors_of(rules)["yearly_hours"] == [msg.MUST_BE_POSITIVE]


def test_sla_warning_share_is_a_percentage():
    rules = SlaRules.objects.get()
    rules.early_warning_percent = Decimal("120")
    assert errors_of(rules)["early_warning_percent"] == [msg.PERCENT_OUT_OF_RANGE]


def test_sla_hours_must_be_positive():
    row = SlaTarget(level=1, tier="delta", mode="remote", hours=Decimal("0"))
    with pytest.raises(ValidationError) as excinfo:
        row.clean()
    assert excinfo.value.message_dict == {"hours": [msg.MUST_BE_POSITIVE]}


def test_sla_matrix_refuses_a_duplicate_cell():
    rules = SlaRules.objects.get()
    rows = list(rules.targets.all())
    rows[1].level, rows[1].tier, rows[1].mode = rows[0].level, "core_city", "remote"
    rows[0].tier, rows[0].mode = "core_city", "remote"
    rules.targets = rows
    expected = msg.DUPLICATE_ROW % {"row": sla_cell_label((1, "core_city", "remote"))}
    assert errors_of(rules)[NON_FIELD_ERRORS] == [expected]


def test_sla_matrix_names_the_missing_cells():
    rules = SlaRules.objects.get()
    rules.targets = [
        row for row in rules.targets.all() if (row.level, row.mode) != (4, "on_site")
    ]
    cells = "; ".join(
        sla_cell_label((4, tier, "on_site"))
        for tier in ("core_city", "delta", "other", "remote")
    )
    assert errors_of(rules)[NON_FIELD_ERRORS] == [msg.MISSING_ROWS % {"rows": cells}]


def test_an_sla_row_with_zero_hours_is_refused_in_code():
    rules = SlaRules.objects.get()
    rows = list(rules.targets.all())
    rows[0].hours = Decimal("0")
    rules.targets = rows
    assert errors_of(rules)["hours"] == [msg.MUST_BE_POSITIVE]


def test_every_obligation_has_one_positive_time_limit():
    rules = DeadlineRules.objects.get()
    rows = list(rules.deadlines.all())
    rules.deadlines = [row for row in rows if row.obligation != "fault_report"]
    expected = msg.MISSING_ROWS % {"rows": "Report on a restored fault"}
    assert errors_of(rules)[NON_FIELD_ERRORS] == [expected]
    # The flows' approval steps are obligations like the others.
    rules.deadlines = [
        row for row in rows if row.obligation != "leave_carrier_approval"
    ]
    expected = msg.MISSING_ROWS % {"rows": "Approve leave (carrier)"}
    assert errors_of(rules)[NON_FIELD_ERRORS] == [expected]

    row = ObligationDeadline(obligation="fault_report", amount=0, unit="hours")
    with pytest.raises(ValidationError) as excinfo:
        row.clean()
    assert excinfo.value.message_dict == {"amount": [msg.MUST_BE_POSITIVE]}


@pytest.mark.parametrize("day", [0, 29])
def test_monthly_report_day_is_a_day_every_month_has(day):
    rules = DeadlineRules.objects.get()
    rules.monthly_report_day = day
    assert errors_of(rules)["monthly_report_day"] == [msg.MONTH_DAY_OUT_OF_RANGE]


def test_inspection_plan_days_must_be_positive():
    rules = DeadlineRules.objects.get()
    rules.inspection_plan_days_before_quarter = 0
    assert errors_of(rules)["inspection_plan_days_before_quarter"] == [
        msg.MUST_BE_POSITIVE
    ]


@pytest.mark.parametrize(
    ("percent", "error"),
    [
        ("0", msg.MUST_BE_POSITIVE),
        ("0.01", None),
        ("100", None),
        ("100.01", msg.PERCENT_OUT_OF_RANGE),
    ],
)
def test_spot_check_share_is_a_percentage_above_zero(percent, error):
    rules = DeadlineRules.objects.get()
    rules.spot_check_percent = Decimal(percent)
    if error is None:
        rules.full_clean()
    else:
        assert errors_of(rules)["spot_check_percent"] == [error]


def test_a_yes_no_answer_that_is_a_finding_only_on_yes_no_items():
    from home.models import ChecklistItem

    item = ChecklistItem(label_zh="电压", kind=ChecklistItem.Kind.NUMBER)
    item.bad_answer = "yes"
    with pytest.raises(ValidationError) as excinfo:
        item.clean()
    assert excinfo.value.message_dict == {"bad_answer": [msg.YES_NO_ONLY_FIELD]}
    item.kind = ChecklistItem.Kind.YES_NO
    item.clean()


def test_a_deduction_event_appears_once():
    rules = AssessmentRules.objects.get()
    rows = list(rules.deductions.all())
    rows[1].event = rows[0].event
    rules.deductions = rows
    expected = msg.DUPLICATE_ROW % {"row": "Overdue ticket"}
    assert errors_of(rules)[NON_FIELD_ERRORS] == [expected]


def training_with_bands(*bands) -> TrainingRules:
    rules = TrainingRules.objects.get()
    rules.bands = [
        TrainingBand(grade=grade, min_score=low, max_score=high)
        for grade, low, high in bands
    ]
    return rules


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (
            [("A", 86, 100), ("B", 70, 86), ("C", 50, 69), ("D", 0, 49)],
            (msg.BANDS_OVERLAP, {"lower": "B", "upper": "A"}),
        ),
        (
            [("A", 86, 100), ("B", 70, 84), ("C", 50, 69), ("D", 0, 49)],
            (msg.BANDS_GAP, {"lower": "B", "upper": "A"}),
        ),
        (
            [("A", 86, 99), ("B", 70, 85), ("C", 50, 69), ("D", 0, 49)],
            (msg.BANDS_NOT_COVERING, None),
        ),
        (
            [("A", 86, 100), ("B", 70, 85), ("C", 50, 69), ("D", 1, 49)],
            (msg.BANDS_NOT_COVERING, None),
        ),
        (
            [("A", 86, 100), ("A", 70, 85), ("C", 50, 69), ("D", 0, 49)],
            (msg.DUPLICATE_ROW, {"row": "A"}),
        ),
    ],
    ids=["overlap", "gap", "short-of-100", "not-from-0", "grade-twice"],
)
def test_grade_bands_cover_0_to_100_once(english, bands, message):
    template, params = message  # formatted now, in the test's language
    expected = str(template) % params if params else str(template)
    assert errors_of(training_with_bands(*bands))[NON_FIELD_ERRORS] == [expected]


def test_a_band_keeps_its_scores_in_order_and_in_range():
    band = AssessmentBand(grade="good", min_score=90, max_score=80)
    with pytest.raises(ValidationError) as excinfo:
        band.clean()
    assert excinfo.value.message_dict == {"min_score": [msg.BAND_MIN_ABOVE_MAX]}

    band = AssessmentBand(grade="good", min_score=80, max_score=101)
    with pytest.raises(ValidationError) as excinfo:
        band.clean()
    assert excinfo.value.message_dict == {"max_score": [msg.SCORE_OUT_OF_RANGE]}


@pytest.mark.parametrize(
    "field", ["review_group", "exception_group", "leave_carrier_group"]
)
@pytest.mark.parametrize(
    "group", ["contractor_manager", "contractor_engineer", "trainee", "Editors"]
)
def test_a_carrier_step_refuses_a_group_that_may_not_hold_it(field, group):
    from django.contrib.auth.models import Group

    from home.models.staff_change import NOT_AN_APPROVER_GROUP

    rules = StaffChangeRules.objects.get()
    setattr(rules, field, Group.objects.get(name=group))
    assert errors_of(rules)[field] == [NOT_AN_APPROVER_GROUP]


def test_the_admin_form_offers_only_carrier_groups():
    from home.models.staff_change import APPROVER_FIELDS
    from registry.roles import CARRIER_ROLES

    form_class = StaffChangeRules.get_edit_handler().get_form_class()
    form = form_class(instance=StaffChangeRules.objects.get(), for_user=None)
    for name in APPROVER_FIELDS:
        offered = set(form.fields[name].queryset.values_list("name", flat=True))
        assert offered == set(CARRIER_ROLES)
