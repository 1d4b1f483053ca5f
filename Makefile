# yjhub: the two commands are `make run` and `make test` (see README.md).

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
# Compiled once at install: with PYTHONDONTWRITEBYTECODE set (as on these machines) every process
# would otherwise compile pandas, Ibis and sqlglot from source again (about a second each time).
export UV_COMPILE_BYTECODE := 1

.PHONY: run test install lint format docs test-sqlite test-postgres bench loadtest clean

## run: install, set up the database with demo data and logins, serve http://127.0.0.1:$(PORT)
run: install
	YJHUB_DEBUG=1 $(BIN)/yjhub setup --demo
	YJHUB_DEBUG=1 $(BIN)/yjhub serve --port $(PORT)

## test: install, lint, then every test on SQLite and the database tests on PostgreSQL
test: install lint test-sqlite test-postgres

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock package.json package-lock.json scripts/frontend-assets
	scripts/frontend-assets
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --upgrade >/dev/null
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --python $(BIN)/python
	@$(BIN)/python -m compileall -q src
	@touch $@

lint: install
	$(BIN)/ruff check src tests benchmarks

test-sqlite: install
	scripts/ensure-java
	scripts/ensure-chromium
	YJHUB_DEBUG=1 $(BIN)/pytest -q

# The database tests again, against a real PostgreSQL started for the run.
test-postgres: install
	YJHUB_DEBUG=1 scripts/with-postgres $(BIN)/pytest -q -m django_db

## bench: the indicator catalogue on the national data set, against a DuckDB scan and pandas
bench: install
	YJHUB_DEBUG=1 $(BIN)/python -m benchmarks.indicators
	YJHUB_DEBUG=1 $(BIN)/python -m benchmarks.plans

## loadtest: 20 users on the home, caseload and indicator pages for 5 minutes, on PostgreSQL
loadtest: install
	scripts/with-postgres $(BIN)/python -m benchmarks.loadtest

## docs: regenerate docs/data-model.md and docs/indicators.md
docs: install
	$(BIN)/yjhub schema docs
	$(BIN)/yjhub plan docs

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
