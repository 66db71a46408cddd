# Daiwei Portal — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/1
# The second part of .ci/run's services lane: its own test database
# (test_postgres) and Redis database.
SERVICES_DATABASE_URL_B ?= postgres://postgres@127.0.0.1:5432/postgres
SERVICES_REDIS_URL_B ?= redis://127.0.0.1:6379/2

.PHONY: install install-prod messages run test test-future test-services test-services-a test-services-b bench lint mutation

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

# Production: the pinned runtime only (requirements.txt, no test or lint tools),
# and the compiled translations; see README, "Scaled mode".
install-prod:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

run: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_demo --logins
	@echo "Serving http://127.0.0.1:$(PORT) (HTTP and WebSocket), one import worker and one notifications worker; Ctrl-C stops them."
	@# A worker serves one task backend: imports, and notifications (mails and
	@# group webhooks, printed on the console here), each its own process so a
	@# long import never holds up an alert. The workers run in their own session,
	@# so the terminal's Ctrl-C reaches only Daphne; the trap then asks each once
	@# to stop (SIGTERM): it finishes the task it is running, whereas a second
	@# signal would abandon it.
	@export DJANGO_SETTINGS_MODULE=portal.settings.dev; \
	setsid $(BIN)/python manage.py db_worker --backend imports --queue-name imports --no-reload -v 0 & worker=$$!; \
	setsid $(BIN)/python manage.py db_worker --backend notifications --queue-name notifications --no-reload -v 0 & notifier=$$!; \
	trap 'trap - EXIT INT TERM; kill -TERM $$notifier 2>/dev/null; kill -TERM $$worker 2>/dev/null && echo "Waiting for the import worker to finish its current import ..."; wait $$worker $$notifier 2>/dev/null' EXIT INT TERM; \
	$(BIN)/daphne -b 127.0.0.1 -p $(PORT) portal.asgi:application

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: messages lint
	$(BIN)/pytest -q

# The tests that read the clock (demo, working calendar, leave and staff-change
# timers and deadlines, the queue, the API) on a machine 400 days ahead.
# libfaketime moves the whole process and its children (Daphne servers,
# SQLite's own clock), not only Python's time functions.
FUTURE_TESTS := tests/test_load_demo.py tests/home/test_demo_loaders.py \
	tests/registry tests/workflows/leave tests/workflows/temp_lead \
	tests/workflows/staff_change/test_flow.py tests/workflows/staff_change/test_rules.py \
	tests/workflows/test_queue.py tests/workflows/test_api.py \
	tests/home/test_rules_reader.py tests/home/test_decisions.py \
	tests/home/test_request_forms.py tests/home/test_request_admin.py \
	tests/workflows/assessment/test_demo.py tests/workflows/assessment/test_window.py \
	tests/dashboards/test_demo.py

test-future: messages
	@command -v faketime >/dev/null || { echo "test-future needs faketime (apt-get install faketime)"; exit 1; }
	faketime -f "+400d" $(BIN)/pytest -q -p no:cacheprovider $(FUTURE_TESTS)

# The suite on PostgreSQL and Redis, with the end-to-end deployment test
# (tests/test_deploy.py: deploy/'s nginx site in front of two Daphne processes
# under the production settings; needs nginx, skips without it) and its figures.
test-services: messages
	@test -x /usr/sbin/nginx || echo "test-services: no /usr/sbin/nginx, tests/test_deploy.py skips (apt-get install nginx-light)"
	DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) \
		$(BIN)/pytest -q -p no:cacheprovider

# The same suite as two processes at once (.ci/run): the flows, dashboards and
# hostile queries, and the rest. Each part is a whole pytest run with its own
# test database (test_<name>) and Redis database, in the suite's own order, so
# much of one part's waiting on sockets and servers overlaps the other's work.
SERVICES_PART_A := tests/workflows tests/test_hostile_queries.py
test-services-a: messages
	DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) \
		$(BIN)/pytest -q -p no:cacheprovider $(SERVICES_PART_A)
test-services-b: messages
	DATABASE_URL=$(SERVICES_DATABASE_URL_B) REDIS_URL=$(SERVICES_REDIS_URL_B) \
		$(BIN)/pytest -q -p no:cacheprovider $(addprefix --ignore=,$(SERVICES_PART_A))

# Mutation testing of the rule modules and the scoping selectors ([tool.mutmut]
# in pyproject.toml); mutants/ holds the mutated copy and its results.
MUTATION_CHILDREN ?= 2
mutation: messages
	nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	$(BIN)/mutmut results

bench: messages
	$(BIN)/python -m bench
