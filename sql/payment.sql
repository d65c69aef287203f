-- Payment schedule of a contract line (doc/rules.md §8.3): exco.payment_schedule().
\set VERBOSITY default
SET search_path = public;
SET datestyle = ISO;
CREATE FUNCTION payment_try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- ---------------------------------------------------------------------------------------------
-- 1. fonctionnement, T3, signed 2019-09-01, scale aci-cpts-2019: F = 75 000.
--    year 1: advance 75 000 (100 %) at signature;
--    years 2..5: advance 75 % = 56 250 at the anniversary opening the year, balance 18 750 at the
--    one closing it. Anniversaries 2020-09-01 ... 2024-09-01. started_on plays no part.
SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'fonctionnement', NULL);
SELECT contract_year, sum(amount) AS paid FROM exco.payment_schedule('2019-09-01', '3', 'fonctionnement', NULL)
GROUP BY 1 ORDER BY 1;

-- 2. parcours, T3, signed 2019-09-01, started 2020-01-15: X = 45 000 fixed, V = 45 000 variable.
--    Year 1 runs 2019-09-01 .. 2020-09-01: D = 366 days (29 February 2020 is in it).
--    d = 2020-01-15 -> 2020-09-01 = 17 (Jan) + 29 + 31 + 30 + 31 + 30 + 31 + 31 = 230 days.
--    year-1 fixed due = 45 000 x 230 / 366 = 28 278.688... -> 28 278.69
--    advance at 2020-01-15 = 75 % x 45 000 x 230 / 366 = 21 209.016... -> 21 209.02
--    balance at 2020-09-01 = 28 278.69 - 21 209.02 = 7 069.67
--    variable year 1 = 45 000 x 0.5 = 22 500.00 at 2020-09-01
--    years 2..5: advance 33 750 at the opening anniversary, balance 11 250 at the closing one;
--    variable: year 2 x 1 = 45 000.00, year 3 unknown (variable_pending, NULL),
--    year 4 x 0.3333 = 14 998.50, year 5 x 0 = 0.00.
SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15',
                                    '{0.5,1,NULL,0.3333,0}');
-- The rows of each year add up to the year's due computed independently (sum() skips the NULL
-- of variable_pending, and the due counts the variable only when attainment is known).
WITH att(a) AS (VALUES ('{0.5,1,NULL,0.3333,0}'::numeric[])),
due AS (
  SELECT y, round(45000 * CASE y WHEN 1 THEN 230 / 366.0 ELSE 1 END, 2)
            + coalesce(round(45000 * a[y], 2), 0) AS due
  FROM att, generate_series(1, 5) AS y)
SELECT p.contract_year, sum(p.amount) AS paid, d.due, sum(p.amount) = d.due AS exact
FROM att, exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', att.a) AS p
JOIN due d ON d.y = p.contract_year
GROUP BY p.contract_year, d.due ORDER BY 1;

-- 3. Mission started on an anniversary: prevention T2 (15 000 + 15 000), signed 2019-09-01,
--    started 2020-09-01 = the first day of year 2: no year-1 rows, year 2 in full
--    (advance 11 250, balance 3 750), no attainment yet: variable_pending every year.
SELECT * FROM exco.payment_schedule('2019-09-01', '2', 'prevention', '2020-09-01');
-- Started on the signing day: year 1 in full (d = D = 366).
SELECT * FROM exco.payment_schedule('2019-09-01', '2', 'prevention', '2019-09-01', '{1}')
WHERE contract_year = 1;

-- 4. Signed on 29 February 2020 (T1, prevention, 10 000 + 10 000): the anniversaries are
--    2021-02-28, 2022-02-28, 2023-02-28, 2024-02-29, 2025-02-28 (month arithmetic from the
--    signature, clamped). Started 2023-06-01, in year 4 (2023-02-28 .. 2024-02-29, D = 366):
--    d = 30 (Jun) + 31 + 31 + 30 + 31 + 30 + 31 + 31 (Jan) + 28 (Feb 1..28) = 273 days;
--    due = 10 000 x 273 / 366 = 7 459.016... -> 7 459.02; advance = 75 % of that = 5 594.262...
--    -> 5 594.26; balance = 7 459.02 - 5 594.26 = 1 864.76. Year 5: 7 500 + 2 500.
SELECT * FROM exco.payment_schedule('2020-02-29', '1', 'prevention', '2023-06-01', '{NULL,NULL,NULL,0.25,1}');
SELECT * FROM exco.payment_schedule('2020-02-29', '1', 'fonctionnement', NULL) WHERE kind = 'balance';

