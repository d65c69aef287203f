-- The reference tables of the other schemes (structures and members, medical-assistant contracts,
-- ETP programmes and patients), their checks, and the view exco.territory_money
-- (doc/rules.md §6, §7; decisions: doc/schemes.md). Dates are relative to current_date, so the
-- output does not depend on the day the suite runs. Every row here is removed at the end.
SET search_path = public;

INSERT INTO exco.region VALUES ('W', 'Région W-test');
INSERT INTO exco.departement VALUES ('W1', 'Wal-Un', 'W'), ('W2', 'Wal-Deux', 'W');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('W1001', 'Arles-W', 'W1', 'W', 30000), ('W2001', 'Blois-W', 'W2', 'W', 100000);

-- Structures: the composition is checked at the end of each transaction (here: each statement).
-- MSP: 2 GPs + 1 nurse, valid. ESS: 2 specialists + GP3, valid. GP1 is in both.
INSERT INTO exco.structure (id, name, kind, commune) VALUES
  (9501, 'MSP Arles-W', 'msp', 'W1001'), (9502, 'ESS Blois-W', 'ess', 'W2001');
INSERT INTO exco.structure_member VALUES
  (9501, 'W-GP1', 'medecin_generaliste'), (9501, 'W-GP2', 'medecin_generaliste'), (9501, 'W-IDE1', 'infirmier'),
  (9502, 'W-SPE1', 'medecin_specialiste'), (9502, 'W-SPE2', 'medecin_specialiste'),
  (9502, 'W-GP3', 'medecin_generaliste'), (9502, 'W-GP1', 'medecin_generaliste');
-- Refused: an MSP of one GP and a nurse (23514 naming the structure and the reason) ...
INSERT INTO exco.structure (id, name, kind, commune) VALUES (9503, 'MSP Bad-W', 'msp', 'W1001');
INSERT INTO exco.structure_member VALUES (9503, 'W-GP4', 'medecin_generaliste'), (9503, 'W-IDE2', 'infirmier');
-- ... but members added one by one in one transaction are checked once they are all in.
BEGIN;
INSERT INTO exco.structure_member VALUES (9503, 'W-GP4', 'medecin_generaliste');
INSERT INTO exco.structure_member VALUES (9503, 'W-GP5', 'medecin_generaliste');
INSERT INTO exco.structure_member VALUES (9503, 'W-IDE2', 'infirmier');
COMMIT;
-- Removing the nurse, or making the MSP an ESS, would leave an invalid structure: refused.
DELETE FROM exco.structure_member WHERE structure = 9503 AND professional = 'W-IDE2';
UPDATE exco.structure SET kind = 'ess' WHERE id = 9503;
-- Deleting the whole structure (its members cascade) is fine.
DELETE FROM exco.structure WHERE id = 9503;
SELECT s.name, s.kind, array_agg(m.profession ORDER BY m.professional) AS members,
       exco.structure_valid(s.kind, array_agg(m.profession)) AS valid
  FROM exco.structure s JOIN exco.structure_member m ON m.structure = s.id
 WHERE s.id >= 9500 GROUP BY s.id ORDER BY s.id;

-- Medical-assistant contracts: A1 1/2 time signed 400 days ago (contract year 2: 13 500), A2 1/3
-- time signed 30 days ago (year 1: 12 000), A3 ended 10 days ago (not counted).
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, ends_on, sector, coordinated, mt_patients, file_active) VALUES
  (9601, 'W-GP1', 'W1001', '1/2', current_date - 400, NULL, '1', true, 900, 1600),
  (9602, 'W-GP3', 'W2001', '1/3', current_date - 30, NULL, '2-optam', true, 1200, NULL),
  (9603, 'W-GP2', 'W1001', '1/3', current_date - 1000, current_date - 10, '1', true, 700, NULL);
