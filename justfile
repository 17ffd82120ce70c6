# Every task a person runs. `just --list` shows them.

set shell := ["bash", "-euo", "pipefail", "-c"]

export PICCOLO_CONF := "backend.piccolo_conf"
py := ".venv/bin/python"

default:
    @just --list

# Create .venv and install Python and npm packages (only when their pins changed).
setup:
    #!/usr/bin/env bash
    set -euo pipefail
    if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
    stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        .venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
        rm -f .venv/.installed-*; touch "$stamp"
    fi
    lock="frontend/node_modules/.installed-$(cat frontend/package-lock.json | sha256sum | cut -c1-16)"
    if [ ! -f "$lock" ]; then
        (cd frontend && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
        touch "$lock"
    fi

# Debian packages the browser and PDF tests need (chromium, poppler-utils); installs only what is missing.
system-deps:
    #!/usr/bin/env bash
    set -euo pipefail
    missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing Debian packages: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi

# Set up, migrate, load the Taunusstein demo into an empty database, serve on http://127.0.0.1:8000.
run: setup migrate
    {{py}} -m backend.cli demo
    .venv/bin/uvicorn backend.app:create_app --factory --no-access-log --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"

# Apply all database migrations (DATABASE_URL, default: SQLite under ./var/).
migrate: setup
    {{py}} -m backend.cli migrate

# Create a municipality from the shipped Hessian boundaries, e.g. `just municipality-add --ags 06434011`.
municipality-add *args: setup migrate
    {{py}} -m backend.cli municipality-add {{args}}

# Create the first admin of a municipality: `just create-admin --email … --password … --municipality taunusstein`.
create-admin *args: setup migrate
    {{py}} -m backend.cli create-admin {{args}}

# Everything: unit, API and browser tests, on SQLite and then on PostgreSQL, one pytest worker per core and one
# more (a worker often waits for the database, the browser or a mail; TEST_WORKERS=1 for one process; each worker
# has its own database). Idle workers take tests from busy ones (worksteal), so no worker ends long after the rest.
test *args: setup system-deps
    #!/usr/bin/env bash
    set -euo pipefail
    workers="${TEST_WORKERS:-$(( $(nproc) + 1 ))}"
    echo "== frontend unit tests (node --test) =="
    (cd frontend && node --test tests/)
    .venv/bin/python -m pytest -q -p no:cacheprovider -n "$workers" --dist worksteal {{args}}
    echo "== the same suite on PostgreSQL =="
    if .venv/bin/python -c "import asyncio, asyncpg, os; asyncio.run(asyncpg.connect(os.environ.get('TEST_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres'), timeout=5))" 2>/dev/null; then
        STADTSTIMME_TEST_ENGINE=postgres .venv/bin/python -m pytest -q -p no:cacheprovider -n "$workers" --dist worksteal {{args}}
    elif [ -n "${CI:-}" ]; then
        echo "PostgreSQL is unreachable: CI requires it." >&2; exit 1
    else
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo "!! PostgreSQL is unreachable: this run tested SQLite ONLY.                    !!"
        echo "!! Start PostgreSQL or set TEST_DATABASE_URL to test the production database. !!"
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    fi

# Only the walk through every route of the SPA as each role at 390 and 1280 px, with axe
# (tests/e2e/test_every_page.py; `just test` runs it in its PostgreSQL pass).
pages *args: setup system-deps
    STADTSTIMME_TEST_ENGINE=postgres .venv/bin/python -m pytest -q -p no:cacheprovider -n "${TEST_WORKERS:-auto}" tests/e2e/test_every_page.py {{args}}

# Only the fault tests (own PostgreSQL cluster, 2 uvicorn workers, Redis; `just test` runs them in its PostgreSQL
# pass): PostgreSQL restarts, a worker killed, the mail server away, under write load; prints the figures.
faults *args: setup
    STADTSTIMME_TEST_ENGINE=postgres .venv/bin/python -m pytest -q -p no:cacheprovider -m faults tests/faults {{args}}

# Write openapi.yaml from the app (commit the result; a test fails when it drifts).
openapi: setup
    {{py}} -m backend.cli openapi

# ruff, mypy and ESLint (frontend/eslint.config.js).
lint: setup
    cd frontend && node_modules/.bin/eslint .
    .venv/bin/ruff check backend geo media moderation contributions proposals defects surveys legal tests bench
    .venv/bin/mypy

# The benchmarks that exist (see bench/README.md).
bench *args: setup
    {{py}} -m bench {{args}}
