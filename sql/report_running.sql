-- One rule per question (issue 21): "the contract running on a date" has one definition,
-- exco.running_contract_at(as_of), used by regional_summary_at, territory_money_at and
-- cpts_overview_at: per CPTS, the contract running on the date, the renewal (latest signed) when
-- an old contract and its renewal overlap. territory_money_at has a row for every area. Every
-- figure is computed by hand from doc/rules.md (§2 tiers, §5 dates, §8.1 scale) in the comments.
\set VERBOSITY default
SET datestyle = ISO, YMD;
SET search_path = public, exco;

-- Region G1: départements G11 (two CPTS) and G12 (no CPTS); region G2: no département at all.
INSERT INTO exco.region VALUES ('G1', 'Région Renouvelée'), ('G2', 'Région Vide');
INSERT INTO exco.departement VALUES ('G11', 'Renouvelé-Onze', 'G1'), ('G12', 'Renouvelé-Douze', 'G1');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('G1101', 'Ancien-Neuf', 'G11', 'G1', 50000), ('G1102', 'Seul-Contrat', 'G11', 'G1', 60000),
  ('G1201', 'Sans-CPTS', 'G12', 'G1', 1000);
-- R: 50 000 inhabitants, S: 60 000: tier 2 both (§2: [40 000, 80 000)).
INSERT INTO exco.cpts (id, name, seat) VALUES (9851, 'CPTS R-Renouvelée', 'G1101'), (9852, 'CPTS S-Seule', 'G1102');
INSERT INTO exco.cpts_commune VALUES (9851, 'G1101'), (9852, 'G1102');
-- R's old contract 9861 (2019-09-01, ends 2024-09-01) and its renewal 9862 (2024-03-01, ends
-- 2029-03-01) both run on 2024-06-30. The renewal names the 2019 scale (a later scale is not
-- applied automatically, §8.3). S has one contract 9863 (2021-01-15).
-- Yearly ceilings, tier 2, aci-cpts-2019 (§8.1): fonctionnement 60 000, acces_soins 17 500 +
-- 29 500 = 47 000, parcours 70 000, prevention 30 000, qualite 20 000.
--   9861 {acces_soins,parcours,prevention,qualite}: 60 000 + 47 000 + 70 000 + 30 000 + 20 000 = 227 000
--   9862 {acces_soins,parcours,prevention}:         60 000 + 47 000 + 70 000 + 30 000 = 207 000
--   9863 {acces_soins,parcours,prevention,qualite}: 227 000
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions, scale) VALUES
  (9861, 9851, '2019-09-01', 'G1', 'G11', '{acces_soins,parcours,prevention,qualite}', NULL),
  (9862, 9851, '2024-03-01', 'G1', 'G11', '{acces_soins,parcours,prevention}', 'aci-cpts-2019'),
  (9863, 9852, '2021-01-15', 'G1', 'G11', '{acces_soins,parcours,prevention,qualite}', NULL);
SELECT id, cpts, tier, scale, signed_on, ends_on FROM exco.contract WHERE id BETWEEN 9861 AND 9863 ORDER BY id;

-- The rule: on 2024-06-30, R's renewal 9862 (not 9861) and S's 9863; on 2024-01-01, before the
-- renewal, R's old 9861; on 2024-09-01, 9861 has ended: 9862. A terminated contract never runs.
SELECT id, cpts FROM exco.running_contract_at('2024-06-30') WHERE cpts IN (9851, 9852) ORDER BY cpts;
SELECT id, cpts FROM exco.running_contract_at('2024-01-01') WHERE cpts IN (9851, 9852) ORDER BY cpts;
SELECT id, cpts FROM exco.running_contract_at('2024-09-01') WHERE cpts IN (9851, 9852) ORDER BY cpts;

-- Both reports on 2024-06-30, département G11: 2 contracts (9862 + 9863, the old 9861 not
-- counted), 207 000 + 227 000 = 434 000 (0.2.0: territory_money counted 3 contracts, 661 000).
SELECT 'regional_summary' AS report, contracts, yearly_ceiling
  FROM exco.regional_summary_at('2024-06-30', 'G1') WHERE area_departement = 'G11'
UNION ALL
SELECT 'territory_money', cpts_contracts_running, cpts_ceiling_this_year
  FROM exco.territory_money_at('2024-06-30') WHERE departement = 'G11';
