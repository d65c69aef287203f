-- The reports on a hand-built territory (doc/rules.md §2–§5, §8), read at three dates. Every
-- figure is computed by hand in the comments.
--   Region W: W1 (W1001 40 000, W1002 20 000), W2 (W2001 30 000, W2002 10 000), W3 (W3001 5 000,
--   no CPTS). Region X: X1 (X1001 8 000), no CPTS at all.
--   CPTS P1: seat W1001 (W1), communes W1001, W1002 and W2001 (in W2): 90 000 → tier 3.
--   CPTS P2: seat W2002 (W2), commune W2002: 10 000 → tier 1.
--   Contracts: P1 9311 signed 2019-09-01 (2019 scale, tier 3, ends_on 2024-09-01, ended) and 9312
--   signed 2024-09-01 (2022 scale, partial: no fonctionnement for tier 3); P2 9321 signed
--   2020-03-01 (2019 scale, tier 1, ends_on 2025-03-01).
--   Missions: the socle ones (acces_soins, parcours, prevention; and crises_sanitaires from 2022).
-- Yearly ceilings (2019 scale): 9311 tier 3 = fonctionnement 75 000 + acces_soins 25 000 + 40 000
-- + parcours 45 000 + 45 000 + prevention 17 500 + 17 500 = 265 000; 9321 tier 1 = 50 000 +
-- acces_soins 15 000 + 25 000 + parcours 25 000 + 25 000 + prevention 10 000 + 10 000 = 160 000;
-- 9312 unknown (fonctionnement for tier 3 is not in the 2022 scale).
\set VERBOSITY default
SET datestyle = ISO, YMD;

INSERT INTO exco.region VALUES ('W', 'Région W'), ('X', 'Région X');
INSERT INTO exco.departement VALUES ('W1', 'W-Un', 'W'), ('W2', 'W-Deux', 'W'), ('W3', 'W-Trois', 'W'),
                                    ('X1', 'X-Un', 'X');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('W1001', 'W1-a', 'W1', 'W', 40000), ('W1002', 'W1-b', 'W1', 'W', 20000),
  ('W2001', 'W2-a', 'W2', 'W', 30000), ('W2002', 'W2-b', 'W2', 'W', 10000),
  ('W3001', 'W3-a', 'W3', 'W', 5000), ('X1001', 'X1-a', 'X1', 'X', 8000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9301, 'CPTS P1', 'W1001'), (9302, 'CPTS P2', 'W2002');
INSERT INTO exco.cpts_commune VALUES (9301, 'W1001'), (9301, 'W1002'), (9301, 'W2001'), (9302, 'W2002');
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (9311, 9301, '2019-09-01', 'W', 'W1', '{acces_soins,parcours,prevention}'),
  (9312, 9301, '2024-09-01', 'W', 'W1', '{acces_soins,parcours,prevention,crises_sanitaires}'),
  (9321, 9302, '2020-03-01', 'W', 'W2', '{acces_soins,parcours,prevention}');
SELECT id, population, tier, scale, ends_on FROM exco.contract WHERE id BETWEEN 9311 AND 9321 ORDER BY id;

