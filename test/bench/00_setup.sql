-- Benchmark scaffolding: the bench schema, the timing function, the result tables.
-- Run by test/bench/run.sh (psql variables: rows; custom settings bench.runs, bench.warmup).
--
-- How a query is timed (bench.time_query): it is run warm-up + runs times as
--   EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) <query>
-- and the median "Execution Time" of the timed runs is kept. The result rows are computed and
-- discarded by the server: no network transfer, no psql formatting. TIMING OFF: no per-node
-- clock calls (only row counting), so the instrumentation costs the same on both sides.
-- Execution Time covers executor start to end, including AFTER triggers; not planning.

CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables();
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TYPE bench.timing AS (
  median_ms        numeric,    -- median Execution Time of the timed runs
  runs_ms          numeric[],  -- every timed run, in order
  workers_planned  integer,    -- largest "Workers Planned" in the plan (0: serial plan)
  workers_launched integer,    -- "Workers Launched" of the last run
  plan             jsonb,      -- the last run's EXPLAIN output
  batch            bigint      -- the bench.time_queries call that timed it: runs_ms[i] of two
                               -- timings of one batch were taken in the same round i
);
CREATE SEQUENCE bench.batch;

CREATE TABLE bench.result (
  seq         serial PRIMARY KEY,
  name        text NOT NULL,
  exco_ms     numeric,
  baseline    text,
  baseline_ms numeric,
  ratio       numeric,
  goal        numeric,    -- on marginal when floor_ms is set, else on ratio
  floor_ms    numeric,    -- the benchmark's floor: the same query reading the arguments, no function
  marginal    numeric,    -- (exco - floor) / (baseline - floor): the function's own cost against the baseline's
  note        text
);

CREATE TABLE bench.timings (
  key  text PRIMARY KEY,  -- e.g. tier/exco, tier/sql_case
  t    bench.timing NOT NULL
);

-- Time several queries, interleaved: warm-up + runs rounds, each round runs every query once
-- (after its setup statement, if any, which is not timed: e.g. TRUNCATE before an INSERT).
-- Interleaving spreads a burst of load from other processes over all the queries compared.
-- Stores one bench.timing per key in bench.timings and returns one "time:" line per key.
CREATE FUNCTION bench.time_queries(keys text[], queries text[], setups text[] DEFAULT NULL,
                                   runs integer DEFAULT current_setting('bench.runs')::integer,
                                   warmup integer DEFAULT current_setting('bench.warmup')::integer)
  RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  n  integer := cardinality(keys);
  p  jsonb;
  ps jsonb[] := array_fill(NULL::jsonb, ARRAY[n]);
  t  numeric[] := array_fill(NULL::numeric, ARRAY[n, runs]);
  r  bench.timing;
  batch bigint := nextval('bench.batch');
  -- test/bench/profile.sh times only the keys matching bench.only (a LIKE pattern).
  only_keys text := nullif(current_setting('bench.only', true), '');
BEGIN
  FOR round IN 1 .. warmup + runs LOOP
    FOR q IN 1 .. n LOOP
      CONTINUE WHEN keys[q] NOT LIKE coalesce(only_keys, '%');
      IF setups[q] IS NOT NULL THEN
        EXECUTE setups[q];
      END IF;
      EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || queries[q] INTO p;
      IF round > warmup THEN
        t[q][round - warmup] := (p -> 0 ->> 'Execution Time')::numeric;
      END IF;
      ps[q] := p;
    END LOOP;
  END LOOP;
  FOR q IN 1 .. n LOOP
    CONTINUE WHEN keys[q] NOT LIKE coalesce(only_keys, '%');
    r.runs_ms := (SELECT array_agg(t[q][i] ORDER BY i) FROM generate_series(1, runs) i);
    r.median_ms := (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(r.runs_ms) x)::numeric;
    r.workers_planned := coalesce((SELECT max(w::integer) FROM jsonb_path_query(ps[q], 'strict $.**."Workers Planned"') w), 0);
    r.workers_launched := coalesce((SELECT max(w::integer) FROM jsonb_path_query(ps[q], 'strict $.**."Workers Launched"') w), 0);
    r.plan := ps[q];
    r.batch := batch;
    INSERT INTO bench.timings VALUES (keys[q], r)
      ON CONFLICT (key) DO UPDATE SET t = excluded.t;
    RETURN NEXT format('time: %s median %s ms, runs %s, workers %s/%s', keys[q], round(r.median_ms, 2),
                       (SELECT string_agg(round(x, 1)::text, ' ') FROM unnest(r.runs_ms) x),
                       r.workers_launched, r.workers_planned);
  END LOOP;
