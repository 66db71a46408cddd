"""A request form files once: the same one-time token never files twice."""

import pytest
from viewflow.workflow.models import Process

from home.request_submissions import RequestSubmission
from home.request_tokens import FORM_EXPIRED
from tests.form_pages import form_token
from tests.workflows.races import race

from .test_request_forms import answers

pytestmark = pytest.mark.django_db


def test_a_second_post_of_the_same_form_leads_to_the_first_request(
    client_for, manager_a, site_a, visit_page
):
    client = client_for(manager_a)
    data = {**answers(site_a), **form_token(client, visit_page.url)}

    first = client.post(visit_page.url, data)
    second = client.post(visit_page.url, data, follow=True)

    submission = RequestSubmission.objects.get()
    assert Process.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert submission.reference in second.content.decode()


def test_a_post_without_a_token_files_nothing_and_asks_again(
    client_for, manager_a, site_a, visit_page
):
    response = client_for(manager_a).post(visit_page.url, answers(site_a))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(FORM_EXPIRED)]
    assert not Process.objects.exists()


def test_another_users_token_does_not_file(
    client_for, manager_a, make_user, site_a, visit_page
):
    other = make_user("contractor_manager")
    token = form_token(client_for(other), visit_page.url)

    response = client_for(manager_a).post(visit_page.url, {**answers(site_a), **token})

    assert response.status_code == 200 and not Process.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_double_click_files_once(client_for, manager_a, site_a, visit_page):
    clients = [client_for(manager_a) for _ in range(2)]
    data = {**answers(site_a), **form_token(clients[0], visit_page.url)}

    codes = race(lambda i: clients[i].post(visit_page.url, data).status_code, 2)

    assert codes == [302, 302]
    assert Process.objects.count() == RequestSubmission.objects.count() == 1
