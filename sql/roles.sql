-- Roles, grants and row-level security (doc/security.md, doc/security-example.sql).
-- pg_regress runs as a superuser: each role is tried with SET ROLE. Errors show their SQLSTATE.
-- 1. A role with only USAGE on schema exco uses the functions that read the scales (granted to
--    PUBLIC by the install script: the scales are public law), and nothing else.
-- 2. doc/security-example.sql as it is: the data-entry role enters a contract, a mission, an
--    indicator and a measure (the validation triggers run as that role), and cannot touch the
--    territory or the scales; the dashboard role reads every view and writes nothing.
-- 3. An ARS analyst of region RA sees through every view only RA's rows, the same rows as the
--    superuser gets for RA.
-- Own objects: regions RA/RB, communes RA*/RB*, CPTS 7021-7023, contracts 7121-7125, roles
-- exco_dashboard, exco_entry, exco_ars_analyst and exco_test_*; all removed at the end.
\set VERBOSITY sqlstate
SET datestyle = ISO, YMD;

INSERT INTO exco.region VALUES ('RA', 'roles region A'), ('RB', 'roles region B');
INSERT INTO exco.departement VALUES ('RA1', 'roles dep A1', 'RA'), ('RB1', 'roles dep B1', 'RB');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('RA101', 'Ra-Un', 'RA1', 'RA', 30000), ('RA102', 'Ra-Deux', 'RA1', 'RA', 20000),
  ('RA103', 'Ra-Trois', 'RA1', 'RA', 10000), ('RB101', 'Rb-Un', 'RB1', 'RB', 90000);
-- 7021 (RA): 30 000 + 20 000 = 50 000, tier 2; 7023 (RA): 10 000, tier 1; 7022 (RB): 90 000,
-- tier 3 (doc/rules.md §2).
INSERT INTO exco.cpts (id, name, seat) VALUES (7021, 'RA Nord', 'RA101'), (7022, 'RB Nord', 'RB101'),
  (7023, 'RA Sud', 'RA103');
INSERT INTO exco.cpts_commune VALUES (7021, 'RA101'), (7021, 'RA102'), (7022, 'RB101'), (7023, 'RA103');
-- Signed 2019-09-01: aci-cpts-2019; all five contract years are over, so nothing below depends
-- on the day the suite runs.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions) VALUES
  (7121, 7021, '2019-09-01', 'RA', '{acces_soins,parcours,prevention}'),
  (7122, 7022, '2019-09-01', 'RB', '{acces_soins,parcours,prevention}');
-- And one running contract per region, signed 2024-01-15 (ends 2029-01-15) under the scale they
-- name, aci-cpts-2019 (doc/rules.md §8.1), without mission rows: each is its CPTS's running
-- contract on 2025-06-30, the date the summary's figures are read on below (the comparisons of
-- the analyst's and the superuser's rows read the views today: both sides on the same day).
INSERT INTO exco.contract (id, cpts, signed_on, region, scale, missions) VALUES
  (7124, 7021, '2024-01-15', 'RA', 'aci-cpts-2019', '{acces_soins,parcours,prevention}'),
  (7125, 7022, '2024-01-15', 'RB', 'aci-cpts-2019', '{acces_soins,parcours,prevention}');
INSERT INTO exco.contract_mission VALUES
  (7121, 'acces_soins', '2019-12-01', '2020-06-01'), (7121, 'parcours', '2020-05-01', NULL),
  (7122, 'acces_soins', '2019-10-01', NULL);
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount) VALUES
  (7221, 7121, 'parcours', 'P1', 'roles parcours', 'continuous', 0, 100, 10000),
  (7222, 7122, 'acces_soins', 'A1', 'roles acces', 'continuous', 0, 10, 20000);
INSERT INTO exco.measure VALUES (7221, 1, 50), (7221, 2, 100), (7222, 1, 10);

