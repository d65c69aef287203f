-- Benchmark 4, attainment_agg: the weighted attainment of 100 000 contract-missions over
-- BENCH_ROWS measures,
--   exco.weighted_attainment(exco.attainment(measured, starting, objective), w) ... GROUP BY cm
-- against
--   sql       sum(w * least(1, greatest(0, (measured - starting) / nullif(objective - starting, 0)))) / sum(w)
--             with the same GROUP BY                                 goal marginal ratio <= 0.5
--   both serial (max_parallel_workers_per_gather = 0): the planner may pick a parallel plan for
--   one and not the other, which would compare plans, not aggregates;
-- and the exco query with a parallel plan of 2 workers against the same query serial
-- (attainment_agg_parallel: exco_ms = 2 workers, baseline_ms = serial), beside PostgreSQL's own
-- avg(measured) over the same rows, groups and workers (attainment_agg_parallel_core, the same
-- ratio parallel / serial): goal exco's ratio <= core's + 0.05 (and <= 0.62 at 10 M rows)
--   the parallel plan is forced (parallel_setup_cost = parallel_tuple_cost = 0, the table's
--   parallel_workers = 2): these lines measure the speed-up, not the planner's choice.
-- And, for reading the ratios, the floor: count(w) with the same GROUP BY, serial (reads the
-- rows, hashes 100 000 groups, computes nothing; attainment_agg_vs_floor, no goal).
-- Then the aggregate's memory, serial, at BENCH_ROWS/10 and BENCH_ROWS input rows (the same
-- 100 000 groups when BENCH_ROWS >= 1 000 000): it must not grow with the rows; and the size of
-- a group (hash entry + transition state) against core's avg(numeric).
-- Then how the time grows: the four serial / parallel queries, exco's and core's, on the first
-- N rows for each N of agg_sizes (AGG_SIZES, default BENCH_ROWS/100, /10 and BENCH_ROWS), as
-- "growth:" lines that run.sh plots.
-- Data: cm = row mod 100 000 (every group at both sizes); half the indicators rise, half fall;
-- objective <> starting; measured from 30 % below the starting level to 30 % beyond the
-- objective (so the clamp to [0, 1] matters); weights 1..5.

SELECT bench.has_function('attainment') AND bench.has_function('weighted_attainment') AS has_agg,
       CASE WHEN NOT bench.has_function('attainment') THEN 'exco.attainment'
            ELSE 'exco.weighted_attainment' END AS missing_fn \gset
\if :has_agg

\warn == attainment_agg: generating :rows measures
SELECT setseed(0.4) \g /dev/null
CREATE TABLE bench.measure AS
  SELECT cm, round(starting + (objective - starting) * (random() * 1.6 - 0.3)::numeric, 1) AS measured,
         starting, objective, w
    FROM (SELECT (i % 100000) + 1 AS cm, starting,
                 starting + CASE WHEN random() < 0.5 THEN 1 ELSE -1 END * round((1 + random() * 500)::numeric, 1) AS objective,
                 (1 + floor(random() * 5))::numeric AS w
            FROM (SELECT i, round((random() * 1000)::numeric, 1) AS starting
                    FROM generate_series(1, :rows) i) g) s;
-- The first BENCH_ROWS/10 rows: every one of the 100 000 groups (rows are in generation order).
CREATE TABLE bench.measure_tenth AS SELECT * FROM bench.measure LIMIT :rows / 10;
VACUUM (FREEZE, ANALYZE) bench.measure, bench.measure_tenth;
SELECT pg_prewarm('bench.measure') \g /dev/null

CREATE VIEW bench.attainment_sql AS
SELECT cm, sum(w * least(1, greatest(0, (measured - starting) / nullif(objective - starting, 0)))) / sum(w) AS a
  FROM bench.measure GROUP BY cm;

SELECT bench.check('attainment_agg groups differing by more than 1e-9',
  (SELECT count(*) FROM
     (SELECT cm, exco.weighted_attainment(exco.attainment(measured, starting, objective), w) AS a
        FROM bench.measure GROUP BY cm) e
     FULL JOIN bench.attainment_sql s USING (cm)
    WHERE e.a IS NULL OR s.a IS NULL OR abs(e.a::numeric - s.a) > 1e-9),
  'sql', 0::bigint);

