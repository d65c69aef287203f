#!/usr/bin/env bash
# make demo, inside the throwaway cluster (PG* variables set by pg_virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS exco'
psql -X -q -v ON_ERROR_STOP=1 -f test/demo/samples.sql