-- ===== 1. USAGE on schema exco only =====
CREATE ROLE exco_test_plain NOLOGIN;
GRANT USAGE ON SCHEMA exco TO exco_test_plain;
SET ROLE exco_test_plain;
-- parcours tier 2 (2019): 35 000 + 35 000 = 70 000; contract ceiling tier 2 with acces_soins,
-- parcours, prevention: 60 000 + 47 000 + 70 000 + 30 000 = 207 000 (doc/rules.md §8.1);
-- payment schedule: 5 years × (advance, balance, variable) = 15 rows; scale_sheet: 12 line/share
-- rows of aci-cpts-2019 + 12 of aci-cpts-2022.
SELECT exco.scale_on('2021-01-01') AS scale_on,
       (exco.ceiling('parcours', '2', '2021-01-01')).total AS parcours_t2,
       exco.scale_ceiling('parcours', '3', 'aci-cpts-2022') AS parcours_t3_2022,
       exco.contract_ceiling('2', '2021-01-01', '{acces_soins,parcours,prevention}') AS contract_ceiling,
       (SELECT count(*) FROM exco.payment_schedule('2020-01-15', '2', 'parcours', '2020-03-01')) AS schedule_rows,
       (SELECT count(*) FROM exco.scale_sheet WHERE scale LIKE 'aci-cpts-20%') AS scale_sheet_rows;
-- The contracts are not public: 42501.
SELECT count(*) FROM exco.contract;
SELECT count(*) FROM exco.contract_overview;
-- Nor is writing a scale.
INSERT INTO exco.scale VALUES ('roles-2031', '2031-01-01', false, NULL);
RESET ROLE;

-- ===== 2. The documented roles =====
\i doc/security-example.sql
CREATE ROLE exco_test_dash NOLOGIN IN ROLE exco_dashboard;
CREATE ROLE exco_test_entry NOLOGIN IN ROLE exco_entry;
CREATE ROLE exco_test_ars_ra NOLOGIN IN ROLE exco_ars_analyst;
INSERT INTO public.exco_analyst_region VALUES ('exco_test_ars_ra', 'RA');

-- Data entry. 7023 = 10 000 inhabitants: tier 1; signed 2019-10-01: ends 2024-10-01, scale
-- aci-cpts-2019, CPAM RA1 (filled by the trigger, which reads the territory as this role).
SET ROLE exco_test_entry;
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (7123, 7023, '2019-10-01', 'RA', '{acces_soins,parcours,prevention}')
RETURNING id, population, tier, cpam_departement, ends_on, scale;
INSERT INTO exco.contract_mission VALUES (7123, 'acces_soins', '2020-01-01', NULL) RETURNING contract, mission;
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount)
VALUES (7223, 7123, 'acces_soins', 'A1', 'roles acces 2', 'continuous', 0, 100, 4000) RETURNING id;
INSERT INTO exco.measure VALUES (7223, 1, 20) RETURNING indicator, contract_year, value;
UPDATE exco.measure SET value = 25 WHERE indicator = 7223 AND contract_year = 1 RETURNING value;
-- Still validated: a mission started before the signature (23514).
INSERT INTO exco.contract_mission VALUES (7123, 'parcours', '2019-09-01', NULL);
-- The territory and the scales are not the data-entry role's: 42501 each.
INSERT INTO exco.cpts_commune VALUES (7023, 'RA102');
UPDATE exco.scale_amount SET amount = 1 WHERE scale = 'aci-cpts-2019';
INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_1)
VALUES ('roles-2031', '2031-01-01', 'parcours', 'fixed', 1);
RESET ROLE;

-- Dashboard: every view, both regions; no write (42501).
SET ROLE exco_test_dash;
SELECT contract, region, population, tier, yearly_ceiling, overdue_missions, late_missions
FROM exco.contract_overview WHERE contract BETWEEN 7121 AND 7125 ORDER BY contract;
DELETE FROM exco.measure WHERE indicator = 7223;
RESET ROLE;

