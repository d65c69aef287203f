-- pgTAP: the fast paths added for speed (doc/bench.md) give exactly what the general paths and
-- PostgreSQL give.
--   - deadline.c: inline calendar arithmetic for signing dates in years 1..9999, PostgreSQL's
--     j2date/date2j outside; compared with date + interval 'N months' (which clamps to the
--     month's end, as doc/rules.md §3 wants) on every day from 4713 BC to 10100 AD, both paths.
--   - attainment.c: integer fast path of exco.attainment and of the aggregate's final
--     function; compared with the exact numeric formula of ratio_round,
--     trim_scale(div(2·num·1e20 + den, 2·den) · 1e-20), text and binary forms.
--   - step.c: integer fast path of exco.step_amount (values with up to 16 decimals and 36
--     digits, up to 16 levels, arrays read in place); compared with the rule in SQL (the last
--     level reached in the thresholds' order pays its amount as stored, none pays 0), on
--     indicators that take the fast path and ones that take the general path.
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(16);

CREATE TEMP TABLE perf_day AS
  SELECT x::date AS d FROM generate_series(DATE '4713-01-01 BC', DATE '10100-12-31', interval '1 day') x;

SELECT is((SELECT count(*) FROM perf_day
            WHERE exco.start_deadline('acces_soins', d) <> (d + interval '6 months')::date
               OR exco.start_deadline('parcours', d) <> (d + interval '12 months')::date
               OR exco.deploy_deadline('acces_soins', d) <> (d + interval '18 months')::date
               OR exco.deploy_deadline('parcours', d) <> (d + interval '24 months')::date),
          0::bigint, 'start/deploy deadlines = date + 6/12/18/24 months, every day 4713 BC .. 10100 AD');

-- Before the fix of the BC path, 5 BC-02-29 + 12 months gave 4 BC-01-28 (division towards zero).
SELECT is(exco.start_deadline('parcours', DATE '0005-02-29 BC'), DATE '0004-02-28 BC',
          'BC: 5 BC-02-29 + 12 months = 4 BC-02-28');
SELECT is(exco.start_deadline('acces_soins', DATE '0001-09-30 BC'), DATE '0001-03-30',
          'BC to AD: 1 BC-09-30 + 6 months = 0001-03-30');
SELECT is(exco.deploy_deadline('parcours', DATE '9999-12-31'), DATE '10001-12-31',
          'last day of the fast range + 24 months');
SELECT throws_ok($$SELECT exco.start_deadline('parcours', DATE '5874897-01-01')$$, '22008',
                 NULL, 'a deadline past the end of the date range is 22008');
SELECT throws_ok($$SELECT exco.start_deadline('parcours', 'infinity')$$, '22023',
                 NULL, 'an infinite signing date is 22023');

-- deadline_status: on the deadline / the day after, each socle mission, every signing day of
-- years 1..2400 (a whole 400-year cycle and more) and 9990..9995 (the end of the fast range);
-- one row per day and mission, so the per-call-site caches see changing keys.
SELECT is((SELECT count(*)
             FROM (SELECT x::date AS d FROM generate_series(DATE '0001-01-01', DATE '2400-12-31', interval '1 day') x
                   UNION ALL
                   SELECT x::date FROM generate_series(DATE '9990-01-01', DATE '9995-12-31', interval '1 day') x) s,
                  (VALUES ('acces_soins'::exco.mission, 6, 18), ('parcours', 12, 24),
                          ('prevention', 12, 24), ('crises_sanitaires', 6, 18)) v(m, mo, dmo)
            WHERE exco.deadline_status(m, d, NULL, NULL, (d + mo * interval '1 month')::date) <> 'not_started'
               OR exco.deadline_status(m, d, NULL, NULL, (d + mo * interval '1 month')::date + 1) <> 'start_overdue'
               OR exco.deadline_status(m, d, d, NULL, (d + dmo * interval '1 month')::date) <> 'in_progress'
               OR exco.deadline_status(m, d, d, NULL, (d + dmo * interval '1 month')::date + 1) <> 'deploy_overdue'),
          0::bigint, 'deadline_status switches on the day after each deadline, every signing day of years 1..2400 and 9990..9995');

-- exco.attainment against the exact formula.
CREATE FUNCTION pg_temp.ref_att(m numeric, s numeric, o numeric, dir int) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN o = s THEN CASE WHEN m = o OR (dir <> 0 AND sign(m - o) = dir) THEN 1 ELSE 0 END::numeric
    WHEN (m - s) * sign(o - s) <= 0 THEN 0::numeric
    WHEN (m - o) * sign(o - s) >= 0 THEN 1::numeric
    ELSE trim_scale(div(2 * abs(m - s) * 1e20 + abs(o - s), 2 * abs(o - s)) * 1e-20) END $$;
SELECT setseed(0.5);
CREATE TEMP TABLE perf_level AS
  -- 0..18 decimals (fast path up to 16, numeric path beyond), both directions
  SELECT round((random() * 2000 - 1000)::numeric, (random() * 18)::int) AS m,
         round((random() * 2000 - 1000)::numeric, (random() * 18)::int) AS s,
         round((random() * 2000 - 1000)::numeric, (random() * 18)::int) AS o
    FROM generate_series(1, 100000)
  UNION ALL  -- objective = starting level, measures on both sides
  SELECT (random() * 10)::int, 5, 5 FROM generate_series(1, 1000)
  UNION ALL  -- large levels (64-bit long division, 128-bit division, numeric path)
  SELECT m * 1e12, s * 1e12, o * 1e12
    FROM (SELECT round((random() * 1e5)::numeric, 4) m, round((random() * 1e5)::numeric, 4) s,
                 round((random() * 1e5)::numeric, 4) o FROM generate_series(1, 20000)) x
  UNION ALL  -- tiny levels
  SELECT m * 1e-8, s * 1e-8, o * 1e-8
    FROM (SELECT round((random() * 1e5)::numeric, 4) m, round((random() * 1e5)::numeric, 4) s,
                 round((random() * 1e5)::numeric, 4) o FROM generate_series(1, 20000)) x
  UNION ALL  -- rounding at the 20th decimal, next to 0 and 1
  SELECT 1 + x * 1e-20, 0, 1 FROM generate_series(-60, 60) x
  UNION ALL
  SELECT x * 1e-21, 0, 1 FROM generate_series(0, 20) x;

SELECT is((SELECT count(*) FROM perf_level
            WHERE exco.attainment(m, s, o)::text IS DISTINCT FROM pg_temp.ref_att(m, s, o, 0)::text),
          0::bigint, 'exco.attainment(m, s, o) = exact formula, text form');
SELECT is((SELECT count(*) FROM perf_level
            WHERE numeric_send(exco.attainment(m, s, o)) IS DISTINCT FROM numeric_send(pg_temp.ref_att(m, s, o, 0))),
          0::bigint, 'exco.attainment(m, s, o) = exact formula, binary form (digits, weight, dscale)');
-- With a direction: the one the levels give when objective <> starting level; both when they are
-- equal, so that a measure beyond the objective is met in the wanted direction (pays 1) and in the
-- other (pays 0), doc/rules.md §4.5.
SELECT is((SELECT count(*)
             FROM (SELECT m, s, o, o < s AS lib FROM perf_level WHERE o <> s
                   UNION ALL
                   SELECT m, s, o, v.lib FROM perf_level, (VALUES (true), (false)) v(lib) WHERE o = s) x
            WHERE exco.attainment(m, s, o, lib)::text
                  IS DISTINCT FROM pg_temp.ref_att(m, s, o, CASE WHEN o <> s THEN 0 WHEN lib THEN -1 ELSE 1 END)::text),
          0::bigint, 'exco.attainment(m, s, o, lower_is_better) = exact formula, both directions when o = s');
-- The rule itself, by hand (doc/rules.md §4.5: objective = starting level 5 pays 1 at or beyond it
-- in the stated direction, else 0; with no direction only exactly at it): 7 with higher better,
-- 3 with lower better, 5 either way pay 1; 3 with higher better, 7 with lower better, 7 and 3
-- without a direction pay 0.
SELECT is(ARRAY[exco.attainment(7, 5, 5, false), exco.attainment(3, 5, 5, true), exco.attainment(5, 5, 5, true),
                exco.attainment(5, 5, 5), exco.attainment(3, 5, 5, false), exco.attainment(7, 5, 5, true),
                exco.attainment(7, 5, 5), exco.attainment(3, 5, 5)],
          ARRAY[1, 1, 1, 1, 0, 0, 0, 0]::numeric[],
          'objective = starting level: beyond it in the stated direction pays 1, the other way 0, no direction only at it');
SELECT is((SELECT count(*)
             FROM (SELECT cm, exco.weighted_attainment(r, w) AS e,
                          trim_scale(div(2 * sum(r * w) * 1e20 + sum(w), 2 * sum(w)) * 1e-20) AS x
                     FROM (SELECT i % 5000 AS cm, exco.attainment(m, s, o) AS r, (1 + i % 5)::numeric / 2 AS w
                             FROM (SELECT row_number() OVER () AS i, * FROM perf_level) x) y
                    GROUP BY cm) z
            WHERE e::text IS DISTINCT FROM x::text),
          0::bigint, 'weighted_attainment = exact weighted mean, 5000 groups');
SELECT is(exco.attainment(0.0000000000000000000049, 0, 1), 0::numeric, 'a rate below 0.5e-20 is 0');

-- exco.step_amount against the rule in SQL (doc/rules.md §8.4). 1 to 20 levels (17 and more:
-- the general path), both directions; thresholds with 2 decimals, or shifted by 1e-18 (18
-- decimals: the general path) or by 1e22 (beyond 36 digits at 16 decimals: the general path);
-- amounts with 2 decimals, returned as stored; one measure in 4 exactly on a threshold written
-- with 20 decimals (the same value: reached).
SELECT setseed(0.25);
CREATE TEMP TABLE perf_step AS
  SELECT i, n, shift, rising,
         ARRAY(SELECT round((k * 10 + random() * 9)::numeric, 2) + shift
                 FROM generate_series(1, n) k ORDER BY CASE WHEN rising THEN k ELSE -k END) AS thresholds,
         ARRAY(SELECT (k * 100.5)::numeric(12, 2) FROM generate_series(1, n) k) AS amounts
    FROM (SELECT i, 1 + i % 20 AS n, i % 2 = 0 AS rising,
                 CASE i % 7 WHEN 0 THEN 1e-18 WHEN 3 THEN 1e22 ELSE 0 END AS shift
            FROM generate_series(1, 20000) i) x;
ALTER TABLE perf_step ADD COLUMN measured numeric;
UPDATE perf_step SET measured = CASE WHEN i % 4 = 0 THEN thresholds[1 + i % n]::numeric(60, 20)
                                     ELSE round((random() * (n + 2) * 10)::numeric, 1) + shift END;
CREATE FUNCTION pg_temp.ref_step(m numeric, th numeric[], am numeric[]) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((SELECT u.amount
                     FROM unnest(th, am) WITH ORDINALITY AS u(threshold, amount, level)
                    WHERE CASE WHEN th[1] <= th[cardinality(th)] THEN m >= u.threshold ELSE m <= u.threshold END
                    ORDER BY u.level DESC LIMIT 1), 0) $$;
SELECT is((SELECT count(*) FROM perf_step
            WHERE exco.step_amount(measured, thresholds, amounts)::text
                  IS DISTINCT FROM pg_temp.ref_step(measured, thresholds, amounts)::text),
          0::bigint, 'exco.step_amount = the rule in SQL, text form, 20 000 indicators of 1 to 20 levels');
SELECT is((SELECT count(*) FROM perf_step
            WHERE exco.step_amount(measured, thresholds, amounts, NOT rising)::text
                  IS DISTINCT FROM pg_temp.ref_step(measured, thresholds, amounts)::text),
          0::bigint, 'exco.step_amount(..., lower_is_better) = the rule in SQL, text form');
-- By hand: on the first level exactly (50.000 = 50) pays its amount as stored (1.50); just
-- below it (49.9999999999999999, 16 nines: the general path) pays 0; lower is better, 219
-- reaches only the first level (3 000.00), 50 the best (9 000.00).
SELECT is(ARRAY[exco.step_amount(50.000, ARRAY[50, 60], ARRAY[1.50, 2.00]),
                exco.step_amount(49.9999999999999999, ARRAY[50, 60], ARRAY[1.50, 2.00]),
                exco.step_amount(219, ARRAY[219, 100, 50], ARRAY[3000.00, 6000.00, 9000.00]),
                exco.step_amount(50, ARRAY[219, 100, 50], ARRAY[3000.00, 6000.00, 9000.00])]::text,
          '{1.50,0,3000.00,9000.00}', 'on a threshold, just below, lower is better: by hand');

SELECT * FROM finish();
ROLLBACK;