-- Refused: sector 2 without OPTAM and too few patients (23514 listing both); full time outside
-- an under-served zone; a contract signed before the first aid amounts (22023).
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, sector, coordinated, mt_patients)
VALUES (9604, 'W-GP9', 'W1001', '1/3', '2024-01-15', '2', true, 500);
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, sector, coordinated, mt_patients)
VALUES (9604, 'W-GP9', 'W1001', 'full', '2024-01-15', '1', true, 900);
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, sector, coordinated, mt_patients)
VALUES (9604, 'W-GP9', 'W1001', '1/3', '2019-01-01', '1', true, 900);
-- The commitments of the contracts: A1 900 MT patients, 1/2 time, band 872-1107 +20 %: 1080;
-- file active 1600, band 1521-1854 +20 %: 1920. A2 1200, 1/3 time, band 1107-1502 +7.5 %: 1290.
SELECT id, share, mt_patients, exco.assistant_target(share, mt_patients, newly_installed OR over_20pct_under_16) AS mt_target,
       file_active, exco.assistant_target_file_active(share, file_active, newly_installed OR over_20pct_under_16) AS fa_target
  FROM exco.assistant_contract WHERE id IN (9601, 9602) ORDER BY id;

-- ETP: P1 (MSP, W1) built last year with 2 professionals trained, 50 patients last year with 4
-- sessions each: 50 x 250 + 1 000 + 2 x 1 000 = 15 500.00. P2 (ESS, W2) built in 2015, 30
-- patients last year: below the minimum of 50, pays 0 and is counted apart. P1's 2015 patients
-- are not last year's.
INSERT INTO exco.etp_programme (id, name, structure, coordinator, members, built_in, professionals_trained) VALUES
  (9701, 'Diabète W', 9501, 'medecin_generaliste', '{medecin_generaliste,infirmier}', extract(year FROM current_date)::integer - 1, 2),
  (9702, 'BPCO W', 9502, 'medecin_specialiste', '{medecin_specialiste,masseur_kinesitherapeute}', 2015, 0);
INSERT INTO exco.etp_patient (programme, year, patient, sessions)
SELECT 9701, extract(year FROM current_date)::integer - 1, 'p' || i, 4 FROM generate_series(1, 50) AS i
UNION ALL SELECT 9701, 2015, 'p' || i, 6 FROM generate_series(1, 80) AS i
UNION ALL SELECT 9702, extract(year FROM current_date)::integer - 1, 'q' || i, 5 FROM generate_series(1, 30) AS i;
-- Refused: a programme delivered by one profession; a negative number of sessions.
INSERT INTO exco.etp_programme (id, name, structure, coordinator, members, built_in) VALUES
  (9703, 'Asthme W', 9501, 'medecin_generaliste', '{infirmier,infirmier}', 2024);
INSERT INTO exco.etp_patient VALUES (9701, 2015, 'bad', -1, false);

-- CPTS contracts running today: C1 (W1, 30 000 inhabitants: tier 1, scale aci-cpts-2019,
-- acces_soins + parcours + prevention): 50 000 + 40 000 + 50 000 + 20 000 = 160 000.00. C2 (W2,
-- 100 000: tier 3, scale aci-cpts-2022, which does not give fonctionnement): unknown.
INSERT INTO exco.cpts (id, name, seat) VALUES (9801, 'CPTS Arles-W', 'W1001'), (9802, 'CPTS Blois-W', 'W2001');
INSERT INTO exco.cpts_commune VALUES (9801, 'W1001'), (9802, 'W2001');
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, scale, missions) VALUES
  (9811, 9801, current_date - 100, 'W', 'W1', 'aci-cpts-2019', '{acces_soins,parcours,prevention}'),
  (9812, 9802, current_date - 100, 'W', 'W2', 'aci-cpts-2022', '{acces_soins,parcours,prevention,crises_sanitaires}');

