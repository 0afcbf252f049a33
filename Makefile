# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
HOST   ?= 127.0.0.1:8000
# Local set-up steps run in development mode unless DEBUG is set; the tests do not.
# With DEBUG, settings derive SITE_URL (links in mails) from HOST unless it is set.
DEV     = DEBUG=$${DEBUG:-1} HOST=$(HOST)

.PHONY: help install messages messages-update migrate seed run test lint format lock worker beat clean

help:
	@echo "make run    - set up and serve the portal on http://$(HOST) (SQLite, demo data)"
	@echo "make test   - set up and run the whole test suite"
	@echo "make lint   - ruff check and format check"
	@echo "make lock   - re-resolve requirements.lock from pyproject.toml"

# The virtualenv is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed

var:
	mkdir -p var

# Translations: .po files are committed, their compiled .mo files are built here
# (GNU gettext's msgfmt when installed, else the pure-Python polib step).
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(DEV) $(PY) manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0; \
	else \
		$(DEV) $(PY) manage.py compile_catalogues --verbosity 0; \
	fi

# After marking new strings: refresh the catalogues, then translate what is new.
messages-update: install
	$(DEV) $(PY) manage.py makemessages -l es --add-location=file \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench

migrate: install var messages
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py createcachetable

seed: migrate
	$(DEV) $(PY) manage.py seed_demo

# With DEBUG on, WhiteNoise serves assets straight from the apps: no collectstatic.
run: seed
	@[ "$${DEBUG:-1}" = "1" ] || $(DEV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@$(DEV) $(PY) manage.py demo_logins --host $(HOST)
	$(DEV) $(PY) manage.py runserver $(HOST)

test: install var messages
	$(DEV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: install
	$(BIN)/pip-compile --quiet --extra dev --strip-extras -o requirements.lock pyproject.toml

worker: install
	$(BIN)/celery -A portal worker --loglevel=info

beat: install
	$(BIN)/celery -A portal beat --loglevel=info

clean:
	rm -rf $(VENV) var/static
