-- pgTAP: indicator attainment, stepped indicators and the weighted-attainment aggregate:
-- signatures, markings, behaviour and SQLSTATEs (doc/rules.md §4.5, doc/rules.md §8).
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(56);

-- exco.attainment
SELECT has_function('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric'],
                    'exco.attainment(numeric, numeric, numeric)');
SELECT has_function('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric', 'boolean'],
                    'exco.attainment(numeric, numeric, numeric, boolean)');
SELECT function_returns('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric'], 'numeric');
SELECT function_lang_is('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric'], 'c');
SELECT volatility_is('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric'], 'immutable');
SELECT is_strict('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric']);
SELECT volatility_is('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric', 'boolean'], 'immutable');
SELECT is_strict('exco', 'attainment', ARRAY['numeric', 'numeric', 'numeric', 'boolean']);

-- (75-60)/(80-60) = 15/20 = 0.75; (100-219)/(50-219) = 119/169 = 0.70414201183431952662|7 -> ...663
SELECT is(exco.attainment(75, 60, 80), 0.75, 'rising indicator: 15/20 = 0.75');
SELECT is(exco.attainment(100, 219, 50), 0.70414201183431952663, 'falling indicator: 119/169 to 20 places');
SELECT is(exco.attainment(50, 60, 80), 0::numeric, 'short of the start: clamped to 0');
SELECT is(exco.attainment(90, 60, 80), 1::numeric, 'beyond the objective: clamped to 1');
SELECT is(exco.attainment(10, 219, 50), 1::numeric, 'falling, beyond the objective: 1');
SELECT is(exco.attainment(60, 60, 60), 1::numeric, 'objective = start, at it: 1');
SELECT is(exco.attainment(61, 60, 60), 0::numeric, 'objective = start, direction unknown: 0');
SELECT is(exco.attainment(59, 60, 60, true), 1::numeric, 'objective = start, must fall, below it: 1');
SELECT throws_ok($$SELECT exco.attainment('NaN', 60, 80)$$, '22023',
                 'measured value must be a finite number: NaN', 'NaN measure: 22023');
SELECT throws_ok($$SELECT exco.attainment(75, 60, 'Infinity')$$, '22023',
                 'objective must be a finite number: Infinity', 'infinite objective: 22023');
SELECT throws_ok($$SELECT exco.attainment(75, 60, 80, true)$$, '22023',
                 'objective 80 is above starting level 60, but lower_is_better is true',
                 'direction contradicting the levels: 22023');

-- exco.step_amount
SELECT has_function('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]'],
                    'exco.step_amount(numeric, numeric[], numeric[])');
SELECT has_function('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]', 'boolean'],
                    'exco.step_amount(numeric, numeric[], numeric[], boolean)');
SELECT function_returns('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]'], 'numeric');
SELECT function_lang_is('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]'], 'c');
SELECT volatility_is('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]'], 'immutable');
SELECT is_strict('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]']);
SELECT volatility_is('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]', 'boolean'], 'immutable');
SELECT is_strict('exco', 'step_amount', ARRAY['numeric', 'numeric[]', 'numeric[]', 'boolean']);

-- doc/rules.md §8's examples: thresholds {219,100,50} (lower is better) and {69.70,72.40,75}.
SELECT results_eq(
  $$SELECT exco.step_amount(m, ARRAY[219, 100, 50], ARRAY[3000, 6000, 9000])
      FROM unnest(ARRAY[220, 219, 101, 100, 75, 51, 50]::numeric[]) WITH ORDINALITY AS u(m, o) ORDER BY o$$,
  $$VALUES (0::numeric), (3000), (3000), (6000), (6000), (6000), (9000)$$,
  'ALD patients without MT: 220 -> 0, 219/101 -> 3000, 100/75/51 -> 6000, 50 -> 9000');
SELECT results_eq(
  $$SELECT exco.step_amount(m, ARRAY[69.70, 72.40, 75], ARRAY[1000, 2500, 3500])
      FROM unnest(ARRAY[69.69, 69.70, 72.40, 73, 75]::numeric[]) WITH ORDINALITY AS u(m, o) ORDER BY o$$,
  $$VALUES (0::numeric), (1000), (2500), (2500), (3500)$$,
  'screening rate: 69.69 -> 0, 69.70 -> 1000, 72.40/73 -> 2500, 75 -> 3500');
SELECT is(exco.step_amount(60, ARRAY[60], ARRAY[1000]), 1000::numeric, 'single threshold: higher is better');
SELECT is(exco.step_amount(61, ARRAY[60], ARRAY[1000], true), 0::numeric, 'single threshold, lower is better: 61 -> 0');
SELECT throws_ok($$SELECT exco.step_amount(75, ARRAY[219, 100, 50], ARRAY[3000, 6000])$$, '22023',
                 'thresholds and amounts must have the same length: 3 thresholds, 2 amounts',
                 'mismatched lengths: 22023');
SELECT throws_ok($$SELECT exco.step_amount(75, ARRAY[219, 100, 150], ARRAY[1, 2, 3])$$, '22023',
                 'thresholds must be strictly descending, as elements 1 and 2 are: element 3 (150) is not below element 2 (100)',
                 'non-monotone thresholds: 22023 with the position');
