from .pages import TrainingAudience, TrainingIndexPage, TrainingModulePage
from .records import Attempt, Certificate, LessonRead, Progress
from .sessions import CRITERIA, ClassroomSession, SessionRating

__all__ = [
    "CRITERIA",
    "Attempt",
    "Certificate",
    "ClassroomSession",
    "LessonRead",
    "Progress",
    "SessionRating",
    "TrainingAudience",
    "TrainingIndexPage",
    "TrainingModulePage",
]
