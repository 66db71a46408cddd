"""The rule values of DOMAIN.md, as plain data: only the seed, never read at runtime.

Each topic is ``{"fields": {...}, "groups": {field: group name}, "rows":
{relation: [row fields, ...]}}``; a row's field named in ``"row_groups":
{relation: field}`` holds a group's name. Used by the seeding migration (and after a
test-database flush) and by the demo loader; admins change the values in the CMS.
"""

from datetime import time
from decimal import Decimal

SLA_ON_SITE_LEVEL_1 = {"core_city": 5, "delta": 6, "other": 8, "remote": 10}
SLA_REMOTE_LEVEL_1 = 3
SLA_LEVEL_2 = 7 * 24
SLA_LEVEL_3_4 = 10 * 24
TIERS = ("core_city", "delta", "other", "remote")


# (obligation, amount, unit) of the flows' human steps; also added to existing
# databases by home/migrations/0012_flow_step_obligations.py
# (and 0016_inspection_obligations.py for the inspection plan's steps).
FLOW_STEP_DEADLINES = (
    ("staff_change_review", 3, "working_days"),
    ("staff_change_exception", 3, "working_days"),
    ("leave_company_approval", 2, "working_days"),
    ("leave_carrier_approval", 2, "working_days"),
    ("temp_lead_acknowledgement", 4, "hours"),
    ("position_company_approval", 2, "working_days"),
    ("position_carrier_approval", 3, "working_days"),
    ("inspection_plan_approval", 5, "working_days"),
    ("inspection_plan_revision", 3, "working_days"),
)


# (step key, role group) of the steps whose group is chosen under Rules → Who
# takes each step: the role groups of DOMAIN.md the steps had before the table
# existed (each step's fallback role in workflows.steps).
STEP_GROUPS = (
    ("upgrade.confirm", "maintenance_manager"),
    ("upgrade.review", "institute_reviewer"),
    ("upgrade.approval", "provincial_approver"),
    ("upgrade.execute", "contractor_manager"),
    ("position.company", "contractor_manager"),
    ("position.carrier", "maintenance_manager"),
    ("leave.company", "contractor_manager"),
    ("temp_lead.acknowledge", "maintenance_manager"),
    ("faults.dispatch", "monitoring_centre"),
    ("faults.accept", "contractor_engineer"),
    ("faults.confirm", "carrier_admin"),
    ("inspection.approval", "maintenance_manager"),
    ("assessment.object", "contractor_manager"),
    ("assessment.decide", "carrier_admin"),
    ("obligations.report_review", "maintenance_manager"),
)


# The daily work log (DOMAIN.md): who files by when, and the classes A … G.
LOG_DUE_TIMES = (
    ("engineer", time(18, 30)),
    ("group_lead", time(19, 30)),
    ("manager", time(21, 0)),
)
LOG_CLASSES = (
    ("A", "日常维护", "Routine maintenance", False),
    ("B", "巡检作业", "Inspection work", False),
    ("C", "故障处理", "Fault handling", False),
    ("D", "配合施工", "Supporting construction", False),
    ("E", "割接与升级", "Cutover or upgrade", False),
    ("F", "安全隐患", "Safety hazard", False),
    ("G", "重大或紧急事件", "Major or urgent event", True),
)
# (report, period, days after the period, counted in)
REPORT_RULES = (
    ("weekly_summary", "week", 1, "calendar_days"),
    ("monthly_inspection", "month", 3, "calendar_days"),
    ("monthly_faults", "month", 3, "calendar_days"),
    ("monthly_work", "month", 3, "calendar_days"),
    ("next_month_plan", "month", 3, "calendar_days"),
    ("quarterly_summary", "quarter", 5, "working_days"),
    ("annual_summary", "year", 10, "working_days"),
)


# The escalation chain of an overdue ticket (engineer → group lead → the
# contractor's manager → the carrier's maintenance manager): who, and how many
# hours after the limit.
SLA_ESCALATIONS = (
    ("group_lead", "0"),
    ("contractor_manager", "2"),
    ("maintenance_manager", "4"),
)


def _sla_hours(level: int, tier: str, mode: str) -> int:
    if level == 1:
        return SLA_REMOTE_LEVEL_1 if mode == "remote" else SLA_ON_SITE_LEVEL_1[tier]
    return SLA_LEVEL_2 if level == 2 else SLA_LEVEL_3_4


# (event, points per event, cap per month or None): the deductions of the
# monthly assessment (DOMAIN.md "Assessment"), edited under Rules afterwards.
ASSESSMENT_DEDUCTIONS = (
    ("overdue_ticket", "5", Decimal(30)),
    ("written_complaint", "2", Decimal(10)),
    ("late_document", "1", Decimal(10)),
    ("unauthorised_interruption", "10", None),
    ("late_part_return", "1", Decimal(5)),
    ("late_plan", "2", Decimal(6)),
    ("failed_recheck", "2", Decimal(10)),
    ("late_log", "0.5", Decimal(5)),
    ("missing_log", "1", Decimal(10)),
    ("late_report", "1", Decimal(5)),
    ("missing_report", "2", Decimal(10)),
)
# (lowest average monthly score, factor on the quarterly fee).
PAYMENT_FACTORS = (("90", "1.000"), ("80", "0.950"), ("70", "0.900"), ("0", "0.800"))


