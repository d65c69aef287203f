-- exco.weighted_rate and exco.weighted_mean (doc/rules.md §4.5): the weighted attainment as
-- plain functions combined with sum(), equal to the aggregate exco.weighted_attainment exactly.
-- Expected values are worked out by hand in the comments; the identity is checked group by
-- group on text (same digits, not only numeric equality), serial and under a forced parallel plan.

-- ===================================================================== values
-- weighted_rate is rate × weight, exact: 0.75 × 2 = 1.50; 0.1234567890123456789012345 × 3 =
-- 0.3703703670370370367037035; a NULL rate (missing measure) is 0; weight 0 gives 0.
SELECT exco.weighted_rate(0.75, 2) AS a, exco.weighted_rate(0.1234567890123456789012345, 3) AS b,
       exco.weighted_rate(NULL, 5) AS missing, exco.weighted_rate(1, 0) AS zero_weight;
-- weighted_mean rounds half up to 20 decimals, trailing zeros trimmed:
--   3.5 / 4 = 0.875; 1 / 3 = 0.33333333333333333333|3 -> ...333; 2 / 3 = 0.66666666666666666666|6
--   -> ...667; 5e-21 / 1 = 0.00000000000000000000|5 -> 0.00000000000000000001 (half up);
--   4.99e-21 / 1 -> 0; 2 / 2 = 1; 0 / 7 = 0.
SELECT exco.weighted_mean(3.5, 4) AS a, exco.weighted_mean(1, 3) AS third,
       exco.weighted_mean(2, 3) AS two_thirds,
       exco.weighted_mean(0.000000000000000000005, 1) AS half_up,
       exco.weighted_mean(0.00000000000000000000499, 1) AS half_down,
       exco.weighted_mean(2, 2) AS one, exco.weighted_mean(0, 7) AS zero;
-- The mean of no rows is NULL (sum() over no rows is NULL; STRICT), as the aggregate's.
SELECT exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) IS NULL AS fn_empty,
       exco.weighted_attainment(r, w) IS NULL AS agg_empty
FROM (VALUES (0.5, 1)) AS v(r, w) WHERE false;
-- The example of the aggregate's suite: (0.75×1 + 0.5×3 + 0×2) / 6 = 2.25 / 6 = 0.375.
SELECT exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) AS fn,
       exco.weighted_attainment(r, w) AS agg
FROM (VALUES (0.75, 1), (0.5, 3), (NULL, 2)) AS v(r, w);

-- ===================================================================== errors
-- The same SQLSTATE and message as the aggregate, for the same rows.
\set VERBOSITY default
SELECT exco.weighted_rate(0.5, NULL);
SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, NULL::numeric)) AS v(r, w);
SELECT exco.weighted_rate(0.5, -1);
SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, -1)) AS v(r, w);
SELECT exco.weighted_rate(0.5, 'Infinity');
SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, 'Infinity'::numeric)) AS v(r, w);
SELECT exco.weighted_rate(0.5, 'NaN');
SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, 'NaN'::numeric)) AS v(r, w);
SELECT exco.weighted_rate(1.5, 1);
SELECT exco.weighted_attainment(r, w) FROM (VALUES (1.5, 1)) AS v(r, w);
SELECT exco.weighted_rate(-0.1, 1);
SELECT exco.weighted_rate('NaN', 1);
SELECT exco.weighted_attainment(r, w) FROM (VALUES ('NaN'::numeric, 1)) AS v(r, w);
-- the weight is checked first, as in the aggregate: a bad rate with a NULL weight raises 22004
SELECT exco.weighted_rate(7, NULL);
-- zero total weight: 22012, as the aggregate
SELECT exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) FROM (VALUES (0.5, 0), (1, 0)) AS v(r, w);
SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, 0), (1, 0)) AS v(r, w);
-- sums no weighted_rate can give: 22023
SELECT exco.weighted_mean(3, 2);
SELECT exco.weighted_mean(-1, 2);
SELECT exco.weighted_mean(1, -2);
SELECT exco.weighted_mean(1, 'Infinity');
SELECT exco.weighted_mean('NaN', 2);
\set VERBOSITY terse

-- ===================================================================== identity on many groups
-- 30 000 rows in 1 000 groups. Rates: two decimals (the aggregate's 128-bit fast path), every
-- 13th with 25 decimals (its exact numeric path), every 11th NULL, 0 and 1 exactly; weights 0..4,
-- every 17th with 9 decimals, every 1 001st 1e40 (overflow of 128 bits); the group of a row with
-- weight 0 only is avoided (every group has a positive weight).
CREATE TABLE weighted_id (g integer, r numeric, w numeric);
INSERT INTO weighted_id
SELECT i % 1000,
       CASE WHEN i % 11 = 0 THEN NULL
            WHEN i % 13 = 0 THEN round((i % 1000)::numeric / 999, 25)
            WHEN i % 19 = 0 THEN 1
            WHEN i % 23 = 0 THEN 0
            ELSE ((i * 37) % 101)::numeric / 100
       END,
       CASE WHEN i % 1001 = 0 THEN 1e40
            WHEN i % 17 = 0 THEN 0.123456789
            WHEN i < 1000 THEN 1 + i % 4
            ELSE (i % 5)::numeric END
FROM generate_series(1, 30000) AS i;
-- Edge groups: a single row of rate 1; all rates missing (0); rates at 20 decimals whose mean
-- falls exactly half-way at the 21st: (0.00000000000000000001 + 0) / 2 = 5e-21 -> 1e-20.
INSERT INTO weighted_id VALUES (-1, 1, 3), (-2, NULL, 1), (-2, NULL, 2),
  (-3, 0.00000000000000000001, 1), (-3, 0, 1);
ANALYZE weighted_id;

CREATE VIEW weighted_id_agg AS
SELECT g, exco.weighted_attainment(r, w)::text AS a FROM weighted_id GROUP BY g;
CREATE VIEW weighted_id_fn AS
SELECT g, exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w))::text AS a
FROM weighted_id GROUP BY g;

SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups, count(*) FILTER (WHERE a IN ('0', '1')) AS at_0_or_1
FROM weighted_id_agg;
-- Same text in every group, both ways; and the whole table as one group.
SELECT count(*) AS agg_not_fn FROM (TABLE weighted_id_agg EXCEPT ALL TABLE weighted_id_fn) AS d;
SELECT count(*) AS fn_not_agg FROM (TABLE weighted_id_fn EXCEPT ALL TABLE weighted_id_agg) AS d;
SELECT exco.weighted_attainment(r, w)::text = exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w))::text
  AS whole_table_equal
FROM weighted_id;
-- The edge groups, by hand: -1: 1×3/3 = 1; -2: 0/3 = 0; -3: 1e-20/2 = 5e-21 -> 0.00000000000000000001.
SELECT g, a FROM weighted_id_fn WHERE g < 0 ORDER BY g;

-- ===================================================================== forced parallel plan
-- sum(exco.weighted_rate()) is computed in the workers (PARALLEL SAFE), the partial sums
-- combined in the leader: the same text again.
\i sql/include/force_parallel.sql
EXPLAIN (COSTS OFF) SELECT * FROM weighted_id_fn;
SELECT count(*) AS agg_not_fn FROM (TABLE weighted_id_agg EXCEPT ALL TABLE weighted_id_fn) AS d;
SELECT count(*) AS fn_not_agg FROM (TABLE weighted_id_fn EXCEPT ALL TABLE weighted_id_agg) AS d;
RESET ALL;
