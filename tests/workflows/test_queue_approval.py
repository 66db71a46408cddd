"""What one approval costs the database: a fixed, small number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task


@pytest.mark.django_db
def test_an_approval_through_the_form_runs_a_fixed_number_of_queries(
    submit, roster_a, reviewer, client_for
):
    client = client_for(reviewer)
    changes = [submit(people_in=1) for _ in range(2)]
    tasks = [Task.objects.get(process_id=c.pk, flow_task_type="HUMAN") for c in changes]

    def approve(change, task) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            answer = client.post(
                f"/requests/{change.pk}/tasks/{task.pk}/", {"decision": "approved"}
            )
        assert answer.status_code == 302
        return [query["sql"] for query in captured]

    approve(changes[0], tasks[0])  # the first reads the rules once
    queries = approve(changes[1], tasks[1])
    # 73 before issue 17; the live event's groups are now read once per task
    # and commit, not on every save (69). The step deadlines then add three:
    # closing the step's deadline and the request's due time. Issue 17 aims at
    # 30: viewflow's savepoints per node (14 statements) and its process
    # re-reads remain.
    assert len(queries) <= 72
