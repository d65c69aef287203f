-- exco.weighted_attainment under a forced parallel plan: partial aggregates in workers,
-- serialized, deserialized and combined in the leader, must give exactly the serial result.
\set VERBOSITY sqlstate

-- 100 000 indicator rows in 7 missions. Rates: mostly two decimals (the 128-bit fast path),
-- every 13th with 25 decimals (the exact numeric path), every 11th missing (NULL: rate 0).
-- Weights 0..4, every 17th with 9 decimals (numeric path again), so that both halves of the
-- state cross the worker/leader boundary.
CREATE TABLE attainment_par (mission integer, rate numeric, weight numeric);
INSERT INTO attainment_par
SELECT i % 7,
       CASE WHEN i % 11 = 0 THEN NULL
            WHEN i % 13 = 0 THEN round((i % 1000)::numeric / 999, 25)
            ELSE ((i * 37) % 101)::numeric / 100
       END,
       CASE WHEN i % 17 = 0 THEN 0.123456789 ELSE (i % 5)::numeric END
FROM generate_series(1, 100000) AS i;
ANALYZE attainment_par;

-- Serial results first, kept in psql variables.
SET max_parallel_workers_per_gather = 0;
SELECT exco.weighted_attainment(rate, weight) AS ser_all FROM attainment_par \gset
SELECT string_agg(mission || ':' || a, ' ' ORDER BY mission) AS ser_grouped
FROM (SELECT mission, exco.weighted_attainment(rate, weight) AS a
      FROM attainment_par GROUP BY mission) AS s \gset

-- The serial results agree with numeric's own arithmetic (Σ rate×weight / Σ weight rounded
-- to 20 places, a missing rate counted as 0).
SELECT :'ser_all'::numeric = round(sum(coalesce(rate, 0) * weight) / sum(weight), 20) AS serial_all_matches_sql
FROM attainment_par;
SELECT bool_and(a = b) AS serial_grouped_matches_sql, count(*) AS missions
FROM (SELECT mission, exco.weighted_attainment(rate, weight) AS a,
             round(sum(coalesce(rate, 0) * weight) / sum(weight), 20) AS b
      FROM attainment_par GROUP BY mission) AS s;

-- Now force parallelism.
\i sql/include/force_parallel.sql

EXPLAIN (COSTS OFF)
SELECT exco.weighted_attainment(rate, weight) FROM attainment_par;
SELECT exco.weighted_attainment(rate, weight) AS par_all FROM attainment_par \gset

EXPLAIN (COSTS OFF)
SELECT mission, exco.weighted_attainment(rate, weight) AS a
FROM attainment_par GROUP BY mission;
SELECT string_agg(mission || ':' || a, ' ' ORDER BY mission) AS par_grouped
FROM (SELECT mission, exco.weighted_attainment(rate, weight) AS a
      FROM attainment_par GROUP BY mission) AS s \gset

-- Parallel equals serial, ungrouped and grouped.
SELECT :'par_all' = :'ser_all' AS parallel_all_equals_serial,
       :'par_grouped' = :'ser_grouped' AS parallel_grouped_equals_serial;
-- The values themselves (each in [0, 1]; compared above, shown for the record).
SELECT :'par_all' AS overall;
SELECT m AS per_mission FROM regexp_split_to_table(:'par_grouped', ' ') AS m;

-- A worker that sees no row at all hands over a NULL state: the combine function accepts it.
SELECT exco.weighted_attainment(rate, weight) IS NULL AS none_is_null
FROM attainment_par WHERE mission > 100;

-- An error raised in a worker reaches the client with its SQLSTATE (a rate of 2 in the last row).
INSERT INTO attainment_par VALUES (3, 2, 1);
SELECT exco.weighted_attainment(rate, weight) FROM attainment_par;

-- Memory of a parallel, spilling finalize. 400 000 groups of 2 rows, at work_mem = 64kB: the
-- workers' partial aggregates spill, and so does the leader's Finalize HashAggregate, which
-- deserializes one partial state per group and worker. Every 7th rate has 25 decimals, so
-- those states carry an exact numeric too. hash_mem is then 128 kB; the Finalize node's "Peak
-- Memory Usage" (EXPLAIN ANALYZE: hash table, group keys and transition states, all in the
-- aggregate's memory) must stay under 16 MB. 0.1.0's deserialize allocated each partial state in
-- the aggregate context, where nothing frees it before the end of a batch, for the rows it
-- spills too: this check failed (53 253 kB measured); now 169 kB.
CREATE TABLE attainment_mem (g integer, rate numeric, weight numeric);
INSERT INTO attainment_mem
SELECT i % 400000,
       CASE WHEN i % 7 = 0 THEN 0.1234567890123456789012345 ELSE 0.5 END,
       1 + i % 3
FROM generate_series(1, 800000) AS i;
-- The planner would see that 2 rows per group leave nothing for a partial aggregate to save and
-- run one serial aggregate; told there are 100 groups, it plans Partial and Finalize
-- HashAggregates (which fit in memory for 100 groups), then meets 400 000 and spills.
ALTER TABLE attainment_mem ALTER COLUMN g SET (n_distinct = 100);
ANALYZE attainment_mem;
CREATE FUNCTION attainment_hashagg(q text)
  RETURNS TABLE (partial_mode text, spilled boolean, peak_kb bigint)
  LANGUAGE plpgsql AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q INTO plan;
  RETURN QUERY
  WITH RECURSIVE node(j) AS (
    SELECT plan -> 0 -> 'Plan'
    UNION ALL
    SELECT c FROM node, json_array_elements(node.j -> 'Plans') AS c
  )
  SELECT j ->> 'Partial Mode', (j ->> 'HashAgg Batches')::integer > 1,
         (j ->> 'Peak Memory Usage')::bigint
  FROM node WHERE j ->> 'Node Type' = 'Aggregate' AND j ->> 'Strategy' = 'Hashed';
END $$;
SET work_mem = '64kB';
SET enable_sort = off;
SELECT partial_mode, spilled, peak_kb < 16384 AS under_16mb
FROM attainment_hashagg('SELECT g, exco.weighted_attainment(rate, weight) FROM attainment_mem GROUP BY g')
WHERE partial_mode = 'Finalize';
RESET enable_sort;
RESET work_mem;
DROP FUNCTION attainment_hashagg(text);
DROP TABLE attainment_mem;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
\if :pg16
RESET debug_parallel_query;
\else
RESET force_parallel_mode;
\endif
DROP TABLE attainment_par;
