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
        test-postgres test-e2e lint format check-migrations bench-schedule bench-match clean \
        messages compilemessages i18n-report i18n \
        schema schema-check check-deploy audit bench-load bench-search prod-up prod-down prod-status

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	PYTHON=$(PYTHON) VENV=$(VENV) EXTRAS=dev sh scripts/install.sh
	touch $@

install: $(VENV)/.installed compilemessages ## Create the virtualenv, install pinned dependencies, compile translations

compilemessages: $(VENV)/.installed ## Compile the translation catalogues (GNU msgfmt, or polib without gettext)
	$(PY) -m matchforum.core.catalogues compile

messages i18n-report i18n: export DEBUG ?= true
messages: $(VENV)/.installed ## Extract the project's strings into the six catalogues (needs GNU gettext)
	$(MANAGE) make_messages

i18n-report: $(VENV)/.installed ## Per-language completeness against a fresh extraction (fails below the bar)
	$(MANAGE) i18n_report

i18n: messages compilemessages ## One translation pass: extract, compile, report completeness
	$(MANAGE) i18n_report --as-is --list

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
run: seed ## Install, migrate, seed the demo forum and serve it on http://127.0.0.1:8000 with a task worker and the scheduler
	@echo "Serving on http://$(HOST):$(PORT)/ (the task worker and the periodic scheduler run beside it; Ctrl-C stops all three)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --interval 0.5 & \
	  $(MANAGE) run_scheduler & \
	  $(MANAGE) runserver $(HOST):$(PORT)

prod-up: install ## Start the production stack with DEBUG off (trial PostgreSQL under var/ unless DATABASE_URL) on HOST:PORT
	$(PY) scripts/prod_stack.py up --host $(HOST) --port $(PORT)

prod-down: ## Stop every process prod-up started (and the trial's PostgreSQL), nothing else
	$(PY) scripts/prod_stack.py down

prod-status: ## Whether the processes prod-up started still run
	$(PY) scripts/prod_stack.py status

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

lint: export DEBUG ?= true
lint: install ## ruff, import contracts, migrations check, bandit, pip-audit, OpenAPI schema check
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/bandit -q -r src -c pyproject.toml
	$(PY) scripts/audit_dependencies.py
	$(MAKE) --no-print-directory schema-check

audit: install ## pip-audit of the pinned dependencies (AUDIT_STRICT=1 fails when offline)
	$(PY) scripts/audit_dependencies.py

schema: install ## Regenerate the committed OpenAPI document docs/openapi.yaml
	DEBUG=1 $(MANAGE) spectacular --validate --fail-on-warn --file docs/openapi.yaml

schema-check: install ## Fail when docs/openapi.yaml differs from the generated schema
	@DEBUG=1 $(MANAGE) spectacular --validate --fail-on-warn --file var/openapi.generated.yaml
	@diff -u docs/openapi.yaml var/openapi.generated.yaml >/dev/null || \
	  { echo "docs/openapi.yaml is stale: run 'make schema' and commit it"; \
	    diff -u docs/openapi.yaml var/openapi.generated.yaml | head -40; exit 1; }
	@echo "docs/openapi.yaml matches the generated schema"

check-deploy: install ## Django's deployment checklist with production settings (fails on warnings)
	env -u DEBUG DEBUG=false SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))')" \
	  ALLOWED_HOSTS=forum.example.org MATCHFORUM_VAR_DIR=var/check-deploy \
	  $(MANAGE) check --deploy --fail-level WARNING

format: install ## Format and autofix with ruff
	$(VENV)/bin/ruff format src tests bench scripts
	$(VENV)/bin/ruff check --fix src tests bench scripts

bench-schedule: install ## Scheduler benchmark: 20 real instances, large generated forums, repair, demo forums
	$(PY) bench/bench_schedule.py --large --demo --demo-large

bench-match: install ## Matcher benchmark: quality against baselines and ablations, speed
	$(PY) bench/bench_match.py

LOAD_USERS ?= 200
LOAD_TIME ?= 3m
bench-load: install ## Load test: locust against gunicorn + PostgreSQL on loopback (LOAD_USERS, LOAD_TIME)
	$(PY) scripts/with_postgres.py -- $(PY) bench/load/run_load.py --users $(LOAD_USERS) --time $(LOAD_TIME)

bench-search: install ## Marketplace search benchmark: p50/p95 per query on the large demo forum, PostgreSQL
	$(PY) scripts/with_postgres.py -- $(PY) bench/bench_search.py --size large

clean: ## Remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
