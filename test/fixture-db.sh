#!/usr/bin/env bash
# Make a database of the committed fixture territory with the demo CPTS and contracts (and,
# with 'schemes', the demo structures, medical-assistant contracts and ETP programmes), for the
# tests that need one (test/t/050_report_page.pl).
# Runs where the PG* environment names the cluster; drops DB first if it exists.
#
#   bash test/fixture-db.sh DB AS_OF [schemes]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 DB AS_OF [schemes]" >&2; exit 2; }
db=$1 as_of=$2
psql_() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@" >/dev/null; }
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
psql_ -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION exco' -c 'SELECT exco.create_tables()'
psql_ -v territory_dir=test/fixtures/territory -f test/scripts/load-territory.sql
psql_ -v as_of="$as_of" -f test/scripts/demo-build.sql
if [ "${3:-}" = schemes ]; then psql_ -v as_of="$as_of" -f test/scripts/demo-schemes.sql; fi