SELECT throws_ok($$SELECT exco.step_amount(15, ARRAY[10, 20, 30], ARRAY[100, 300, 200])$$, '22023',
                 'amounts must not decrease from one level to the next: element 3 (200) is less than element 2 (300)',
                 'decreasing amounts: 22023 with the position');
SELECT throws_ok($$SELECT exco.step_amount(15, ARRAY[10, NULL, 30], ARRAY[1, 2, 3])$$, '22023',
                 'thresholds element 2 is NULL', 'NULL element: 22023 with the position');
SELECT throws_ok($$SELECT exco.step_amount(15, '{}', '{}')$$, '22023',
                 'thresholds must not be empty', 'empty arrays: 22023');
SELECT throws_ok($$SELECT exco.step_amount(15, '{{10,20},{30,40}}', '{{1,2},{3,4}}')$$, '22023',
                 'thresholds must be a one-dimensional array, not 2-dimensional', 'two dimensions: 22023');

-- exco.weighted_attainment and its support functions
SELECT has_function('exco', 'weighted_attainment', ARRAY['numeric', 'numeric'],
                    'exco.weighted_attainment(numeric, numeric)');
SELECT is_aggregate('exco', 'weighted_attainment', ARRAY['numeric', 'numeric'], 'it is an aggregate');
SELECT function_returns('exco', 'weighted_attainment', ARRAY['numeric', 'numeric'], 'numeric');
SELECT ok(a.aggserialfn <> 0 AND a.aggdeserialfn <> 0 AND a.aggcombinefn <> 0 AND a.aggfinalfn <> 0,
          'weighted_attainment has final, combine, serial and deserial functions')
  FROM pg_aggregate a WHERE a.aggfnoid = 'exco.weighted_attainment(numeric, numeric)'::regprocedure;
SELECT is(a.aggtranstype::regtype, 'internal'::regtype, 'weighted_attainment keeps an internal state')
  FROM pg_aggregate a WHERE a.aggfnoid = 'exco.weighted_attainment(numeric, numeric)'::regprocedure;
SELECT is(p.proparallel::text, 's', 'weighted_attainment is PARALLEL SAFE')
  FROM pg_proc p WHERE p.oid = 'exco.weighted_attainment(numeric, numeric)'::regprocedure;
SELECT is(array_agg(f::text ORDER BY f::text), NULL,
          'every support function is PARALLEL SAFE and IMMUTABLE')
  FROM pg_aggregate a
  CROSS JOIN LATERAL unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn]::regprocedure[]) AS f
  JOIN pg_proc p ON p.oid = f
 WHERE a.aggfnoid = 'exco.weighted_attainment(numeric, numeric)'::regprocedure
   AND (p.proparallel <> 's' OR p.provolatile <> 'i');
SELECT isnt_strict('exco', 'weighted_attainment_accum', ARRAY['internal', 'numeric', 'numeric'],
                   'the transition function is not strict (a NULL rate counts as 0)');
SELECT isnt_strict('exco', 'weighted_attainment_combine', ARRAY['internal', 'internal'],
                   'the combine function is not strict (NULL-safe)');
SELECT is_strict('exco', 'weighted_attainment_serialize', ARRAY['internal']);
SELECT is_strict('exco', 'weighted_attainment_deserialize', ARRAY['bytea', 'internal']);

-- (0.75×1 + 0.5×3 + 0×2) / 6 = 0.375: the NULL rate is a missing measure, counted as 0.
SELECT is(exco.weighted_attainment(r, w), 0.375, 'weighted mean, NULL rate counted as 0')
  FROM (VALUES (0.75, 1), (0.5, 3), (NULL, 2)) AS v(r, w);
-- (1×2 + 0×1) / 3 = 0.66666666666666666666|6 -> ...667
SELECT is(exco.weighted_attainment(r, w), 0.66666666666666666667, '2/3 rounded half up to 20 places')
  FROM (VALUES (1, 2), (0, 1)) AS v(r, w);
SELECT is(exco.weighted_attainment(r, w), NULL, 'no rows: NULL')
  FROM (VALUES (1::numeric, 1::numeric)) AS v(r, w) WHERE false;
SELECT throws_ok($$SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, 0), (1, 0)) AS v(r, w)$$,
                 '22012', 'total weight of the indicators is zero', 'zero total weight: 22012');
SELECT throws_ok($$SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, NULL::numeric)) AS v(r, w)$$,
                 '22004', 'indicator weight must not be NULL', 'NULL weight: 22004');
SELECT throws_ok($$SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, -2)) AS v(r, w)$$,
                 '22023', 'indicator weight must not be negative: -2', 'negative weight: 22023');
SELECT throws_ok($$SELECT exco.weighted_attainment(r, w) FROM (VALUES (1.25, 1)) AS v(r, w)$$,
                 '22023', 'attainment rate must be between 0 and 1: 1.25', 'rate above 1: 22023 naming it');
SELECT throws_ok($$SELECT exco.weighted_attainment(r, w) FROM (VALUES (-0.5, 1)) AS v(r, w)$$,
                 '22023', 'attainment rate must be between 0 and 1: -0.5', 'negative rate: 22023 naming it');

SELECT * FROM finish();
ROLLBACK;
