#!/usr/bin/env bash
# `make test-fdw` (and the harness step test/steps/fdw.sh of `make test`): exco across postgres_fdw
# shards. Runs inside the throwaway cluster of test/harness.sh (PG* environment set), which is the
# coordinator (database exco_fdw); starts 3 shard clusters on 127.0.0.1 (test/fdw/lib.sh), each
# with exco and the rows of its 6 regions (test/fdw/shard.sql, data.sql); the coordinator holds
# the same rows locally as the single-node reference (test/fdw/coordinator.sql); then runs the
# pg_regress suite test/fdw/sql/fdw.sql against test/fdw/expected/fdw.out. The shards are stopped
# and removed on every exit path. Exit 1 on failure.
#   FDW_CONTRACTS  contracts generated (default 4000: 200 000 measures)
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/fdw/lib.sh
say() { printf 'fdw: %s\n' "$*"; }

contracts=${FDW_CONTRACTS:-4000}
regions=(01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94)
quote() { local out= r; for r in "$@"; do out+="${out:+, }'$r'"; done; printf '%s' "$out"; }
db=exco_fdw
t0=$(date +%s)

fdw_start_shards 3
say "3 shards on 127.0.0.1 ports ${FDW_PORTS[*]} ($(( $(date +%s) - t0 )) s)"
pids=()
for i in 0 1 2; do
  mine=()
  for ((k = i; k < ${#regions[@]}; k += 3)); do mine+=("${regions[k]}"); done
  fdw_shard_psql "$i" -v regions="$(quote "${mine[@]}")" -v contracts="$contracts" \
    -f test/fdw/shard.sql >/dev/null &
  pids+=($!)
done

dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'fdw_stop_shards; dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
for p in "${pids[@]}"; do wait "$p"; done
say "shards loaded ($(( $(date +%s) - t0 )) s)"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v port0="${FDW_PORTS[0]}" -v port1="${FDW_PORTS[1]}" \
  -v port2="${FDW_PORTS[2]}" -v fdw_user="$FDW_USER" -v contracts="$contracts" \
  -v all_regions="$(quote "${regions[@]}")" -f test/fdw/coordinator.sql >/dev/null
say "coordinator ready ($(( $(date +%s) - t0 )) s)"

if [ -n "${FDW_DEV_SQL:-}" ]; then psql -X -d "$db" -f "$FDW_DEV_SQL"; exit 0; fi

out=$(mktemp -d)
trap 'fdw_stop_shards; dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
regress=$("${PG_CONFIG:-pg_config}" --pkglibdir)/pgxs/src/test/regress/pg_regress
if ! "$regress" --use-existing --dbname="$db" --inputdir=test/fdw --outputdir="$out" fdw; then
  cat "$out/regression.diffs" >&2 || true
  # FDW_RESULTS=file keeps the output for reading (never copy it over the expected file unread).
  [ -n "${FDW_RESULTS:-}" ] && cp "$out/results/fdw.out" "$FDW_RESULTS"
  say "FAIL: test/fdw/sql/fdw.sql differs from test/fdw/expected/fdw.out"
  exit 1
fi
# Stop and remove the shards now, and make sure nothing is left: no server answers on their ports,
# no directory remains, and pg_lsclusters knows none of them (they were never registered).
work=$FDW_WORK
fdw_stop_shards
for p in "${FDW_PORTS[@]}"; do
  if pg_isready -q -h 127.0.0.1 -p "$p"; then say "FAIL: a server still answers on port $p"; exit 1; fi
done
[ ! -e "$work" ] || { say "FAIL: $work was not removed"; exit 1; }
if command -v pg_lsclusters >/dev/null && pg_lsclusters -h | grep -q -- "$work"; then
  say "FAIL: pg_lsclusters lists a shard of $work"; exit 1
fi
say "OK, shards stopped and removed ($(( $(date +%s) - t0 )) s)"
