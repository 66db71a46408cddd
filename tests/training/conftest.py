"""A training index with modules built as an editor would, and a trainee."""

import pytest

from registry.models import StaffMember
from training.models import TrainingAudience, TrainingIndexPage, TrainingModulePage

from ..factories import StaffMemberFactory

QUESTIONS = [
    {
        "kind": "single",
        "text": "机房内可以吸烟吗？",
        "text_en": "May you smoke in a machine room?",
        "choices": [
            {"text": "可以", "text_en": "Yes", "correct": False},
            {"text": "不可以", "text_en": "No", "correct": True},
            {"text": "看情况", "text_en": "It depends", "correct": False},
        ],
        "statement_is_true": False,
        "explanation": "机房严禁烟火。",
        "explanation_en": "No fire or smoking in machine rooms.",
    },
    {
        "kind": "multiple",
        "text": "进站前要做什么？",
        "text_en": "What do you do before entering a site?",
        "choices": [
            {"text": "登记", "text_en": "Sign in", "correct": True},
            {"text": "戴安全帽", "text_en": "Wear a helmet", "correct": True},
            {"text": "关掉告警", "text_en": "Silence the alarms", "correct": False},
        ],
        "statement_is_true": False,
        "explanation": "登记并佩戴防护用品。",
        "explanation_en": "Sign in and wear protection.",
    },
    {
        "kind": "true_false",
        "text": "一级故障须立即上报。",
        "text_en": "A level-1 fault is reported at once.",
        "choices": [],
        "statement_is_true": True,
        "explanation": "",
        "explanation_en": "",
    },
    {
        "kind": "single",
        "text": "登高作业需要什么？",
        "text_en": "What does work at height need?",
        "choices": [
            {"text": "登高作业证", "text_en": "A height permit", "correct": True},
            {"text": "什么都不要", "text_en": "Nothing", "correct": False},
        ],
        "statement_is_true": False,
        "explanation": "",
        "explanation_en": "",
    },
]
# The right choice indexes of QUESTIONS, by position in the pool.
RIGHT = [[1], [0, 1], [1], [0]]


def lessons(count=2):
    return [
        {
            "type": "lesson",
            "value": {
                "title": f"第{i}课",
                "title_en": f"Lesson {i}",
                "body": [{"type": "paragraph", "value": f"<p>内容{i}</p>"}],
                "body_en": [{"type": "paragraph", "value": f"<p>Text {i}</p>"}],
            },
        }
        for i in range(1, count + 1)
    ]


@pytest.fixture
def training_index(wagtail_site):
    index = TrainingIndexPage(title="在线学习", title_en="Training", slug="learning")
    return wagtail_site.add_child(instance=index)


@pytest.fixture
def make_module(training_index):
    def make(title="机房安全", positions=(), **fields):
        values = {
            "title_en": f"{title} (en)",
            "required_for_duty": True,
            "lessons": lessons(),
            "questions": [{"type": "question", "value": q} for q in QUESTIONS],
            "cooldown_minutes": 0,
            **fields,
        }
        module = TrainingModulePage(title=title, **values)
        training_index.add_child(instance=module)
        for position in positions:
            TrainingAudience.objects.create(module=module, position=position)
        module.save_revision().publish()
        return TrainingModulePage.objects.get(pk=module.pk)

    return make


@pytest.fixture
def module(make_module):
    return make_module()


@pytest.fixture
def learner(trainee_a, company_a, contract_a):
    """The trainee's staff record (a trainee on contract A)."""
    return StaffMemberFactory(
        company=company_a,
        contract=contract_a,
        name="新学员",
        employee_no="A-100",
        status=StaffMember.Status.TRAINEE,
        user=trainee_a,
    )


def right_answers(module, attempt) -> dict:
    """The right choice indexes of every question the attempt drew."""
    ids = [block.id for block in module.questions]
    return {item["id"]: RIGHT[ids.index(item["id"])] for item in attempt.drawn}


def read_all(person, module):
    from training.services import lesson_mark_read

    for lesson_id in module.lesson_ids():
        lesson_mark_read(person=person, module=module, lesson_id=lesson_id)


@pytest.fixture
def publish_training():
    """``publish_training(**fields)``: publish new training rules."""
    from home.models import RULE_TOPICS

    def change(**fields):
        instance = RULE_TOPICS["training"].objects.get()
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.save_revision().publish()

    return change


@pytest.fixture
def flushed_rules(db):
    """Transactional tests flush the seeded rules and groups: seed them again."""
    from django.apps import apps

    from home.rules.seed import seed_rules
    from portal.roles import apply_role_permissions

    apply_role_permissions(apps)
    seed_rules(apps)
