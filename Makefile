# Two commands for a fresh machine:  make run   and   make test
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: run test build install install-test constraints virtuoso jre assets chromium screenshots bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# constraints.txt pins every package to the version CI passed with (regenerate with `make constraints`)
PIP_INSTALL := $(BIN)/pip install --quiet -c constraints.txt

install: $(BIN)/python
	$(PIP_INSTALL) -e .

install-test: $(BIN)/python virtuoso jre chromium assets
	$(PIP_INSTALL) -e '.[test]'

## make constraints: pin what is installed now (after upgrading or adding a dependency, and a green make test)
constraints:
	$(BIN)/pip freeze --exclude-editable | grep -v '^mhkg' > constraints.txt

## Virtuoso Open-Source 7 (Debian's package), a store server the remote-store tests run on
virtuoso:
	@command -v virtuoso-t >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; }

## A Java runtime (Debian's), for the HermiT reasoner owlready2 runs in tests/test_owl_dl.py; where
## java is missing: 25 packages, 53 MB to download, 211 MB installed (Debian 12), some 20-60 s
jre:
	@command -v java >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }

## The pages' vendored JavaScript from the npm registry (YASGUI for /sparql, axe-core for the tests), pinned by
## api/web/vendor/package-lock.json and served by the service itself; where npm is missing, Debian's nodejs and npm
VENDOR := api/web/vendor
assets: $(VENDOR)/node_modules/.package-lock.json
$(VENDOR)/node_modules/.package-lock.json: $(VENDOR)/package.json $(VENDOR)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(VENDOR) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

## Debian's Chromium, the browser the Playwright tests drive (tests/test_browser.py); no browser is downloaded
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## make screenshots: the README's pictures of each page kind (docs/screenshots/), from the built graph
screenshots: install-test
	$(BIN)/python docs/screenshots/take.py --data $${MHKG_DATA:-data}

## make run: install, build the graph if there is none, serve it on http://$(HOST):$(PORT)
run: install assets
	$(BIN)/mhkg build --if-missing
	$(BIN)/mhkg serve --host $(HOST) --port $(PORT)

## make test: install with test dependencies and run the whole suite
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: install
	$(BIN)/mhkg build

## make bench: the serving benchmark, MHKG beside oxigraph serve (BENCH="serve --quick" takes a minute;
## BENCH=ingest runs the ingest benchmark); see bench/README.md
BENCH ?= serve
bench: install-test
	$(PIP_INSTALL) -e '.[test,bench]'
	$(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) data .pytest_cache
