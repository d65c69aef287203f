#!/usr/bin/env bash
# make stress: pgbench against the validation triggers and the views, then the invariants.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set).
# STRESS_SECONDS (default 60), STRESS_CLIENTS (default 8). Exit 1 when pgbench reports a failed
# transaction or an aborted client, or when an invariant (test/stress/check.sql) is broken.
set -euo pipefail
cd "$(dirname "$0")"
say() { printf 'stress: %s\n' "$*"; }
seconds=${STRESS_SECONDS:-60}
clients=${STRESS_CLIENTS:-8}
db=exco_stress
out=$(mktemp)
trap 'rm -f "$out"; dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT

dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f setup.sql >/dev/null
say "pgbench: $clients clients, $seconds s; scripts (weight): contract (4), mission (3), territory (2), views (1)"
rc=0
pgbench -n -c "$clients" -j 2 -T "$seconds" \
  -f contract.pgbench@4 -f mission.pgbench@3 -f territory.pgbench@2 -f views.pgbench@1 \
  "$db" >"$out" 2>&1 || rc=$?
grep -E '^(number of (transactions actually processed|failed transactions)|latency average|tps|SQL script|  - (weight|[0-9]+ transactions))' "$out" \
  | sed 's/^/  /' || true
if [ "$rc" != 0 ] || grep -q -E 'aborted|ERROR' "$out"; then
  grep -E 'aborted|ERROR' "$out" | head -20 >&2 || true
  say "FAIL: pgbench exited with $rc or a client aborted"
  exit 1
fi
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
say "what the clients did:"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f summary.sql | sed 's/^/  /'
say "invariants:"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f check.sql | sed 's/^/  /'
broken=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -f check.sql | awk -F'|' '$2 != 0' | wc -l)
if [ "${failed:-0}" != 0 ] || [ "$broken" != 0 ]; then
  say "FAIL: ${failed:-0} failed transactions, $broken invariants broken"
  exit 1
fi
say "OK: ${failed:-0} failed transactions, every invariant holds"