\warn == attainment_agg: timing
ALTER TABLE bench.measure SET (parallel_workers = 2);
-- The four queries of the parallel comparison (exco's and core's aggregate, serial and with 2
-- workers) on a table, and the settings each needs (not timed).
CREATE FUNCTION bench.agg_queries(tab text, OUT keys text[], OUT queries text[], OUT setups text[])
  LANGUAGE sql AS $f$
  SELECT ARRAY['exco_serial', 'exco_parallel', 'core_serial', 'core_parallel'],
         ARRAY[format('SELECT cm, exco.weighted_attainment(exco.attainment(measured, starting, objective), w) FROM %s GROUP BY cm', tab),
               format('SELECT cm, exco.weighted_attainment(exco.attainment(measured, starting, objective), w) FROM %s GROUP BY cm', tab),
               format('SELECT cm, avg(measured) FROM %s GROUP BY cm', tab),
               format('SELECT cm, avg(measured) FROM %s GROUP BY cm', tab)],
         ARRAY[s, p, s, p]
    FROM (VALUES ($s$SELECT set_config('max_parallel_workers_per_gather', '0', false),
                  set_config('parallel_setup_cost', '1000', false), set_config('parallel_tuple_cost', '0.1', false)$s$,
                  $s$SELECT set_config('max_parallel_workers_per_gather', '2', false),
                  set_config('parallel_setup_cost', '0', false), set_config('parallel_tuple_cost', '0', false)$s$)) v(s, p);
$f$;
SELECT bench.time_queries(
  ARRAY['attainment_agg/sql_serial', 'attainment_agg/floor_serial']
    || (SELECT array_agg('attainment_agg/' || k) FROM unnest(q.keys) k),
  ARRAY[$q$SELECT * FROM bench.attainment_sql$q$, $q$SELECT cm, count(w) FROM bench.measure GROUP BY cm$q$]
    || q.queries,
  ARRAY[$s$SELECT set_config('max_parallel_workers_per_gather', '0', false),
                  set_config('parallel_setup_cost', '1000', false), set_config('parallel_tuple_cost', '0.1', false)$s$, $s$SELECT set_config('max_parallel_workers_per_gather', '0', false),
                  set_config('parallel_setup_cost', '1000', false), set_config('parallel_tuple_cost', '0.1', false)$s$] || q.setups)
  FROM bench.agg_queries('bench.measure') q;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;

SELECT bench.compare('attainment_agg', 'attainment_agg/exco_serial', 'sql', 'attainment_agg/sql_serial', 0.5,
                     'attainment_agg/floor_serial');
-- exco's speed-up is judged against core's, measured in the same rounds: goal core's ratio + 0.05.
-- (NULL, no goal, when core's were not timed: test/bench/profile.sh times exco's side only)
SELECT coalesce((SELECT (round(bench.paired(p.t, s.t), 3) + 0.05)::text
                   FROM bench.timings p, bench.timings s
                  WHERE p.key = 'attainment_agg/core_parallel' AND s.key = 'attainment_agg/core_serial'),
                'NULL') AS parallel_goal \gset
SELECT bench.compare('attainment_agg_parallel', 'attainment_agg/exco_parallel', 'serial', 'attainment_agg/exco_serial',
                     :parallel_goal);
SELECT bench.compare('attainment_agg_parallel_core', 'attainment_agg/core_parallel', 'serial', 'attainment_agg/core_serial',
                     NULL);
UPDATE bench.result SET note = concat_ws('; ', note, 'goal: core''s ratio + 0.05; also <= 0.62 at 10 M rows')
 WHERE name = 'attainment_agg_parallel';
UPDATE bench.result SET note = concat_ws('; ', note, 'PostgreSQL''s avg(numeric), same rows, groups, workers')
 WHERE name = 'attainment_agg_parallel_core';
SELECT format('goal: attainment_agg_parallel %s <= 0.62 at 10 M rows: %s', r.ratio,
              CASE WHEN :rows < 10000000 THEN 'n/a (' || :rows || ' rows)' WHEN r.ratio <= 0.62 THEN 'yes' ELSE 'NO' END)
  FROM bench.result r WHERE r.name = 'attainment_agg_parallel';
SELECT bench.compare('attainment_agg_vs_floor', 'attainment_agg/exco_serial', 'floor', 'attainment_agg/floor_serial', NULL);

-- Memory, serial (every state in this backend): (1) the sum of all the backend's memory
-- contexts, sampled by an uncorrelated subquery (an initPlan, evaluated when the HashAggregate
-- emits its first group, i.e. after it has read every row and while all 100 000 states are
-- alive); (2) EXPLAIN's HashAggregate "Peak Memory Usage" and batches (1 = no spill).
-- count(a) keeps the aggregate: an unused subquery output would be planned away.
\warn == attainment_agg: memory
SET max_parallel_workers_per_gather = 0;
CREATE FUNCTION bench.attainment_memory(tab regclass, nrows bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  kb bigint;
  p  jsonb;
BEGIN
  EXECUTE format($q$
    SELECT max(mem) / 1024 FROM (
      SELECT cm, exco.weighted_attainment(exco.attainment(measured, starting, objective), w) AS a,
             (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) AS mem
        FROM %s GROUP BY cm) q
    HAVING count(a) > 0$q$, tab) INTO kb;
  EXECUTE format($q$EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON)
    SELECT cm, exco.weighted_attainment(exco.attainment(measured, starting, objective), w)
      FROM %s GROUP BY cm$q$, tab) INTO p;
  INSERT INTO bench.memory VALUES (
    'attainment_agg', nrows, least(nrows, 100000), kb,
    jsonb_path_query_first(p, 'strict $.**."Peak Memory Usage"')::bigint,
    jsonb_path_query_first(p, 'strict $.**."HashAgg Batches"')::integer);
