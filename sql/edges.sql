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

-- 5. Dates at the limits. A small territory in a transaction rolled back at the end: region EL,
-- one CPTS of 45 000 inhabitants (tier 2, doc/rules.md §2), one contract signed 2020-01-15 (ends
-- 2025-01-15, §5) with two missions started, one assistant contract without end (it runs on every
-- later date). Every report read on PostgreSQL's last date, 5874897-12-31 (beyond timestamp's
-- range, 294276-12-31), on infinity and on -infinity gives its answer: the contract has ended
-- (no running contract, no money of it that year), the assistant contract runs. By hand: the
-- ceiling is fonctionnement 60 000 + acces_soins 47 000 + parcours 70 000 + prevention 30 000 =
-- 207 000 (§8.1, tier 2), whatever the date; an ended contract's statuses are those of its last
-- running day, 2025-01-14 (acces_soins deployed 2021-01-01, before its deadline 2021-07-15:
-- deployed_on_time; parcours not deployed by 2022-01-15: deploy_overdue, §3); its payments are
-- those of 2030; the assistant (1/3 time, signed 2021-03-01) is in its year 3 or later: 7 000
-- (§7.2), and on infinity it has no contract year (unknown). On -infinity nothing is signed.
BEGIN;
SET LOCAL datestyle = ISO, YMD;
INSERT INTO exco.region VALUES ('EL', 'Région limites');
INSERT INTO exco.departement VALUES ('EL1', 'Limites-Un', 'EL');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('EL001', 'Bornes', 'EL1', 'EL', 45000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9851, 'CPTS Bornes', 'EL001');
INSERT INTO exco.cpts_commune VALUES (9851, 'EL001');
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9861, 9851, '2020-01-15', 'EL', 'EL1', '{acces_soins,parcours,prevention}');
INSERT INTO exco.contract_mission VALUES (9861, 'acces_soins', '2020-03-01', '2021-01-01'),
                                         (9861, 'parcours', '2020-06-01', NULL);
INSERT INTO exco.assistant_contract (id, gp, commune, share, signed_on, sector, coordinated, mt_patients)
VALUES (9871, 'EL-GP1', 'EL001', '1/3', '2021-03-01', '1', true, 900);
SELECT d AS as_of,
       (SELECT format('%s %s', yearly_ceiling, coalesce(ceiling_gap, 'no gap')) FROM exco.contract_overview_at(d) WHERE contract = 9861) AS overview,
       (SELECT string_agg(mission || ' ' || coalesce(status::text, 'none') || ' on ' || coalesce(status_on::text, '-'), ', ' ORDER BY mission)
          FROM exco.mission_status_at(d) WHERE contract = 9861) AS statuses,
       (SELECT count(*) FROM (SELECT * FROM exco.payments_at(d) EXCEPT SELECT * FROM exco.payments_at('2030-01-01')) x
         WHERE x.contract = 9861) AS payments_not_as_in_2030,
       (SELECT contracts FROM exco.regional_summary_at(d, 'EL') WHERE level = 'region') AS running,
       (SELECT format('%s running, %s; assistants %s, %s', cpts_contracts_running, cpts_ceiling_this_year,
                      assistant_contracts_running, coalesce(assistant_aid_this_contract_year::text, 'unknown'))
          FROM exco.territory_money_at(d) WHERE region = 'EL' AND departement IS NULL AND d > '-infinity') AS money
FROM unnest('{2030-01-01,5874897-12-31,294277-01-01,infinity,-infinity}'::date[]) AS d;
-- A mission's dates are calendar days: infinity and -infinity refused (23514 naming the column and
-- the value; 0.2.0 accepted started_on = 'infinity', a mission started at no date).
SAVEPOINT s;
INSERT INTO exco.contract_mission VALUES (9861, 'prevention', 'infinity', NULL);
\echo :SQLSTATE
ROLLBACK TO s;
INSERT INTO exco.contract_mission VALUES (9861, 'prevention', '-infinity', NULL);
\echo :SQLSTATE
ROLLBACK TO s;
UPDATE exco.contract_mission SET deployed_on = 'infinity' WHERE contract = 9861 AND mission = 'parcours';
\echo :SQLSTATE
ROLLBACK TO s;
-- A contract is signed from 2019-08-25 (ACI-2019 in force, doc/rules.md §8.1) to 9999-12-31: the
-- day before and the day after are refused (23514, naming the date), the bounds accepted (the
-- last one under aci-cpts-2022, which makes crises_sanitaires socle, §8.2; it ends 10004-12-31).
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9862, 9851, '2019-08-24', 'EL', 'EL1', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
ROLLBACK TO s;
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9863, 9851, '10000-01-01', 'EL', 'EL1', '{acces_soins,parcours,prevention,crises_sanitaires}');
\echo :SQLSTATE
ROLLBACK TO s;
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9864, 9851, '4713-01-01 BC', 'EL', 'EL1', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
ROLLBACK TO s;
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions, status)
VALUES (9865, 9851, '2019-08-25', 'EL', 'EL1', '{acces_soins,parcours,prevention}', 'terminated'),
       (9866, 9851, '9999-12-31', 'EL', 'EL1', '{acces_soins,parcours,prevention,crises_sanitaires}', 'signed')
