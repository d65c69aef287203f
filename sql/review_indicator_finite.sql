-- An indicator's weight and amount are finite numbers (review finding). numeric accepts NaN and
-- Infinity, and NaN passes the old checks weight >= 0 and amount >= 0: a NaN weight made
-- exco.mission_variable raise 22023 (exco.weighted_attainment refuses it), a NaN amount gave
-- earned = NaN and a variable due of the whole ceiling (least(NaN, ceiling) = ceiling). Now the
-- constraints indicator_weight_finite and indicator_amount_finite refuse such rows (23514), and a
-- row kept by an update from 0.1.0 (constraint left NOT VALID) is shown as unknown by the reports.
\set VERBOSITY terse
SET datestyle = ISO, YMD;
INSERT INTO exco.region VALUES ('RV', 'Région RV');
INSERT INTO exco.departement VALUES ('RV1', 'RV-Un', 'RV');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('RV001', 'RV-a', 'RV1', 'RV', 50000);
INSERT INTO exco.cpts (id, name, seat) VALUES (8801, 'CPTS RV', 'RV001');
INSERT INTO exco.cpts_commune VALUES (8801, 'RV001');
-- Tier 2 (50 000 inhabitants), 2019 scale; parcours started at once.
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (8811, 8801, '2019-09-01', 'RV', 'RV1', '{acces_soins,parcours,prevention}');
INSERT INTO exco.contract_mission VALUES
  (8811, 'acces_soins', '2019-10-01', NULL), (8811, 'parcours', '2019-10-01', NULL),
  (8811, 'prevention', '2019-10-01', NULL);
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
  (8821, 8811, 'parcours', 'GOOD', 'valid', 'continuous', 0, 100, 1000);
INSERT INTO exco.measure VALUES (8821, 1, 50);

-- Refused when written, naming the constraint.
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, weight) VALUES
  (8822, 8811, 'parcours', 'W_NAN', 'x', 'continuous', 0, 100, 1000, 'NaN');
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, weight) VALUES
  (8822, 8811, 'parcours', 'W_INF', 'x', 'continuous', 0, 100, 1000, 'Infinity');
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
  (8822, 8811, 'parcours', 'A_NAN', 'x', 'continuous', 0, 100, 'NaN');
UPDATE exco.indicator SET weight = 'NaN' WHERE id = 8821;

-- Rows an update from 0.1.0 kept: the constraints NOT VALID, as the update leaves them when old
-- rows break them (src/upgrade/79_review_indicator_finite.sql). In one transaction, rolled back.
BEGIN;
ALTER TABLE exco.indicator DROP CONSTRAINT indicator_weight_finite, DROP CONSTRAINT indicator_amount_finite;
-- parcours: a second indicator of NaN weight, measured in year 1 (50 of 0..100).
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, weight) VALUES
  (8822, 8811, 'parcours', 'W_NAN', 'x', 'continuous', 0, 100, 1000, 'NaN');
INSERT INTO exco.measure VALUES (8822, 1, 50);
-- prevention: one indicator of NaN amount, measured in year 1 (rate 0.5).
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
  (8823, 8811, 'prevention', 'A_NAN', 'x', 'continuous', 0, 100, 'NaN');
INSERT INTO exco.measure VALUES (8823, 1, 50);
-- The indicator rows: GOOD earns 0.5 x 1 000 = 500.00; W_NAN and A_NAN are unknown with the reason.
SELECT indicator, code, rate, earned, unknown_reason
  FROM exco.indicator_result_at('2025-06-30') WHERE contract = 8811 AND contract_year = 1 ORDER BY indicator;
-- The mission-years (every column, which used to raise): parcours year 1 unknown (NULL
-- attainment, earned and variable due: one of its indicators has an unknown weight), prevention
-- year 1 unknown instead of the whole variable ceiling.
SELECT mission, contract_year, indicators, attainment, earned, variable_due, unknown_reason
  FROM exco.mission_variable_at('2025-06-30') WHERE contract = 8811 AND contract_year = 1 ORDER BY mission;
-- The variable payments of year 1 (due 2020-09-01): parcours and prevention are pending (no
-- amount), not the whole ceiling; acces_soins has no indicator: pending as before.
SELECT line, kind, amount, unknown_reason FROM exco.payments_at('2025-06-30')
 WHERE contract = 8811 AND contract_year = 1 AND kind NOT IN ('advance', 'balance') ORDER BY line;
-- Every report still reads.
SELECT count(*) > 0 AS payments FROM exco.payments_at('2025-06-30') WHERE contract = 8811;
SELECT count(*) = 2 AS regional_summary FROM exco.regional_summary_at('2025-06-30', 'RV');
ROLLBACK;

DELETE FROM exco.contract WHERE id = 8811;
DELETE FROM exco.cpts WHERE id = 8801;
DELETE FROM exco.commune WHERE code = 'RV001';
DELETE FROM exco.departement WHERE code = 'RV1';
DELETE FROM exco.region WHERE code = 'RV';
