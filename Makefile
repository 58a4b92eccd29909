# The two commands are `make run` and `make test`; the other targets are their steps.
# Needs only Python 3.11, make and gettext (msgfmt) on the machine.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# Test workers (pytest-xdist): one per core; each takes whole files, so a module's shared rows are built once,
# in pytest-django's order (not xdist's largest-first): the tests that empty the database (transactional:
# test_health.py, the browser) come after the others.
TEST_WORKERS ?= auto
# Local work runs in debug mode, which also supplies a throwaway secret key (see directory/settings.py).
export DJANGO_DEBUG ?= 1

.PHONY: run test audit install dev messages migrate seeds backup restore lint format clean

run: .env install messages migrate seeds  ## serve the directory on http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: .env dev messages  ## the whole suite (SQLite, or PostgreSQL when DATABASE_URL is set), then ruff
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

audit: .env dev messages  ## Lighthouse, Nu HTML Checker, axe-core, screenshots (devtools/audit/run)
	devtools/audit/run $(AUDIT_ARGS)

# Debug mode for the manage.py commands typed by hand too (README: createsuperuser). An existing .env is kept.
.env:
	printf '# Read by directory/settings.py; git-ignored. Written by `make run` or `make test`.\nDJANGO_DEBUG=1\n' > $@

install: $(BIN)/.installed  ## what serving needs
dev: $(BIN)/.installed-dev  ## that and the test, lint and browser tools

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Rebuilt whenever .installed is (pyproject.toml changed), and after a `make run` that installed no extras.
$(BIN)/.installed-dev: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

messages: install
	$(BIN)/python manage.py compilemessages --ignore='.venv' --verbosity 0

migrate: install
	$(BIN)/python manage.py migrate --no-input

seeds: migrate  ## and the bulk dataset the data page offers, built from them
	$(BIN)/python manage.py load_seeds
	$(BIN)/python manage.py build_dataset

backup: install  ## a complete dump (both languages, edit history): FILE=… or backups/shabakat-<date>.xml.gz
	$(BIN)/python manage.py backup $(FILE)

restore: migrate  ## load FILE=… into an empty database (DATABASE_URL)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/….xml.gz" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
	find . -name '*.mo' -path './locale/*' -delete
