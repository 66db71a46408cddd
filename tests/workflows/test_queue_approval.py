"""What one approval costs the database: a fixed, small number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from workflows.live import events

# One carrier approval of a staff change with one joiner, through the decision form,
# committed (the roster takes effect at once): 70 before issue 17's item 4. What is
# left: the session and the user (2); the page's reads: request, task, rules (3; roles
# and group ids come from the facts cache); BEGIN, the flow lock, the task and its
# request read again under it (4); the claim, the training gate, the decision (2
# tables), its audit row, the task done, its deadline closed and the due time (8); the
# switch and the if gateway, each an INSERT, its link to the previous task and its
# UPDATE (6); the function node's INSERT, link and UPDATE (3) around the roster (13: the
# people, company and contract, the staff number under the company lock (2), the check
# constraint in its savepoint (3), the new person, their row, the request's two tables,
# the audit row); the end node's INSERT, link, open-task count, the request's three
# tables and its UPDATE (7); COMMIT. Four of them per gateway/function node are
# viewflow's own bookkeeping.
APPROVAL_QUERIES = 47


@pytest.mark.django_db(transaction=True)
def test_an_approval_through_the_form_runs_a_fixed_number_of_queries(
    rules_after_flush, submit, roster_a, reviewer, client_for, monkeypatch
):
    client = client_for(reviewer)
    changes = [submit(people_in=1) for _ in range(2)]
    tasks = [Task.objects.get(process_id=c.pk, flow_task_type="HUMAN") for c in changes]
    sent = []
    monkeypatch.setattr(events, "send_now", lambda *args: sent.append(args))

    def approve(change, task) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            answer = client.post(
                f"/requests/{change.pk}/tasks/{task.pk}/", {"decision": "approved"}
            )
        assert answer.status_code == 302
        return [query["sql"] for query in captured]

    approve(changes[0], tasks[0])  # the first reads the rules once
    sent.clear()
    queries = approve(changes[1], tasks[1])
    assert len(queries) == APPROVAL_QUERIES, "\n".join(queries)
    # The task's event still went, once, after the commit.
    task_events = [payload["task"] for _, payload, *_ in sent if "task" in payload]
    assert task_events == [tasks[1].pk]
    assert queries[-1] == "COMMIT"
