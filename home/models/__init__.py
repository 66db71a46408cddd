"""Content models: pages, rule topics, checklist templates and request forms."""

from ..request_forms import RequestFormField, RequestFormPage, RequestIndexPage
from ..request_submissions import RequestSubmission
from .assessment import (
    AssessmentBand,
    AssessmentGrade,
    AssessmentRules,
    Deduction,
    DeductionEvent,
    PaymentFactor,
)
from .checklists import ChecklistItem, ChecklistTemplate
from .deadlines import (
    DeadlineRules,
    DeadlineUnit,
    Obligation,
    ObligationDeadline,
    Weekday,
)
from .obligations import (
    DayCount,
    LogClass,
    LogDueTime,
    ObligationRules,
    ReportKind,
    ReportPeriod,
    ReportRule,
)
from .pages import HomePage
from .policies import PolicyCategory, PolicyIndexPage, PolicyPage
from .sla import (
    SLA_CELLS,
    EscalationTarget,
    FaultLevel,
    SlaEscalation,
    SlaMode,
    SlaRules,
    SlaTarget,
)
from .staff_change import StaffChangeRules
from .step_groups import COMPANY_STEPS, FlowStep, StepGroup, StepGroupRules
from .training import (
    SatisfactionCriterion,
    TrainingBand,
    TrainingGrade,
    TrainingRules,
)

RULE_TOPICS = {
    "staff_change": StaffChangeRules,
    "deadlines": DeadlineRules,
    "sla": SlaRules,
    "assessment": AssessmentRules,
    "training": TrainingRules,
    "step_groups": StepGroupRules,
    "obligations": ObligationRules,
}

__all__ = [
    "COMPANY_STEPS",
    "RULE_TOPICS",
    "SLA_CELLS",
    "AssessmentBand",
    "AssessmentGrade",
    "AssessmentRules",
    "PaymentFactor",
    "ChecklistItem",
    "ChecklistTemplate",
    "DeadlineRules",
    "DayCount",
    "DeadlineUnit",
    "Deduction",
    "DeductionEvent",
    "FaultLevel",
    "FlowStep",
    "HomePage",
    "LogClass",
    "LogDueTime",
    "Obligation",
    "ObligationDeadline",
    "ObligationRules",
    "PolicyCategory",
    "PolicyIndexPage",
    "PolicyPage",
    "RequestFormField",
    "RequestFormPage",
    "RequestIndexPage",
    "ReportKind",
    "ReportPeriod",
    "ReportRule",
    "RequestSubmission",
    "SatisfactionCriterion",
    "EscalationTarget",
    "SlaEscalation",
    "SlaMode",
    "SlaRules",
    "SlaTarget",
    "StaffChangeRules",
    "StepGroup",
    "StepGroupRules",
    "TrainingBand",
    "TrainingGrade",
    "TrainingRules",
    "Weekday",
]
