-- A hostile search_path changes nothing (doc/security.md): a schema "evil" placed before
-- pg_catalog (search_path = evil, pg_catalog, exco) with an always-true "=", an always-false "<>"
-- and sum/count/min/string_agg look-alikes (sql/include/evil_schema.sql). Every exco view, the
-- SQL-callable functions and the scale loader give the same rows as under the normal
-- search_path. The C functions read the scales with qualified SPI (OPERATOR(pg_catalog.=)); the
-- SQL and PL/pgSQL bodies pin search_path = pg_catalog, exco; the views are bound when created.
--
-- The write path (the three validation triggers on exco.contract, exco.contract_mission and
-- exco.cpts_commune, which prepare their SPI plans in C on first use in a backend) is covered by
-- sql/search_path_triggers.sql.
--
-- Own objects: region SP, départements SP1/SP2, communes SP*, CPTS 7001-7002, contracts 7101-7102,
-- indicators 7201-7203, scales sp-*, tables public.sp_*, role exco_evil; all removed at the end.
\set VERBOSITY sqlstate
SET datestyle = ISO, YMD;

INSERT INTO exco.region VALUES ('SP', 'search_path region');
INSERT INTO exco.departement VALUES ('SP1', 'search_path dep 1', 'SP'), ('SP2', 'search_path dep 2', 'SP');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('SP101', 'Sp-Un', 'SP1', 'SP', 30000), ('SP102', 'Sp-Deux', 'SP1', 'SP', 15000),
  ('SP201', 'Sp-Trois', 'SP2', 'SP', 90000);
-- 7001: 30 000 + 15 000 = 45 000 -> tier 2 (doc/rules.md §2); 7002: 90 000 -> tier 3.
INSERT INTO exco.cpts (id, name, seat) VALUES (7001, 'SP Nord', 'SP101'), (7002, 'SP Sud', 'SP201');
INSERT INTO exco.cpts_commune VALUES (7001, 'SP101'), (7001, 'SP102'), (7002, 'SP201');
INSERT INTO exco.contract (id, cpts, signed_on, region, missions) VALUES
  (7101, 7001, '2020-01-15', 'SP', '{acces_soins,parcours,prevention}'),
  (7102, 7002, '2022-06-01', 'SP', '{acces_soins,parcours,prevention,crises_sanitaires}');
INSERT INTO exco.contract_mission VALUES
  (7101, 'acces_soins', '2020-03-01', '2021-01-01'), (7101, 'parcours', '2020-03-01', NULL),
  (7101, 'prevention', NULL, NULL), (7102, 'acces_soins', '2022-07-01', NULL);
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount)
VALUES (7201, 7101, 'parcours', 'P1', 'sp parcours 1', 'continuous', 0, 100, 10000),
       (7202, 7101, 'acces_soins', 'A1', 'sp acces 1', 'continuous', 10, 20, 20000);
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, thresholds, amounts)
VALUES (7203, 7102, 'acces_soins', 'A2', 'sp acces 2', 'stepped', '{10,20}', '{5000,12000}');
-- 7203 is measured in all 5 years, so its rows do not depend on the day the suite runs.
INSERT INTO exco.measure VALUES (7201, 1, 50), (7201, 2, 120), (7202, 1, 15),
  (7203, 1, 25), (7203, 2, 5), (7203, 3, 10), (7203, 4, 19), (7203, 5, 20);

\i sql/include/evil_schema.sql

-- Run 1: the normal search_path, in a fresh backend.
\c
SET datestyle = ISO, YMD;
\set VERBOSITY sqlstate
\set run sp_clean
SET search_path = exco, public;
\i sql/include/search_path_reads.sql
RESET search_path;
DELETE FROM exco.scale_amount WHERE scale LIKE 'sp-%';
DELETE FROM exco.scale WHERE scale LIKE 'sp-%';