END $$;
COMMENT ON FUNCTION bench.time_queries(text[], text[], text[], integer, integer) IS
  'median EXPLAIN ANALYZE execution time of each query over warm-up + runs interleaved rounds';

-- The ratio of two timings, paired by round: when both were timed in one batch (interleaved:
-- round i ran each query once, back to back), the median over the rounds of a_i / b_i, so a
-- change of the machine's speed between rounds (another job, the CPU's clock) moves both sides
-- of each round's ratio together instead of picking medians from different rounds; otherwise
-- (timed in different batches) the ratio of the medians. With a floor f, the marginal ratio
-- the same way: the median over the rounds of (a_i - f_i) / (b_i - f_i), NULL when a round's
-- b_i is not above its f_i (or, unpaired, when b's median is not above f's).
CREATE FUNCTION bench.paired(a bench.timing, b bench.timing, f bench.timing DEFAULT NULL)
  RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN a.batch = b.batch AND (f IS NULL OR f.batch = a.batch)
         AND cardinality(a.runs_ms) = cardinality(b.runs_ms) THEN
      (SELECT CASE WHEN bool_and(b.runs_ms[i] > coalesce(f.runs_ms[i], 0))
                   THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY
                          (a.runs_ms[i] - coalesce(f.runs_ms[i], 0)) / (b.runs_ms[i] - coalesce(f.runs_ms[i], 0)))
              END::numeric
         FROM generate_subscripts(a.runs_ms, 1) i)
    WHEN b.median_ms > coalesce(f.median_ms, 0) THEN
      (a.median_ms - coalesce(f.median_ms, 0)) / (b.median_ms - coalesce(f.median_ms, 0))
  END
$$;

-- Record one comparison of two timed keys and return its line (goal NULL: an informative line,
-- e.g. against the floor of a benchmark, printed goal=none):
--   bench: <name> exco_ms=<median> baseline=<label> baseline_ms=<median> ratio=<exco/baseline> goal=<ratio>
-- (ratio and marginal paired by round, bench.paired). With floor_key (the benchmark's floor: the same query with the function replaced by reading its
-- arguments), the line also gives the floor and the marginal ratio, and the goal is on the marginal
-- ratio, not on the whole-query one:
--   bench: <name> exco_ms=.. baseline=.. baseline_ms=.. ratio=.. floor_ms=<median> marginal=<m> goal=<marginal goal>
--   marginal = (exco - floor) / (baseline - floor): what exco adds to the bare query over what the
--   baseline adds; n/a when the baseline is not above the floor.
-- followed by a "note:" line when parallel workers were not all launched or the plans differ.
CREATE FUNCTION bench.compare(name text, exco_key text, baseline text, baseline_key text, goal numeric,
                              floor_key text DEFAULT NULL)
  RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  e     bench.timing := (SELECT t FROM bench.timings WHERE key = exco_key);
  b     bench.timing := (SELECT t FROM bench.timings WHERE key = baseline_key);
  f     bench.timing := (SELECT t FROM bench.timings WHERE key = floor_key);
  ratio numeric;
  marginal numeric;
  note  text;