RETURNING id, signed_on, ends_on, scale;
ROLLBACK;

-- 6. Weights and rates with many decimals (doc/rules.md §4.5: the weighted mean of the rates).
-- numeric rounds a product to 16383 decimals: 0.5 × 1e-16383 came back as 1e-16383 and the mean
-- of one rate 0.5 as 1. exco computes with at most 1000 decimals per rate or weight, exactly:
-- one rate 0.5 of weight 1e-1000 -> 0.5; rates 0.5 and 1 of weights 1e-1000 and 3e-1000 ->
-- (0.5 + 3) / 4 = 0.875. Beyond: 22023 naming the count and the limit (the aggregate and
-- exco.weighted_rate share the check).
SELECT exco.weighted_attainment(0.5, 1e-1000) AS one_rate,
       (SELECT exco.weighted_attainment(r, w) FROM (VALUES (0.5, 1e-1000), (1, 3e-1000)) v(r, w)) AS two_rates;
SELECT exco.weighted_attainment(0.5, 1e-16383);
\echo :SQLSTATE
SELECT exco.weighted_attainment(1e-1001, 1);
\echo :SQLSTATE
SELECT exco.weighted_rate(0.5, 1e-1001);
\echo :SQLSTATE

-- 7. A 0.1.0 row with a 2-D mission list (exco.contract's CHECK contract_missions_one_dimension
-- is NOT VALID after an update from 0.1.0, and the trigger did not exist then: here the CHECK is
-- dropped and the trigger skipped, in a transaction rolled back). Region EM, one CPTS of 45 000
-- inhabitants (tier 2), the contract signed 2021-06-01 under aci-cpts-2019 with {{acces_soins,parcours},{prevention,
-- qualite}}, running on 2025-06-30. Every report shows its ceiling as unknown, never the sum of the
-- flattened list (60 000 + 47 000 + 70 000 + 30 000 + 20 000 = 227 000, §8.1): overview NULL with
-- the gap naming the dimensions; territory_money 1 running, NULL, known part 0, 1 unknown;
-- regional_summary NULL, known 0, 1 contract with a gap (0.2.0: 185 000 with no gap, and
-- territory_money raised 2202E "cannot concatenate incompatible arrays").
BEGIN;
SET LOCAL datestyle = ISO, YMD;
INSERT INTO exco.region VALUES ('EM', 'Région matrices');
INSERT INTO exco.departement VALUES ('EM1', 'Matrices-Un', 'EM');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('EM001', 'Tableau', 'EM1', 'EM', 45000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9881, 'CPTS Tableau', 'EM001');
INSERT INTO exco.cpts_commune VALUES (9881, 'EM001');
ALTER TABLE exco.contract DROP CONSTRAINT contract_missions_one_dimension;
SET LOCAL session_replication_role = replica;
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, seat_departement,
                           territory_departements, scale, population, tier, missions)
VALUES (9882, 9881, '2021-06-01', '2026-06-01', 'EM', 'EM1', 'EM1', '{EM1}', 'aci-cpts-2019', 45000, '2',
        '{{acces_soins,parcours},{prevention,qualite}}');
SET LOCAL session_replication_role = origin;
SELECT contract, yearly_ceiling, ceiling_gap FROM exco.contract_overview_at('2025-06-30') WHERE contract = 9882;
SELECT departement, cpts_contracts_running, cpts_ceiling_this_year, cpts_ceiling_this_year_known, cpts_ceiling_unknown
  FROM exco.territory_money_at('2025-06-30') WHERE region = 'EM' ORDER BY departement NULLS FIRST;
SELECT level, contracts, yearly_ceiling, yearly_ceiling_known, contracts_with_gap
  FROM exco.regional_summary_at('2025-06-30', 'EM') ORDER BY level;
ROLLBACK;
