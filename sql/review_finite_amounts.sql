-- Amounts are finite numbers (review findings).
--
-- 1. An indicator's weight and amount. numeric accepts NaN and
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

-- 2. The dated amounts: numeric(12,2) holds NaN (not Infinity) and NaN passes amount >= 0. One NaN
-- cell of exco.scale_amount made every scale look-up (exco.ceiling, the reports) fail with 0A000
-- "cannot convert NaN to bigint"; the other schemes' amounts alike. Refused now (23514, naming
-- the constraint), by INSERT and through exco.scale_sheet.
INSERT INTO exco.scale_amount (scale, line, tier, share, amount) VALUES ('aci-cpts-2022', 'fonctionnement', '1', 'fixed', 'NaN');
INSERT INTO exco.scale_sheet (scale, effective_from, complete, source, line, share, taille_1, taille_2, taille_3, taille_4, provenance)
VALUES ('rv-nan', '2031-01-01', false, 'x', 'parcours', 'fixed', 'NaN', 2, 3, 4, 'p');
SELECT count(*) AS rv_nan_scales FROM exco.scale WHERE scale = 'rv-nan';
INSERT INTO exco.forfait_structure VALUES ('2031-01-01', 'NaN', 1, 's', 'p');
INSERT INTO exco.assistant_aid_amount VALUES ('2031-01-01', '1/3', 1, 'NaN', true, 's', 'p');
-- (an explicit id: a refused row would still take a value of the identity other suites print)
INSERT INTO exco.startup_aid_item (id, item, label, amount_min, amount_max, effective_from, source, provenance)
VALUES (8890, 'rv', 'x', 'NaN', 'NaN', '2031-01-01', 's', 'p');
-- The look-ups still answer: aci-cpts-2019, tier 2, acces_soins (doc/rules.md §8.1): 17 500 fixed.
SELECT fixed FROM exco.ceiling('acces_soins', '2', '2020-06-01');

-- 3. A medical-assistant contract signed on infinity was accepted: refused now (23514).
INSERT INTO exco.region VALUES ('RV', 'Région RV');
INSERT INTO exco.departement VALUES ('RV1', 'RV-Un', 'RV');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('RV001', 'RV-a', 'RV1', 'RV', 50000);
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, sector, coordinated, mt_patients)
VALUES (8891, 'RV-GP1', 'RV001', '1/3', 'infinity', '1', true, 900);
DELETE FROM exco.commune WHERE code = 'RV001';
DELETE FROM exco.departement WHERE code = 'RV1';
DELETE FROM exco.region WHERE code = 'RV';

-- 4. One SQLSTATE for a list given as a multi-dimensional array, 22023 everywhere (review finding:
-- the other schemes' lists raised 2202E, the mission lists, thresholds and attainment 22023).
DO $$
DECLARE
  probe text;
BEGIN
  FOREACH probe IN ARRAY ARRAY[
    $q$SELECT exco.contract_ceiling('3', '2020-06-01', '{{parcours},{prevention}}')$q$,
    $q$SELECT exco.step_amount(75, '{{100},{50}}', '{{5},{6}}')$q$,
    $q$SELECT exco.structure_valid('msp', '{{medecin_generaliste},{infirmier}}')$q$,
    $q$SELECT exco.structure_problem('msp', '{{medecin_generaliste},{infirmier}}')$q$,
    $q$SELECT exco.coordination_validated('{{msp}}')$q$,
    $q$SELECT exco.forfait_structure_at_risk('{{ess}}', '2026-06-30')$q$,
    $q$SELECT exco.etp_programme_valid('medecin_generaliste', '{{infirmier}}')$q$]
  LOOP
    BEGIN
      EXECUTE probe;
      RAISE NOTICE 'no error: %', probe;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE '%: %', SQLSTATE, SQLERRM;
    END;
  END LOOP;
END
$$;

-- 5. Every report answers at an infinite date (review finding: contract_overview_at('infinity')
-- raised 22003 integer out of range from date_part('year', infinity)::integer; territory_money_at
-- raised 0A000), and answers what the rules say. One contract, C (8811, CPTS 8801, 50 000
-- inhabitants: tier 2, doc/rules.md §2; signed 2019-09-01: scale aci-cpts-2019; ends_on 2024-09-01),
-- missions acces_soins, parcours, prevention, each with its contract_mission row; only parcours
-- started (2019-10-01), none deployed.
BEGIN;
INSERT INTO exco.region VALUES ('RV', 'Région RV');
INSERT INTO exco.departement VALUES ('RV1', 'RV-Un', 'RV');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('RV001', 'RV-a', 'RV1', 'RV', 50000);
INSERT INTO exco.cpts (id, name, seat) VALUES (8801, 'CPTS RV', 'RV001');
INSERT INTO exco.cpts_commune VALUES (8801, 'RV001');
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (8811, 8801, '2019-09-01', 'RV', 'RV1', '{acces_soins,parcours,prevention}');
INSERT INTO exco.contract_mission VALUES (8811, 'parcours', '2019-10-01', NULL),
  (8811, 'acces_soins', NULL, NULL), (8811, 'prevention', NULL, NULL);
-- The dates reach the server as literals (psql interpolates :'as_of' in
-- sql/include/reports_at_date.sql): a constant as_of is folded when the query is planned, where
-- the error was.
-- At +infinity C has ended: not running, no contract year; its yearly ceiling (§4.1, tier 2):
-- fonctionnement 60 000 + acces_soins 47 000 + parcours 70 000 + prevention 30 000 = 207 000.
-- Its missions' statuses are those of its last running day, 2024-08-31 (§3): acces_soins and
-- prevention never started (start_overdue), parcours started but not deployed by 2021-09-01
-- (deploy_overdue): 3 overdue (open past their deadline), 0 late (none finished after it).
-- Payments (§8.3): fonctionnement 5 years × 60 000 = 300 000: year 1 in full at signature, then
-- advances of 75 % (4 × 45 000) and balances (4 × 15 000): advances 240 000, balances 60 000.
-- parcours fixed 35 000 prorated in year 1 from 2019-10-01 (336 of the 366 days of
-- 2019-09-01..2020-09-01: 32 131.15, advance 24 098.36, balance 8 032.79), then 4 × 35 000
-- (advances 4 × 26 250, balances 4 × 8 750): advances 129 098.36, balances 43 032.79, in all
-- 172 131.15; its variable part pending each year (no indicator); acces_soins and prevention
-- never started: no rows.
-- No indicator: no indicator_result row, no mission_variable row.
-- Region RV: one CPTS (tier 2), 50 000 inhabitants all covered; no contract running at infinity.
-- territory_money lists every area, with zeros where nothing runs: RV and RV1 have no item on the
-- date (no running CPTS or assistant contract, ETP programme or GP in a structure).
\set as_of infinity
\i sql/include/reports_at_date.sql
-- At -infinity C is not signed yet: contract_overview, mission_status and payments list the
-- contracts signed on or before the date, so none of C; the region and its CPTS are there, nothing
-- runs; no indicator; territory_money's RV and RV1 rows are zeros.
\set as_of -infinity
\i sql/include/reports_at_date.sql
ROLLBACK;
