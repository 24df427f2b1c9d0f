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

# Production configuration on this machine: gunicorn + task worker, DEBUG off, static files by WhiteNoise.
serve: setup
	test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > var/secret_key
	DEBUG=0 SECRET_KEY="$$(cat var/secret_key)" $(PY) manage.py collectstatic --noinput -v 0
	DEBUG=0 SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" PORT=$(PORT) $(PY) manage.py serve_production

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
