-- exco.earned_by_year and exco.indicator_unknown_reason (src/indicator_earned.c), the parts of
-- exco.payments_at that read the indicators: every expected value below worked out by hand from
-- doc/rules.md §4.5 (a contract year is listed once the mission started before its end and it is
-- over on as_of, or has begun and is measured; a missing measure earns 0).
\set VERBOSITY terse
SET datestyle = ISO, YMD;

-- Signed 2020-01-15: year 1 ends 2021-01-15, year 2 2022-01-15, year 3 2023-01-15, year 4
-- 2024-01-15, year 5 2025-01-15. On as_of 2022-06-30 years 1 and 2 are over, year 3 has begun,
-- years 4 and 5 have not. Rows (contract_year NULL: an indicator without a measure):
--   A: 100.50 in year 1, 20.00 in year 3;  B: 10.25 in year 2, 5.00 in year 4 (not begun);
--   C: no measure.
-- year 1: 100.50 (B and C earn 0); year 2: 10.25; year 3: begun and measured, 20; year 4: not
-- begun, NULL though measured; year 5: NULL.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', w, y, e, u) AS earned
  FROM (VALUES (1, 1, 100.50, false), (1, 3, 20.00, false), (2, 2, 10.25, false), (2, 4, 5.00, false),
               (1, NULL, 0.00, false)) v(w, y, e, u);
-- No measure at all: the over years earn 0, the others are not listed.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', 1, NULL, 0.00, false) AS earned;
-- Started on 2021-06-01, in year 2: year 1 is not listed (it ended before the start), its measure
-- is not counted; year 2 is over: 7.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2021-06-01', 1, y, e, false) AS earned
  FROM (VALUES (1, 50.00), (2, 7.00)) v(y, e);
-- Started on the first day of year 2 (2021-01-15): year 1 is not listed, year 2 is.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2021-01-15', 1, 2, 3.00, false) AS earned;
-- Started on the last day of year 1 (2021-01-14): year 1 is listed.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2021-01-14', 1, 1, 3.00, false) AS earned;
-- as_of on year 2's end (2022-01-15): year 2 is over, and earns 0 without a measure, and year 3
-- has begun that day, listed with its measure, 1.25; the day before, year 2 has only begun, and
-- without a measure it is not listed, and year 3 has not begun; year 1 is over on both.
SELECT as_of, exco.earned_by_year(as_of, '2020-01-15', '2020-03-01', 1, y, e, false) AS earned
  FROM (VALUES (DATE '2022-01-15'), (DATE '2022-01-14')) d(as_of),
       (VALUES (NULL::integer, 0.00), (3, 1.25)) v(y, e)
 GROUP BY as_of ORDER BY as_of;
-- A measure the rules cannot read (unknown, or a NULL earned) makes its year NULL, not the others.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', 1, y, e, u) AS earned
  FROM (VALUES (1, 4.00, false), (1, NULL, true), (2, 6.00, false), (3, NULL, false)) v(y, e, u);
-- A weight NaN or infinite makes every over year NULL, measured or not; the begun year keeps its
-- measured rows (the indicator with the bad weight has no measure in year 3).
SELECT 'NaN' AS weight, exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', w, y, e, false) AS earned
  FROM (VALUES ('NaN'::numeric, NULL::integer, 0.00), (1, 3, 2.50)) v(w, y, e);
SELECT 'Infinity' AS weight, exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', w, y, e, false) AS earned
  FROM (VALUES ('Infinity'::numeric, 1, 4.00), (1, 3, 2.50)) v(w, y, e);
-- A mission not started (NULL started_on): nothing listed.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', NULL, 1, 1, 5.00, false) AS earned;
-- Exact sums: two decimals in int128, more in numeric, beside each other.
SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', 1, 1, e, false) AS earned
  FROM (VALUES (1.50), (0.00001), (99999999999999999999999999999999.99)) v(e);
-- No rows: NULL.
SELECT exco.earned_by_year(d, d, d, 1, 1, 1, false) IS NULL AS no_rows FROM (SELECT DATE '2020-01-15' AS d WHERE false) x;

