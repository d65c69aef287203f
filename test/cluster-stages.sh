#!/usr/bin/env bash
# The stages of `make test` that need a server, run by test/harness.sh inside its throwaway
# cluster (pg_virtualenv: PG* environment set): pg_regress, pg_isolation_regress and the pgTAP
# files (what needs clusters of its own, dumps, shards or files is a TAP test, test/t/, run by
# test/harness.sh's tap stage). Each stage runs even when an earlier one failed; the results go to
# $1/results (see test/stages.sh). Exits 0: test/harness.sh judges the results.
set -euo pipefail
cd "$(dirname "$0")/.."
STAGE_DIR=$1
. test/stages.sh

run_regress() {
  make -s PG_CONFIG="$PG_CONFIG" installcheck ISOLATION= TAP_TESTS= && return 0
  echo "== pg_regress failed; regression.diffs:"; cat regression.diffs 2>/dev/null; return 1
}
run_isolation() {
  make -s PG_CONFIG="$PG_CONFIG" installcheck REGRESS= TAP_TESTS= && return 0
  echo "== pg_isolation_regress failed; output_iso/regression.diffs:"; cat output_iso/regression.diffs 2>/dev/null; return 1
}
# Every test/*.sql is a pgTAP file: one without a plan fails in pg_prove ("No plan found").
run_pgtap() {
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS pgtap" || return 1
  pg_prove -f test/*.sql
}

stage pg_regress count_pg_regress run_regress
stage isolation count_pg_regress run_isolation
stage pgtap count_prove run_pgtap
