# backchannel: `make run` sets everything up and opens the explorer on seeds/; `make test` runs the tests.
# Tests run in two processes, handed out one at a time (--dist loadgroup), so that both stay busy to the end; a file
# with module fixtures (the gold evaluation's ingest, 45 s) carries an xdist_group mark and stays on one process, so
# they are built once, not once per process.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STORE ?= backchannel.json
SEEDS := $(shell find seeds -type f \( -name '*.txt' -o -name '*.md' -o -name '*.jsonl' \) 2>/dev/null)

.PHONY: run install install-ray test lint bench bench-scaling snapshots eval screenshots report-screenshot clean

run: $(STORE)
	$(BIN)/backchannel browse --store $(STORE)

install: $(VENV)/.installed

# Reinstall when the project's metadata changes; the stamp keeps `make run` instant afterwards.
$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: no python3.11 or python3 found; install Python 3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The optional Ray extra, for `backchannel ingest --engine ray`; `make test` installs it so that the Ray tests run.
install-ray: $(VENV)/.installed-ray

# One pip run for both (an editable install's wheel is built once, not twice); it stamps the plain install as well.
$(VENV)/.installed-ray: pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: no python3.11 or python3 found; install Python 3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'
	touch $(VENV)/.installed $@

# Ingest the seeds when the store is missing or older than any seed file.
$(STORE): $(VENV)/.installed $(SEEDS)
	$(BIN)/backchannel ingest seeds/ --store $(STORE)
	touch $@

test: $(VENV)/.installed-ray
	$(BIN)/ruff check store tui tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

lint: $(VENV)/.installed
	$(BIN)/ruff check store tui tests bench
	$(BIN)/ruff format --check store tui tests bench
	$(BIN)/lint-imports

snapshots: $(VENV)/.installed
	$(BIN)/python -m pytest -q tests/test_snapshots.py tests/test_views.py --snapshot-update

# The explorer, corrections, network and timeline screenshots in docs/, from the seed store.
screenshots: $(STORE)
	$(BIN)/python scripts/screenshot.py $(STORE)

# The report on the seeds and a headless browser's picture of it; installs Debian's chromium when it is missing (needs root).
report-screenshot: $(STORE)
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	$(BIN)/backchannel report --store $(STORE) -o docs/report.html
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1700 \
		--screenshot=$(CURDIR)/docs/report.png file://$(CURDIR)/docs/report.html

eval: $(VENV)/.installed
	$(BIN)/backchannel evaluate tests/gold --json eval-summary.json

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

bench-scaling: $(VENV)/.installed-ray
	$(BIN)/python bench/scaling.py

clean:
	rm -rf $(VENV) $(STORE) $(STORE).bak $(STORE).lock $(STORE).annotations.json $(STORE).ray.log $(STORE).search $(STORE).files
