# Hub Local — the README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DEBUG ?= 1

.PHONY: demo install setup serve test lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py init_dev
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_territory
	$(PY) manage.py load_open_data
	$(PY) manage.py load_demo

demo: setup
	@echo "Hub Local en http://127.0.0.1:$(PORT)/  (usuario demo: equipo / hub-demo-2026)"
	$(PY) manage.py run_demo_server --port $(PORT)

test: install
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf var/hub.sqlite3* var/media var/staticfiles
