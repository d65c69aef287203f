-- One bad row never breaks a report (issue "nothing lost" §3): each row below is one the rules
-- cannot read. The table constraints and triggers may refuse some of them (then nothing is
-- inserted); every one that is accepted must leave every report readable, with the unknown
-- amounts NULL and the reason given. The output does not depend on which ones are refused: each
-- insert runs in its own block that records whether it was accepted.
\set VERBOSITY terse
SET datestyle = ISO, YMD;
CREATE TEMP TABLE bad_row (name text PRIMARY KEY, accepted boolean NOT NULL);

INSERT INTO exco.region VALUES ('B', 'Région B');
INSERT INTO exco.departement VALUES ('B1', 'B-Un', 'B');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('B1001', 'B1-a', 'B1', 'B', 50000), ('B1002', 'B1-b', 'B1', 'B', 30000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9401, 'CPTS Bad-1', 'B1001'), (9402, 'CPTS Bad-2', 'B1002');
INSERT INTO exco.cpts_commune VALUES (9401, 'B1001'), (9402, 'B1002');
-- A valid contract (tier 2, 2019 scale) with a valid indicator, so every report has rows.
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (9411, 9401, '2019-09-01', 'B', 'B1', '{acces_soins,parcours,prevention}');
INSERT INTO exco.contract_mission VALUES
  (9411, 'acces_soins', '2019-10-01', NULL), (9411, 'parcours', '2019-10-01', NULL),
  (9411, 'prevention', '2019-10-01', NULL);
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
  (9425, 9411, 'parcours', 'GOOD', 'valid', 'continuous', 0, 100, 1000);
INSERT INTO exco.measure VALUES (9425, 1, 100), (9425, 2, 100);

-- 1. A mission-year whose indicators all weigh 0 (acces_soins, year 1).
DO $$ BEGIN
  INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, weight) VALUES
    (9421, 9411, 'acces_soins', 'ZERO_A', 'weight 0', 'continuous', 0, 100, 1000, 0);
  INSERT INTO exco.indicator (id, contract, mission, code, label, kind, thresholds, amounts, weight) VALUES
    (9422, 9411, 'acces_soins', 'ZERO_B', 'weight 0', 'stepped', '{10,20}', '{100,200}', 0);
  INSERT INTO exco.measure VALUES (9421, 1, 50), (9422, 1, 15);
  INSERT INTO bad_row VALUES ('all weights 0', true);
EXCEPTION WHEN others THEN INSERT INTO bad_row VALUES ('all weights 0', false);
END $$;
-- 2. Measures that are not finite numbers (parcours GOOD's sibling, years 1 and 2).
DO $$ BEGIN
  INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
    (9423, 9411, 'parcours', 'NAN', 'not finite', 'continuous', 0, 100, 1000);
  INSERT INTO exco.measure VALUES (9423, 1, 'NaN');
  INSERT INTO bad_row VALUES ('NaN measure', true);
EXCEPTION WHEN others THEN INSERT INTO bad_row VALUES ('NaN measure', false);
END $$;
DO $$ BEGIN
  INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount)
  SELECT 9423, 9411, 'parcours', 'NAN', 'not finite', 'continuous', 0, 100, 1000
   WHERE NOT EXISTS (SELECT FROM exco.indicator WHERE id = 9423);
  INSERT INTO exco.measure VALUES (9423, 2, 'Infinity');
  INSERT INTO bad_row VALUES ('Infinity measure', true);
EXCEPTION WHEN others THEN INSERT INTO bad_row VALUES ('Infinity measure', false);
END $$;
-- 3. A continuous indicator whose direction contradicts its levels (must fall, objective above).
DO $$ BEGIN
  INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, lower_is_better) VALUES
    (9424, 9411, 'prevention', 'CONTRA', 'contradictory', 'continuous', 10, 50, 1000, true);
  INSERT INTO exco.measure VALUES (9424, 1, 20);
  INSERT INTO bad_row VALUES ('contradictory direction', true);
