# Volunteer Hub — `make run` serves the app as in production (gunicorn and a job
# worker), `make dev` is the reloading development server, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 5000
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
# The production-topology test's Redis database (its queue is emptied first).
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
export FLASK_APP := wsgi

# Debian packages: WeasyPrint's Pango stack, a CJK font, HarfBuzz's subsetter
# (without it WeasyPrint subsets fonts in pure Python, seconds per page).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-noto-cjk fonts-babelstone-han fontconfig
# For the tests: Chromium for the browser tests, poppler for PDF checks.
TEST_PACKAGES := chromium poppler-utils
AXE_VERSION := 4.11.0

.PHONY: run dev upgrade test install install-dev system-packages test-system-packages apt \
	bytecode \
	migrate demo lint bench lighthouse worker \
	i18n clean-venv test-sqlite test-postgres

# gunicorn (deploy/gunicorn.conf.py; WEB_CONCURRENCY workers) and, with
# REDIS_URL, an RQ job worker; Ctrl-C stops both.
run: migrate
	@echo "Volunteer Hub on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	HOST=$(HOST) PORT=$(PORT) $(PY) tools/serve.py

# The reloading development server with the debugger: this computer only.
dev: migrate
	@case "$(HOST)" in 127.0.0.1|localhost|::1) ;; \
	*) echo "make dev serves the debugger and development settings on this computer only; use make run for HOST=$(HOST)." >&2; exit 1;; esac
	VH_ENV=development HOST=$(HOST) $(VENV)/bin/flask run --debug --host $(HOST) --port $(PORT)

# After pulling a new version: packages, translations, database.
upgrade:
	rm -f $(VENV)/.installed
	$(MAKE) --no-print-directory migrate

system-packages:
	@$(MAKE) --no-print-directory apt PACKAGES="$(RUN_PACKAGES)"

test-system-packages:
	@$(MAKE) --no-print-directory apt PACKAGES="$(TEST_PACKAGES)"
	@command -v npm >/dev/null || $(MAKE) --no-print-directory apt PACKAGES="npm"

apt:
	@missing=""; for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Please install these system packages (as root):"; \
			echo "  apt-get install$$missing"; \
		fi; \
	fi

$(VENV)/.installed: requirements.txt
	@$(MAKE) --no-print-directory system-packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt package.json
	@$(MAKE) --no-print-directory test-system-packages
	$(PY) -m pip install -q -r requirements-dev.txt
	npm install --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed i18n-compile bytecode

install-dev: $(VENV)/.installed-dev i18n-compile

i18n-compile:
	@$(PY) tools/i18n.py compile >/dev/null

# Workers start from bytecode even where PYTHONDONTWRITEBYTECODE is set (each
# would otherwise compile the whole application, about half a second).
bytecode:
	@$(PY) -m compileall -q volunteer_hub wsgi.py >/dev/null

i18n:
	$(PY) tools/i18n.py update

migrate: install
	$(VENV)/bin/flask db upgrade

demo: migrate
	$(VENV)/bin/flask demo load

lint: install-dev
	$(VENV)/bin/ruff check .
	$(PY) tools/i18n.py check

# SQLite (with the browser tests), then PostgreSQL when the server answers.
# In CI a missing PostgreSQL is an error, never a silent skip.
test: lint
	$(MAKE) --no-print-directory test-sqlite
	@if $(PY) tools/pg_available.py "$(PG_TEST_URL)"; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) does not answer; CI must test it." >&2; exit 1; \
	else \
		echo "*** PostgreSQL at $(PG_TEST_URL) does not answer: its run was NOT done. ***"; \
	fi

# The topology test runs here only: it makes its own PostgreSQL database
# (PG_TEST_URL's name + "_topology") and uses Redis, whatever the suite's database.
test-sqlite: install-dev
	PG_TEST_URL=$(PG_TEST_URL) TEST_REDIS_URL=$(REDIS_TEST_URL) \
		$(PY) -m pytest -n 2 --dist loadgroup -q tests

test-postgres: install-dev
	TEST_DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -n 2 --dist loadgroup -q -m "not browser and not topology" tests

# make bench BENCH="matching startup" runs a subset (see bench/run.py).
bench: install-dev bytecode
	$(PY) bench/run.py $(BENCH)

# Lighthouse mobile scores of the sign-up and public drive pages on the demo
# (README, benchmark notes); Lighthouse comes through npx, pinned in the script.
lighthouse: install-dev
	bash tools/lighthouse.sh

clean-venv:
	rm -rf $(VENV) node_modules

# A background-job worker on Redis (REDIS_URL); start one per core or machine.
worker: migrate
	$(VENV)/bin/flask jobs worker
