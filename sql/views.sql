-- Reports over the reference tables (doc/rules.md §2–§5, §8), on a small territory built here by
-- hand. Every figure below is computed by hand in the comments. The reports are read at a fixed
-- date, 2025-06-30, with the exco.<report>_at functions (the views, read today, are checked at the
-- end against the same hand figures). On 2025-06-30 contract A (signed 2019-09-01, ends_on
-- 2024-09-01) has ended: its statuses are those of its last running day, 2024-08-31; B (signed
-- 2022-06-01) runs in its contract year 4. Every deadline involved is before 2024-06-02 and every
-- indicator year of A is over.
\set VERBOSITY default
SET datestyle = ISO, YMD;
SET search_path = public, exco;

-- Region V: département V1 (45 000 inhabitants), V2 (155 000). Region 200 000.
INSERT INTO exco.region VALUES ('V', 'Région de test');
INSERT INTO exco.departement VALUES ('V1', 'Val-Un', 'V'), ('V2', 'Val-Deux', 'V');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('V1001', 'Ambert-Test', 'V1', 'V', 30000), ('V1002', 'Brive-Test', 'V1', 'V', 15000),
  ('V2001', 'Cluny-Test', 'V2', 'V', 50000), ('V2002', 'Dole-Test', 'V2', 'V', 100000),
  ('V2003', 'Evian-Test', 'V2', 'V', 5000);
-- CPTS A: 30 000 + 15 000 = 45 000 → tier 2; CPTS B: 50 000 + 100 000 = 150 000 → tier 3.
-- V2003 is in no CPTS.
INSERT INTO exco.cpts (id, name, seat) VALUES (9001, 'CPTS A-Test', 'V1001'), (9002, 'CPTS B-Test', 'V2002');
INSERT INTO exco.cpts_commune VALUES (9001, 'V1001'), (9001, 'V1002'), (9002, 'V2001'), (9002, 'V2002');
-- population, tier, ends_on and scale are filled by exco.validate_contract().
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (9101, 9001, '2019-09-01', 'V', 'V1', '{acces_soins,parcours,prevention,qualite}'),
  (9102, 9002, '2022-06-01', 'V', 'V2', '{acces_soins,parcours,prevention,crises_sanitaires}');
SELECT id, population, tier, scale, ends_on FROM exco.contract WHERE id IN (9101, 9102) ORDER BY id;

-- A (signed 2019-09-01): acces_soins start by 2020-03-01, deploy by 2021-03-01;
--   parcours/prevention start by 2020-09-01, deploy by 2021-09-01.
-- B (signed 2022-06-01): acces_soins/crises start by 2022-12-01, deploy by 2023-12-01;
--   parcours/prevention start by 2023-06-01, deploy by 2024-06-01.
INSERT INTO exco.contract_mission VALUES
  (9101, 'acces_soins', '2019-12-01', '2020-12-01'),  -- deployed_on_time
  (9101, 'parcours', '2020-10-01', '2021-06-01'),     -- started a month late: deployed_late
  (9101, 'prevention', NULL, NULL),                   -- start_overdue
  (9101, 'qualite', '2020-01-01', NULL),              -- optional: free
  (9102, 'acces_soins', '2022-07-01', '2023-06-01'),  -- deployed_on_time
  (9102, 'parcours', '2023-03-01', NULL),             -- deploy_overdue
  (9102, 'prevention', '2022-09-01', '2024-01-01'),   -- deployed_on_time
  (9102, 'crises_sanitaires', '2022-11-01', '2023-11-01'); -- deployed_on_time

-- overdue: open past its deadline (start_overdue, deploy_overdue): 9101 prevention, 9102 parcours;
-- late: finished after it (started_late, deployed_late): 9101 parcours; the others neither.
SELECT contract, cpts_name, mission, socle, start_by, deploy_by, status, overdue, late
FROM exco.mission_status_at('2025-06-30') WHERE contract IN (9101, 9102) ORDER BY contract, mission;