-- ===== 3. The ARS analyst of region RA =====
-- Every row of every view, as the analyst, then as the superuser restricted to RA. In
-- exco.regional_summary the rows of region RA are compared; the analyst's other rows are shown
-- below.
SET ROLE exco_test_ars_ra;
CREATE TEMP TABLE roles_analyst AS
SELECT 'indicator_result' AS v, x::text AS r FROM exco.indicator_result x
UNION ALL SELECT 'mission_variable', x::text FROM exco.mission_variable x
UNION ALL SELECT 'mission_status', x::text FROM exco.mission_status x
UNION ALL SELECT 'contract_overview', x::text FROM exco.contract_overview x
UNION ALL SELECT 'payments', x::text FROM exco.payments x
UNION ALL SELECT 'regional_summary', x::text FROM exco.regional_summary x WHERE x.region = 'RA'
UNION ALL SELECT 'scale_sheet', x::text FROM exco.scale_sheet x;
-- What the analyst reads in the tables: RA's contracts, their missions, indicators and
-- measures; RB's contracts 7122 and 7125 are not there. Writing: 42501.
SELECT (SELECT array_agg(id ORDER BY id) FROM exco.contract) AS contracts,
       (SELECT array_agg(id ORDER BY id) FROM exco.cpts) AS cpts,
       (SELECT count(*) FROM exco.contract_mission) AS missions,
       (SELECT array_agg(id ORDER BY id) FROM exco.indicator) AS indicators,
       (SELECT count(*) FROM exco.measure) AS measures;
INSERT INTO exco.measure VALUES (7221, 3, 1);
-- Hand-checked (doc/rules.md §2, §3, §8.1):
-- 7121: tier 2, ceiling 207 000 (above); acces_soins started 2019-12-01, deployed 2020-06-01
--   (start by 2020-03-01, deploy by 2020-09-01): on time; parcours started 2020-05-01 (by
--   2020-09-01), not deployed by 2021-09-01: deploy_overdue; 1 overdue, 0 late (prevention has no row).
-- 7123: tier 1: fonctionnement 50 000 + acces_soins 15 000 + 25 000 + parcours 25 000 + 25 000
--   + prevention 10 000 + 10 000 = 160 000; acces_soins started 2020-01-01, not deployed by
--   2020-10-01 (signature + 12 months): deploy_overdue, 1 overdue, 0 late.
-- 7124: CPTS 7021, tier 2, 207 000, no mission row: 0 overdue, 0 late.
SELECT contract, region, population, tier, yearly_ceiling, overdue_missions, late_missions
FROM exco.contract_overview ORDER BY contract;
-- The summary as the analyst, on a fixed date (2025-06-30: the figures below do not change with
-- the day the suite runs; exco.regional_summary_at runs as the caller, under the same row-level
-- security as the view, whose rows are compared below): region RA and its département RA1: 2
-- CPTS (7023 tier 1, 7021 tier 2), 1 running contract (7124, signed 2024-01-15: 7121 and 7123
-- ended in 2024), 207 000. Region RB and RB1: the analyst sees no CPTS and no contract there
-- (only the public population); France sums what the analyst sees: RA's figures.
SELECT level, region, area_departement, cpts, tier_1, tier_2, tier_3, contracts, yearly_ceiling, overdue_missions, late_missions
FROM exco.regional_summary_at('2025-06-30') WHERE region IN ('RA', 'RB') OR level = 'france'
ORDER BY level, region, area_departement;
RESET ROLE;
-- The superuser sees region RB's CPTS 7022 (tier 3) and its running contract 7125: 75 000 +
-- 25 000 + 40 000 + 45 000 + 45 000 + 17 500 + 17 500 = 265 000 (on 2025-06-30, as above).
SELECT level, region, area_departement, cpts, tier_1, tier_2, tier_3, contracts, yearly_ceiling, overdue_missions, late_missions
FROM exco.regional_summary_at('2025-06-30') WHERE region IN ('RA', 'RB') ORDER BY level, region, area_departement;
CREATE TEMP TABLE roles_superuser AS
SELECT 'indicator_result' AS v, x::text AS r FROM exco.indicator_result x
  WHERE x.contract IN (SELECT id FROM exco.contract WHERE region = 'RA')
UNION ALL SELECT 'mission_variable', x::text FROM exco.mission_variable x
  WHERE x.contract IN (SELECT id FROM exco.contract WHERE region = 'RA')
