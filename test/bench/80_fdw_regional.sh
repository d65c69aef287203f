#!/usr/bin/env bash
# Benchmark fdw_regional (`make bench`, run by test/bench/run.sh): the per-département summary
# (test/fdw/queries.sql, q_summary: three aggregates per region shipped to the shards, region and
# France rows re-summed here) over BENCH_ROWS measures (BENCH_ROWS / 50 contracts, 18 regions) on
# 3 shard clusters of this machine (test/fdw/lib.sh) against the same query on the same rows in
# local tables of this cluster (one node), loaded by test/fdw/load.sh. goal ratio <= 1.5: the federation's overhead on one
# machine (3 servers and the coordinator share its cores), not a speed-up. Also prints the rows
# the shards sent per query (the actual rows of the foreign scans). Data: test/fdw/data.sql.
# Runs inside the benchmark cluster (PG* set; PGOPTIONS carries bench.runs and bench.warmup), in
# its own database exco_fdw_bench; the result line is also recorded in bench.result of the
# benchmark database. The shards are stopped and removed on every exit path.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/fdw/lib.sh

rows=${BENCH_ROWS:-10000000}
contracts=$(( rows / 50 ))
db=exco_fdw_bench
main_db=${PGDATABASE:-postgres}

echo "== fdw_regional: 3 shards, $contracts contracts, $(( contracts * 50 )) measures" >&2
fdw_start_shards 3
trap 'fdw_stop_shards; dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1 || true
bash test/fdw/load.sh "$db" "$contracts" "$FDW_USER" 127.0.0.1 "${FDW_PORTS[0]}" \
  127.0.0.1 "${FDW_PORTS[1]}" 127.0.0.1 "${FDW_PORTS[2]}"
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -v rows="$rows" -f test/bench/00_setup.sql >/dev/null
echo "== fdw_regional: timing" >&2

out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SET enable_partitionwise_aggregate = on;
SET enable_partitionwise_join = on;
VACUUM ANALYZE one.contract, one.mission, one.measure;
SELECT bench.check('fdw_regional summary rows differing from one node''s',
  (SELECT count(*) FROM ((TABLE fed.q_summary EXCEPT ALL TABLE one.q_summary)
                         UNION ALL (TABLE one.q_summary EXCEPT ALL TABLE fed.q_summary)) d),
  'one node', 0::bigint);
SELECT bench.time_queries(ARRAY['fdw_regional/shards', 'fdw_regional/one_node'],
                          ARRAY['SELECT * FROM fed.q_summary', 'SELECT * FROM one.q_summary']);
SELECT bench.compare('fdw_regional', 'fdw_regional/shards', 'one node', 'fdw_regional/one_node', 1.5);
-- Rows the shards sent in the last timed run: actual rows of every foreign scan (numeric: PostgreSQL
-- 18 writes Actual Rows with two decimals, the mean over loops).
SELECT format('rows: fdw_regional shards sent %s rows for %s measures (%s foreign scans), result %s rows',
              round(sum((x ->> 'Actual Rows')::numeric * (x ->> 'Actual Loops')::numeric))::bigint, (SELECT count(*) FROM one.measure), count(*),
              (SELECT count(*) FROM one.q_summary))
FROM bench.timings t, jsonb_path_query((t.t).plan, 'strict $.**') AS j(x)
WHERE t.key = 'fdw_regional/shards' AND jsonb_typeof(x) = 'object' AND x ->> 'Node Type' = 'Foreign Scan';
SELECT format('INSERT INTO bench.result (name, exco_ms, baseline, baseline_ms, ratio, goal, note) VALUES (%L, %s, %L, %s, %s, %s, %L)',
              name, exco_ms, baseline, baseline_ms, ratio, goal, note)
FROM bench.result WHERE name = 'fdw_regional';
SQL
)
# Lines for the report; the INSERT for the benchmark database's summary table.
printf '%s\n' "$out" | grep -v '^INSERT INTO bench.result'
printf '%s\n' "$out" | grep '^INSERT INTO bench.result' | psql -X -q -v ON_ERROR_STOP=1 -d "$main_db" >/dev/null
