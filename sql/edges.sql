-- Edge values that 0.1.0 (or the first 0.2.0 tables) accepted and that no report can use
-- (doc/scale.md, doc/schemes.md). Every statement that writes is refused or rolled back: the
-- suite leaves nothing behind (all suites share one database, and a scale would change which
-- scale is in force for the others).
SET search_path = public;
-- The loader's line numbers are not part of the behaviour.
\set SHOW_CONTEXT never

-- 1. A scale's effective_from is a finite date: 'infinity' would make a scale never in force,
-- '-infinity' one in force on every date before aci-cpts-2019 (2019-08-25). Refused by the
-- constraint scale_effective_from_finite (23514), directly and through the loader
-- exco.scale_sheet (which inserts the new scale into exco.scale), and on UPDATE.
INSERT INTO exco.scale (scale, effective_from, complete) VALUES ('edges_inf', 'infinity', false);
INSERT INTO exco.scale (scale, effective_from, complete) VALUES ('edges_inf', '-infinity', false);
INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_1)
VALUES ('edges_inf', '-infinity', 'parcours', 'fixed', 1000);
INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_1)
VALUES ('edges_inf', 'infinity', 'parcours', 'fixed', 1000);
UPDATE exco.scale SET effective_from = 'infinity' WHERE scale = 'aci-cpts-2022';
-- Nothing was written: still the two shipped scales only.
SELECT scale, effective_from FROM exco.scale WHERE scale IN ('aci-cpts-2019', 'aci-cpts-2022', 'edges_inf')
 ORDER BY effective_from;

-- 2. exco.etp_patient.year runs from 2008 (the ENMR experiments start on 1 January 2008) to 9999
-- (constraint etp_patient_year_range, 23514). One programme with two professions (valid), in a
-- transaction rolled back at the end; each refused row is undone to a savepoint.
BEGIN;
INSERT INTO exco.region VALUES ('EDG', 'Région edges-test');
INSERT INTO exco.departement VALUES ('ED1', 'Edges-Un', 'EDG');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('ED001', 'Edgeville', 'ED1', 'EDG', 10000);
INSERT INTO exco.structure (id, name, kind, commune) VALUES (9801, 'MSP Edgeville', 'msp', 'ED001');
INSERT INTO exco.etp_programme (id, name, structure, coordinator, members, built_in) VALUES
  (9801, 'Diabète edges', 9801, 'medecin_generaliste', '{medecin_generaliste,infirmier}', 2010);
-- The bounds themselves are accepted.
INSERT INTO exco.etp_patient (programme, year, patient, sessions) VALUES
  (9801, 2008, 'first', 4), (9801, 9999, 'last', 4);
SAVEPOINT s;
INSERT INTO exco.etp_patient (programme, year, patient, sessions) VALUES (9801, -5, 'neg', 4);
ROLLBACK TO s;
INSERT INTO exco.etp_patient (programme, year, patient, sessions) VALUES (9801, 2147483647, 'max', 4);
ROLLBACK TO s;
INSERT INTO exco.etp_patient (programme, year, patient, sessions) VALUES (9801, 2007, 'before', 4);
ROLLBACK TO s;
INSERT INTO exco.etp_patient (programme, year, patient, sessions) VALUES (9801, 10000, 'after', 4);
ROLLBACK TO s;
UPDATE exco.etp_patient SET year = 0 WHERE programme = 9801 AND patient = 'first';
ROLLBACK TO s;
SELECT year, patient FROM exco.etp_patient WHERE programme = 9801 ORDER BY year;
ROLLBACK;

-- 3. A new scale loaded through exco.scale_sheet on the day another scale starts: exco's own
-- 23505 naming both scales and the date (core's would only name the key), with a hint.
-- aci-cpts-2019 starts on 2019-08-25, aci-cpts-2022 on 2022-04-01 (doc/rules.md §8.1, §8.2).
INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_1)
VALUES ('edges_same_day', '2019-08-25', 'parcours', 'fixed', 20000);
INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_1)
VALUES ('edges_same_day', '2022-04-01', 'parcours', 'fixed', 20000);
SELECT count(*) AS edges_scales FROM exco.scale WHERE scale LIKE 'edges%';

-- 4. A mission list with more than one dimension is never flattened and summed (doc/rules.md
-- §8.1 gives the lines; the list itself is one-dimensional). With aci-cpts-2019, tier 2:
-- fonctionnement 60 000 + parcours 70 000 + prevention 30 000 = 160 000 for the list
-- {parcours,prevention}; the same missions as {{parcours},{prevention}} (2 x 1) are unknown:
-- contract_ceiling_or_null is NULL and contract_ceiling_gap says why, naming the dimensions.
SELECT exco.contract_ceiling_or_null('2', 'aci-cpts-2019', '{parcours,prevention}') AS list,
       exco.contract_ceiling_or_null('2', 'aci-cpts-2019', '{{parcours},{prevention}}') AS two_d,
       exco.contract_ceiling_gap('2', 'aci-cpts-2019', '{{parcours},{prevention}}') AS gap;
-- Three dimensions, and lower bounds other than 1 (named as array_dims writes them).
SELECT exco.contract_ceiling_or_null('2', 'aci-cpts-2019', '{{{parcours}}}') AS three_d,
       exco.contract_ceiling_gap('2', 'aci-cpts-2019', '{{{parcours}}}') AS three_d_gap,
       exco.contract_ceiling_gap('2', 'aci-cpts-2019', '[0:1][5:5]={{parcours},{prevention}}') AS bounds;
-- A direct call raises 22023 with the dimensions and the hint (exco.contract_ceiling, the one
-- check every C function taking a mission list shares).
SELECT exco.contract_ceiling('2', '2020-01-01', '{{parcours},{prevention}}');
\echo :SQLSTATE