UNION ALL SELECT 'mission_status', x::text FROM exco.mission_status x
  WHERE x.contract IN (SELECT id FROM exco.contract WHERE region = 'RA')
UNION ALL SELECT 'contract_overview', x::text FROM exco.contract_overview x WHERE x.region = 'RA'
UNION ALL SELECT 'payments', x::text FROM exco.payments x
  WHERE x.contract IN (SELECT id FROM exco.contract WHERE region = 'RA')
UNION ALL SELECT 'regional_summary', x::text FROM exco.regional_summary x WHERE x.region = 'RA'
UNION ALL SELECT 'scale_sheet', x::text FROM exco.scale_sheet x;
-- Rows per view, as the analyst and as the superuser for RA (this suite's and the shipped
-- scales' rows); then the rows only one side has, over every row: none.
SELECT v, count(*) FILTER (WHERE side = 'analyst') AS analyst, count(*) FILTER (WHERE side = 'superuser') AS superuser
FROM (SELECT 'analyst' AS side, * FROM roles_analyst UNION ALL SELECT 'superuser', * FROM roles_superuser) a
WHERE v <> 'scale_sheet' OR r LIKE '(aci-cpts-20%'
GROUP BY v ORDER BY v;
(SELECT 'only analyst' AS side, * FROM roles_analyst EXCEPT ALL SELECT 'only analyst', * FROM roles_superuser)
UNION ALL
(SELECT 'only superuser', * FROM roles_superuser EXCEPT ALL SELECT 'only superuser', * FROM roles_analyst);

-- ===== Clean up =====
DROP TABLE roles_analyst, roles_superuser;
DROP POLICY exco_own_region ON exco.cpts;
DROP POLICY exco_own_region ON exco.contract;
DROP POLICY exco_own_region ON exco.contract_mission;
DROP POLICY exco_own_region ON exco.indicator;
DROP POLICY exco_own_region ON exco.measure;
DROP POLICY exco_all_rows ON exco.cpts;
DROP POLICY exco_all_rows ON exco.contract;
DROP POLICY exco_all_rows ON exco.contract_mission;
DROP POLICY exco_all_rows ON exco.indicator;
DROP POLICY exco_all_rows ON exco.measure;
ALTER TABLE exco.cpts DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.contract DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.contract_mission DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.indicator DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.measure DISABLE ROW LEVEL SECURITY;
DROP POLICY exco_own_region ON exco.structure;
DROP POLICY exco_own_region ON exco.structure_member;
DROP POLICY exco_own_region ON exco.assistant_contract;
DROP POLICY exco_own_region ON exco.etp_programme;
DROP POLICY exco_own_region ON exco.etp_patient;
DROP POLICY exco_all_rows ON exco.structure;
DROP POLICY exco_all_rows ON exco.structure_member;
DROP POLICY exco_all_rows ON exco.assistant_contract;
DROP POLICY exco_all_rows ON exco.etp_programme;
DROP POLICY exco_all_rows ON exco.etp_patient;
ALTER TABLE exco.structure DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.structure_member DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.assistant_contract DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.etp_programme DISABLE ROW LEVEL SECURITY;
ALTER TABLE exco.etp_patient DISABLE ROW LEVEL SECURITY;
DROP TABLE public.exco_analyst_region;
DROP OWNED BY exco_test_plain, exco_test_dash, exco_test_entry, exco_test_ars_ra,
  exco_dashboard, exco_entry, exco_ars_analyst;
DROP ROLE exco_test_plain, exco_test_dash, exco_test_entry, exco_test_ars_ra,
  exco_dashboard, exco_entry, exco_ars_analyst;
DELETE FROM exco.contract WHERE id BETWEEN 7121 AND 7125;
DELETE FROM exco.cpts_commune WHERE cpts BETWEEN 7021 AND 7023;
DELETE FROM exco.cpts WHERE id BETWEEN 7021 AND 7023;
DELETE FROM exco.commune WHERE code LIKE 'R_10_';
DELETE FROM exco.departement WHERE code IN ('RA1', 'RB1');
DELETE FROM exco.region WHERE code IN ('RA', 'RB');