-- And every area the same, département, region and France rows (France: the whole country's
-- other suites leave nothing behind; compared, not printed).
SELECT r.level, r.region, r.area_departement, r.contracts, t.cpts_contracts_running,
       r.yearly_ceiling, t.cpts_ceiling_this_year
  FROM exco.regional_summary_at('2024-06-30') r
  JOIN exco.territory_money_at('2024-06-30') t
    ON t.level = r.level AND t.region IS NOT DISTINCT FROM r.region AND t.departement IS NOT DISTINCT FROM r.area_departement
 WHERE r.region = 'G1' ORDER BY r.level, r.area_departement;
SELECT count(*) AS areas_that_differ
  FROM exco.regional_summary_at('2024-06-30') r
  JOIN exco.territory_money_at('2024-06-30') t
    ON t.level = r.level AND t.region IS NOT DISTINCT FROM r.region AND t.departement IS NOT DISTINCT FROM r.area_departement
 WHERE r.contracts <> t.cpts_contracts_running OR r.yearly_ceiling IS DISTINCT FROM t.cpts_ceiling_this_year
    OR r.yearly_ceiling_known <> t.cpts_ceiling_this_year_known;

-- territory_money has every area: G12 (nothing runs), G2 (a region without département) with
-- zeros, and one France row, whose sums are those of the regions and those of the départements.
SELECT level, region, region_name, departement, departement_name, cpts_contracts_running, cpts_ceiling_this_year,
       cpts_ceiling_this_year_known, cpts_ceiling_unknown, assistant_contracts_running,
       assistant_aid_this_contract_year, etp_programmes, etp_pay, gps_in_structures, forfait_structure_at_risk_known
  FROM exco.territory_money_at('2024-06-30') WHERE region IN ('G1', 'G2') ORDER BY level, region, departement;
WITH t AS (SELECT * FROM exco.territory_money_at('2024-06-30'))
SELECT (SELECT count(*) FROM exco.departement) = count(*) FILTER (WHERE level = 'departement') AS a_row_per_departement,
       (SELECT count(*) FROM exco.region) = count(*) FILTER (WHERE level = 'region') AS a_row_per_region,
       count(*) FILTER (WHERE level = 'france' AND region IS NULL AND departement IS NULL) = 1 AS one_france_row,
       sum(cpts_contracts_running) FILTER (WHERE level = 'france') = sum(cpts_contracts_running) FILTER (WHERE level = 'region')
         AND sum(cpts_contracts_running) FILTER (WHERE level = 'france') = sum(cpts_contracts_running) FILTER (WHERE level = 'departement')
         AS contracts_add_up,
       sum(cpts_ceiling_this_year_known) FILTER (WHERE level = 'france') = sum(cpts_ceiling_this_year_known) FILTER (WHERE level = 'region')
         AND sum(cpts_ceiling_this_year_known) FILTER (WHERE level = 'france') = sum(cpts_ceiling_this_year_known) FILTER (WHERE level = 'departement')
         AS ceilings_add_up
  FROM t;

-- Terminated, the renewal no longer runs: the old contract (still within its five years) is R's
-- running contract again, and both reports count it: 227 000 + 227 000 = 454 000.
UPDATE exco.contract SET status = 'terminated' WHERE id = 9862;
SELECT id, cpts FROM exco.running_contract_at('2024-06-30') WHERE cpts = 9851;
SELECT 'regional_summary' AS report, contracts, yearly_ceiling
  FROM exco.regional_summary_at('2024-06-30', 'G1') WHERE area_departement = 'G11'
UNION ALL
SELECT 'territory_money', cpts_contracts_running, cpts_ceiling_this_year
  FROM exco.territory_money_at('2024-06-30') WHERE departement = 'G11';

-- A NULL date is an error (22004), as in every report.
\set VERBOSITY sqlstate
SELECT * FROM exco.running_contract_at(NULL);
\set VERBOSITY default

-- The analyst's columns. level is the enum exco.area_level: a mistyped level is an error (22P02)
-- instead of a filter that keeps no row; the right label filters as before.
\set VERBOSITY sqlstate
SELECT count(*) FROM exco.regional_summary_at('2024-06-30', 'G1') WHERE level = 'department';
SELECT count(*) FROM exco.territory_money_at('2024-06-30') WHERE level = 'department';
\set VERBOSITY default
SELECT count(*) AS departement_rows FROM exco.regional_summary_at('2024-06-30', 'G1') WHERE level = 'departement';
SELECT enum_range(NULL::exco.area_level) AS labels;

