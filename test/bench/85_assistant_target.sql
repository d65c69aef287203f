-- Benchmark assistant_target: exco.assistant_target(share, mt_patients) over BENCH_ROWS GPs,
-- against the same rule (doc/rules.md §7.2: the band's percentage of the starting count, rounded
-- up; band boundaries in doc/schemes.md) written
--   sql_case  as a CASE over share and band, in exact numeric   goal marginal ratio <= 0.5
--   plpgsql   as a PL/pgSQL function                            goal marginal ratio <= 0.1
-- and the floor: sum(mt), reading both arguments (mt is the last column) with the same sum and
-- computing nothing (assistant_target_vs_floor, no goal). Marginal = (exco - floor) / (baseline - floor).
-- Data: the three time shares, MT patients uniform in 640..2 500, so every band occurs.

SELECT bench.has_function('assistant_target') AS has_target \gset
\if :has_target

\warn == assistant_target: generating :rows GPs
SELECT setseed(0.3) \g /dev/null
CREATE TABLE bench.assistant AS
  SELECT (ARRAY['1/3', '1/2', 'full']::exco.assistant_share[])[1 + floor(random() * 3)::integer] AS share,
         640 + floor(random() * 1861)::integer AS mt
    FROM generate_series(1, :rows);
VACUUM (FREEZE, ANALYZE) bench.assistant;
SELECT pg_prewarm('bench.assistant') \g /dev/null

-- The rule as a CASE: the raise of the band (a fraction), then the count raised and rounded up.
CREATE VIEW bench.assistant_sql AS
SELECT mt + ceil(mt * CASE share
         WHEN '1/3' THEN CASE WHEN mt < 872 THEN 0.20 WHEN mt < 1107 THEN 0.15 WHEN mt < 1502 THEN 0.075
                              WHEN mt <= 1721 THEN 0.04 ELSE 0 END
         WHEN '1/2' THEN CASE WHEN mt < 872 THEN 0.25 WHEN mt < 1107 THEN 0.20 WHEN mt < 1502 THEN 0.125
                              WHEN mt <= 1721 THEN 0.06 ELSE 0 END
         ELSE CASE WHEN mt < 872 THEN 0.35 WHEN mt < 1107 THEN 0.30 WHEN mt < 1502 THEN 0.20
                   WHEN mt <= 1721 THEN 0.125 ELSE 0.05 END END)::integer AS target
  FROM bench.assistant;

-- The rule as PL/pgSQL, with exco's markings.
CREATE FUNCTION bench.assistant_target_plpgsql(share exco.assistant_share, mt integer) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  band integer;
  raise numeric;
BEGIN
  IF mt < 640 THEN
    RAISE EXCEPTION '% MT patients is below the first commitment band, which starts at 640', mt
      USING ERRCODE = '22023';
  END IF;
  band := CASE WHEN mt < 872 THEN 1 WHEN mt < 1107 THEN 2 WHEN mt < 1502 THEN 3 WHEN mt <= 1721 THEN 4 ELSE 5 END;
  raise := CASE share WHEN '1/3' THEN (ARRAY[0.20, 0.15, 0.075, 0.04, 0])[band]
                      WHEN '1/2' THEN (ARRAY[0.25, 0.20, 0.125, 0.06, 0])[band]
                      ELSE (ARRAY[0.35, 0.30, 0.20, 0.125, 0.05])[band] END;
  RETURN mt + ceil(mt * raise)::integer;
END $$;

SELECT bench.check('assistant_target sum',
  (SELECT sum(exco.assistant_target(share, mt)) FROM bench.assistant), 'sql_case',
  (SELECT sum(target) FROM bench.assistant_sql));

\warn == assistant_target: timing
SELECT bench.time_queries(
  ARRAY['assistant_target/exco', 'assistant_target/sql_case', 'assistant_target/plpgsql', 'assistant_target/floor'],
  ARRAY[$q$SELECT sum(exco.assistant_target(share, mt)) FROM bench.assistant$q$,
        $q$SELECT sum(target) FROM bench.assistant_sql$q$,
        $q$SELECT sum(bench.assistant_target_plpgsql(share, mt)) FROM bench.assistant$q$,
        $q$SELECT sum(mt) FROM bench.assistant$q$]);

SELECT bench.compare('assistant_target_vs_case', 'assistant_target/exco', 'sql_case', 'assistant_target/sql_case', 0.5,
                     'assistant_target/floor');
SELECT bench.compare('assistant_target_vs_plpgsql', 'assistant_target/exco', 'plpgsql', 'assistant_target/plpgsql', 0.1,
                     'assistant_target/floor');
SELECT bench.compare('assistant_target_vs_floor', 'assistant_target/exco', 'floor', 'assistant_target/floor', NULL);

DROP VIEW bench.assistant_sql;
DROP TABLE bench.assistant;

\else
SELECT bench.skip('assistant_target_vs_case', 'exco.assistant_target not installed');
SELECT bench.skip('assistant_target_vs_plpgsql', 'exco.assistant_target not installed');
\endif
