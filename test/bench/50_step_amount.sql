-- Benchmark 5, step_amount: exco.step_amount(measured, thresholds, amounts) over BENCH_ROWS
-- stepped indicators, against the same rule
-- (SCALES.md "Indicators in real contracts": thresholds ordered in the wanted direction, the
-- highest level reached pays its amount, below the first nothing) written
--   sql      as a CASE over the unnested arrays                   goal marginal ratio <= 0.5
--   plpgsql  as a PL/pgSQL loop                                   goal marginal ratio <= 0.1
-- and the floor: sum(1000::numeric) FILTER (WHERE amounts IS NOT NULL), reading the three
-- arguments (amounts is the last column) and summing a numeric per row as the other queries do,
-- computing nothing of the rule (step_amount_vs_floor, no goal). Marginal ratio = (exco - floor) / (baseline - floor).
-- Data: 3 levels a row; half the indicators rise (thresholds ascending, reached when
-- measured >= threshold), half fall (descending, reached when measured <= threshold), like
-- "<= 50 -> 9 000, 51..100 -> 6 000, 101..219 -> 3 000"; measures uniform over 0..250.

SELECT bench.has_function('step_amount') AS has_step \gset
\if :has_step

\warn == step_amount: generating stepped indicators
SELECT setseed(0.5) \g /dev/null
CREATE TABLE bench.step AS
  SELECT round((random() * 250)::numeric, 1) AS measured,
         CASE WHEN rising THEN ARRAY[t1, t2, t3] ELSE ARRAY[t3, t2, t1] END AS thresholds,
         CASE WHEN rising THEN ARRAY[1000, 2500, 3500]::numeric[]
              ELSE ARRAY[3000, 6000, 9000]::numeric[] END AS amounts
    FROM (SELECT rising, t1, t2, t2 + 1 + floor(random() * 50)::numeric AS t3
            FROM (SELECT rising, t1, t1 + 1 + floor(random() * 50)::numeric AS t2
                    FROM (SELECT random() < 0.5 AS rising, floor(random() * 100)::numeric AS t1
                            FROM generate_series(1, :rows)) a) b) c;
VACUUM (FREEZE, ANALYZE) bench.step;
SELECT pg_prewarm('bench.step') \g /dev/null

-- The rule as a PL/pgSQL loop, with exco's markings.
CREATE FUNCTION bench.step_amount_plpgsql(measured numeric, thresholds numeric[], amounts numeric[])
  RETURNS numeric LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  n      integer := cardinality(thresholds);
  rising boolean := thresholds[1] <= thresholds[n];
  earned numeric := 0;
BEGIN
  IF n <> cardinality(amounts) THEN
    RAISE EXCEPTION '% thresholds but % amounts', n, cardinality(amounts) USING ERRCODE = '22023';
  END IF;
  FOR i IN 1 .. n LOOP
    EXIT WHEN (rising AND measured < thresholds[i]) OR (NOT rising AND measured > thresholds[i]);
    earned := amounts[i];
  END LOOP;
  RETURN earned;
END $$;

-- The rule as SQL: the last level reached, in the direction the thresholds are ordered.
CREATE VIEW bench.step_sql AS
SELECT coalesce((SELECT u.amount
                   FROM unnest(s.thresholds, s.amounts) WITH ORDINALITY AS u(threshold, amount, level)
                  WHERE CASE WHEN s.thresholds[1] <= s.thresholds[cardinality(s.thresholds)]
                             THEN s.measured >= u.threshold
                             ELSE s.measured <= u.threshold END
                  ORDER BY u.level DESC
                  LIMIT 1), 0) AS earned
  FROM bench.step s;

SELECT bench.check('step_amount sum',
  (SELECT sum(exco.step_amount(measured, thresholds, amounts)) FROM bench.step),
  'sql', (SELECT sum(earned) FROM bench.step_sql));

\warn == step_amount: timing
SELECT bench.time_queries(
  ARRAY['step_amount/exco', 'step_amount/sql', 'step_amount/plpgsql', 'step_amount/floor'],
  ARRAY[$q$SELECT sum(exco.step_amount(measured, thresholds, amounts)) FROM bench.step$q$,
        $q$SELECT sum(earned) FROM bench.step_sql$q$,
        $q$SELECT sum(bench.step_amount_plpgsql(measured, thresholds, amounts)) FROM bench.step$q$,
        $q$SELECT sum(1000::numeric) FILTER (WHERE amounts IS NOT NULL) FROM bench.step$q$]);

SELECT bench.compare('step_amount_vs_sql', 'step_amount/exco', 'sql', 'step_amount/sql', 0.5, 'step_amount/floor');
SELECT bench.compare('step_amount_vs_plpgsql', 'step_amount/exco', 'plpgsql', 'step_amount/plpgsql', 0.1,
                     'step_amount/floor');
SELECT bench.compare('step_amount_vs_floor', 'step_amount/exco', 'floor', 'step_amount/floor', NULL);

DROP VIEW bench.step_sql;
DROP TABLE bench.step;

\else
SELECT bench.skip('step_amount_vs_sql', 'exco.step_amount not installed');
SELECT bench.skip('step_amount_vs_plpgsql', 'exco.step_amount not installed');
\endif