EXCEPTION WHEN others THEN INSERT INTO bad_row VALUES ('contradictory direction', false);
END $$;
-- 4. A NULL element in a contract's mission list.
DO $$ BEGIN
  INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
    (9412, 9402, '2020-01-01', 'B', 'B1', '{acces_soins,parcours,prevention,NULL}');
  INSERT INTO bad_row VALUES ('NULL mission', true);
EXCEPTION WHEN others THEN INSERT INTO bad_row VALUES ('NULL mission', false);
END $$;

-- Every view and every report function reads (no error) and gives for the valid parts what the
-- rules say, whichever bad rows were accepted. Contract 9411: CPTS 9401, 50 000 inhabitants, tier
-- 2 (doc/rules.md §2), signed 2019-09-01 (scale aci-cpts-2019), ends 2024-09-01; its three
-- missions started 2019-10-01, none deployed.
-- Indicator GOOD (0 -> 100, 1 000 €, §4.5): years 1 and 2 measured at 100 (rate 1, 1 000.00),
-- years 3 to 5 not measured (0.00); every year is over on 2025-06-30 and today.
SELECT 'indicator_result' AS report, count(*) AS years, sum(earned) AS earned FROM exco.indicator_result WHERE indicator = 9425
UNION ALL SELECT 'indicator_result_at', count(*), sum(earned) FROM exco.indicator_result_at('2025-06-30') WHERE indicator = 9425;
-- parcours has a mission_variable row for each of its 5 contract years (the NaN indicator only
-- makes years 1 and 2 unknown); in years 3 to 5 nothing is measured: earned and due 0.00.
SELECT 'mission_variable' AS report, count(*) AS years, sum(variable_due) FILTER (WHERE contract_year >= 3) AS due_3_to_5
  FROM exco.mission_variable WHERE contract = 9411 AND mission = 'parcours'
UNION ALL SELECT 'mission_variable_at', count(*), sum(variable_due) FILTER (WHERE contract_year >= 3)
  FROM exco.mission_variable_at('2025-06-30') WHERE contract = 9411 AND mission = 'parcours';
-- Statuses (§3): today, the contract's last running day 2024-08-31: all three deploy_overdue. On
-- 2021-06-30: acces_soins deploy_overdue (deploy by 2021-03-01), parcours and prevention
-- in_progress (deploy by 2021-09-01).
SELECT 'mission_status' AS report, string_agg(mission || ' ' || status, ', ' ORDER BY mission) AS statuses
  FROM exco.mission_status WHERE contract = 9411
UNION ALL SELECT 'mission_status_at', string_agg(mission || ' ' || status, ', ' ORDER BY mission)
  FROM exco.mission_status_at('2021-06-30') WHERE contract = 9411;
-- Overview: today ended (not running), its 3 missions overdue (open past their deadline), none
-- late (finished after it); on 2021-06-30 running in contract year 2 (from 2020-09-01), 1
-- overdue (acces_soins), 0 late; yearly ceiling (§4.1, tier 2) 60 000 + 47 000 + 70 000 +
-- 30 000 = 207 000 either way.
SELECT 'contract_overview' AS report, running, contract_year, yearly_ceiling, overdue_missions, late_missions
  FROM exco.contract_overview WHERE contract = 9411
UNION ALL SELECT 'contract_overview_at', running, contract_year, yearly_ceiling, overdue_missions, late_missions
  FROM exco.contract_overview_at('2021-06-30') WHERE contract = 9411;
