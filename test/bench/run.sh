#!/usr/bin/env bash
# exco benchmarks (`make bench`, doc/bench.md). Run by test/harness.sh inside a throwaway cluster
# (pg_virtualenv: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE are set) whose settings come from
# test/bench/server.conf. Runs test/bench/00_setup.sql, then every test/bench/[1-9]*.sql in name
# order (each generates its data, times exco against its baselines, prints its lines), then the
# demo timing, then the summary table; writes everything to bench-results/latest.txt.
#
#   BENCH_ROWS    rows of the large benchmarks (default 10000000)
#   BENCH_RUNS    timed runs per query, the median is kept (default 5)
#   BENCH_WARMUP  untimed warm-up runs per query (default 1)
#   AGG_SIZES     input rows of the aggregate's growth lines (default "BENCH_ROWS/100 BENCH_ROWS/10
#                 BENCH_ROWS": 0.1 M, 1 M, 10 M by default; sizes above BENCH_ROWS are left out)
#   REPORT_COPIES copies of the demo's contracts in the report benchmark (default 100)
#   REPORT_SIZES  the copies at which the reports are timed for the growth lines (default
#                 "1 10 REPORT_COPIES"; sizes above REPORT_COPIES are left out)
#   BENCH_PLOT    where the growth plot goes (default doc/img/bench-growth.svg; "none": no plot)
#   BENCH_SELECT  space-separated benchmark names to run (e.g. "tier report demo"; default: all),
#                 for a quick check-run of some of them
#
# A benchmark whose exco function is not installed prints "bench: <name> skipped (...)"; one that
# fails prints "bench: <name> failed (...)" and the others still run. Nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/../.."

BENCH_ROWS=${BENCH_ROWS:-10000000}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_WARMUP=${BENCH_WARMUP:-1}
for v in BENCH_ROWS BENCH_RUNS BENCH_WARMUP; do
  if ! [[ ${!v} =~ ^[0-9]+$ ]] || { [ "$v" != BENCH_WARMUP ] && [ "${!v}" -eq 0 ]; }; then
    echo "run.sh: $v must be a positive integer, not '${!v}'" >&2
    exit 2
  fi
done
if [ "$BENCH_ROWS" -lt 100000 ]; then
  echo "run.sh: BENCH_ROWS must be at least 100000 (the aggregate groups 100 000 contract-missions)" >&2
  exit 2
fi
AGG_SIZES=${AGG_SIZES:-$((BENCH_ROWS / 100)) $((BENCH_ROWS / 10)) $BENCH_ROWS}
REPORT_COPIES=${REPORT_COPIES:-100}
REPORT_SIZES=${REPORT_SIZES:-1 10 $REPORT_COPIES}
export REPORT_COPIES REPORT_SIZES

export PGOPTIONS="${PGOPTIONS:-} -c bench.runs=$BENCH_RUNS -c bench.warmup=$BENCH_WARMUP -c client_min_messages=warning"
mkdir -p bench-results
out=bench-results/latest.txt
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT

bench_psql() {
  psql -X -q -At -v ON_ERROR_STOP=1 -v rows="$BENCH_ROWS" -v agg_sizes="$AGG_SIZES" "$@"
}
# Print a line and keep it for bench-results/latest.txt.
emit() { printf '%s\n' "$*" | tee -a "$lines"; }

started=$(date +%s)
echo "== bench: BENCH_ROWS=$BENCH_ROWS BENCH_RUNS=$BENCH_RUNS BENCH_WARMUP=$BENCH_WARMUP${BENCH_SELECT:+ BENCH_SELECT=\"$BENCH_SELECT\"}" >&2
bench_psql -f test/bench/00_setup.sql 2>&1 | tee -a "$lines"

# Is benchmark $1 selected by BENCH_SELECT?
selected() { [ -z "${BENCH_SELECT:-}" ] || [[ " $BENCH_SELECT " == *" $1 "* ]]; }

