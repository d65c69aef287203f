#!/usr/bin/env bash
# Profile the exco query of one benchmark with perf (cpu-clock sampling, call graphs) on the
# backend that runs it. See doc/bench.md, "Profiling".
#
#   flock /tmp/exco.lock make install      # build and install exco first (as for make bench)
#   bash test/bench/profile.sh deadline_status [ROWS]
#
# Outside a cluster it starts a throwaway one with test/bench/server.conf (pg_virtualenv) and runs
# itself inside. It runs the benchmark's file (test/bench/NN_<name>.sql) serially
# (max_parallel_workers_per_gather = 0: the whole query in one process), timing only the keys
# matching BENCH_ONLY (default '%/exco%': exco's side, not the baselines) BENCH_RUNS times
# (default 20), attaches `perf record` to the backend when the timing starts, and writes
# bench-results/profile-<name>.data (perf report -i ...) and bench-results/profile-<name>.txt
# (the hottest symbols).
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?usage: profile.sh <benchmark: tier|deadline_status|ceiling|attainment_agg|step_amount|trigger|report|etp_patient_pay|assistant_target> [rows]}
rows=${2:-1000000}

if [ -z "${PGHOST:-}" ]; then
  opts=()
  while IFS= read -r line; do
    line=${line%%#*}
    line=${line//[[:space:]]/}
    [ -n "$line" ] && opts+=(-o "$line")
  done < test/bench/server.conf
  exec pg_virtualenv -v 15 "${opts[@]}" -t bash "$0" "$name" "$rows"
fi

command -v perf >/dev/null || { echo "profile.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
file=
for f in test/bench/[1-9]*_"$name".sql; do [ -e "$f" ] && file=$f; done
[ -n "$file" ] || { echo "profile.sh: no test/bench/NN_$name.sql" >&2; exit 2; }
mkdir -p bench-results
out=bench-results/profile-$name

tag=exco-profile-$$
bench_opts="-c bench.runs=${BENCH_RUNS:-20} -c bench.warmup=0 -c bench.only=${BENCH_ONLY:-%/exco%}"
bench_opts+=" -c max_parallel_workers_per_gather=0 -c client_min_messages=warning"
PGOPTIONS="$bench_opts" psql -X -q -At -v ON_ERROR_STOP=1 -v rows="$rows" -f test/bench/00_setup.sql >/dev/null
PGAPPNAME=$tag PGOPTIONS="$bench_opts" psql -X -q -At -v ON_ERROR_STOP=1 -v rows="$rows" -f "$file" &
client=$!

# Wait until the benchmark's backend is timing (data generation is not profiled).
pid=
while kill -0 "$client" 2>/dev/null; do
  pid=$(PGOPTIONS='' psql -X -At -c "SELECT pid FROM pg_stat_activity
                                    WHERE application_name = '$tag' AND state = 'active'
                                      AND query LIKE '%bench.time_queries%' LIMIT 1")
  [ -n "$pid" ] && break
  sleep 0.2
done
if [ -z "$pid" ]; then
  wait "$client" || true
  echo "profile.sh: the benchmark ended before its timing started (skipped?)" >&2
  exit 1
fi
echo "== profiling backend $pid" >&2
perf record -e cpu-clock -g -o "$out.data" -p "$pid" 2>/dev/null &
perf_pid=$!
wait "$client" || true
kill -INT "$perf_pid" 2>/dev/null || true
wait "$perf_pid" || true
perf report -i "$out.data" --stdio --no-children --sort dso,symbol --percent-limit 0.5 -g none 2>/dev/null \
  | grep -v '^#' | grep -v '^$' | head -n 40 > "$out.txt"
cat "$out.txt"
echo "== $out.txt; call graphs: perf report -i $out.data --no-children" >&2