-- Bad input: a clear error each, its SQLSTATE and message.
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $f$;
SELECT t.bad_input, pg_temp.error_of(t.q) AS error
  FROM (VALUES
    ('contract year 6',       $q$SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', 1, 6, 1.00, false)$q$),
    ('contract year 0',       $q$SELECT exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', 1, 0, 1.00, false)$q$),
    ('as_of NULL',            $q$SELECT exco.earned_by_year(NULL, '2020-01-15', '2020-03-01', 1, 1, 1.00, false)$q$),
    ('signed_on NULL',        $q$SELECT exco.earned_by_year('2022-06-30', NULL, '2020-03-01', 1, 1, 1.00, false)$q$),
    ('signed_on differs',     $q$SELECT exco.earned_by_year('2022-06-30', s, '2020-03-01', 1, 1, 1.00, false)
                                   FROM (VALUES (DATE '2020-01-15'), (DATE '2020-01-16')) v(s)$q$),
    ('as_of differs',         $q$SELECT exco.earned_by_year(a, '2020-01-15', '2020-03-01', 1, 1, 1.00, false)
                                   FROM (VALUES (DATE '2022-06-30'), (DATE '2023-06-30')) v(a)$q$),
    ('started_on NULL, then not', $q$SELECT exco.earned_by_year('2022-06-30', '2020-01-15', s, 1, 1, 1.00, false)
                                   FROM (VALUES (DATE '2020-03-01'), (NULL)) v(s)$q$),
    ('started_on differs',    $q$SELECT exco.earned_by_year('2022-06-30', '2020-01-15', s, 1, 1, 1.00, false)
                                   FROM (VALUES (DATE '2020-03-01'), (DATE '2020-04-01')) v(s)$q$),
    ('signed_on infinite',    $q$SELECT exco.earned_by_year('2022-06-30', 'infinity', '2020-03-01', 1, 1, 1.00, false)$q$)
  ) t(bad_input, q);

-- exco.indicator_unknown_reason: each reason, in the order the rule checks them.
SELECT r.case_name, exco.indicator_unknown_reason(r.continuous, r.starting, r.objective, r.lower, r.amount, r.weight, r.value) AS reason
  FROM (VALUES
    ('readable continuous',         true,  10::numeric, 20::numeric, NULL::boolean, 100.00::numeric, 1::numeric, 15::numeric),
    ('readable, not measured',      true,  10, 20, NULL, 100.00, 1, NULL),
    ('weight NaN, not measured',    true,  10, 20, NULL, 100.00, 'NaN', NULL),
    ('weight Infinity',             false, NULL, NULL, NULL, NULL, 'Infinity', 3),
    ('measure NaN',                 true,  10, 20, NULL, 100.00, 1, 'NaN'),
    ('measure -Infinity, stepped',  false, NULL, NULL, NULL, NULL, 1, '-Infinity'),
    ('stepped readable',            false, 'NaN', NULL, true, 'NaN', 1, 3),
    ('amount NaN',                  true,  10, 20, NULL, 'NaN', 1, 15),
    ('starting Infinity',           true,  'Infinity', 20, NULL, 100.00, 1, 15),
    ('objective -Infinity',         true,  10, '-Infinity', NULL, 100.00, 1, 15),
    ('objective NaN, starting NULL', true, NULL, 'NaN', NULL, 100.00, 1, 15),
    ('lower_is_better, rising',     true,  10, 20.50, true, 100.00, 1, 15),
    ('higher is better, falling',   true,  20, 10, false, 100.00, 1, 15),
    ('lower_is_better, falling',    true,  20, 10, true, 100.00, 1, 15),
    ('levels equal, lower',         true,  10, 10.0, true, 100.00, 1, 15),
    ('kind NULL, direction wrong',  NULL,  20, 10, false, 100.00, 1, 15)
  ) r(case_name, continuous, starting, objective, lower, amount, weight, value);

-- In parallel: the partial states of exco.earned_by_year, serialized, deserialized and combined,
-- give the serial answer (500 groups of 40 rows: years 1..5 and indicators without a measure, an
-- unknown row now and then, a NaN weight in one group, an amount with five decimals in 66 others:
-- their numeric part must outlive the input row that brought it to the leader; a copy left in
-- the per-row context crashed the leader or gave another sum, in 4 runs of 4).
CREATE TABLE earned_rows AS
  SELECT g % 500 AS grp,
         CASE WHEN g = 4321 THEN 'NaN'::numeric ELSE 1 END AS w,
         CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 5 END AS y,
         CASE WHEN g % 299 = 0 THEN 0.00001 ELSE (g % 1000) / 100.0 END AS e,
         g % 997 = 0 AS u
    FROM generate_series(1, 20000) g;
ANALYZE earned_rows;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE earned_serial AS
  SELECT grp, exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', w, y, e, u) AS earned
    FROM earned_rows GROUP BY grp;
-- The serial answer is the rule written in SQL (signed 2020-01-15, started 2020-03-01, as_of
-- 2022-06-30: years 1 and 2 over, year 3 begun, 4 and 5 not).
SELECT count(*) AS groups, count(*) FILTER (WHERE s.earned IS DISTINCT FROM r.earned) AS differing_from_the_rule,
       count(*) FILTER (WHERE s.earned[1] IS NULL) AS year_1_unknown, count(*) FILTER (WHERE s.earned[3] IS NULL) AS year_3_null
  FROM earned_serial s
  JOIN (SELECT grp, ARRAY[
          CASE WHEN bool_or(w = 'NaN') OR bool_or(u AND y = 1) THEN NULL ELSE coalesce(sum(e) FILTER (WHERE y = 1), 0) END,
          CASE WHEN bool_or(w = 'NaN') OR bool_or(u AND y = 2) THEN NULL ELSE coalesce(sum(e) FILTER (WHERE y = 2), 0) END,
          CASE WHEN bool_or(u AND y = 3) OR count(*) FILTER (WHERE y = 3) = 0 THEN NULL ELSE sum(e) FILTER (WHERE y = 3) END,
          NULL, NULL]::numeric[] AS earned
          FROM earned_rows GROUP BY grp) r USING (grp);
\i sql/include/force_parallel.sql
EXPLAIN (COSTS OFF)
SELECT grp, exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', w, y, e, u) FROM earned_rows GROUP BY grp;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.earned IS DISTINCT FROM p.earned) AS differing_in_parallel
  FROM earned_serial s
  FULL JOIN (SELECT grp, exco.earned_by_year('2022-06-30', '2020-01-15', '2020-03-01', w, y, e, u) AS earned
               FROM earned_rows GROUP BY grp) p USING (grp);
DROP TABLE earned_rows;
