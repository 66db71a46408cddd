import datetime

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from portal.asgi import application
from registry.roles import Role
from workflows.staff_change.services import StaffChangeInput, staff_change_submit

from ..factories import StaffMemberFactory
from .sockets import LOCAL_ORIGIN, PATH, close_sync_connections, session_cookie

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.MAINTENANCE_MANAGER)


@pytest.fixture
def head(make_user):
    return make_user(Role.DEPARTMENT_HEAD)


@pytest.fixture
def roster_a(company_a, contract_a):
    """Six people on duty under contract A (headcount 20: 3 positions free)."""
    return [
        StaffMemberFactory(company=company_a, contract=contract_a, name=f"在岗{i}")
        for i in range(6)
    ]


@pytest.fixture
def submit(manager_a, contract_a):
    """Submit a staff change for contract A as its manager."""

    def do(kind="add", people_in=1, staff_out=(), user=None, **extra):
        data = StaffChangeInput(
            contract=extra.pop("contract", contract_a),
            kind=kind,
            reason=extra.pop("reason", "业务量增加"),
            effective_date=extra.pop("effective_date", datetime.date(2025, 6, 1)),
            staff_out=list(staff_out),
            people_in=[
                {"name": f"新人{i}", "phone": "", "qualifications": ""}
                for i in range(people_in)
            ],
        )
        return staff_change_submit(user=user or manager_a, data=data)

    return do


@pytest_asyncio.fixture
async def socket_for():
    """``await socket_for(user, origin=...)``: a communicator, always disconnected."""
    opened = []

    async def make(user=None, origin=LOCAL_ORIGIN):
        headers = [origin] if origin else []
        if user is not None:
            headers.append(await sync_to_async(session_cookie)(user))
        communicator = WebsocketCommunicator(application, PATH, headers=headers)
        opened.append(communicator)
        return communicator

    yield make
    for communicator in opened:
        await communicator.disconnect()
    await close_sync_connections()


@pytest.fixture
def rules_after_flush(db):
    """Transactional tests flush the seeded rules and groups: seed them again."""
    from django.apps import apps

    from home.rules.seed import seed_rules
    from portal.roles import apply_role_permissions

    apply_role_permissions(apps)
    seed_rules(apps)


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Pages in English unless a test asks for a language: assertions read it."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def stored_document():
    """``stored_document(title, stored_name)``: a PDF document uploaded as
    ``title`` and stored as ``stored_name`` (storage renamed it)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    def make(title: str, stored_name: str):
        if Collection.get_first_root_node() is None:  # flushed by a transactional test
            Collection.add_root(name="Root")
        document = get_document_model()(
            title=title, file=ContentFile(PDF, name=stored_name)
        )
        document._set_document_file_metadata()
        document.save()
        return document

    return make
