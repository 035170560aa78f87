# Two commands for a new user: `make build` and `make test`. Everything they need is installed
# from this repository's own files (pyproject.toml, package-lock.json, the apt list below).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check bench clean system-deps

build: $(STAMP) node_modules/.installed ## install everything and build the example site into site/ (strict about MkDocs' warnings)
	$(VENV)/bin/journeybook build

serve: $(STAMP) node_modules/.installed ## preview on http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

check: $(STAMP) ## validate the content the way the pull-request gate does (warnings pass; add --strict to fail on them)
	$(VENV)/bin/journeybook check

test: $(STAMP) node_modules/.installed system-deps ## install everything and run all tests
	$(PY) -m pytest

bench: $(STAMP) node_modules/.installed ## measure build and check at N = 10, 100, 1000
	$(PY) benchmarks/run.py

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages the tests use for real: Chromium (browser checks) and PostgreSQL (the SQL
# data source). Installed only when missing; needs root, as on CI.
system-deps:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

clean:
	rm -rf site .site-* $(VENV) node_modules
