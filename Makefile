# matchforum — run `make help` for the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST := $(PY) -m pytest
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SIZE ?= small
DEMO_SEED ?= 1
XDIST ?= -n 2
CORE_TESTS := tests/scheduling tests/matching
WEB_TESTS := tests --ignore=tests/scheduling --ignore=tests/matching --ignore=tests/e2e

.PHONY: help install run serve migrate seed seed-large test test-cores test-sqlite \
        test-postgres test-e2e lint format check-migrations bench-schedule bench-match clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install pinned dependencies

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Load the demo forum unless one exists (DEMO_SIZE=small|large, DEMO_SEED=N)
	@if $(MANAGE) shell -c "import sys; from matchforum.forums.models import Forum; sys.exit(0 if Forum.objects.exists() else 1)"; then \
	  echo "A forum exists already; not seeding. Sign-in details:"; cat var/demo-credentials.txt 2>/dev/null || true; \
	else $(MANAGE) seed_demo --size $(DEMO_SIZE) --seed $(DEMO_SEED) && \
	  $(MANAGE) recompute_recommendations; fi

seed-large: migrate ## Replace the demo forum with the large one (3,000 organisations)
	$(MANAGE) seed_demo --size large --seed $(DEMO_SEED) --replace
	$(MANAGE) recompute_recommendations

run: export DEBUG ?= true
run: seed ## Install, migrate, seed the demo forum and serve it on http://127.0.0.1:8000 with a task worker
	@echo "Serving on http://$(HOST):$(PORT)/ (the task worker runs beside it; Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --interval 0.5 & \
	  $(MANAGE) runserver $(HOST):$(PORT)

test: test-cores test-sqlite test-postgres test-e2e ## Run the whole suite: cores, web on SQLite and PostgreSQL, browser

test-cores: install ## Tests of the pure scheduling and matching packages
	$(PYTEST) $(CORE_TESTS) -q $(XDIST)

test-sqlite: install ## Web-layer tests on SQLite
	$(PYTEST) $(WEB_TESTS) -q $(XDIST)

test-postgres: install ## Web-layer tests on a PostgreSQL server started for the run
	$(PY) scripts/with_postgres.py -- $(PYTEST) $(WEB_TESTS) -q $(XDIST)

test-e2e: install ## Browser tests: Playwright driving Debian's chromium
	@if ls tests/e2e/test_*.py >/dev/null 2>&1; then $(PYTEST) tests/e2e -q; \
	  else echo "no browser tests yet"; fi

lint: install ## ruff, the import contracts (pure cores never import Django), migrations check
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run

format: install ## Format and autofix with ruff
	$(VENV)/bin/ruff format src tests bench scripts
	$(VENV)/bin/ruff check --fix src tests bench scripts

bench-schedule: install ## Scheduler benchmark: 20 real instances, large generated forums, repair
	$(PY) bench/bench_schedule.py

bench-match: install ## Matcher benchmark: quality against baselines and ablations, speed
	$(PY) bench/bench_match.py

clean: ## Remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
