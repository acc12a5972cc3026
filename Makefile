# Quick start: `make serve` runs the site with an embedded grading worker; `make test` runs the tests.
# Both create .venv on first use. Set TORCH_SPEC to the torch build for your machine.
VENV ?= .venv
PYTHON ?= python3
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin

.PHONY: install serve test lint bench messages
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(TORCH_SPEC)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: install
	$(BIN)/dlgrade serve

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# The site's translations: extract the strings, merge them into each .po, compile the .mo.
messages: install
	$(BIN)/pybabel extract -F webapp/translations/babel.cfg -k _l -k lazy_gettext --no-location \
	  --sort-output --project dlgrade -o webapp/translations/messages.pot .
	$(BIN)/pybabel update -i webapp/translations/messages.pot -d webapp/translations \
	  --width 100 --ignore-obsolete
	$(BIN)/pybabel compile -d webapp/translations --statistics