-- Indicators of A.
-- acces_soins I1: patients in ALD without MT, continuous, 219 → 50, 25 000 €, weight 1.
-- acces_soins I2: the same count paid by steps {219,100,50} → {3000,6000,9000}, weight 1.
-- parcours I3: continuous, 10 → 30, 20 000 €, weight 2.
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, weight, amount, thresholds, amounts) VALUES
  (9201, 9101, 'acces_soins', 'ALD_SANS_MT', 'patients en ALD sans MT', 'continuous', 219, 50, 1, 25000, NULL, NULL),
  (9202, 9101, 'acces_soins', 'ALD_SANS_MT_PALIERS', 'patients en ALD sans MT (paliers)', 'stepped', NULL, NULL, 1, NULL, '{219,100,50}', '{3000,6000,9000}'),
  (9203, 9101, 'parcours', 'PARCOURS', 'patients inclus dans un parcours', 'continuous', 10, 30, 2, 20000, NULL, NULL);
INSERT INTO exco.measure VALUES
  (9201, 1, 219), (9201, 2, 100), (9201, 3, 50), (9201, 5, 30),            -- year 4 missing
  (9202, 1, 220), (9202, 2, 75), (9202, 3, 50), (9202, 4, 100),            -- year 5 missing
  (9203, 1, 15), (9203, 2, 30), (9203, 3, 40), (9203, 4, 5), (9203, 5, 20);

-- I1: y1 219 → 0 → 0 €; y2 100 → 119/169 = 0.70414201183431952663 → 17 603.55 €;
--     y3 50 → 1 → 25 000 €; y4 not measured → 0 €; y5 30 (beyond 50) → 1 → 25 000 €.
-- I2: y1 220 → 0 €; y2 75 → 6 000 € (rate 6000/9000); y3 50 → 9 000 €; y4 100 → 6 000 €; y5 → 0 €.
-- I3: parcours started 2020-10-01, in contract year 2: year 1's measure (15) earns nothing and
--     is not listed; y2 30 → 20 000 €; y3 40 → 20 000 €; y4 5 → 0; y5 20 → 0.5 → 10 000 €.
SELECT code, contract_year, value, measured, rate, earned
FROM exco.indicator_result_at('2025-06-30') WHERE contract = 9101 ORDER BY code, contract_year;

-- acces_soins (tier 2, 2019: variable ceiling 29 500): earned y1 0, y2 23 603.55, y3 34 000 →
-- capped at 29 500, y4 6 000, y5 25 000. parcours (variable ceiling 35 000) from year 2: 20 000,
-- 20 000, 0, 10 000. Attainment y2 acces_soins = (0.70414201183431952663 + 0.66666666666666666667)/2.
SELECT mission, contract_year, indicators, missing_measures, attainment, earned, variable_ceiling, variable_due
FROM exco.mission_variable_at('2025-06-30') WHERE contract = 9101 ORDER BY mission, contract_year;

-- Contract overview. A: 60 000 + 47 000 + 70 000 + 30 000 + 20 000 = 227 000 (tier 2, 2019);
-- overdue: prevention (start_overdue), late: parcours (deployed_late), 1 each. B: the partial
-- 2022 scale gives no fonctionnement for tier 3: NULL ceiling and the reason; overdue: parcours
-- (deploy_overdue), late: none.
SELECT contract, cpts_name, region_name, cpam_departement, population, tier, scale, running, contract_year,
       yearly_ceiling, ceiling_gap, mission_statuses, overdue_missions, late_missions
FROM exco.contract_overview_at('2025-06-30') WHERE contract IN (9101, 9102) ORDER BY contract;

