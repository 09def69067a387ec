# The two commands: `make demo` runs the platform, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON := $(shell scripts/find-python)
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
VENV := .venv
BIN := $(VENV)/bin
PO_FILES := $(wildcard src/values/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
# Country boundaries for the partner map (Natural Earth via the npm package world-atlas), git-ignored.
NATURAL_EARTH := vendor/world-atlas/countries-50m.json

.PHONY: demo test lint format install messages makemessages clean

# When make began, read once as the Makefile is parsed: `make demo` and `make test` print the time since.
STARTED := $(shell date +%s)
DEMO_PORT ?= 8000

demo: install messages
	scripts/system-packages
	$(BIN)/python scripts/report-when-served $(STARTED) http://127.0.0.1:$(DEMO_PORT)/ & $(BIN)/values demo --port $(DEMO_PORT)

# Tests run in parallel with pytest-xdist: one worker per core, at most 4, each on its own test database; tests
# marked with an xdist_group stay on one worker (the demo modules make their sample once per module).
# TEST_WORKERS=0 runs them serially in this process. PYTEST_ARGS narrows a run, e.g.
# PYTEST_ARGS='-m "not browser"' (CI runs the browser suite once).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1); echo $$(( n < 4 ? n : 4 )))
PYTEST_ARGS ?=

test: install messages
	scripts/system-packages test
	status=0; $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS) || status=$$?; \
	echo "make test: $$(( $$(date +%s) - $(STARTED) )) s from the command's start (install included), exit $$status"; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

install: $(VENV)/.synced $(NATURAL_EARTH)

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --locked
	touch $@

# Fetched once, pinned and checked against its sha512; again only when the script changes.
$(NATURAL_EARTH): scripts/fetch-world-atlas
	$(PYTHON) scripts/fetch-world-atlas $(@D)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

messages: $(MO_FILES)

%.mo: %.po install
	$(BIN)/pybabel compile --domain=django --input-file=$< --output-file=$@ --statistics

# Needs gettext (xgettext): refreshes the catalogues from the code and the templates.
makemessages: install
	cd src/values && ../../$(BIN)/values makemessages --locale=it --locale=nl --locale=cs --locale=de --locale=es --locale=ca --locale=nb --locale=lv --locale=el --locale=fr --locale=ar --locale=fa --locale=uk --locale=ti --no-obsolete --ignore=static

clean:
	rm -rf $(VENV) .tools var/test*.sqlite3* .pytest_cache
