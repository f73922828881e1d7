# The project's verbs. Each target sets up what it needs, so a fresh clone only runs `make serve`
# or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve build offline check schemas test lint bench new report chromium clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup
	$(BIN)/mkdocs build --strict

offline: setup
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

check: setup
	$(BIN)/python -m build_tools check

# make new ID=good-offices TITLE="Good offices"
new: setup
	$(BIN)/python -m build_tools new "$(ID)" "$(TITLE)"

report: setup
	$(BIN)/python -m build_tools report

schemas: setup
	$(BIN)/python -m build_tools schemas

bench: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m build_tools.bench

lint: setup
	$(BIN)/ruff check build_tools tests
	$(BIN)/ruff format --check build_tools

test: setup chromium
	$(BIN)/python -m build_tools check
	$(BIN)/python -m pytest

# Browser tests drive Debian's chromium: Playwright cannot download its own browser here.
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

clean:
	rm -rf site site-offline .pytest_cache
