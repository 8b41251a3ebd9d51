# Hotel Sales: `make run` sets everything up and starts the app; `make test` sets up and runs the checks.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SCALES ?= 1 10
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test serve worker beat setup bench system-packages browser messages lint

# DEBUG is off unless asked for: development, tests and benchmarks ask for it (it also allows the development
# SECRET_KEY), for their set-up too; `serve`, `worker` and `beat` need the production variables (see README).
run test bench messages: export DEBUG ?= true

run: setup
	@$(PY) manage.py seed_demo
	@$(PY) manage.py demo_logins --url "http://127.0.0.1:$(PORT)/"
	honcho start --procfile Procfile --port $(PORT)

test: setup browser
	ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	pytest -n 2

# Production: one gunicorn per web node (its settings: gunicorn.conf.py); run `make worker` on each worker node and `make beat` on exactly one.
serve: setup
	DEBUG=false gunicorn hotelsales.wsgi

worker: setup
	DEBUG=false celery -A hotelsales worker --loglevel=info

beat: setup
	DEBUG=false celery -A hotelsales beat --loglevel=info

bench: setup
	$(PY) bench/run.py --scales $(SCALES)

setup: $(VENV)/.installed node_modules/.installed system-packages staticfiles/staticfiles.json
	@$(PY) manage.py preflight
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py compilemessages --ignore "$(VENV)" --ignore node_modules -v0

# Collecting (and compressing) static files is slow, so it runs only when a static file changed.
staticfiles/staticfiles.json: $(VENV)/.installed node_modules/.installed $(shell find static -type f)
	$(PY) manage.py collectstatic --noinput -v0

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# gettext compiles the translations; the CJK fonts let PDFs print Chinese.
system-packages:
	@command -v msgfmt >/dev/null && fc-list :lang=zh | grep -q . || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext fonts-noto-cjk >/dev/null; }

# Debian's Chromium for the Playwright tests: no browser download.
browser:
	@command -v chromium >/dev/null || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Refresh the catalogue after adding strings; then translate the new entries in locale/zh_Hans.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale zh_Hans --ignore "$(VENV)" --ignore node_modules --ignore staticfiles \
		--ignore tests --ignore bench --no-obsolete