-- Payments. A's fonctionnement pays 60 000 a year over 5 years: 300 000 in all. A's acces_soins
-- variable rows pay the variable due: 0 + 23 603.55 + 29 500 + 6 000 + 25 000 = 84 103.55.
-- Fixed parts (doc/rules.md §8.3 payment rules, prorated in the year the mission starts):
--   acces_soins T2 17 500 from 2019-12-01: 17 500 × 275/366 = 13 148.91 + 4 × 17 500 = 83 148.91;
--   parcours T2 35 000 from 2020-10-01 (year 2): 35 000 × 335/365 = 32 123.29 + 3 × 35 000 = 137 123.29;
--   qualite T2 10 000 from 2020-01-01: 10 000 × 244/366 = 6 666.67 + 4 × 10 000 = 46 666.67;
--   B acces_soins T3 (2022) 90 000 from 2022-07-01: 90 000 × 335/365 = 82 602.74 + 360 000 = 442 602.74.
-- Missions without indicators (qualite, B's) have their variable part pending; prevention of A
-- never started: no rows.
SELECT contract, line, sum(amount) FILTER (WHERE kind IN ('advance', 'balance')) AS fixed_paid,
       sum(amount) FILTER (WHERE kind = 'variable') AS variable_paid,
       count(*) FILTER (WHERE kind = 'variable_pending') AS variable_pending,
       string_agg(DISTINCT unknown_reason, '; ') AS gap
FROM exco.payments_at('2025-06-30') WHERE contract IN (9101, 9102) GROUP BY contract, line ORDER BY contract, line;
SELECT contract_year, due_on, kind, amount FROM exco.payments_at('2025-06-30')
WHERE contract = 9101 AND line = 'acces_soins' AND kind = 'variable' ORDER BY contract_year;
-- The gap row: B's fonctionnement.
SELECT contract, line, contract_year, kind, amount, unknown_reason FROM exco.payments_at('2025-06-30')
WHERE contract = 9102 AND line = 'fonctionnement';
-- The scalar functions still raise for a direct call on the gap.
\set VERBOSITY sqlstate
SELECT exco.scale_ceiling('fonctionnement', '3', 'aci-cpts-2022');
\set VERBOSITY default

-- Regional summary on 2025-06-30, region V (levels region, then its départements).
-- V1: CPTS A (seat V1001, 45 000 inhabitants → tier 2), its communes 45 000 of V1's 45 000 =
--   100.0 %; A ended on 2024-09-01: 0 contracts, ceilings and variable due 0 (no parts), 0 overdue,
--   0 late (only running contracts count).
-- V2: CPTS B (tier 3), 150 000 of 155 000 = 96.8 %; B runs: 1 contract; its ceiling is unknown
--   (the 2022 scale gives no fonctionnement for tier 3): yearly_ceiling NULL, known 0, 1 with gap.
--   B's last closed contract year on 2025-06-30 is year 3 (ended 2025-06-01); its 4 missions had
--   started before: 4 parts, none with indicators → variable due NULL, known 0, 4 unknown.
--   Overdue: parcours (deploy_overdue) = 1; late (finished after the deadline): 0.
-- V: 2 CPTS (one tier 2, one tier 3), 195 000 of 200 000 = 97.5 %, the sums of V1 and V2.
SELECT level, region, area_departement, cpts, tier_1, tier_2, tier_3, tier_4, population, population_covered,
       population_share_pct, contracts, yearly_ceiling, yearly_ceiling_known, contracts_with_gap,
       variable_due_last_year, variable_due_last_year_known, variable_due_last_year_unknown, overdue_missions, late_missions
FROM exco.regional_summary_at('2025-06-30', 'V');
-- Overdue and late apart, on 2022-06-30, when both contracts run. A (V1), statuses on that day:
-- acces_soins deployed_on_time, parcours deployed_late (deployed 2021-06-01): 1 late; prevention
-- start_overdue (not started, start by 2020-09-01): 1 overdue; qualite free. B (V2), signed
-- 2022-06-01: no mission started yet, every start deadline (2022-12-01, 2023-06-01) ahead: all
-- not_started, 0 and 0. V: 1 overdue, 1 late.
SELECT level, area_departement, contracts, overdue_missions, late_missions
FROM exco.regional_summary_at('2022-06-30', 'V');
-- The same rows from the whole-country call.
SELECT count(*) AS same_rows FROM (
  SELECT * FROM exco.regional_summary_at('2025-06-30', 'V')
  INTERSECT ALL
  SELECT * FROM exco.regional_summary_at('2025-06-30') WHERE region = 'V') x;

-- The views, read today, against figures computed by hand. Contract A ended on 2024-09-01, so
-- from then on every report gives the same for it (its statuses are those of its last running
-- day, every contract year is over): the hand figures above.
--   mission_status: acces_soins deployed_on_time, parcours deployed_late, prevention start_overdue,
--     qualite free (§3).
--   indicator_result: 14 rows (I1 and I2 5 years each, I3 4), earned 67 603.55 + 21 000 + 50 000 =
--     138 603.55 (§4.5).
--   mission_variable: 9 rows (acces_soins 5 years, parcours 4), variable due 84 103.55 + 50 000 =
--     134 103.55 (§8.3).
--   contract_overview: not running, no contract year, yearly ceiling 227 000, 1 overdue
--     (prevention), 1 late (parcours).
--   payments: fixed 300 000 + 83 148.91 + 137 123.29 + 46 666.67 = 566 938.87; variable
--     84 103.55 + 50 000 = 134 103.55; qualite's 5 years pending.
--   regional_summary, V1 (A's département, no other CPTS): 1 CPTS of tier 2, 45 000 of 45 000
--     inhabitants covered, no contract running, 0 overdue, 0 late.
SELECT string_agg(mission || ' ' || status, ', ' ORDER BY mission) AS mission_status
  FROM exco.mission_status WHERE contract = 9101;
SELECT count(*) AS indicator_rows, sum(earned) AS earned FROM exco.indicator_result WHERE contract = 9101;
SELECT count(*) AS mission_variable_rows, sum(variable_due) AS variable_due FROM exco.mission_variable WHERE contract = 9101;
SELECT running, contract_year, yearly_ceiling, overdue_missions, late_missions FROM exco.contract_overview WHERE contract = 9101;
SELECT sum(amount) FILTER (WHERE kind IN ('advance', 'balance')) AS fixed, sum(amount) FILTER (WHERE kind = 'variable') AS variable,
       count(*) FILTER (WHERE kind = 'variable_pending') AS pending
  FROM exco.payments WHERE contract = 9101;
SELECT cpts, tier_2, population, population_covered, population_share_pct, contracts, yearly_ceiling, overdue_missions, late_missions
  FROM exco.regional_summary WHERE area_departement = 'V1';
-- And a view is read at today's date: B (signed 2022-06-01, ends 2027-06-01) runs today exactly
-- when today is before 2027-06-01, in the contract year that age() counts from its signature.
SELECT running = (current_date < DATE '2027-06-01')
       AND contract_year IS NOT DISTINCT FROM
           CASE WHEN current_date < DATE '2027-06-01'
                THEN extract(year FROM age(current_date, DATE '2022-06-01'))::integer + 1 END AS b_as_of_today
  FROM exco.contract_overview WHERE contract = 9102;

-- ceiling_gap and variable_due directly.
SELECT exco.ceiling_gap('parcours', '3', 'aci-cpts-2022') AS known,
       exco.ceiling_gap('parcours', '1', 'aci-cpts-2022') AS partial,
       exco.ceiling_gap('parcours', '1', 'no-such-scale') AS unknown;
-- The report helpers never raise. Tier 2, 2019: fonctionnement 60 000, acces_soins 17 500 + 29 500
-- = 47 000, parcours 35 000 + 35 000 = 70 000 (listed twice, counted once): 177 000. The 2022 scale
-- gives no fonctionnement and no qualite for tier 3. A NULL element makes the ceiling unknown.
SELECT exco.contract_ceiling_or_null('2', 'aci-cpts-2019', '{acces_soins,parcours,parcours}') AS t2_2019,
       exco.contract_ceiling_gap('2', 'aci-cpts-2019', '{acces_soins,parcours,parcours}') AS no_gap;
SELECT exco.contract_ceiling_or_null('3', 'aci-cpts-2022', '{parcours,qualite,prevention}') AS t3_2022,
       exco.contract_ceiling_gap('3', 'aci-cpts-2022', '{parcours,qualite,prevention}') AS gap;
SELECT exco.contract_ceiling_or_null('2', 'aci-cpts-2019', '{parcours,NULL}') AS with_null,
       exco.contract_ceiling_gap('2', 'aci-cpts-2019', '{parcours,NULL}') AS gap;
SELECT exco.variable_ceiling_or_null('parcours', '2', 'aci-cpts-2019') AS known,
       exco.variable_ceiling_or_null('parcours', '1', 'aci-cpts-2022') AS partial,
       exco.variable_ceiling_or_null('fonctionnement', '1', 'aci-cpts-2019') AS no_variable_share,
       exco.variable_ceiling_or_null('parcours', '1', 'no-such-scale') AS unknown;
SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', 12345.67) AS under_cap,
       exco.variable_due('parcours', '2', 'aci-cpts-2019', 99999) AS capped;
SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', -1);
SELECT exco.variable_due('parcours', '1', 'aci-cpts-2022', 10);

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id IN (9101, 9102);
DELETE FROM exco.cpts WHERE id IN (9001, 9002);
DELETE FROM exco.commune WHERE code LIKE 'V____';
DELETE FROM exco.departement WHERE code IN ('V1', 'V2');
DELETE FROM exco.region WHERE code = 'V';