-- The view. Region W: CPTS 160 000.00 known, 1 unknown -> total NULL; assistants 13 500 + 12 000
-- = 25 500.00; ETP 15 500.00 + 0 (1 programme below the minimum); GPs of the structures: GP1
-- (msp + ess: 0), GP2 (msp: 0), GP3 (ess only: 2 800 + 6 895 = 9 695.00), GP1 counted in W1 (its
-- first structure, the MSP).
\x on
SELECT region, region_name, departement, departement_name,
       cpts_contracts_running, cpts_ceiling_this_year, cpts_ceiling_this_year_known, cpts_ceiling_unknown,
       assistant_contracts_running, assistant_aid_this_contract_year, assistant_aid_this_contract_year_known, assistant_aid_unknown,
       etp_year = extract(year FROM current_date)::integer - 1 AS etp_year_is_last_year,
       etp_programmes, etp_programmes_below_minimum, etp_pay, etp_pay_known, etp_pay_unknown,
       forfait_year = extract(year FROM current_date)::integer AS forfait_year_is_this_year,
       gps_in_structures, gps_at_risk, forfait_structure_at_risk, forfait_structure_at_risk_known, forfait_structure_unknown
  FROM exco.territory_money WHERE region = 'W' ORDER BY departement NULLS FIRST;
\x off
-- The same on another date: in 400 days, A1 is in its contract year 3 (10 500, a ceiling) and A2
-- in year 2 (9 000): 19 500.00; the CPTS contracts (5 years) still run. On 2015-06-30 nothing ran:
-- the CPTS and assistant columns are 0 and no ETP patient is of 2014, but the GPs' structures are
-- still counted (structures carry no dates) and in 2015 the forfait amounts are unknown.
SELECT departement, cpts_contracts_running, assistant_contracts_running, assistant_aid_this_contract_year,
       etp_year = extract(year FROM current_date + 400)::integer - 1 AS etp_year_moved
  FROM exco.territory_money_at(current_date + 400) WHERE region = 'W' ORDER BY departement NULLS FIRST;
SELECT departement, cpts_contracts_running, cpts_ceiling_this_year, assistant_contracts_running,
       assistant_aid_this_contract_year, etp_programmes, gps_in_structures, forfait_structure_at_risk,
       forfait_structure_unknown
  FROM exco.territory_money_at('2015-06-30') WHERE region = 'W' ORDER BY departement NULLS FIRST;
