# pagefeed: `make run` builds the bundled sample's feeds, `make test` runs the whole suite.
# Both create .venv and install everything on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The bundled sample page is dated 2026-01-15; building "as of" that time makes feeds/ the same
# bytes on every machine (an entry with no date of its own gets this time).
CONFIG      := examples/pagefeed.toml
SAMPLE_NOW  := 2026-01-15T12:00:00Z

.PHONY: run test lint typecheck unit bench accuracy tools newsboat clean golden fuzz

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

run: $(STAMP)
	$(BIN)/pagefeed run --config $(CONFIG) --out feeds --now $(SAMPLE_NOW) -v
	@ls -l feeds/

test: $(STAMP) tools lint typecheck unit

unit: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check source tests bench
	$(BIN)/ruff format --check source tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# The fuzzing harness (tests/test_fuzz.py) with its long, random profile: some minutes of cases
# over the whole CLI; Hypothesis' statistics say how many cases each property tried. `make test`
# runs the same properties on a small, fixed set of cases.
FUZZ_EXAMPLES ?= 1500
fuzz: $(STAMP)
	PAGEFEED_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py \
	  --hypothesis-show-statistics

golden: $(STAMP)
	$(BIN)/python -m pytest -q --update-golden

# morss (the HTML-build baseline) gets its own venv, made here only: `make test` never needs it.
MORSS_VENV    := .bench/morss-venv
MORSS_VERSION := 20230627.2039

# An installed pagefeed has compiled bytecode (pip compiles wheels); the editable source here does
# not when PYTHONDONTWRITEBYTECODE is set, so compile it first or start-up figures are unfair.
bench: $(STAMP)
	@sh bench/morss_env.sh $(MORSS_VENV) $(PYTHON) $(MORSS_VERSION)
	$(BIN)/python -m compileall -q source
	$(BIN)/python bench/run.py

# The parser on every labelled corpus in ../shared/pages/ (says so and exits 0 when absent).
# trafilatura and newspaper4k are scored beside pagefeed, from their own venv made here only
# (`make test` never needs them); each answers `parse SOURCE --json` through
# bench/extractor_adapter.py. A failed install leaves pagefeed scored alone.
EXTRACTORS_VENV   := .bench/extractors-venv
TRAFILATURA_VERSION := 2.3.1
NEWSPAPER4K_VERSION := 0.9.6

accuracy: $(STAMP)
	@sh bench/extractors_env.sh $(EXTRACTORS_VENV) $(PYTHON) $(TRAFILATURA_VERSION) $(NEWSPAPER4K_VERSION)
	$(BIN)/python bench/accuracy.py --pagefeed $(BIN)/pagefeed \
	  $$(for t in trafilatura newspaper4k; do \
	       [ -x $(EXTRACTORS_VENV)/bin/$$t-adapter ] && echo --tool $$t=$(EXTRACTORS_VENV)/bin/$$t-adapter; \
	     done)

# newsboat (a real reader), chromium (a real browser, headless) and nginx (a real static host) are
# what the tests drive; install them from Debian when we may (root), else the tests that need them
# skip and say why. Chromium comes from Debian's package: no tool downloads a browser of its own.
DEBIAN_TOOLS := newsboat chromium nginx-light
DEBIAN_BINS  := newsboat chromium nginx

tools:
	@missing=""; for bin in $(DEBIAN_BINS); do \
	  command -v $$bin >/dev/null 2>&1 || [ -x /usr/sbin/$$bin ] || missing="$$missing $$bin"; done; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing from Debian ..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_TOOLS)) >/dev/null 2>&1 \
	      || echo "$$missing: install failed; the tests that need them will skip"; \
	  else echo "$$missing: not root or no apt-get; the tests that need them will skip"; fi; }

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis source/*.egg-info