-- mission_status has the contract's region and CPAM département: S's contract 9863 (signed
-- 2021-01-15): acces_soins started 2021-03-01 and deployed 2022-01-10, both before its deadlines
-- (start by 2021-07-15, deploy by 2022-07-15: deployed_on_time); parcours not started, start
-- deadline 2022-01-15 passed on 2024-06-30: start_overdue.
INSERT INTO exco.contract_mission VALUES (9863, 'acces_soins', '2021-03-01', '2022-01-10'), (9863, 'parcours', NULL, NULL);
SELECT contract, mission, region, cpam_departement, start_by, deploy_by, status, overdue
  FROM exco.mission_status_at('2024-06-30') WHERE region = 'G1' AND cpam_departement = 'G11' ORDER BY contract, mission;

-- indicator_result and mission_variable carry the contract's region and CPAM département too: one
-- continuous indicator on 9863's acces_soins (10 → 20, 1 000 €), year 1 (2021-01-15 to
-- 2022-01-15) measured 15: rate (15 - 10) / (20 - 10) = 0.5, earned 500 €; variable ceiling tier 2
-- (2019) 29 500: variable due 500.
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, weight, amount) VALUES
  (9871, 9863, 'acces_soins', 'G_IND', 'indicateur de test', 'continuous', 10, 20, 1, 1000);
INSERT INTO exco.measure VALUES (9871, 1, 15);
SELECT contract, code, contract_year, rate, earned, region, cpam_departement
  FROM exco.indicator_result_at('2024-06-30') WHERE region = 'G1' AND contract_year = 1;
SELECT contract, mission, contract_year, earned, variable_due, region, cpam_departement
  FROM exco.mission_variable_at('2024-06-30') WHERE cpam_departement = 'G11' AND contract_year = 1;

-- exco.cpts_overview_at: per CPTS, population of its territory, tier, next boundary (upper bound of
-- the tier's range, doc/rules.md §2: 40 000, 80 000, 175 001) and the distance to it, running
-- contract. Three more CPTS: U, 175 000 inhabitants (tier 3: 175 000 is still tier 3, 1 inhabitant
-- from tier 4); T, 200 000 (tier 4: no next boundary, NULL); V, no commune (0 inhabitants, tier 1,
-- 40 000 from tier 2), seated in G12. On 2024-06-30: R 50 000, tier 2, 80 000 - 50 000 = 30 000,
-- running the terminated renewal's predecessor 9861 (2019-09-01, ends 2024-09-01: the renewal 9862
-- is terminated above); S 60 000, tier 2, 20 000, contract 9863; U, T, V no contract.
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('G1103', 'Tout-Juste', 'G11', 'G1', 175000), ('G1104', 'Grande-Ville', 'G11', 'G1', 200000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9853, 'CPTS U-Limite', 'G1103'), (9854, 'CPTS T-Grande', 'G1104'),
  (9855, 'CPTS V-Vide', 'G1201');
INSERT INTO exco.cpts_commune VALUES (9853, 'G1103'), (9854, 'G1104');
SELECT cpts_id, cpts_name, seat, region, seat_departement, population, tier, next_tier_population, to_next_tier,
       contract, contract_signed_on, contract_ends_on
  FROM exco.cpts_overview_at('2024-06-30') WHERE region = 'G1' ORDER BY cpts_id;
-- The renewal running again (not terminated): R's contract is 9862 (2024-03-01, ends 2029-03-01),
-- as regional_summary and territory_money count it; on 2024-01-01, before it, 9861.
UPDATE exco.contract SET status = 'signed' WHERE id = 9862;
SELECT cpts_id, contract, contract_signed_on, contract_ends_on FROM exco.cpts_overview_at('2024-06-30') WHERE cpts_id = 9851
UNION ALL
SELECT cpts_id, contract, contract_signed_on, contract_ends_on FROM exco.cpts_overview_at('2024-01-01') WHERE cpts_id = 9851;
-- The view is the function at today's date.
SELECT count(*) AS differ FROM (SELECT * FROM exco.cpts_overview EXCEPT SELECT * FROM exco.cpts_overview_at(current_date)) x;
\set VERBOSITY sqlstate
SELECT * FROM exco.cpts_overview_at(NULL);
\set VERBOSITY default

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id BETWEEN 9861 AND 9863;
DELETE FROM exco.cpts WHERE id BETWEEN 9851 AND 9855;
DELETE FROM exco.commune WHERE code LIKE 'G1___';
DELETE FROM exco.departement WHERE code IN ('G11', 'G12');
DELETE FROM exco.region WHERE code IN ('G1', 'G2');