-- At an infinite date (review finding: extract(year FROM infinity) failed with 0A000 "cannot
-- convert infinity to integer"): no calendar year, so etp_year and forfait_year are NULL and no ETP
-- row counts. On infinity: no CPTS contract runs (their ends_on is finite); A1 and A2 have no end,
-- so they run, but in an unknown contract year: aid NULL, known 0, 2 unknown (1 in W1, 1 in W2);
-- the forfait amounts in force are the latest, as today: GP3 9 695.00 in W2. On -infinity nothing
-- runs and no forfait amount is in force: at risk NULL, 3 GPs unknown (GP1, GP2 in W1; GP3 in W2).
SELECT as_of, departement, cpts_contracts_running, assistant_contracts_running,
       assistant_aid_this_contract_year, assistant_aid_this_contract_year_known, assistant_aid_unknown,
       etp_year, etp_programmes, forfait_year, forfait_structure_at_risk, forfait_structure_unknown
  FROM unnest('{infinity,-infinity}'::date[]) AS as_of, exco.territory_money_at(as_of)
 WHERE region = 'W' ORDER BY as_of DESC, departement NULLS FIRST;
-- A contract's status is today's: 'ended' (its 5 years are over) does not stop it from having run
-- on the dates before its ends_on (review finding: territory_money_at counted only 'signed'
-- contracts, so on a past date every contract ended since was missing). C1 marked 'ended' still
-- counts: W 2 running, 160 000.00 known, 1 unknown; W1 1, 160 000.00; W2 1, 0.00 known, 1 unknown.
-- 'terminated' stops it: W1 0 running.
BEGIN;
ALTER TABLE exco.contract DISABLE TRIGGER validate_contract;  -- only the status is at stake here
UPDATE exco.contract SET status = 'ended' WHERE id = 9811;
SELECT departement, cpts_contracts_running, cpts_ceiling_this_year_known, cpts_ceiling_unknown
  FROM exco.territory_money WHERE region = 'W' ORDER BY departement NULLS FIRST;
UPDATE exco.contract SET status = 'terminated' WHERE id = 9811;
SELECT departement, cpts_contracts_running, cpts_ceiling_this_year_known, cpts_ceiling_unknown
  FROM exco.territory_money WHERE region = 'W' ORDER BY departement NULLS FIRST;
ROLLBACK;
-- Without forfait amounts in force, the at-risk total is unknown: NULL, known 0, 3 unknown.
BEGIN;
DELETE FROM exco.forfait_structure;
SELECT departement, forfait_structure_at_risk, forfait_structure_at_risk_known, forfait_structure_unknown
  FROM exco.territory_money WHERE region = 'W' ORDER BY departement NULLS FIRST;
ROLLBACK;
-- The view's assistant columns, read from the view, per département (doc/rules.md §7.2): W1 holds
-- A1, 1/2 time in its contract year 2: 13 500; W2 holds A2, 1/3 time in its year 1: 12 000; A3
-- (W1) ended 10 days ago and is not counted.
SELECT departement, assistant_contracts_running, assistant_aid_this_contract_year
  FROM exco.territory_money WHERE region = 'W' AND departement IS NOT NULL ORDER BY departement;

-- A hostile search_path (sql/include/evil_schema.sql: look-alike =, <>, sum, count, min,
-- string_agg before pg_catalog) changes nothing: the view, the C functions reading the dated
-- tables, exco.startup_aid and the checks of the tables answer as under the normal path.
CREATE TEMP TABLE tm_normal AS SELECT * FROM exco.territory_money WHERE region = 'W';
-- (the include's own text and output are not shown: they belong to sql/search_path.sql)
\set ECHO none
\o /dev/null
\i sql/include/evil_schema.sql
\o
\set ECHO all
SET search_path = evil, pg_catalog, exco;
SELECT NOT EXISTS (SELECT * FROM tm_normal EXCEPT SELECT * FROM exco.territory_money WHERE region OPERATOR(pg_catalog.=) 'W')
   AND NOT EXISTS (SELECT * FROM exco.territory_money WHERE region OPERATOR(pg_catalog.=) 'W' EXCEPT SELECT * FROM tm_normal)
       AS same_view,
       exco.forfait_structure_at_risk('{ess}', '2026-06-30') AS at_risk,
       exco.assistant_aid('1/2', 2, '2024-03-01') AS aid,
       (SELECT pg_catalog.sum(amount_max) FROM exco.startup_aid('2')) AS startup_national,
       (SELECT pg_catalog.sum(amount_max) FROM exco.startup_aid('2', '27')) AS startup_27;
INSERT INTO exco.structure (id, name, kind, commune) VALUES (9504, 'ESP Evil-W', 'esp', 'W1001');
INSERT INTO exco.structure_member VALUES (9504, 'W-IDE7', 'infirmier'), (9504, 'W-PHA7', 'pharmacien');
INSERT INTO exco.structure_member VALUES (9504, 'W-GP7', 'medecin_generaliste'), (9504, 'W-IDE7', 'infirmier');
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, sector, coordinated, mt_patients)
VALUES (9605, 'W-GP7', 'W1001', '1/3', '2024-01-15', '2', true, 900);
RESET search_path;
\set ECHO none
\o /dev/null
\i sql/include/evil_schema_drop.sql
\o
\set ECHO all
SET search_path = public;
SELECT s.name, array_agg(m.profession ORDER BY m.professional) AS members
  FROM exco.structure s JOIN exco.structure_member m ON m.structure = s.id WHERE s.id = 9504 GROUP BY s.name;
DELETE FROM exco.structure WHERE id = 9504;

-- Clean up: nothing of this suite stays for the next ones.
DELETE FROM exco.contract WHERE id IN (9811, 9812);
DELETE FROM exco.cpts WHERE id IN (9801, 9802);
DELETE FROM exco.etp_programme WHERE id IN (9701, 9702);
DELETE FROM exco.assistant_contract WHERE id IN (9601, 9602, 9603);
DELETE FROM exco.structure WHERE id IN (9501, 9502);
DELETE FROM exco.commune WHERE region = 'W';
DELETE FROM exco.departement WHERE region = 'W';
DELETE FROM exco.region WHERE code = 'W';