-- 5. Rounding half away from zero, and a balance that is due - advance (not 25 % rounded apart):
--    a test scale with fonctionnement 10 000.02 and qualite fixed 1 000.02, variable 333.33.
--    fonctionnement: 75 % x 10 000.02 = 7 500.015 -> 7 500.02, balance 10 000.02 - 7 500.02 = 2 500.00
--    (25 % rounded apart would be 2 500.005 -> 2 500.01, and the year would sum to 10 000.03).
--    qualite, signed 2095-01-01, started 2095-07-02: year 1 = 365 days, d = 2095-07-02 -> 2096-01-01
--    = 30 (Jul 2..31) + 31 + 30 + 31 + 30 + 31 = 183 days: due = 1 000.02 x 183 / 365
--    = 183 003.66 / 365 = 501.37989... -> 501.38; advance = 0.75 x 501.37989... = 376.03492...
--    -> 376.03 (from the exact value, not 0.75 x 501.38 = 376.035 -> 376.04); balance = 125.35.
--    variable year 1: 333.33 x 0.5 = 166.665 -> 166.67 (half away from zero).
INSERT INTO exco.scale VALUES ('payment_test', '2095-01-01', false, 'test');
INSERT INTO exco.scale_amount VALUES
  ('payment_test', 'fonctionnement', '2', 'fixed', 10000.02, 'test'),
  ('payment_test', 'qualite', '2', 'fixed', 1000.02, 'test'),
  ('payment_test', 'qualite', '2', 'variable', 333.33, 'test');
SELECT * FROM exco.payment_schedule('2095-01-01', '2', 'fonctionnement', NULL) WHERE contract_year <= 2;
SELECT * FROM exco.payment_schedule('2095-01-01', '2', 'qualite', '2095-07-02', '{0.5}') WHERE contract_year = 1;

-- 6. The scale: NULL = the one in force at signature, for all 5 years (a mid-contract amendment is
--    not applied). acces_soins T3 signed 2022-03-01: aci-cpts-2019 (25 000 fixed) even for the
--    years after 2022-04-01; naming aci-cpts-2022 gives 90 000 (advance 67 500).
SELECT contract_year, due_on, kind, amount
FROM exco.payment_schedule('2022-03-01', '3', 'acces_soins', '2022-03-01') WHERE kind = 'advance';
SELECT contract_year, due_on, kind, amount
FROM exco.payment_schedule('2022-03-01', '3', 'acces_soins', '2022-03-01', NULL, 'aci-cpts-2022')
WHERE kind = 'advance' AND contract_year = 5;
-- crises_sanitaires has no 2019 ceiling: a contract signed under 2019 must name a scale for it.
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2021-01-01', '3', 'crises_sanitaires', '2022-06-01')$$);
SELECT sum(amount) FILTER (WHERE kind = 'advance') AS advances, count(*) AS rows_
FROM exco.payment_schedule('2022-06-01', '3', 'crises_sanitaires', '2022-06-01', NULL, 'aci-cpts-2022');
-- Under the partial 2022 scale fonctionnement is unknown: the gap error, not a guess.
SELECT * FROM exco.payment_schedule('2022-06-01', '3', 'fonctionnement', NULL);

-- 7. Not started: no rows for a mission; NULL signed_on, tier or line: no rows.
SELECT count(*) AS not_started FROM exco.payment_schedule('2019-09-01', '3', 'parcours', NULL, '{1,1,1,1,1}');
SELECT count(*) AS null_args FROM exco.payment_schedule(NULL, '3', 'parcours', '2020-01-01');

-- 8. Errors (22023 naming the values).
SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2019-08-31');
SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{0.5,1.01}');
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{-0.1}')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{NaN}')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{1,1,1,1,1,1}')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{{1,1},{1,1}}')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2024-09-01')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-08-01', '3', 'parcours', '2019-09-01')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2019-09-01', NULL, 'nope')$$);
-- A start on ends_on (2019-09-01 + 5 years = 2024-09-01, the first day the contract no longer
-- runs) is refused; the detail gives ends_on and the last day, 2024-08-31 (one meaning of the end).
SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2024-09-01');
-- Array subscripts are contract years: '[3:4]={0.5,1}' is attainment of years 3 and 4 (0.1.0 paid
-- them as years 1 and 2). parcours T3 variable ceiling 45 000: year 3 = 45 000 x 0.5 = 22 500.00,
-- year 4 = 45 000 x 1 = 45 000.00; years 1, 2 and 5 pending (NULL).
SELECT contract_year, due_on, kind, amount
FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2019-09-01', '[3:4]={0.5,1}')
WHERE kind LIKE 'variable%' ORDER BY contract_year;
-- Subscripts outside years 1..5: 22023.
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '[0:1]={1,1}')$$);
SELECT payment_try($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '[5:6]={1,1}')$$);
-- An empty array is nothing known: 5 variable_pending rows.
SELECT count(*) FILTER (WHERE kind = 'variable_pending') AS pending
FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2019-09-01', '{}');
-- exco.variable_due: earned capped by the variable ceiling (parcours T2 2019: 35 000); NaN,
-- infinities and fonctionnement (no variable share) are 22023, not the ceiling or 0.00.
SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', 12345.67) AS under_cap,
       exco.variable_due('parcours', '2', 'aci-cpts-2019', 99999) AS capped;