END $$;
SELECT bench.attainment_memory('bench.measure_tenth', :rows / 10) \g /dev/null
SELECT bench.attainment_memory('bench.measure', :rows) \g /dev/null
RESET max_parallel_workers_per_gather;
SELECT format('bench: attainment_agg_memory rows=%s groups=%s backend_kb=%s hashagg_peak_kb=%s hashagg_batches=%s',
              rows, groups, backend_kb, coalesce(hashagg_peak_kb::text, 'n/a'), coalesce(hashagg_batches::text, 'n/a'))
  FROM bench.memory WHERE name = 'attainment_agg' ORDER BY rows;

-- The size of a group: HashAggregate's peak memory over the groups (hash entry, grouping key
-- and transition state), serial, exco's aggregate against core's avg(numeric) on the same rows.
SET max_parallel_workers_per_gather = 0;
CREATE FUNCTION bench.group_bytes(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  p jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || query INTO p;
  RETURN round(jsonb_path_query_first(p, 'strict $.**."Peak Memory Usage"')::numeric * 1024
               / jsonb_path_query_first(p, 'strict $.**."Actual Rows"')::numeric);
END $$;
SELECT format('bench: attainment_agg_state rows=%s bytes_per_group exco=%s core_avg=%s (HashAggregate peak memory / groups, serial)',
              :rows,
              bench.group_bytes($q$SELECT cm, exco.weighted_attainment(exco.attainment(measured, starting, objective), w)
                                   FROM bench.measure GROUP BY cm$q$),
              bench.group_bytes('SELECT cm, avg(measured) FROM bench.measure GROUP BY cm'));
RESET max_parallel_workers_per_gather;

-- How the time grows with the rows: the first N rows of bench.measure for each N of agg_sizes
-- (the run's BENCH_ROWS is the table itself, timed above; sizes above it are left out).
\if :{?agg_sizes}
\else
\set agg_sizes ''
\endif
\warn == attainment_agg: growth
CREATE TABLE bench.agg_size AS
  SELECT DISTINCT n::bigint AS n FROM unnest(string_to_array(trim(:'agg_sizes'), ' ')) n
   WHERE n ~ '^[0-9]+$' AND n::bigint BETWEEN 1 AND :rows;
INSERT INTO bench.agg_size SELECT :rows WHERE NOT EXISTS (SELECT FROM bench.agg_size WHERE n = :rows);
\o /dev/null
SELECT format('CREATE TABLE bench.measure_%s AS SELECT * FROM bench.measure LIMIT %s', n, n),
       format('ALTER TABLE bench.measure_%s SET (parallel_workers = 2)', n),
       format('VACUUM (FREEZE, ANALYZE) bench.measure_%s', n),
       format('SELECT pg_prewarm(%L)', 'bench.measure_' || n)
  FROM bench.agg_size WHERE n < :rows ORDER BY n \gexec
\o
SELECT t
  FROM bench.agg_size s, bench.agg_queries('bench.measure_' || s.n) q,
       LATERAL bench.time_queries((SELECT array_agg(format('attainment_agg@%s/%s', s.n, k)) FROM unnest(q.keys) k),
                                  q.queries, q.setups) t
 WHERE s.n < :rows;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
SELECT format('growth: panel=aggregate series=%s size=%s ms=%s', split_part(t.key, '/', 2), s.n, round((t.t).median_ms, 2))
  FROM bench.agg_size s
  JOIN bench.timings t ON t.key IN (SELECT format('attainment_agg@%s/%s', s.n, k) FROM unnest(ARRAY['exco_serial', 'exco_parallel', 'core_serial', 'core_parallel']) k)
                       OR (s.n = :rows AND t.key IN ('attainment_agg/exco_serial', 'attainment_agg/exco_parallel',
                                                     'attainment_agg/core_serial', 'attainment_agg/core_parallel'))
 ORDER BY split_part(t.key, '/', 2), s.n;
SELECT format('DROP TABLE bench.measure_%s', n) FROM bench.agg_size WHERE n < :rows \gexec

DROP VIEW bench.attainment_sql;
DROP TABLE bench.measure, bench.measure_tenth, bench.agg_size;

\else
SELECT bench.skip('attainment_agg', format('%s not installed', :'missing_fn'));
SELECT bench.skip('attainment_agg_parallel', format('%s not installed', :'missing_fn'));
SELECT bench.skip('attainment_agg_parallel_core', format('%s not installed', :'missing_fn'));
\endif