def _bands(*bands: tuple[str, int, int]) -> list[dict]:
    return [{"grade": g, "min_score": lo, "max_score": hi} for g, lo, hi in bands]


def _ordered(rows: list[dict]) -> list[dict]:
    return [{**row, "sort_order": i} for i, row in enumerate(rows)]


DEFAULTS: dict[str, dict] = {
    "staff_change": {
        "model": "staffchangerules",
        "fields": {
            "cap_percent": Decimal("15.00"),
            "leave_carrier_after_days": 3,
            "leave_max_days": 180,
        },
        "groups": {
            "review_group": "maintenance_manager",
            "exception_group": "department_head",
            "leave_carrier_group": "maintenance_manager",
            "site_access_group": "maintenance_manager",
        },
        "rows": {},
    },
    "deadlines": {
        "model": "deadlinerules",
        "fields": {
            "weekly_report_weekday": 0,
            "monthly_report_day": 3,
            "inspection_plan_days_before_quarter": 10,
            "recheck_sample_size": 3,
            "spot_check_percent": Decimal("2.00"),
            "presence_radius_m": 500,
        },
        "groups": {},
        "rows": {
            "deadlines": _ordered(
                [
                    {"obligation": key, "amount": amount, "unit": unit}
                    for key, amount, unit in (
                        ("upgrade_confirmation", 2, "working_days"),
                        ("upgrade_application", 5, "working_days"),
                        ("broken_part_return", 3, "working_days"),
                        ("overdue_analysis", 2, "working_days"),
                        ("fault_report", 24, "hours"),
                        # The portal's own approval steps: defaults an admin
                        # edits under Rules → Deadlines.
                        *FLOW_STEP_DEADLINES,
                    )
                ]
            )
        },
    },
    "sla": {
        "model": "slarules",
        "fields": {"early_warning_percent": Decimal("80.00")},
        "groups": {},
        "rows": {
            "targets": _ordered(
                [
                    {
                        "level": level,
                        "tier": tier,
                        "mode": mode,
                        "hours": Decimal(_sla_hours(level, tier, mode)),
                    }
                    for level in (1, 2, 3, 4)
                    for mode in ("remote", "on_site")
                    for tier in TIERS
                ]
            ),
            "escalations": _ordered(
                [
                    {"target": target, "after_hours": Decimal(hours)}
                    for target, hours in SLA_ESCALATIONS
                ]
            ),
        },
    },
    "assessment": {
        "model": "assessmentrules",
        "fields": {"objection_days": 5},
        "groups": {},
        "rows": {
            "deductions": _ordered(
                [
                    {"event": event, "points": Decimal(points), "cap": cap}
                    for event, points, cap in ASSESSMENT_DEDUCTIONS
                ]
            ),
            "payment_factors": _ordered(
                [
                    {"min_average": Decimal(average), "factor": Decimal(factor)}
                    for average, factor in PAYMENT_FACTORS
                ]
            ),
            "bands": _ordered(
                _bands(
                    ("excellent", 90, 100),
                    ("good", 80, 89),
                    ("pass", 70, 79),
                    ("fail", 0, 69),
                )
            ),
        },
    },
    "training": {
        "model": "trainingrules",
        "fields": {
            "pass_mark": Decimal("80.00"),
            "yearly_hours": Decimal("10.00"),
            "lecturer_weight": Decimal("50.00"),
            "material_weight": Decimal("20.00"),
            "environment_weight": Decimal("15.00"),
            "arrangement_weight": Decimal("15.00"),
        },
        "groups": {},
        "rows": {
            "bands": _ordered(
                _bands(("A", 86, 100), ("B", 70, 85), ("C", 50, 69), ("D", 0, 49))
            )
        },
    },
    "step_groups": {
        "model": "stepgrouprules",
        "fields": {},
        "groups": {},
        "rows": {
            "steps": _ordered(
                [{"step": step, "group": group} for step, group in STEP_GROUPS]
            )
        },
        "row_groups": {"steps": "group"},
    },
    "obligations": {
        "model": "obligationrules",
        "fields": {"logs_on_working_days": True},
        "groups": {"escalation_group": "monitoring_centre"},
        "rows": {
            "log_due_times": _ordered(
                [{"position": p, "due_time": t} for p, t in LOG_DUE_TIMES]
            ),
            "log_classes": _ordered(
                [
                    {"code": c, "name_zh": zh, "name_en": en, "urgent": urgent}
                    for c, zh, en, urgent in LOG_CLASSES
                ]
            ),
            "report_rules": _ordered(
                [
                    {"kind": k, "period": p, "offset": n, "unit": u}
                    for k, p, n, u in REPORT_RULES
                ]
            ),
        },
    },
}
