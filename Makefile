# Garda — two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GARDA := $(BIN)/garda
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run install test lint typecheck e2e bench lighthouse clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Start Garda on SQLite with demo data at http://127.0.0.1:8000
run: install
	$(GARDA) migrate --no-input
	$(GARDA) seed_demo
	@echo ""
	$(GARDA) serve  # prints the address it listens on (GARDA_HOST, GARDA_PORT)

lint: install
	$(BIN)/ruff check src e2e bench tools
	$(BIN)/ruff format --check src e2e bench tools
	$(BIN)/python tools/check_deps.py  # every import declared, every declared package used
	$(BIN)/lint-imports  # layer contracts in pyproject.toml: no import points up a layer

typecheck: install
	$(BIN)/mypy src/garda

# On SQLite unless DATABASE_URL points elsewhere (e.g. PostgreSQL); exit 5 = no tests collected.
test: lint typecheck
	@rc=0; $(BIN)/pytest -q || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: the suite is broken"; fi; \
	exit $$rc

# The independent Open Badge verifier (Node) that e2e/test_badges.py runs.
BADGE_VERIFY := tools/badge-verify
$(BADGE_VERIFY)/node_modules/.package-lock.json: $(BADGE_VERIFY)/package-lock.json
	cd $(BADGE_VERIFY) && npm ci --no-audit --no-fund

# axe-core for the browser journeys' accessibility audit, pinned by tools/axe/package-lock.json.
AXE := tools/axe/node_modules/axe-core/axe.min.js
$(AXE): tools/axe/package.json tools/axe/package-lock.json
	npm ci --prefix tools/axe --no-audit --no-fund
	touch $(AXE)

e2e: install $(BADGE_VERIFY)/node_modules/.package-lock.json $(AXE)
	$(BIN)/pytest -q e2e

# Lighthouse for bench/lighthouse.py, pinned by tools/lighthouse/package-lock.json.
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund
	touch $(LIGHTHOUSE)

bench: install $(LIGHTHOUSE)
	$(BIN)/python bench/run_all.py

## Lighthouse performance (mobile) of the heaviest public page, with Debian's Chromium
lighthouse: install $(LIGHTHOUSE)
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) var e2e/artifacts tools/axe/node_modules tools/lighthouse/node_modules
