"""Frozen, typed values of the published rules, each topic with its revision id."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from decimal import Decimal


@dataclass(frozen=True)
class GroupRef:
    id: int
    name: str


@dataclass(frozen=True)
class StaffChangeSnapshot:
    revision_id: int
    cap_percent: Decimal
    review_group: GroupRef
    exception_group: GroupRef
    leave_carrier_group: GroupRef
    leave_carrier_after_days: int
    leave_max_days: int
    site_access_group: GroupRef


@dataclass(frozen=True)
class Deadline:
    amount: int
    unit: str  # a DeadlineUnit value


@dataclass(frozen=True)
class DeadlineSnapshot:
    revision_id: int
    deadlines: Mapping[str, Deadline]  # by Obligation value
    weekly_report_weekday: int  # Monday = 0
    monthly_report_day: int
    inspection_plan_days_before_quarter: int
    recheck_sample_size: int
    spot_check_percent: Decimal
    presence_radius_m: int  # the on-site distance limit (metres)


@dataclass(frozen=True)
class EscalationStep:
    target: str  # an EscalationTarget value
    after_hours: Decimal  # after the SLA limit


@dataclass(frozen=True)
class SlaSnapshot:
    revision_id: int
    hours: Mapping[tuple[int, str, str], Decimal]  # (level, tier, mode) → hours
    early_warning_percent: Decimal
    escalations: tuple[EscalationStep, ...] = ()  # in order, first at the limit


@dataclass(frozen=True)
class Band:
    grade: str
    min_score: int
    max_score: int


@dataclass(frozen=True)
class Factor:
    min_average: Decimal
    factor: Decimal


@dataclass(frozen=True)
class AssessmentSnapshot:
    revision_id: int
    deductions: Mapping[str, Decimal]  # by DeductionEvent value
    bands: tuple[Band, ...]  # highest first
    caps: Mapping[str, Decimal | None]  # by DeductionEvent value; None: no cap
    objection_days: int
    factors: tuple[Factor, ...]  # highest min_average first


@dataclass(frozen=True)
class TrainingSnapshot:
    revision_id: int
    pass_mark: Decimal
    yearly_hours: Decimal
    weights: Mapping[str, Decimal]  # by SatisfactionCriterion value, in percent
    bands: tuple[Band, ...]  # highest first


@dataclass(frozen=True)
class StepGroupSnapshot:
    revision_id: int
    groups: Mapping[str, GroupRef]  # by step key (FlowStep value)


@dataclass(frozen=True)
class LogClassRule:
    code: str
    name_zh: str
    name_en: str
    urgent: bool


@dataclass(frozen=True)
class ReportDue:
    period: str  # a ReportPeriod value
    offset: int
    unit: str  # a DayCount value


@dataclass(frozen=True)
class ObligationSnapshot:
    revision_id: int
    logs_on_working_days: bool
    log_due: Mapping[str, time]  # by StaffMember.Position value, local time
    classes: tuple[LogClassRule, ...]  # in the admin's order
    reports: Mapping[str, ReportDue]  # by ReportKind value
    escalation_group: GroupRef

    def log_class(self, code: str) -> LogClassRule | None:
        return next((c for c in self.classes if c.code == code), None)


@dataclass(frozen=True)
class RulesSnapshot:
    """Every rule value a decision may need; record ``revision_ids`` with it."""

    staff_change: StaffChangeSnapshot
    deadlines: DeadlineSnapshot
    sla: SlaSnapshot
    assessment: AssessmentSnapshot
    training: TrainingSnapshot
    step_groups: StepGroupSnapshot
    obligations: ObligationSnapshot

    @property
    def revision_ids(self) -> dict[str, int]:
        return {
            "staff_change": self.staff_change.revision_id,
            "deadlines": self.deadlines.revision_id,
            "sla": self.sla.revision_id,
            "assessment": self.assessment.revision_id,
            "training": self.training.revision_id,
            "step_groups": self.step_groups.revision_id,
            "obligations": self.obligations.revision_id,
        }
