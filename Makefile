# Daiwei Portal — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/1
SERVICES_WORKERS ?= 2

.PHONY: install install-prod messages run test test-future test-services bench lint mutation

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
	@echo "Serving http://127.0.0.1:$(PORT) (HTTP and WebSocket) and one import worker; Ctrl-C stops both."
	@# The worker runs in its own session, so the terminal's Ctrl-C reaches only
	@# Daphne; the trap then asks the worker once to stop (SIGTERM): it finishes
	@# the import it is running, whereas a second signal would abandon it.
	@export DJANGO_SETTINGS_MODULE=portal.settings.dev; \
	setsid $(BIN)/python manage.py db_worker --backend imports --queue-name imports --no-reload -v 0 & worker=$$!; \
	trap 'trap - EXIT INT TERM; kill -TERM $$worker 2>/dev/null && echo "Waiting for the import worker to finish its current import ..."; wait $$worker 2>/dev/null' EXIT INT TERM; \
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

# The suite on PostgreSQL and Redis in SERVICES_WORKERS pytest-xdist workers
# (a test module stays on one worker; each worker has its own test database
# and its own Redis database, portal/settings/test.py): much of this run waits
# on sockets, servers and the database, so two workers overlap their waits.
# It includes the end-to-end deployment test (tests/test_deploy.py: deploy/'s
# nginx site in front of two Daphne processes under the production settings;
# needs nginx, skips without it) and its figures.
test-services: messages
	@test -x /usr/sbin/nginx || echo "test-services: no /usr/sbin/nginx, tests/test_deploy.py skips (apt-get install nginx-light)"
	DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) \
		$(BIN)/pytest -q -p no:cacheprovider -n $(SERVICES_WORKERS) --dist loadfile

# Mutation testing of the rule modules and the scoping selectors ([tool.mutmut]
# in pyproject.toml); mutants/ holds the mutated copy and its results.
MUTATION_CHILDREN ?= 2
mutation: messages
	nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	$(BIN)/mutmut results

bench: messages
	$(BIN)/python -m bench
