#!/usr/bin/env bash
# The demo (`make demo`, run by test/harness.sh inside a throwaway cluster with PG* set):
# create exco, load the real French territory, build demo CPTS and contracts on it, print the
# report. See doc/territory.md.
set -euo pipefail
cd "$(dirname "$0")/.."

as_of=${EXCO_DEMO_AS_OF:-$(date +%F)}
psql_() { psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" "$@"; }

psql_ -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS exco'

echo '== loading the territory'
bash test/load-territory.sh

echo "== building demo CPTS and contracts (as of $as_of)"
psql_ -f test/scripts/demo-build.sql

echo "== building demo structures, medical-assistant contracts and ETP programmes (as of $as_of)"
psql_ -f test/scripts/demo-schemes.sql

psql_ -f test/scripts/demo-report.sql

echo
echo "== demo done in ${SECONDS} s"
