# Daiwei Portal — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: install messages run test test-services bench lint

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

run: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_demo --logins
	@echo "Serving http://127.0.0.1:$(PORT) (HTTP and WebSocket); Ctrl-C stops."
	$(BIN)/daphne -b 127.0.0.1 -p $(PORT) portal.asgi:application

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: messages lint
	$(BIN)/pytest -q

test-services: messages
	DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) \
		$(BIN)/pytest -q

bench: messages
	$(BIN)/python -m bench
