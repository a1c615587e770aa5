PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Tests run on PostgreSQL (a test database is created and dropped by the runner).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kenes
# The suite runs on every core (pytest-xdist; each worker has its own test database, created from the
# models: `make lint` proves the migrations match them, and no migration writes data a test needs).
PYTEST_ARGS ?= -n auto --nomigrations

.PHONY: run test lint format setup data clean messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: HTMX enhancements are off (every page works without them)"; fi

setup: $(VENV)/.installed node_modules/.installed

# Migrate, load reference data (regions, maslikhats) and the demo content.
data: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py load_reference
	DEBUG=1 $(PY) manage.py load_demo

# Serves on http://127.0.0.1:$(PORT) with SQLite, a background task worker and console e-mail.
# Links in e-mails and the feed use KENES_SITE_URL: by default the address this serves on.
SITE_URL = $${KENES_SITE_URL:-http://127.0.0.1:$(PORT)}
run: data
	@echo "Kenes: http://127.0.0.1:$(PORT)/  (staff: secretariat / kenes-demo; see README)"
	DEBUG=1 KENES_SITE_URL=$(SITE_URL) $(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 KENES_SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: setup
	cd kenes && ../$(PY) ../manage.py makemessages -l kk -l ru -l en --no-obsolete --ignore '*/migrations/*'
	cd kenes && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles
