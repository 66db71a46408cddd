"""A local robot to post to, the worker of the notifications backend, a listener."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

from tests.workers import task_run
from workflows.notifications.models import Webhook

# The producers' own fixtures, for tests/workflows/notifications/test_producers.py.
from ..delegation.conftest import claimed_task, manager_a2  # noqa: F401
from ..faults.conftest import dispatch, noc  # noqa: F401
from ..leave.conftest import file_leave, person_a  # noqa: F401
from ..obligations.conftest import at, engineer, person_for  # noqa: F401

OK = (200, {"errcode": 0, "errmsg": "ok"})
TIMEOUT = "timeout"


class Robot:
    """A WeCom/DingTalk robot on the loopback: answers each post from ``script``
    (``(status, json)`` or ``TIMEOUT``; ``OK`` once the script runs out)."""

    def __init__(self):
        self.script: list = []
        self.posts: list[dict] = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                robot.posts.append({"path": self.path, "body": body})
                answer = robot.script.pop(0) if robot.script else OK
                if answer == TIMEOUT:
                    time.sleep(1.0)
                    answer = OK
                status, data = answer
                payload = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = (
            f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=k"
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot():
    server = Robot()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def quick(settings):
    settings.NOTIFY_WEBHOOK_TIMEOUT = 0.3
    settings.NOTIFY_RETRY_BASE_SECONDS = 60
    settings.NOTIFY_RETRY_MAX_SECONDS = 600
    settings.NOTIFY_MAX_ATTEMPTS = 4


@pytest.fixture
def webhook_for():
    """``webhook_for(robot, role, company=None, events=[...], **fields)``."""

    def make(robot, role, company=None, events=(), **fields):
        hook = Webhook(
            name=fields.pop("name", f"{role} robot"),
            group=Group.objects.get(name=role),
            company=company,
            kind=fields.pop("kind", Webhook.Kind.WECOM),
            url=fields.pop("url", robot.url),
            events=list(events),
            **fields,
        )
        hook.full_clean()
        hook.save()
        return hook

    return make


def ready_tasks():
    return DBTaskResult.objects.ready().filter(backend_name="notifications")


def work() -> int:
    """What ``db_worker --backend notifications`` does with every ready task now."""
    done = 0
    for result in list(ready_tasks()):
        task_run(result, backend="notifications")
        done += 1
    return done