-- Only the missions followed here have a contract_mission row (statuses are those rows').
-- Deadlines: 9311 acces_soins start by 2020-03-01, deploy by 2021-03-01; parcours start by
-- 2020-09-01. 9312 acces_soins deploy by 2026-03-01; parcours start by 2025-09-01. 9321
-- acces_soins start by 2020-09-01, deploy by 2021-09-01.
INSERT INTO exco.contract_mission VALUES
  (9311, 'acces_soins', '2019-10-01', '2020-12-01'),
  (9311, 'parcours', NULL, NULL),
  (9312, 'acces_soins', '2024-10-01', NULL),
  (9312, 'parcours', NULL, NULL),
  (9321, 'acces_soins', '2020-04-01', NULL);
-- 9311 acces_soins: one continuous indicator 0 → 100, 30 000 €. Year 1 (to 2020-09-01) 50 → 0.5
-- → 15 000; year 2 not measured (0 once over); year 3 (to 2022-09-01) 100 → 30 000; year 4 (to
-- 2023-09-01) 80 → 24 000. Variable ceiling tier 3 (2019): 40 000, so due = earned.
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
  (9331, 9311, 'acces_soins', 'W_ACCES', 'accès', 'continuous', 0, 100, 30000);
INSERT INTO exco.measure VALUES (9331, 1, 50), (9331, 3, 100), (9331, 4, 80);

-- 1. 2020-06-30. 9311 runs (year 1), 9321 runs (year 1), 9312 not signed yet. No contract year
-- is closed: no variable parts. Statuses: 9311 acces_soins in_progress (its deployment of
-- 2020-12-01 is after the date), parcours not_started; 9321 in_progress: 0 overdue, 0 late.
-- W1: P1 (tier 3), 60 000 inhabitants all covered = 100.0 %, 1 contract, ceiling 265 000.
-- W2: P2 (tier 1); covered W2001 (by P1, seated in W1) + W2002 = 40 000 of 40 000 = 100.0 %;
--     1 contract, 160 000. W3: no CPTS, 0 of 5 000 = 0.0 %, zeros.
-- W: 2 CPTS, 100 000 of 105 000 = 95.2 %, 2 contracts, 425 000.
SELECT level, area_departement AS dep, cpts, tier_1, tier_3, population, population_covered AS covered,
       population_share_pct AS pct, contracts, yearly_ceiling, yearly_ceiling_known AS known,
       contracts_with_gap AS gaps, variable_due_last_year AS due, variable_due_last_year_known AS due_known,
       variable_due_last_year_unknown AS due_unknown, overdue_missions AS overdue, late_missions AS late
  FROM exco.regional_summary_at('2020-06-30', 'W');

-- 2. 2023-06-30. 9311 runs in year 4, its last closed year is 3 (ended 2022-09-01): the started
-- mission acces_soins earned 30 000 (ceiling 40 000) → 30 000 known; parcours never started: no
-- part; overdue: parcours start_overdue = 1. 9321 runs in year 4, last closed year 3 (ended
-- 2023-03-01): acces_soins started, no indicators → 1 unknown part; overdue: deploy_overdue = 1.
-- No mission was finished after its deadline: 0 late everywhere.
-- W1: due 30 000. W2: due NULL (known 0, 1 unknown). W: NULL, known 30 000, 1 unknown, 2 overdue.
SELECT level, area_departement AS dep, cpts, contracts, yearly_ceiling, contracts_with_gap AS gaps,
       variable_due_last_year AS due, variable_due_last_year_known AS due_known,
       variable_due_last_year_unknown AS due_unknown, overdue_missions AS overdue, late_missions AS late
  FROM exco.regional_summary_at('2023-06-30', 'W');

-- 3. 2025-06-30. 9311 ended on 2024-09-01 and 9321 on 2025-03-01 (ends_on is the first day a
-- contract no longer runs): P1 counts once, with 9312 (year 1, nothing closed); its ceiling is
-- unknown: yearly_ceiling NULL, known 0, 1 with gap. 9312's statuses: acces_soins in_progress,
-- parcours not_started: 0 overdue, 0 late. P2 has no running contract: W2 0 contracts.
SELECT level, area_departement AS dep, cpts, contracts, yearly_ceiling, yearly_ceiling_known AS known,
       contracts_with_gap AS gaps, variable_due_last_year AS due, overdue_missions AS overdue, late_missions AS late
  FROM exco.regional_summary_at('2025-06-30', 'W');
-- On the last running day of 9321, it still counts.
SELECT area_departement AS dep, contracts, yearly_ceiling
  FROM exco.regional_summary_at('2025-02-28', 'W') WHERE area_departement = 'W2';

-- A region without any CPTS has its rows, with zeros: X, X1 (8 000 inhabitants, 0.0 %).
SELECT level, region, region_name, area_departement AS dep, cpts, population, population_covered AS covered,
       population_share_pct AS pct, contracts, yearly_ceiling, variable_due_last_year AS due, overdue_missions AS overdue, late_missions AS late
  FROM exco.regional_summary_at('2025-06-30', 'X');
-- The whole-country call has the same rows for W and X, and its france row is the sum of its
-- region rows (checked column by column).
SELECT count(*) AS same_rows FROM (
  SELECT * FROM exco.regional_summary_at('2023-06-30', 'W') UNION ALL
  SELECT * FROM exco.regional_summary_at('2023-06-30', 'X')
  INTERSECT ALL
  SELECT * FROM exco.regional_summary_at('2023-06-30') WHERE region IN ('W', 'X')) x;
SELECT f.cpts = r.cpts AND f.population = r.population AND f.population_covered = r.population_covered
       AND f.contracts = r.contracts AND f.yearly_ceiling_known = r.ceiling_known
       AND f.variable_due_last_year_known = r.due_known AND f.overdue_missions = r.overdue AND f.late_missions = r.late AS france_is_sum
  FROM exco.regional_summary_at('2023-06-30') f,
       (SELECT sum(cpts) AS cpts, sum(population) AS population, sum(population_covered) AS population_covered,
               sum(contracts) AS contracts, sum(yearly_ceiling_known) AS ceiling_known,
               sum(variable_due_last_year_known) AS due_known,
               sum(overdue_missions) AS overdue, sum(late_missions) AS late
          FROM exco.regional_summary_at('2023-06-30') WHERE level = 'region') r
 WHERE f.level = 'france';
-- Counts are bigint.
SELECT DISTINCT pg_typeof(cpts), pg_typeof(tier_1), pg_typeof(contracts), pg_typeof(contracts_with_gap),
       pg_typeof(population_covered), pg_typeof(overdue_missions), pg_typeof(late_missions)
  FROM exco.regional_summary_at('2023-06-30', 'W');

-- Contract overview on 2025-06-30: 9311 and 9321 no longer run (contract_year NULL), their
-- statuses frozen on their last running day (2024-08-31, 2025-02-28): 9311 parcours
-- start_overdue, 9321 acces_soins deploy_overdue: 1 overdue each, 0 late. 9312 runs in year 1.
SELECT contract, cpts_name, cpam_departement, seat_departement, tier, scale, running, contract_year,
       yearly_ceiling, ceiling_gap, mission_statuses, overdue_missions, late_missions
  FROM exco.contract_overview_at('2025-06-30') WHERE cpts_id IN (9301, 9302) ORDER BY contract;
-- Frozen on each contract's last running day: in 2030 every contract has ended (9312 on
-- 2029-09-01): 9312's statuses are those of 2029-08-31 (acces_soins not deployed by 2026-03-01:
-- deploy_overdue; parcours never started: start_overdue), the others' as above.
SELECT contract, mission, running, status_on, status, overdue, late
  FROM exco.mission_status_at('2030-01-01') WHERE cpts_id IN (9301, 9302) ORDER BY contract, mission;
