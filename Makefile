# Goldthread: `make run` serves the example council; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/lock.txt
ASSETS := goldthread/core/static/build/govuk-frontend.min.css
HOST ?= 127.0.0.1:8000

.PHONY: run test lint assets install clean demo-data bench lock

# Dependencies come from the lock file (exact versions, hashes checked); Goldthread itself is installed
# editable on top. After changing dependencies in pyproject.toml, run `make lock` and commit both files.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check  # a dependency added to pyproject.toml but not to the lock fails here
	touch $(STAMP)

lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

$(ASSETS): node_modules/.package-lock.json scripts/build-assets.mjs
	node scripts/build-assets.mjs

install: $(STAMP) $(ASSETS)

assets: $(ASSETS)

# `make run` also starts a task worker (report packs, imports) beside the server; it stops when the server does.
run: install
	mkdir -p var
	$(BIN)/goldthread migrate --no-input
	$(BIN)/goldthread load_example
	$(BIN)/goldthread demo_signins --address $(HOST)
	$(BIN)/goldthread db_worker --queue-name default --interval 1 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/goldthread runserver $(HOST)

test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench,dev]'
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules goldthread/core/static/build var
