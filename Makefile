# The two commands a fresh machine needs: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
export PYTHAINLP_OFFLINE := 1

.PHONY: install run test lint fmt migrations serve bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1,<27"
	$(PY) -m pip install --quiet --disable-pip-version-check -e . --group dev
	touch $@

install: $(VENV)/.installed

## run: set up everything (virtualenv, packages, database, demo data) and serve on :8000 with a task worker
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo
	$(PY) manage.py schedule_daily
	@echo
	@echo "ITA Portal: http://127.0.0.1:8000/  (log in as analyst, mayor, staff-office, ...; see above)"
	@echo "A task worker (link checks, reminders) runs beside the web server; Ctrl-C stops both."
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

## test: lint and format check, migrations check, the suite on SQLite, then on PostgreSQL (browser tests once, on SQLite)
test: install
	PY=$(PY) bash scripts/run-tests

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## serve: production serving: collectstatic, migrate, gunicorn (see docs/DEPLOY.md)
serve: install
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

## bench: performance report on N organizations x Y years on PostgreSQL (docs/benchmarks.md)
N ?= 7850
Y ?= 5
bench: install
	@PY=$(PY) N=$(N) Y=$(Y) bash scripts/bench

migrations: install
	$(PY) manage.py makemigrations

clean:
	rm -rf $(VENV) staticfiles
