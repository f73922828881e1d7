# The project's verbs. Each target sets up what it needs, so a fresh clone only runs `make serve`
# or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
COURSE ?= ipu-workshop
NODE_STAMP := node_modules/.installed

.PHONY: setup serve build offline check schemas test lint bench new report handouts trainer course chromium clean node lms translations workshop

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m build_tools.precompile
	touch $@

# The site with its PDF handouts, and the offline edition's zip under downloads/.
# Content problems do not stop it: the preview starts anyway and shows them on every page.
serve: setup
	@$(MAKE) --no-print-directory offline || echo "The offline edition was not rebuilt (problems above); starting the preview anyway."
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: offline
	$(BIN)/mkdocs build --strict

# The edition that opens from file:// (a USB stick), zipped for the online site's downloads page.
offline: setup
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir .cache/offline-site
	$(BIN)/python -m build_tools pack .cache/offline-site .cache/offline-edition.zip

handouts: setup
	$(BIN)/python -m build_tools handouts --out site/downloads

# The trainer edition (every answer key) and the session plan as PDFs, and the trainer edition of the
# site (facilitator notes, answer keys, session plan; noindex) in dist/trainer/site: beside the
# learners' site and never published with it.
trainer: setup
	$(BIN)/python -m build_tools trainer --out dist/trainer
	EDITION=trainer $(BIN)/mkdocs build --strict --site-dir dist/trainer/site

# make course COURSE=my-course: the site, its PDFs, the trainer edition and the offline zip in dist/<id>/.
course: setup
	$(BIN)/python -m build_tools course build "$(COURSE)"

check: setup
	$(BIN)/python -m build_tools check

# Merge the English into every language's PO files (new text untranslated, changed text fuzzy,
# removed text obsolete), then print what is left to translate.
translations: setup
	$(BIN)/python -m build_tools translations update

# make new ID=good-offices TITLE="Good offices"
new: setup
	$(BIN)/python -m build_tools new "$(ID)" "$(TITLE)"

report: setup
	$(BIN)/python -m build_tools report

schemas: setup
	$(BIN)/python -m build_tools schemas

# Live polls in the workshop room: LAN=1 lets phones on the room's Wi-Fi or the laptop's hotspot join;
# COURSE=<id> runs that course's plan (workshops/<id>.yml); WORKSHOP_LANGUAGE=fr runs the room in French.
workshop: setup
	$(BIN)/python -m build_tools workshop serve $(if $(LAN),--lan) $(if $(COURSE),--course $(COURSE)) $(if $(WORKSHOP_PORT),--port $(WORKSHOP_PORT)) $(if $(WORKSHOP_LANGUAGE),--language $(WORKSHOP_LANGUAGE))

bench: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m build_tools.bench

lint: setup
	$(BIN)/ruff check build_tools tests
	$(BIN)/ruff format --check build_tools

test: setup chromium node
	$(BIN)/ruff check build_tools tests
	$(BIN)/python -m build_tools check
	$(BIN)/python -m pytest

# Browser tests drive Debian's chromium (Playwright cannot download its own browser here);
# PDF tests render pages with poppler's pdftoppm; PO files are checked with GNU gettext's msgfmt.
chromium:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && command -v msgfmt >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium poppler-utils gettext)

# The test-only JavaScript packages (scorm-again, gift-pegjs), exactly as package-lock.json pins them.
node: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# A course's exports for learning platforms, in dist/<id>/lms/: the SCORM 1.2 and 2004 packages (the
# course's offline edition, built apart from `make offline`'s) and the question banks (Moodle XML,
# GIFT). make lms COURSE=<id>
lms: setup
	OFFLINE=true EDITION=learner COURSE=$(COURSE) $(BIN)/mkdocs build --strict --site-dir .cache/lms/$(COURSE)/offline-site
	$(BIN)/python -m build_tools export scorm $(COURSE) --site .cache/lms/$(COURSE)/offline-site
	$(BIN)/python -m build_tools export moodle $(COURSE)
	$(BIN)/python -m build_tools export gift $(COURSE)

clean:
	rm -rf site dist .cache .pytest_cache