SELECT payment_try($$SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', 'NaN')$$);
SELECT payment_try($$SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', 'Infinity')$$);
SELECT payment_try($$SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', '-Infinity')$$);
SELECT payment_try($$SELECT exco.variable_due('fonctionnement', '2', 'aci-cpts-2019', 100)$$);
-- The last day of the contract is still a valid start: 1 day of year 5 (2023-09-01 .. 2024-09-01,
-- 366 days): due 45 000 / 366 = 122.95, advance 0.75 x 122.9508... = 92.21, balance 30.74.
SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2024-08-31', '{NULL,NULL,NULL,NULL,1}');

-- ---------------------------------------------------------------------------------------------
-- 9. LATERAL over a contract-mission table, and what a terminated contract owes back.
CREATE TABLE payment_cm (contract integer, signed_on date, tier exco.tier, mission exco.mission,
                         started_on date, attainment numeric[]);
INSERT INTO payment_cm VALUES
  (1, '2019-09-01', '3', 'fonctionnement', NULL, NULL),
  (1, '2019-09-01', '3', 'parcours', '2020-01-15', '{0.5,1}'),
  (1, '2019-09-01', '3', 'acces_soins', '2019-12-01', '{0.8}'),
  (1, '2019-09-01', '3', 'qualite', NULL, NULL),
  (2, '2020-02-29', '1', 'fonctionnement', NULL, NULL),
  (2, '2020-02-29', '1', 'prevention', '2023-06-01', NULL);
-- Paid per contract and year. Contract 1 year 1: fonctionnement 75 000 + parcours 28 278.69 +
-- 22 500 (variable) + acces_soins: started 2019-12-01, d = 2019-12-01 -> 2020-09-01 = 275 days,
-- 25 000 x 275 / 366 = 18 784.153... -> 18 784.15, variable 40 000 x 0.8 = 32 000:
-- 75 000 + 28 278.69 + 22 500 + 18 784.15 + 32 000 = 176 562.84.
SELECT c.contract, p.contract_year, sum(p.amount) AS paid,
       count(*) FILTER (WHERE p.kind = 'variable_pending') AS pending
FROM payment_cm c
CROSS JOIN LATERAL exco.payment_schedule(c.signed_on, c.tier, c.mission, c.started_on, c.attainment) AS p
GROUP BY 1, 2 ORDER BY 1, 2;
-- Contract 1 terminated on 2021-03-01 (in year 2): the advances already paid (due_on <= the date)
-- for contract years not completed (year end = signature + N years > the date) are owed back:
-- year 2 advances: fonctionnement 56 250 + parcours 33 750 + acces_soins 18 750 = 108 750.
SELECT c.contract, sum(p.amount) AS owed_back
FROM payment_cm c
CROSS JOIN LATERAL exco.payment_schedule(c.signed_on, c.tier, c.mission, c.started_on, c.attainment) AS p
WHERE c.contract = 1 AND p.kind = 'advance' AND p.due_on <= '2021-03-01'
  AND c.signed_on + make_interval(years => p.contract_year) > '2021-03-01'
GROUP BY 1;

-- 10. The same LATERAL join in a forced parallel plan gives the same rows.
CREATE TABLE payment_par AS
SELECT g AS id, c.* FROM payment_cm c, generate_series(1, 500) AS g;
ANALYZE payment_par;
SELECT count(*) AS serial_rows, sum(p.amount) AS serial_sum
FROM payment_par c
CROSS JOIN LATERAL exco.payment_schedule(c.signed_on, c.tier, c.mission, c.started_on, c.attainment) AS p;
\i sql/include/force_parallel.sql
SET enable_memoize = off;  -- call the function for every row, in the workers
EXPLAIN (COSTS OFF)
SELECT count(*), sum(p.amount)
FROM payment_par c
CROSS JOIN LATERAL exco.payment_schedule(c.signed_on, c.tier, c.mission, c.started_on, c.attainment) AS p;
SELECT count(*) AS parallel_rows, sum(p.amount) AS parallel_sum
FROM payment_par c
CROSS JOIN LATERAL exco.payment_schedule(c.signed_on, c.tier, c.mission, c.started_on, c.attainment) AS p;
RESET parallel_leader_participation;
RESET enable_memoize;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
\if :pg16
RESET debug_parallel_query;
\else
RESET force_parallel_mode;
\endif

DROP TABLE payment_par;
DROP TABLE payment_cm;
DELETE FROM exco.scale_amount WHERE scale = 'payment_test';
DELETE FROM exco.scale WHERE scale = 'payment_test';
DROP FUNCTION payment_try(text);
