# newsbot: `make run` to try it, `make test` to check it. Needs Python 3.11+ and nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run install dev test lint typecheck unit bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsbot needs Python 3.11+ (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A real (non-editable) install: what runs is the wheel, templates and migrations included.
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet .

dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[dev]"

# With BOT_TOKEN (environment or .env): migrate and run for real.
# Without it: a dry run on the shipped sample feed, in a store of its own (demo.db, never
# written: a dry run works on a throwaway copy), so every `make run` prints every post.
run: install
	@if [ -n "$$BOT_TOKEN" ] || grep -Eqs '^[[:space:]]*BOT_TOKEN=[^[:space:]]+' .env; then \
		$(BIN)/newsbot migrate && exec $(BIN)/newsbot run; \
	else \
		echo "No BOT_TOKEN set: dry run on the sample feed (Ctrl-C to stop)."; \
		DATABASE_URL=sqlite:///demo.db exec $(BIN)/newsbot run --dry-run --demo; \
	fi

lint: dev
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench

typecheck: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/pytest

# With TEST_DATABASE_URL=postgresql://user@host:port/db set (.ci/run sets it), every test that
# uses a store runs on SQLite and again on PostgreSQL, each in a fresh database of that server.
test: dev
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build dist demo.db demo.db-wal demo.db-shm .mypy_cache .ruff_cache .pytest_cache