for f in test/bench/[1-9]*.sql; do
  name=$(basename "$f" .sql)
  name=${name#*_}
  selected "$name" || continue
  t0=$(date +%s)
  if ! bench_psql -f "$f" 2>&1 | tee -a "$lines"; then
    emit "bench: $name failed (psql error above; test/bench/$(basename "$f"))"
  fi
  echo "== $name: $(( $(date +%s) - t0 )) s" >&2
done

# Benchmarks that need more than this cluster run from their own script, test/bench/[1-9]*.sh
# (fdw_regional starts 3 shard clusters); each prints its lines.
for f in test/bench/[1-9]*.sh; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .sh)
  name=${name#*_}
  selected "$name" || continue
  t0=$(date +%s)
  if ! BENCH_ROWS=$BENCH_ROWS bash "$f" 2>&1 | tee -a "$lines"; then
    emit "bench: $name failed (error above; test/bench/$(basename "$f"))"
  fi
  echo "== $name: $(( $(date +%s) - t0 )) s" >&2
done

# Benchmark 7, demo: the real-data demo's build-and-report time once the territory is loaded
# (test/load-territory.sh, as `make demo` does; not timed). Timed by the shell around psql
# (output discarded): a script of many statements cannot be run under EXPLAIN, so this figure
# includes psql's round trips. test/scripts/demo-build.sql commits its own transaction and
# starts by deleting every CPTS and contract, so each run rebuilds the same rows from the same
# state; a VACUUM between runs (not timed) keeps the deleted rows of the previous run from
# piling up. as_of is fixed (EXCO_DEMO_AS_OF, default 2025-06-30) so that every run, on any day,
# builds the same demo.
demo_bench() {
  local build=test/scripts/demo-build.sql report=test/scripts/demo-report.sql loader=test/load-territory.sh
  local as_of=${EXCO_DEMO_AS_OF:-2025-06-30}
  local missing=()
  for f in "$build" "$report" "$loader"; do [ -e "$f" ] || missing+=("$f"); done
  if [ ${#missing[@]} -gt 0 ]; then
    emit "bench: demo skipped (${missing[*]} not present)"
    bench_psql -c "SELECT bench.skip('demo', 'demo files not present')" >/dev/null
    return 0
  fi
  local times=() i t0 t1 median counts
  echo "== demo: loading the territory" >&2
  t0=$(date +%s)
  bash "$loader" >&2
  echo "== demo: territory loaded in $(( $(date +%s) - t0 )) s (not timed)" >&2
  for ((i = 0; i < BENCH_WARMUP + BENCH_RUNS; i++)); do
    psql -X -q -v ON_ERROR_STOP=1 -c 'VACUUM' >/dev/null
    t0=$(date +%s%N)
    psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" -f "$build" -f "$report" >/dev/null
    t1=$(date +%s%N)
    [ "$i" -ge "$BENCH_WARMUP" ] && times+=($(( (t1 - t0) / 1000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m / 1000}')
  emit "time: demo median $median ms, runs $(printf '%s ' "${times[@]}" | awk '{for (i=1;i<=NF;i++) printf "%s%.1f", (i>1?" ":""), $i/1000}')"
  # The demo must have built something: CPTS, contracts, missions, indicators and measures.
  counts=$(psql -X -At -c "SELECT format('cpts=%s contracts=%s missions=%s indicators=%s measures=%s',
                             (SELECT count(*) FROM exco.cpts), (SELECT count(*) FROM exco.contract),
                             (SELECT count(*) FROM exco.contract_mission), (SELECT count(*) FROM exco.indicator),
                             (SELECT count(*) FROM exco.measure))")
  if [[ $counts =~ =0( |$) ]]; then
    emit "check: demo built rows (as_of $as_of): MISMATCH, empty table: $counts"
  else
    emit "check: demo built rows (as_of $as_of): ok ($counts)"
  fi
  emit "bench: demo exco_ms=$median baseline=none"
  bench_psql -c "INSERT INTO bench.result (name, exco_ms, baseline) VALUES ('demo', $median, 'none')"
}
if selected demo && ! demo_bench; then
  emit "bench: demo failed (error above)"
fi

elapsed=$(( $(date +%s) - started ))
table=$(psql -X -q -P pager=off -P footer=off -f test/bench/report.sql)
printf '\n%s\n' "$table"
{
  echo "exco benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo '+dirty')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr); $(bench_psql -c 'SELECT version()')"
  echo "BENCH_ROWS=$BENCH_ROWS BENCH_RUNS=$BENCH_RUNS BENCH_WARMUP=$BENCH_WARMUP; wall time ${elapsed} s (data generation included)"
  echo
  cat "$lines"
  printf '\n%s\n' "$table"
} > "$out"
echo "== bench: ${elapsed} s; results in $out" >&2

# The growth plot (test/bench/plot.sh): time against size of the reports and the aggregate.
plot=${BENCH_PLOT:-doc/img/bench-growth.svg}
if [ "$plot" != none ] && grep -q '^growth: ' "$lines"; then
  caption="$(date -u +%Y-%m-%d), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo '+dirty'),"
  caption+=" $(nproc) cores, PostgreSQL $(bench_psql -c 'SHOW server_version' | cut -d' ' -f1), BENCH_RUNS=$BENCH_RUNS;"
  caption+=" aggregate at AGG_SIZES=$AGG_SIZES rows, reports at REPORT_SIZES=$REPORT_SIZES copies"
  bash test/bench/plot.sh "$lines" "$caption" > "$plot.tmp" && mv "$plot.tmp" "$plot"
  echo "== bench: growth plot in $plot" >&2
fi