-- Run 2: evil before pg_catalog, in a fresh backend: the same output as run 1.
\c
SET datestyle = ISO, YMD;
\set VERBOSITY sqlstate
\set run sp_evil
SET search_path = evil, pg_catalog, exco, public;
\i sql/include/search_path_reads.sql
RESET search_path;
DELETE FROM exco.scale_amount WHERE scale LIKE 'sp-%';
DELETE FROM exco.scale WHERE scale LIKE 'sp-%';

-- What the hostile run read (the same as the normal run, checked below), by hand:
-- ceiling parcours tier 2 under aci-cpts-2019: 35 000 fixed + 35 000 variable = 70 000;
-- contract_ceiling tier 2, 2019, {acces_soins, parcours, prevention}: fonctionnement 60 000 +
--   acces_soins 17 500 + 29 500 + parcours 70 000 + prevention 30 000 = 207 000 (doc/rules.md §8.1);
-- ceiling_gap: aci-cpts-2022 has no fonctionnement cell (doc/rules.md §8.2);
-- variable_due: least(40 000 earned, 35 000 parcours variable ceiling) = 35 000;
-- tier(45 000) = 2, tier 3 = [80 000, 175 001) (doc/rules.md §2);
-- deadline_status parcours signed 2020-01-15, started 2020-08-01 (start by 2021-01-15), not
--   deployed on 2021-08-01 (deploy by 2022-01-15): in_progress (doc/rules.md §3);
-- weighted_attainment (0.5 × 1 + 1 × 3) / 4 = 0.875 (doc/rules.md §4.5);
-- contract 7101: 45 000, tier 2, ends 2025-01-15 (exclusive), ceiling 207 000, parcours
--   deploy_overdue, prevention start_overdue, acces_soins deployed on time: 2 late;
-- (contract 7102 runs until 2027-06-01: its overview row, with running and contract_year of
-- today, is compared between the runs below but not printed.)
SELECT v, r FROM public.sp_evil
 WHERE v IN ('contract_overview', 'scale_on', 'ceiling', 'contract_ceiling', 'ceiling_gap',
             'variable_due', 'tier', 'deadline_status', 'weighted_attainment')
   AND (v <> 'contract_overview' OR r LIKE '(7101,%')
 ORDER BY v, r;

-- The two runs read the same rows, view by view: every count equal (counted: this suite's rows,
-- contracts 710x, region SP, the shipped scales; compared: every row), no row only in one run.
SELECT v, count(*) FILTER (WHERE run = 'clean') AS clean_rows,
       count(*) FILTER (WHERE run = 'evil') AS evil_rows
FROM (SELECT 'clean' AS run, * FROM public.sp_clean UNION ALL SELECT 'evil', * FROM public.sp_evil) a
WHERE r LIKE '(710_,%' OR r LIKE '(SP,%' OR r LIKE '(region,SP,%' OR r LIKE '(departement,SP,%'
   OR r LIKE '(aci-cpts-20%'
   OR v NOT IN ('indicator_result', 'mission_variable', 'mission_status', 'contract_overview',
                'payments', 'regional_summary', 'scale_sheet')
GROUP BY v ORDER BY v;
SELECT 'only clean' AS side, * FROM (SELECT * FROM public.sp_clean EXCEPT ALL SELECT * FROM public.sp_evil) d
UNION ALL
SELECT 'only evil', * FROM (SELECT * FROM public.sp_evil EXCEPT ALL SELECT * FROM public.sp_clean) d;

-- Clean up.
DROP TABLE public.sp_clean, public.sp_evil;
\i sql/include/evil_schema_drop.sql
DELETE FROM exco.contract WHERE id IN (7101, 7102);
DELETE FROM exco.cpts_commune WHERE cpts IN (7001, 7002);
DELETE FROM exco.cpts WHERE id IN (7001, 7002);
DELETE FROM exco.commune WHERE code LIKE 'SP%';
DELETE FROM exco.departement WHERE region = 'SP';
DELETE FROM exco.region WHERE code = 'SP';
