# The README's two commands: `make run` and `make test`. Each installs whatever this machine lacks first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages the project needs: Chromium for the browser tests (Playwright's own download cannot run here).
APT_PACKAGES := chromium
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help install run test lint format worker apt check-deploy

help:
	@echo "make run   install, migrate, load the demo programme, start the web server and a worker"
	@echo "make test  install and run the whole test suite (set DATABASE_URL for PostgreSQL)"

$(VENV)/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

peernet/static/build/peernet.css: node_modules/.installed $(wildcard peernet/static_src/*.scss)
	npm run --silent build

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

install: $(VENV)/.installed peernet/static/build/peernet.css
	@mkdir -p var

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo
	@echo
	@echo "Peer Networks is starting on http://127.0.0.1:8000"
	@echo "Sign in with any of these, password: peer-networks-demo (two-factor sign-in is optional in the demo)"
	@echo "  admin@boost.example        hub administrator"
	@echo "  manager@boost.example      programme manager"
	@echo "  partner@boost.example      delivery partner manager"
	@echo "  facilitator@boost.example  facilitator"
	@echo "  participant@boost.example  participant"
	@echo "  board@boost.example        board member"
	@echo "  national@peernetworks.example  national viewer"
	@echo
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker & \
	TWO_FACTOR_OPTIONAL_FOR_DEMO=true $(PY) manage.py runserver 127.0.0.1:8000

worker: install
	$(PY) manage.py db_worker

test: install apt
	$(VENV)/bin/pytest -n auto --dist loadgroup

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# What a real deployment sets (docs/operations.md), with placeholder hosts; any warning fails.
check-deploy: install
	DEBUG=false SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))') \
	  ALLOWED_HOSTS=peernet.example SITE_URL=https://peernet.example CSRF_TRUSTED_ORIGINS=https://peernet.example \
	  EMAIL_URL=smtp://peernet:password@smtp.peernet.example:587 BEHIND_PROXY=true \
	  DATABASE_URL=postgres://peernet@db.peernet.example:5432/peernet \
	  $(PY) manage.py check --deploy --fail-level WARNING
