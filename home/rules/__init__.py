"""The rules admins edit in the CMS, as read by the decisions of the flows."""

from .decisions import (
    allowed_positions,
    assessment_deducted,
    assessment_grade,
    assessment_score,
    deadline_for,
    leave_needs_carrier,
    payment_factor,
    sla_hours,
    sla_warning_hours,
    training_grade,
    training_passed,
    training_rating,
)
from .reader import NOT_PUBLISHED, RulesNotPublished, current_rules, rules_pinned
from .snapshot import RulesSnapshot

__all__ = [
    "NOT_PUBLISHED",
    "RulesNotPublished",
    "RulesSnapshot",
    "allowed_positions",
    "assessment_deducted",
    "assessment_grade",
    "assessment_score",
    "current_rules",
    "rules_pinned",
    "deadline_for",
    "leave_needs_carrier",
    "payment_factor",
    "sla_hours",
    "sla_warning_hours",
    "training_grade",
    "training_passed",
    "training_rating",
]
