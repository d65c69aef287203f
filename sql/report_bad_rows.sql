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

-- Every view and every report function reads (no error) and has rows for the valid contract.
SELECT 'indicator_result' AS report, count(*) > 0 AS has_rows FROM exco.indicator_result WHERE contract = 9411
UNION ALL SELECT 'mission_variable', count(*) > 0 FROM exco.mission_variable WHERE contract = 9411
UNION ALL SELECT 'mission_status', count(*) > 0 FROM exco.mission_status WHERE contract = 9411
UNION ALL SELECT 'contract_overview', count(*) > 0 FROM exco.contract_overview WHERE contract = 9411
UNION ALL SELECT 'payments', count(*) > 0 FROM exco.payments WHERE contract = 9411
UNION ALL SELECT 'regional_summary', count(*) > 0 FROM exco.regional_summary WHERE region = 'B'
UNION ALL SELECT 'indicator_result_at', count(*) > 0 FROM exco.indicator_result_at('2025-06-30') WHERE contract = 9411
UNION ALL SELECT 'mission_variable_at', count(*) > 0 FROM exco.mission_variable_at('2025-06-30') WHERE contract = 9411
UNION ALL SELECT 'mission_status_at', count(*) > 0 FROM exco.mission_status_at('2021-06-30') WHERE contract = 9411
UNION ALL SELECT 'contract_overview_at', count(*) > 0 FROM exco.contract_overview_at('2021-06-30') WHERE contract = 9411
UNION ALL SELECT 'payments_at', count(*) > 0 FROM exco.payments_at('2021-06-30') WHERE contract = 9411
UNION ALL SELECT 'regional_summary_at', count(*) > 0 FROM exco.regional_summary_at('2021-06-30', 'B')
UNION ALL SELECT 'regional_summary_at, whole country', count(*) > 0 FROM exco.regional_summary_at('2021-06-30');

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
-- pending when the NaN/Infinity rows were accepted, paid otherwise): never an error.
SELECT count(*) > 0 AS parcours_rows FROM exco.payments_at('2025-06-30') WHERE contract = 9411 AND line = 'parcours';

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id IN (9411, 9412);
DELETE FROM exco.cpts WHERE id IN (9401, 9402);
DELETE FROM exco.commune WHERE code IN ('B1001', 'B1002');
DELETE FROM exco.departement WHERE code = 'B1';
DELETE FROM exco.region WHERE code = 'B';
