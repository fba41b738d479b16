# The two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip -q --disable-pip-version-check

.PHONY: demo test install install-test browser clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[web,bench]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -e '.[web,bench,test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

# Browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null \
	  || { echo "could not install chromium (apt-get); browser tests need it" >&2; exit 1; }; }

demo: install
	$(VENV)/bin/chorus digest examples/ --out out/
	@echo "open out/report.html, or run: $(VENV)/bin/chorus serve"

test: install-test
	$(PY) -m pytest -q

clean:
	rm -rf out chorus.db chorus.db-wal chorus.db-shm test-artifacts .pytest_cache
