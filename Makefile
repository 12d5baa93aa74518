# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test drill lint format messages worker beat clean backup restore bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Embedded mode: SQLite under var/, tasks inline, demo data, development server.
run: export DEBUG ?= 1
run: $(STAMP)
	mkdir -p $${VAR_DIR:-var}
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Open http://$(HOST):$(PORT)/ and log in with one of the demo logins above."
	$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

# The whole suite. Uses DATABASE_URL / REDIS_URL when set (CI sets PostgreSQL and Redis);
# tests needing a missing service skip with the reason, except under CI=true.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Slow reliability drills (real Redis and Celery worker processes killed and restarted);
# `make test` leaves them out, CI runs both. See docs/drills.md.
drill: $(STAMP)
	$(BIN)/python -m pytest -m drill tests/drills $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate and compile the Vietnamese catalogues (needs GNU gettext).
messages: export DEBUG ?= 1
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages -l vi --ignore '.venv/*'

worker: $(STAMP)
	$(BIN)/celery -A danvan worker --loglevel=INFO --max-tasks-per-child=50

beat: $(STAMP)
	$(BIN)/celery -A danvan beat --loglevel=INFO

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis .ruff_cache

# Back up / restore the database and uploaded files (see README "Backup and restore").
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(OUT),--out $(OUT),)

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/danvan-....tar.gz"; exit 2; }
	$(BIN)/python manage.py restore $(FILE)

# City-scale benchmark on its own database (danvan_bench) and Redis db 13; see docs/bench.md.
# BENCH_ARGS="--scale 0.01" for a quick run.
bench:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	$(BIN)/python -m bench.run $(BENCH_ARGS)
