-- Indicator attainment (doc/rules.md §4.5), stepped indicators (doc/rules.md §8.4, "Indicators in real
-- contracts") and the weighted mean of a mission's rates. Every expected figure is worked out
-- by hand in the comment above its query.
\set VERBOSITY sqlstate

-- ===================================================================== exco.attainment
-- rate = (measured - starting) / (objective - starting), clamped to [0, 1], rounded half up
-- to 20 decimals, trailing zeros trimmed.

-- Rising indicator, starting 60, objective 80 (a screening rate, say):
--   55 -> (55-60)/20 = -0.25 -> clamped 0;  60 -> 0/20 = 0;  65 -> 5/20 = 0.25;
--   75 -> 15/20 = 0.75;  79.99 -> 19.99/20 = 0.9995;  80 -> 1;  95 -> 35/20 = 1.75 -> 1.
SELECT m AS measured, exco.attainment(m, 60, 80) AS rate
FROM unnest(ARRAY[55, 60, 65, 75, 79.99, 80, 95]::numeric[]) AS m;

-- Falling indicator (patients in ALD without a MT), starting 219, objective 50:
--   250 -> (250-219)/(50-219) = 31/-169 < 0 -> 0;  219 -> 0;
--   100 -> (100-219)/(50-219) = 119/169 = 0.70414201183431952662|72... -> 0.70414201183431952663;
--   134.5 -> 84.5/169 = 0.5 exactly;  51 -> 168/169 = 0.99408284023668639053|25... -> 0.99408284023668639053;
--   50 -> 1;  10 -> 209/169 > 1 -> 1.
SELECT m AS measured, exco.attainment(m, 219, 50) AS rate
FROM unnest(ARRAY[250, 219, 100, 134.5, 51, 50, 10]::numeric[]) AS m;

-- Exact decimals stay exact: (72.4 - 69.7) / (75 - 69.7) = 2.7 / 5.3 = 27/53
--   = 0.50943396226415094339|62... -> 0.50943396226415094340, shown trimmed: 0.5094339622641509434;
-- (0.697 - 0.6) / (0.8 - 0.6) = 0.097 / 0.2 = 0.485;  negative levels: (-5 - -10) / (0 - -10) = 0.5.
SELECT exco.attainment(72.4, 69.7, 75) AS r_27_53,
       exco.attainment(0.697, 0.6, 0.8) AS r_0485,
       exco.attainment(-5, -10, 0) AS r_half;

-- Rounding at the 20th decimal, half up, computed in integers (no double rounding):
--   1/3 = 0.33333333333333333333|3... -> 0.33333333333333333333;
--   2/3 = 0.66666666666666666666|6... -> 0.66666666666666666667;
--   1/2e20 = 0.00000000000000000000|5 -> half up -> 0.00000000000000000001;
--   1/3e20 = 0.00000000000000000000|33... -> 0 (rounds to zero although the measure moved).
SELECT exco.attainment(1, 0, 3) AS third,
       exco.attainment(2, 0, 3) AS two_thirds,
       exco.attainment(1, 0, 200000000000000000000) AS half_ulp,
       exco.attainment(1, 0, 300000000000000000000) AS third_ulp;

-- Objective equal to starting level (60 -> 60): the direction is unknown. At the objective,
-- "at or beyond" holds whatever the direction: 1. On either side, being beyond would need a
-- direction, so exco does not guess: 0 (59 -> 0, 61 -> 0).
SELECT m AS measured, exco.attainment(m, 60, 60) AS rate
FROM unnest(ARRAY[59, 60, 61]::numeric[]) AS m;
-- With the direction stated, beyond counts: must rise (lower_is_better false): 59 -> 0,
-- 60 -> 1, 61 -> 1; must fall (true): 59 -> 1, 60 -> 1, 61 -> 0.
SELECT m AS measured, exco.attainment(m, 60, 60, false) AS rising,
       exco.attainment(m, 60, 60, true) AS falling
FROM unnest(ARRAY[59, 60, 61]::numeric[]) AS m;
-- The stated direction agrees with the levels: same rates as the three-argument form
-- (0.75 and 119/169 as above).
SELECT exco.attainment(75, 60, 80, false) AS rising, exco.attainment(100, 219, 50, true) AS falling;

-- STRICT: an unknown measure or level gives NULL (the aggregate counts a NULL rate as 0).
SELECT exco.attainment(NULL, 60, 80) IS NULL AS null_measured,
       exco.attainment(75, NULL, 80) IS NULL AS null_starting,
       exco.attainment(75, 60, 80, NULL) IS NULL AS null_direction;

-- Errors, 22023 naming the value: NaN and infinities anywhere; a stated direction that the
-- levels contradict.
-- Levels near numeric's limit (131 072 integer digits) are exact, not 22003: (1e131071 - 0) /
-- (2e131071 - 0) = 0.5; falling: (9e131071 - 6e131071) / (9e131071 - 5e131071) = 3/4 = 0.75;
-- (1e131071 + 1) / (3e131071) = 1/3 + 1/(3e131071): rounded to 20 places 0.33333333333333333333.
SELECT exco.attainment(1e131071, 0, 2e131071) AS half,
       exco.attainment(6e131071, 9e131071, 5e131071, true) AS three_quarters,
       exco.attainment(1e131071 + 1, 0, 3e131071) AS third;
-- The aggregate's exact path too: Σ rate×weight / Σ weight = (0.5 × 1e131071) / 1e131071 = 0.5.
SELECT exco.weighted_attainment(rate, weight) AS huge_weight
FROM (VALUES (0.5, 1e131071)) AS v(rate, weight);
\set VERBOSITY default
SELECT exco.attainment('NaN', 60, 80);
SELECT exco.attainment(75, 'NaN', 80);
SELECT exco.attainment(75, 60, '-Infinity');
SELECT exco.attainment(75, 60, 80, true);
SELECT exco.attainment(100, 219, 50, false);
\set VERBOSITY sqlstate
SELECT exco.attainment('Infinity', 60, 80);

-- ===================================================================== exco.step_amount
-- The real contract's example (doc/rules.md §8.4): patients in ALD without a MT, starting level 219:
-- <= 50 -> 9 000, 51-100 -> 6 000, 101-219 -> 3 000. Thresholds descending: lower is better,
-- level i reached when measured <= thresholds[i]; the highest level reached pays.
--   220 -> no level -> 0;  219 -> level 1 (219 <= 219) -> 3000;  150, 101, 100.5 -> 3000;
--   100 -> level 2 -> 6000;  75, 51 -> 6000;  50 -> level 3 -> 9000;  0 -> 9000.
SELECT m AS measured,
       exco.step_amount(m, ARRAY[219, 100, 50], ARRAY[3000, 6000, 9000]) AS amount
FROM unnest(ARRAY[220, 219, 150, 101, 100.5, 100, 75, 51, 50, 0]::numeric[]) AS m;

-- A screening rate with a floor (69.70 % -> 1 000), an intermediate level (72.40 % -> 2 500)
-- and the objective (75 % -> 3 500). Ascending: higher is better, reached when measured >= t.
--   69.69 -> 0;  69.70 -> 1000;  72.39 -> 1000;  72.40 -> 2500;  73 -> 2500;  75 -> 3500;
--   99 -> 3500.
SELECT m AS measured,
       exco.step_amount(m, ARRAY[69.70, 72.40, 75], ARRAY[1000, 2500, 3500]) AS amount
FROM unnest(ARRAY[69.69, 69.70, 72.39, 72.40, 73, 75, 99]::numeric[]) AS m;

-- A single threshold gives no direction. The three-argument form reads it as "higher is
-- better" (reach the level): 59 -> 0, 60 -> 1000, 61 -> 1000. The four-argument form states
-- it: lower is better: 59 -> 1000, 60 -> 1000, 61 -> 0.
SELECT m AS measured,
       exco.step_amount(m, ARRAY[60], ARRAY[1000]) AS inferred,
       exco.step_amount(m, ARRAY[60], ARRAY[1000], false) AS higher_better,
       exco.step_amount(m, ARRAY[60], ARRAY[1000], true) AS lower_better
FROM unnest(ARRAY[59, 60, 61]::numeric[]) AS m;

-- Stated directions that agree with the thresholds give the same amounts: 75 -> 6000, 73 -> 2500.
SELECT exco.step_amount(75, ARRAY[219, 100, 50], ARRAY[3000, 6000, 9000], true) AS lower_better,
       exco.step_amount(73, ARRAY[69.70, 72.40, 75], ARRAY[1000, 2500, 3500], false) AS higher_better;

-- Amounts keep their scale; equal amounts on two levels are allowed (non-decreasing);
-- an amount of 0 is allowed: 25 -> level 2 -> 500.50; 15 -> level 1 -> 500.50; 5 -> level 0 (none) -> 0;
-- thresholds {1,2} amounts {0,10}: 1.5 -> level 1 -> 0.
SELECT exco.step_amount(25, ARRAY[10, 20], ARRAY[500.50, 500.50]) AS level_2,
       exco.step_amount(15, ARRAY[10, 20], ARRAY[500.50, 500.50]) AS level_1,
       exco.step_amount(5, ARRAY[10, 20], ARRAY[500.50, 500.50]) AS none,
       exco.step_amount(1.5, ARRAY[1, 2], ARRAY[0, 10]) AS zero_amount;

-- Positions in messages count from 1 whatever the array's subscripts: '[0:2]={219,100,50}'
-- still works (75 -> 6000).
SELECT exco.step_amount(75, '[0:2]={219,100,50}', '[5:7]={3000,6000,9000}') AS other_bounds;

-- STRICT: NULL measure or array gives NULL.
SELECT exco.step_amount(NULL, ARRAY[1], ARRAY[1]) IS NULL AS null_measured,
       exco.step_amount(1, NULL, ARRAY[1]) IS NULL AS null_thresholds;

-- Errors: 22023, naming the array, the 1-based position and the values.
\set VERBOSITY default
-- lengths differ: 3 thresholds, 2 amounts
SELECT exco.step_amount(75, ARRAY[219, 100, 50], ARRAY[3000, 6000]);
-- descending by elements 1 and 2 (219, 100), then element 3 (150) goes up
SELECT exco.step_amount(75, ARRAY[219, 100, 150], ARRAY[3000, 6000, 9000]);
-- ascending by elements 1 and 2 (10, 20), then element 3 (20) does not go up
SELECT exco.step_amount(75, ARRAY[10, 20, 20], ARRAY[1, 2, 3]);
-- elements 1 and 2 equal: no direction at all
SELECT exco.step_amount(75, ARRAY[100, 100, 50], ARRAY[1, 2, 3]);
-- same, with non-1 subscripts: still element 3 (150) after element 2 (100)
SELECT exco.step_amount(75, '[0:2]={219,100,150}', ARRAY[1, 2, 3]);
-- amounts decrease at element 3 (200 < 300)
SELECT exco.step_amount(15, ARRAY[10, 20, 30], ARRAY[100, 300, 200]);
-- a negative amount at element 1
SELECT exco.step_amount(15, ARRAY[10, 20], ARRAY[-1, 5]);
-- a negative amount after a positive one: negative (told before decreasing)
SELECT exco.step_amount(15, ARRAY[10, 20, 30], ARRAY[100, -5, 200]);
-- NULL elements, at position 2
SELECT exco.step_amount(15, ARRAY[10, NULL, 30], ARRAY[1, 2, 3]);
SELECT exco.step_amount(15, ARRAY[10, 20, 30], ARRAY[1, NULL, 3]);
-- empty arrays
SELECT exco.step_amount(15, '{}', '{}');
SELECT exco.step_amount(15, ARRAY[10], '{}');
-- two-dimensional arrays
SELECT exco.step_amount(15, '{{10,20},{30,40}}', '{{1,2},{3,4}}');
-- NaN / infinite values
SELECT exco.step_amount('NaN', ARRAY[10], ARRAY[1]);
SELECT exco.step_amount(15, '{10,NaN}', ARRAY[1, 2]);
SELECT exco.step_amount(15, ARRAY[10, 20], '{1,Infinity}');
-- a stated direction the thresholds contradict
SELECT exco.step_amount(75, ARRAY[219, 100, 50], ARRAY[3000, 6000, 9000], false);
SELECT exco.step_amount(73, ARRAY[69.70, 72.40, 75], ARRAY[1000, 2500, 3500], true);
\set VERBOSITY sqlstate
SELECT exco.step_amount(75, ARRAY[219, 100, 150], ARRAY[3000, 6000, 9000]);
SELECT exco.step_amount(15, ARRAY[10, NULL], ARRAY[1, 2]);

-- ===================================================================== exco.weighted_attainment
-- Σ rate × weight / Σ weight, rounded half up to 20 decimals.
CREATE TABLE attainment_rate (mission text, rate numeric, weight numeric);

-- No rows: NULL, as avg().
SELECT exco.weighted_attainment(rate, weight) IS NULL AS empty_is_null FROM attainment_rate;

INSERT INTO attainment_rate VALUES
  -- a: (0.75×1 + 0.5×3 + 0×2) / (1+3+2) = 2.25 / 6 = 0.375; the NULL rate is a missing
  --    measure: rate 0, its weight counted.
  ('a', 0.75, 1), ('a', 0.5, 3), ('a', NULL, 2),
  -- b: weights need not sum to 1: (1×2 + 0×2) / 4 = 0.5
  ('b', 1, 2), ('b', 0, 2),
  -- c: 1/3 = 0.33333333333333333333|3 -> 0.33333333333333333333
  ('c', 1, 1), ('c', 0, 1), ('c', 0, 1),
  -- d: (1×2 + 0×1) / 3 = 2/3 -> 0.66666666666666666667
  ('d', 1, 2), ('d', 0, 1),
  -- e: a weight of 0 leaves its rate out: (1×0 + 0.5×1) / 1 = 0.5
  ('e', 1, 0), ('e', 0.5, 1),
  -- f: every measure missing: 0 / 2 = 0
  ('f', NULL, 1), ('f', NULL, 1),
  -- g: a rate with 25 decimals (beyond the fast path's 20):
  --    (0.1234567890123456789012345 + 0.5) / 2 = 0.31172839450617283945|061725 -> ...945
  ('g', 0.1234567890123456789012345, 1), ('g', 0.5, 1),
  -- h: a weight with 9 decimals (beyond the fast path's 8):
  --    (1 × 0.123456789 + 0 × 0.876543211) / 1 = 0.123456789
  ('h', 1, 0.123456789), ('h', 0, 0.876543211),
  -- i: a huge weight whose product overflows 128 bits:
  --    99999999999999999999 / 100000000000000000000 = 0.99999999999999999999 exactly
  ('i', 1, 99999999999999999999), ('i', 0, 1),
  -- j: weights beyond 36 digits: (0.5 × 1e40 + 1 × 1e40) / 2e40 = 0.75
  ('j', 0.5, 1e40), ('j', 1, 1e40),
  -- k: one indicator, rate 1: 1
  ('k', 1, 7.5);

SELECT mission, exco.weighted_attainment(rate, weight) AS attainment
FROM attainment_rate GROUP BY mission ORDER BY mission;

-- Without j (the fast and slow accumulators mixed in one state): Σ rate×weight by mission
--   a 2.25, b 2, c 1, d 2, e 0.5, f 0, g 0.6234567890123456789012345, h 0.123456789,
--   i 99999999999999999999, k 7.5: total 100000000000000000014.9969135780123456789012345;
--   Σ weight: a 6, b 4, c 3, d 3, e 1, f 2, g 2, h 1, i 100000000000000000000, k 7.5:
--   total 100000000000000000029.5;
--   ratio = 0.99999999999999999985|4969... -> 0.99999999999999999985, which numeric's own
--   division, rounded to 20 places, confirms.
SELECT exco.weighted_attainment(rate, weight) AS without_j,
       round(sum(coalesce(rate, 0) * weight) / sum(weight), 20) AS numeric_check
FROM attainment_rate WHERE mission <> 'j';
-- All rows: j adds 1.5e40 and 2e40: (1.5e40 + 100000000000000000014.99...) /
--   (2e40 + 100000000000000000029.5) = 0.75000000000000000000|125... -> 0.75.
SELECT exco.weighted_attainment(rate, weight) AS all_rows FROM attainment_rate;

-- A mission's attainment from its indicators' measures: 2 × rate(75; 60 -> 80) = 2 × 0.75,
-- 1 × rate(100; 219 -> 50) = 0.70414201183431952663, 1 × missing measure = 0:
-- (1.5 + 0.70414201183431952663 + 0) / 4 = 0.55103550295857988165|75 -> 0.55103550295857988166
SELECT exco.weighted_attainment(exco.attainment(measured, starting, objective), weight) AS mission
FROM (VALUES (75, 60, 80, 2), (100, 219, 50, 1), (NULL, 10, 20, 1))
  AS i(measured, starting, objective, weight);

-- As a window function (running mean over the rows of mission a, in order of weight:
-- weight 1: 0.75/1 = 0.75; +weight 2 (NULL rate): 0.75/3 = 0.25; +weight 3: 2.25/6 = 0.375).
SELECT weight, exco.weighted_attainment(rate, weight) OVER (ORDER BY weight) AS running
FROM attainment_rate WHERE mission = 'a' ORDER BY weight;

-- Errors.
\set VERBOSITY default
-- zero total weight: 22012 with a hint
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, 0), (1, 0)) AS v(rate, weight);
-- zero total weight after the slow path (rate with 25 decimals)
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.1234567890123456789012345, 0)) AS v(rate, weight);
-- NULL weight: 22004
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, 1), (0.5, NULL)) AS v(rate, weight);
-- negative weight: 22023 naming it
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, -1)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, -1e-30)) AS v(rate, weight);
-- rate outside [0, 1]: 22023 naming it
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (1.5, 1)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (-0.1, 1)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (1.0000000000000000000000001, 1)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES ('NaN'::numeric, 1)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES ('Infinity'::numeric, 1)) AS v(rate, weight);
-- non-finite weight
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, 'NaN'::numeric)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, 'Infinity'::numeric)) AS v(rate, weight);
\set VERBOSITY sqlstate
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, 0)) AS v(rate, weight);
SELECT exco.weighted_attainment(rate, weight) FROM (VALUES (0.5, NULL::numeric)) AS v(rate, weight);

DROP TABLE attainment_rate;