-- Not yet signed on the date: no rows for 9312 in 2020.
SELECT contract, mission, status_on, status FROM exco.mission_status_at('2020-06-30')
 WHERE cpts_id IN (9301, 9302) ORDER BY contract, mission;

-- Payments of 9311's acces_soins variable part: on 2020-06-30 year 1 has begun and is measured
-- (15 000), the others pending (years 3 and 4 had not begun: their measures do not count yet); on 2023-06-30 year 1 15 000, year 2 over and not measured 0, year 3 30 000,
-- year 4 measured 24 000, year 5 pending.
SELECT d AS as_of, p.contract_year, p.kind, p.amount
  FROM unnest('{2020-06-30,2023-06-30}'::date[]) d,
       LATERAL exco.payments_at(d) p
 WHERE p.contract = 9311 AND p.line = 'acces_soins' AND p.kind LIKE 'variable%'
 ORDER BY d, p.contract_year;
-- 9312's lines: its scale does not give fonctionnement for tier 3: one unknown row and the reason;
-- acces_soins (tier 3 in the 2022 scale: fixed 90 000) is scheduled; parcours never started.
SELECT line, kind, count(*), sum(amount), min(unknown_reason) AS reason
  FROM exco.payments_at('2025-06-30') WHERE contract = 9312
 GROUP BY line, kind ORDER BY line, kind;

-- The report functions are inlined into the calling query (no function scan of a *_at function
-- in the plan): a view's WHERE and a region reach the tables. The last query is the control:
-- WITH ORDINALITY keeps the planner from inlining, so its plan scans the function.
CREATE FUNCTION pg_temp.calls_report_function(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE p json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO p;
  RETURN p::text ~ '"Function Name": "[a-z_]+_at"';
END $$;
SELECT q, pg_temp.calls_report_function(q) AS calls_a_function
  FROM unnest(ARRAY['SELECT * FROM exco.regional_summary',
                    $q$SELECT * FROM exco.regional_summary_at('2023-06-30', 'W')$q$,
                    'SELECT * FROM exco.contract_overview WHERE contract = 9311',
                    'SELECT * FROM exco.mission_status', 'SELECT * FROM exco.payments WHERE contract = 9311',
                    'SELECT * FROM exco.indicator_result', 'SELECT * FROM exco.mission_variable',
                    $q$SELECT * FROM exco.mission_status_at('2020-01-01') WITH ORDINALITY$q$]) AS q;

-- Every column of every exco table and view has a comment (psql \d+, dashboard tools).
SELECT c.relname, a.attname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'exco'::regnamespace AND c.relkind IN ('r', 'v', 'p', 'm', 'f')
   AND pg_catalog.col_description(c.oid, a.attnum) IS NULL
 ORDER BY 1, 2;

-- A NULL date is an error in every report function (22004), not a report of nothing running; so
-- is a region regional_summary_at does not know (22023, naming it). Region W works, NULL is the
-- whole country. The guard also runs when the date is a parameter (a prepared statement).
\set SHOW_CONTEXT never
SELECT count(*) FROM exco.regional_summary_at(NULL);
SELECT count(*) FROM exco.regional_summary_at('2023-06-30', 'zz');
SELECT count(*) AS w_rows FROM exco.regional_summary_at('2023-06-30', 'W');
SELECT count(*) FROM exco.contract_overview_at(NULL);
SELECT count(*) FROM exco.mission_status_at(NULL);
SELECT count(*) FROM exco.payments_at(NULL);
SELECT count(*) FROM exco.indicator_result_at(NULL);
SELECT count(*) FROM exco.mission_variable_at(NULL);
SELECT count(*) FROM exco.territory_money_at(NULL);
PREPARE report_on(date) AS SELECT count(*) FROM exco.mission_status_at($1) WHERE contract = 9311;
EXECUTE report_on('2023-06-30');
EXECUTE report_on(NULL);
DEALLOCATE report_on;
\set SHOW_CONTEXT errors

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id IN (9311, 9312, 9321);
DELETE FROM exco.cpts WHERE id IN (9301, 9302);
DELETE FROM exco.commune WHERE code IN ('W1001', 'W1002', 'W2001', 'W2002', 'W3001', 'X1001');
DELETE FROM exco.departement WHERE code IN ('W1', 'W2', 'W3', 'X1');
DELETE FROM exco.region WHERE code IN ('W', 'X');