-- Payments (§8.3): fonctionnement 5 × 60 000 = 300 000 in advances and balances, whatever the date.
SELECT 'payments' AS report, sum(amount) AS fonctionnement FROM exco.payments WHERE contract = 9411 AND line = 'fonctionnement'
UNION ALL SELECT 'payments_at', sum(amount) FROM exco.payments_at('2021-06-30') WHERE contract = 9411 AND line = 'fonctionnement';
-- Region B: 2 CPTS (9401 tier 2 with 50 000, 9402 tier 1 with 30 000, §2), 80 000 inhabitants
-- all covered; nothing runs today (9411 ended 2024-09-01; 9412, if accepted, on 2025-01-01).
SELECT 'regional_summary' AS report, level, cpts, tier_1, tier_2, population, population_covered, contracts
  FROM exco.regional_summary WHERE region = 'B'
UNION ALL SELECT 'regional_summary_at', level, cpts, tier_1, tier_2, population, population_covered, NULL
  FROM exco.regional_summary_at('2021-06-30', 'B')
UNION ALL SELECT 'regional_summary_at, whole country', level, cpts, tier_1, tier_2, population, population_covered, NULL
  FROM exco.regional_summary_at('2021-06-30') WHERE region = 'B'
ORDER BY 1, 2 DESC;

-- Each accepted bad row is visible: its amounts NULL with the reason (a refused one: true).
SELECT b.name, NOT b.accepted OR CASE b.name
  WHEN 'all weights 0' THEN EXISTS (
    SELECT FROM exco.mission_variable_at('2025-06-30') v
     WHERE v.contract = 9411 AND v.mission = 'acces_soins' AND v.contract_year = 1
       AND v.attainment IS NULL AND v.earned IS NOT NULL AND v.unknown_reason LIKE '%weighs 0%')
  WHEN 'NaN measure' THEN EXISTS (
    SELECT FROM exco.mission_variable_at('2025-06-30') v
     WHERE v.contract = 9411 AND v.mission = 'parcours' AND v.contract_year = 1
       AND v.variable_due IS NULL AND v.unknown_reason LIKE 'NAN: measure NaN is not a finite number%')
  WHEN 'Infinity measure' THEN EXISTS (
    SELECT FROM exco.indicator_result_at('2025-06-30') r
     WHERE r.indicator = 9423 AND r.contract_year = 2 AND r.earned IS NULL
       AND r.unknown_reason = 'measure Infinity is not a finite number')
  WHEN 'contradictory direction' THEN EXISTS (
    SELECT FROM exco.indicator_result_at('2025-06-30') r
     WHERE r.indicator = 9424 AND r.contract_year = 1 AND r.rate IS NULL
       AND r.unknown_reason LIKE 'objective 50 is above starting level 10, but lower_is_better is true')
  WHEN 'NULL mission' THEN EXISTS (
    SELECT FROM exco.contract_overview_at('2025-06-30') o
     WHERE o.contract = 9412 AND o.yearly_ceiling IS NULL AND o.ceiling_gap LIKE 'the mission list contains NULL%')
  END AS flagged_or_refused
  FROM bad_row b ORDER BY b.name;
-- A payment schedule with an unreadable year keeps that year pending (parcours year 1 and 2 are
-- pending when the NaN/Infinity rows were accepted, paid otherwise): never an error. Whichever,
-- parcours has one variable row (paid or pending) per contract year, 5, and its fixed part (§8.3)
-- is 35 000 prorated in year 1 from 2019-10-01 (336 of the 366 days of 2019-09-01..2020-09-01:
-- 32 131.15) + 4 × 35 000 = 172 131.15.
SELECT count(*) FILTER (WHERE kind IN ('variable', 'variable_pending')) AS variable_rows,
       sum(amount) FILTER (WHERE kind IN ('advance', 'balance')) AS fixed
  FROM exco.payments_at('2025-06-30') WHERE contract = 9411 AND line = 'parcours';

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id IN (9411, 9412);
DELETE FROM exco.cpts WHERE id IN (9401, 9402);
DELETE FROM exco.commune WHERE code IN ('B1001', 'B1002');
DELETE FROM exco.departement WHERE code = 'B1';
DELETE FROM exco.region WHERE code = 'B';