BEGIN
  IF (e IS NULL OR b IS NULL OR (floor_key IS NOT NULL AND f IS NULL))
     AND nullif(current_setting('bench.only', true), '') IS NOT NULL THEN
    RETURN format('bench: %s not compared (bench.only = %s)', name, current_setting('bench.only'));
  ELSIF e IS NULL OR b IS NULL OR (floor_key IS NOT NULL AND f IS NULL) THEN
    RAISE EXCEPTION 'bench.compare(%): no timing for % or % or %', name, exco_key, baseline_key, floor_key;
  END IF;
  ratio := round(bench.paired(e, b), 3);
  IF floor_key IS NOT NULL THEN
    marginal := round(bench.paired(e, b, f), 3);
  END IF;
  note := concat_ws('; ',
    CASE WHEN e.workers_launched < e.workers_planned
         THEN format('%s launched %s of %s workers', exco_key, e.workers_launched, e.workers_planned) END,
    CASE WHEN b.workers_launched < b.workers_planned
         THEN format('%s launched %s of %s workers', baseline_key, b.workers_launched, b.workers_planned) END,
    CASE WHEN e.workers_planned <> b.workers_planned AND baseline <> 'serial'
         THEN format('plans differ: %s workers for exco, %s for %s', e.workers_planned, b.workers_planned, baseline) END,
    CASE WHEN floor_key IS NOT NULL AND f.workers_planned <> e.workers_planned
         THEN format('plans differ: %s workers for exco, %s for the floor', e.workers_planned, f.workers_planned) END,
    CASE WHEN floor_key IS NOT NULL AND marginal IS NULL
         THEN format('no marginal ratio: %s (%s ms) is not above the floor (%s ms) in every round', baseline,
                     round(b.median_ms, 2), round(f.median_ms, 2)) END);
  INSERT INTO bench.result (name, exco_ms, baseline, baseline_ms, ratio, goal, floor_ms, marginal, note)
  VALUES (name, round(e.median_ms, 2), baseline, round(b.median_ms, 2), ratio, goal,
          round(f.median_ms, 2), marginal, nullif(note, ''));
  RETURN format('bench: %s exco_ms=%s baseline=%s baseline_ms=%s ratio=%s',
                name, round(e.median_ms, 2), baseline, round(b.median_ms, 2), ratio)
         || CASE WHEN floor_key IS NOT NULL
                 THEN format(' floor_ms=%s marginal=%s', round(f.median_ms, 2), coalesce(marginal::text, 'n/a'))
                 ELSE '' END
         || format(' goal=%s', coalesce(goal::text, 'none'))
         || CASE WHEN note <> '' THEN E'\nnote: ' || name || ': ' || note ELSE '' END;
END $$;

CREATE FUNCTION bench.skip(name text, why text) RETURNS text LANGUAGE sql AS $$
  INSERT INTO bench.result (name, note) VALUES (name, 'skipped: ' || why);
  SELECT format('bench: %s skipped (%s)', name, why);
$$;

-- Compare a value computed with exco and with a baseline (a sanity check of the baselines, not
-- a test: it never fails the run, it prints MISMATCH).
CREATE FUNCTION bench.check(name text, exco_value anyelement, baseline text, baseline_value anyelement)
  RETURNS text LANGUAGE sql AS $$
  SELECT format('check: %s exco = %s: %s', name, baseline,
                CASE WHEN exco_value IS NOT DISTINCT FROM baseline_value THEN format('ok (%s)', exco_value)
                     ELSE format('MISMATCH exco=%s %s=%s', exco_value, baseline, baseline_value) END);
$$;

-- Is exco.<name> installed (any signature)? Looked up in pg_proc rather than with to_regproc(),
-- which answers NULL for an overloaded name. Benchmarks whose function is missing print
-- "bench: <name> skipped (exco.<fn> not installed)".
CREATE FUNCTION bench.has_function(name text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT FROM pg_catalog.pg_proc
                  WHERE pronamespace = 'exco'::regnamespace AND proname = name);
$$;

CREATE TABLE bench.memory (
  name            text NOT NULL,
  rows            bigint NOT NULL,
  groups          bigint NOT NULL,
  backend_kb      bigint,   -- all memory contexts of the backend, sampled once the aggregate has read every row
  hashagg_peak_kb bigint,   -- EXPLAIN's HashAggregate "Peak Memory Usage"
  hashagg_batches integer,  -- 1 = no spill to disk
  PRIMARY KEY (name, rows)
);

SELECT format('settings: rows=%s runs=%s warmup=%s shared_buffers=%s work_mem=%s max_parallel_workers_per_gather=%s jit=%s',
              :rows, current_setting('bench.runs'), current_setting('bench.warmup'),
              current_setting('shared_buffers'), current_setting('work_mem'),
              current_setting('max_parallel_workers_per_gather'), current_setting('jit'));
