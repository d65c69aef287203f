-- Contract validation triggers: exco.validate_contract(), exco.validate_contract_mission(),
-- exco.validate_cpts_commune() (doc/rules.md §2, §3, §5; doc/rules.md §8; doc/contract.md).
-- Every error is shown with its message, detail and hint, then its SQLSTATE (\echo :SQLSTATE).
-- Own objects: region ZR, départements Z1/Z2, communes Z*, CPTS and contracts with ids 9xxx,
-- tables contract_trigger_*; all removed at the end. The two scale rows below are the ones the
-- extension ships (doc/rules.md §8); ON CONFLICT DO NOTHING keeps the shipped ones when present.
\set VERBOSITY default
SET datestyle = 'ISO, YMD';

INSERT INTO exco.scale (scale, effective_from, complete, source) VALUES
  ('aci-cpts-2019', '2019-08-25', true, 'JO 2019-08-24'),
  ('aci-cpts-2022', '2022-04-01', false, 'avenant 2')
ON CONFLICT DO NOTHING;
-- Amendment 2 pays crises_sanitaires (T3 known, doc/rules.md §8): that makes the mission socle.
INSERT INTO exco.scale_amount (scale, line, tier, share, amount) VALUES
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'fixed', 22500),
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'variable', 67500)
ON CONFLICT DO NOTHING;

-- A tiny territory: one region, two départements, five communes.
INSERT INTO exco.region VALUES ('ZR', 'contract_trigger region');
INSERT INTO exco.departement VALUES ('Z1', 'contract_trigger dep 1', 'ZR'),
                                    ('Z2', 'contract_trigger dep 2', 'ZR');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('Z1001', 'Alpha', 'Z1', 'ZR', 30000),
  ('Z1002', 'Gamma', 'Z1', 'ZR', 9999),
  ('Z1003', 'Delta', 'Z1', 'ZR', 40000),
  ('Z2001', 'Beta', 'Z2', 'ZR', 15000),
  ('Z2002', 'Epsilon', 'Z2', 'ZR', 1);
-- Nord: seat Alpha (Z1), territory Alpha + Beta: 30000 + 15000 = 45000 -> tier 2, spans Z1 and Z2.
-- Sud: seat Epsilon (Z2) but territory Gamma + Delta: 9999 + 40000 = 49999 -> tier 2, only Z1.
-- Vide: seat Epsilon (Z2), no communes.
INSERT INTO exco.cpts (id, name, seat) VALUES
  (9001, 'CT Nord', 'Z1001'), (9002, 'CT Sud', 'Z2002'), (9003, 'CT Vide', 'Z2002');
INSERT INTO exco.cpts_commune VALUES (9001, 'Z1001'), (9001, 'Z2001'), (9002, 'Z1002'), (9002, 'Z1003');

-- ===== exco.cpts_commune: a commune belongs to at most one CPTS (doc/rules.md §2) =====
INSERT INTO exco.cpts_commune VALUES (9002, 'Z2001');
\echo :SQLSTATE
-- UPDATE onto a commune held by another CPTS: same rule.
UPDATE exco.cpts_commune SET commune = 'Z1001' WHERE cpts = 9002 AND commune = 'Z1002';
\echo :SQLSTATE
-- The same commune twice in the same CPTS is the primary key's error, not the trigger's.
\set VERBOSITY sqlstate
INSERT INTO exco.cpts_commune VALUES (9001, 'Z1001');
\set VERBOSITY default
-- Nothing written: still 4 rows, each commune once.
SELECT cpts, commune FROM exco.cpts_commune WHERE commune LIKE 'Z%' ORDER BY commune;
-- Moving a commune from one CPTS to another in one UPDATE is allowed (it stays in one CPTS),
-- and back.
UPDATE exco.cpts_commune SET cpts = 9002 WHERE commune = 'Z2001' RETURNING cpts, commune;
UPDATE exco.cpts_commune SET cpts = 9001 WHERE commune = 'Z2001' RETURNING cpts, commune;

-- ===== exco.contract (reference mode) =====
-- Fills: ends_on = 2020-01-15 + 5 years = 2025-01-15; population = 45000 (Nord's communes);
-- tier = tier(45000) = 2; CPAM = Z1 (territory spans Z1, Z2: the seat Alpha's département);
-- scale = the one in force on 2020-01-15 = aci-cpts-2019 (2019-08-25 <= 2020-01-15 < 2022-04-01).
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9101, 9001, '2020-01-15', 'ZR', '{acces_soins,parcours,prevention}')
RETURNING id, signed_on, ends_on, cpam_departement, scale, population, tier;
-- Month clamp: 2020-02-29 + 60 months = 2025-02-29 -> 2025-02-28 (2025 is not a leap year).
-- Sud lies in Z1 only: its CPAM is Z1 although its seat Epsilon is in Z2.
-- A given population is the population at signature: kept as given when it is in the tier of the
-- territory's population now (Sud's communes: 49999, tier 2). 39999 is tier 1: it contradicts the
-- territory -> 23514 naming the column, both figures and both tiers.
INSERT INTO exco.contract (id, cpts, signed_on, region, population, missions)
VALUES (9102, 9002, '2020-02-29', 'ZR', 39999, '{acces_soins,parcours,prevention,qualite}');
\echo :SQLSTATE
-- 40000 is tier 2, like 49999: kept -> tier 2.
INSERT INTO exco.contract (id, cpts, signed_on, region, population, missions)
VALUES (9102, 9002, '2020-02-29', 'ZR', 40000, '{acces_soins,parcours,prevention,qualite}')
RETURNING id, signed_on, ends_on, cpam_departement, scale, population, tier;
-- Everything given and right (Nord's communes: 45000, tier 2; 79999 is tier 2 too): accepted unchanged.
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population, tier, missions)
VALUES (9103, 9001, '2021-06-30', '2026-06-30', 'ZR', 'Z1', 'aci-cpts-2019', 79999, '2',
        '{prevention,parcours,acces_soins}')
RETURNING id, ends_on, cpam_departement, scale, population, tier;

SELECT count(*) AS contracts_before FROM exco.contract WHERE id BETWEEN 9100 AND 9199;

-- Rule: signing date missing -> 23502.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9110, 9001, NULL, 'ZR', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Rule: end other than signature + 5 years (2020-01-15 -> 2025-01-15) -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, missions)
VALUES (9111, 9001, '2020-01-15', '2025-01-14', 'ZR', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Rule: CPAM of a territory spanning Z1 and Z2 is the seat's (Alpha, Z1), not Z2 -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9112, 9001, '2020-01-15', 'ZR', 'Z2', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Rule: CPAM of a territory in Z1 only is Z1, even with the seat in Z2 -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9113, 9002, '2020-01-15', 'ZR', 'Z2', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Rule: tier against population. 40000 is tier 2 (doc/rules.md §2: [40 000, 80 000)) -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
VALUES (9114, 9001, '2020-01-15', 'ZR', 40000, '1', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- 79999 is tier 2, not 3.
INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
VALUES (9115, 9001, '2020-01-15', 'ZR', 79999, '3', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- 175001 (tier 4) contradicts Nord's communes (45000, tier 2), whatever tier is given.
INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
VALUES (9115, 9001, '2020-01-15', 'ZR', 175001, '4', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Computed population 45000 is tier 2, not 3.
INSERT INTO exco.contract (id, cpts, signed_on, region, tier, missions)
VALUES (9116, 9001, '2020-01-15', 'ZR', '3', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Negative population -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, region, population, missions)
VALUES (9117, 9001, '2020-01-15', 'ZR', -1, '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- NULL population and a CPTS without communes: nothing to fill it from -> 23502.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9118, 9003, '2020-01-15', 'ZR', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- A CPTS that does not exist -> 23503.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9119, 9999, '2020-01-15', 'ZR', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Rule: socle missions. Under aci-cpts-2019: acces_soins, parcours, prevention -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9120, 9001, '2020-01-15', 'ZR', '{acces_soins,qualite}');
\echo :SQLSTATE
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9121, 9001, '2020-01-15', 'ZR', '{}');
\echo :SQLSTATE
-- Signed 2022-04-01: aci-cpts-2022 is in force and pays crises_sanitaires -> also required.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9122, 9001, '2022-04-01', 'ZR', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Unknown scale -> 23503.
INSERT INTO exco.contract (id, cpts, signed_on, region, scale, missions)
VALUES (9123, 9001, '2020-01-15', 'ZR', 'aci-cpts-1999', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- Signed before the first agreement came into force (2019-08-25, doc/rules.md §8.1) -> 23514
-- naming the date (before the trigger looks for a scale to fill).
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9124, 9001, '2019-08-24', 'ZR', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE

-- Nothing was written by the rejections.
SELECT count(*) AS contracts_after FROM exco.contract WHERE id BETWEEN 9100 AND 9199;

-- Accepted around the 2022 rule: with crises_sanitaires under 2022; signed 2022-03-31 (the
-- day before amendment 2) under 2019 without it; and a contract signed in 2022 whose scale
-- column says aci-cpts-2019, which pays no crises_sanitaires.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions) VALUES
  (9130, 9001, '2022-04-01', 'ZR', '{acces_soins,parcours,prevention,crises_sanitaires}'),
  (9131, 9001, '2022-03-31', 'ZR', '{acces_soins,parcours,prevention}')
RETURNING id, signed_on, ends_on, scale, missions;
INSERT INTO exco.contract (id, cpts, signed_on, region, scale, missions) VALUES
  (9132, 9001, '2022-06-01', 'ZR', 'aci-cpts-2019', '{acces_soins,parcours,prevention}')
RETURNING id, signed_on, scale;

-- ===== exco.contract_mission =====
-- Contract 9101 was signed 2020-01-15 with acces_soins, parcours, prevention.
INSERT INTO exco.contract_mission VALUES
  (9101, 'acces_soins', '2020-01-15', '2021-01-15'),
  (9101, 'parcours', '2020-06-01', NULL),
  (9101, 'prevention', NULL, NULL);
SELECT count(*) AS missions_before FROM exco.contract_mission WHERE contract BETWEEN 9100 AND 9199;
-- Started before the signature (one day) -> 23514.
UPDATE exco.contract_mission SET started_on = '2020-01-14' WHERE contract = 9101 AND mission = 'prevention';
\echo :SQLSTATE
-- Deployed before it started -> 23514.
UPDATE exco.contract_mission SET deployed_on = '2020-05-31' WHERE contract = 9101 AND mission = 'parcours';
\echo :SQLSTATE
-- Deployed without a start date -> 23514.
UPDATE exco.contract_mission SET deployed_on = '2021-05-31' WHERE contract = 9101 AND mission = 'prevention';
\echo :SQLSTATE
-- A mission the contract did not sign up for -> 23514.
INSERT INTO exco.contract_mission VALUES (9101, 'qualite', '2020-02-01', NULL);
\echo :SQLSTATE
-- A contract that does not exist: the foreign key's error (the trigger has nothing to check).
\set VERBOSITY sqlstate
INSERT INTO exco.contract_mission VALUES (9199, 'parcours', '2020-02-01', NULL);
\set VERBOSITY default
-- 9102 signed up for qualite: accepted. Deployed the same day it started: accepted.
INSERT INTO exco.contract_mission VALUES (9102, 'qualite', '2020-02-29', '2020-02-29');
SELECT count(*) AS missions_after FROM exco.contract_mission WHERE contract BETWEEN 9100 AND 9199;
SELECT contract, mission, started_on, deployed_on FROM exco.contract_mission
WHERE contract BETWEEN 9100 AND 9199 ORDER BY contract, mission;

-- ===== UPDATE paths of exco.contract =====
-- Moving the signature after the missions' starts (acces_soins 2020-01-15, parcours
-- 2020-06-01; the first in mission order is named) -> 23514.
UPDATE exco.contract SET signed_on = '2020-07-01', ends_on = NULL WHERE id = 9101;
\echo :SQLSTATE
-- Dropping a mission that has a row in exco.contract_mission -> 23514.
UPDATE exco.contract SET missions = '{acces_soins,parcours,prevention}' WHERE id = 9102;
\echo :SQLSTATE
-- Moving the signature without recomputing the end -> 23514 (ends_on stays 2025-01-15).
UPDATE exco.contract SET signed_on = '2020-01-01' WHERE id = 9101;
\echo :SQLSTATE
-- A wrong tier -> 23514.
UPDATE exco.contract SET tier = '1' WHERE id = 9101;
\echo :SQLSTATE
SELECT id, signed_on, ends_on, tier, missions FROM exco.contract WHERE id IN (9101, 9102) ORDER BY id;
-- Earlier signature, end and tier set to NULL to have them recomputed:
-- 2020-01-01 + 5 years = 2025-01-01; population 45000 -> tier 2.
UPDATE exco.contract SET signed_on = '2020-01-01', ends_on = NULL, tier = NULL WHERE id = 9101
RETURNING id, signed_on, ends_on, tier;
-- Sud's territory grows into Z2 (Epsilon, its seat): its 2020 contract keeps CPAM Z1 and an
-- unrelated update passes (the CPAM is checked only when cpts or the CPAM change) ...
INSERT INTO exco.cpts_commune VALUES (9002, 'Z2002');
UPDATE exco.contract SET status = 'ended' WHERE id = 9102 RETURNING id, cpam_departement, status;
-- ... setting the same CPAM again is no change, so no check either ...
UPDATE exco.contract SET cpam_departement = 'Z1', status = 'signed' WHERE id = 9102
RETURNING id, cpam_departement, status;
-- ... a NULL CPAM is filled from the facts stored at signature (seat Z2, territory {Z1}: the
-- only département Z1 signs), not from today's territory ...
UPDATE exco.contract SET cpam_departement = NULL WHERE id = 9102
RETURNING id, cpam_departement, seat_departement, territory_departements;
-- ... the facts set to NULL are re-derived from today's territory (spans Z1, Z2: the seat
-- Epsilon's département Z2 signs), and the NULL CPAM with them ...
UPDATE exco.contract SET cpam_departement = NULL, seat_departement = NULL, territory_departements = NULL
WHERE id = 9102 RETURNING id, cpam_departement, seat_departement, territory_departements;
-- ... and changing it back to Z1 is checked against these facts -> 23514.
UPDATE exco.contract SET cpam_departement = 'Z1' WHERE id = 9102;
\echo :SQLSTATE
SELECT id, cpam_departement FROM exco.contract WHERE id = 9102;

-- ===== Facts given with the row are checked against the territory (doc/contract.md) =====
-- CT Sud (9002) today: seat Epsilon (Z2), territory {Z1, Z2} (Z2002 was added above), so a new
-- signing needs CPAM Z2. A row that says the territory is {Z1} contradicts it -> 23514 naming
-- territory_departements (a restore never fires the trigger: pg_dump creates it after the data).
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, seat_departement, territory_departements)
VALUES (9140, 9002, '2020-03-01', '2025-03-01', 'ZR', 'Z1', 'aci-cpts-2019', 49999, '2',
        '{acces_soins,parcours,prevention}', 'Z2', '{Z1}');
\echo :SQLSTATE
-- A seat département the territory contradicts -> 23514 naming seat_departement.
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, seat_departement, territory_departements)
VALUES (9141, 9002, '2020-03-01', '2025-03-01', 'ZR', 'Z1', 'aci-cpts-2019', 49999, '2',
        '{acces_soins,parcours,prevention}', 'Z1', '{Z1,Z2}');
\echo :SQLSTATE
-- Facts that agree but a CPAM they contradict -> 23514 (rule 3).
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, seat_departement, territory_departements)
VALUES (9141, 9002, '2020-03-01', '2025-03-01', 'ZR', 'Z1', 'aci-cpts-2019', 49999, '2',
        '{acces_soins,parcours,prevention}', 'Z2', '{Z1,Z2}');
\echo :SQLSTATE
-- Every fact given and right: accepted as given (2020-03-01 + 5 years = 2025-03-01).
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, seat_departement, territory_departements)
VALUES (9140, 9002, '2020-03-01', '2025-03-01', 'ZR', 'Z2', 'aci-cpts-2019', 49999, '2',
        '{acces_soins,parcours,prevention}', 'Z2', '{Z1,Z2}')
RETURNING id, cpam_departement, seat_departement, territory_departements;
-- crises_sanitaires is socle under aci-cpts-2022 (its rows in exco.scale_amount pay the line): a
-- complete 2022 row without it is refused like any signing -> 23514 ...
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, seat_departement, territory_departements)
VALUES (9144, 9002, '2022-04-01', '2027-04-01', 'ZR', 'Z2', 'aci-cpts-2022', 49999, '2',
        '{acces_soins,parcours,prevention}', 'Z2', '{Z1,Z2}');
\echo :SQLSTATE
-- ... accepted with it; an unrelated UPDATE does not re-check the facts, even after the seat
-- moves (the facts stay those at signing) ...
INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, seat_departement, territory_departements)
VALUES (9144, 9002, '2022-04-01', '2027-04-01', 'ZR', 'Z2', 'aci-cpts-2022', 49999, '2',
        '{acces_soins,parcours,prevention,crises_sanitaires}', 'Z2', '{Z1,Z2}');
UPDATE exco.cpts SET seat = 'Z1001' WHERE id = 9002;
UPDATE exco.contract SET status = 'terminated' WHERE id = 9144 RETURNING id, status, seat_departement;
-- ... but an UPDATE that gives a fact is checked against the territory now -> 23514.
UPDATE exco.contract SET territory_departements = '{Z2}' WHERE id = 9144;
\echo :SQLSTATE
UPDATE exco.cpts SET seat = 'Z2002' WHERE id = 9002;
-- ===== The ARS region: the region of the CPAM's département =====
INSERT INTO exco.region VALUES ('ZS', 'contract_trigger other region');
-- NULL region: filled with ZR, the region of Z1 (the CPAM of Nord, seat's département).
INSERT INTO exco.contract (id, cpts, signed_on, missions)
VALUES (9142, 9001, '2020-01-15', '{acces_soins,parcours,prevention}');
SELECT id, cpam_departement, region, seat_departement, territory_departements FROM exco.contract WHERE id = 9142;
-- Another region -> 23514.
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9143, 9001, '2020-01-15', 'ZS', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- An UPDATE that changes the region is checked -> 23514.
UPDATE exco.contract SET region = 'ZS' WHERE id = 9142;
\echo :SQLSTATE

-- ===== A user's own contract table, with its own column names =====
CREATE TABLE contract_trigger_mine (
  ref            text PRIMARY KEY,
  date_signature date,
  fin            date,
  caisse         text,
  dep_siege      varchar(3),
  bareme         text,
  pop            integer,
  taille         exco.tier,
  missions       exco.mission[],
  note           text
);
CREATE TRIGGER mine_validate BEFORE INSERT OR UPDATE ON contract_trigger_mine
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract(
    'id=ref', 'signed_on=date_signature', 'ends_on=fin', 'cpam_departement=caisse',
    'seat_departement=dep_siege', 'scale=bareme', 'population=pop', 'tier=taille', 'missions');
-- Fills: fin = 2023-01-31 + 5 years = 2028-01-31; caisse = dep_siege; bareme = aci-cpts-2022
-- (in force on 2023-01-31); taille = tier(80000) = 3.
INSERT INTO contract_trigger_mine (ref, date_signature, dep_siege, pop, missions)
VALUES ('C-01', '2023-01-31', '75', 80000, '{acces_soins,parcours,prevention,crises_sanitaires}')
RETURNING *;
-- No seat département: the CPAM is not checked; no population: the tier is not checked.
INSERT INTO contract_trigger_mine (ref, date_signature, caisse, taille, missions)
VALUES ('C-02', '2020-03-01', '13', '4', '{acces_soins,parcours,prevention}')
RETURNING *;
SELECT count(*) AS mine_before FROM contract_trigger_mine;
INSERT INTO contract_trigger_mine (ref, date_signature, missions) VALUES ('C-03', NULL, '{}');
\echo :SQLSTATE
INSERT INTO contract_trigger_mine (ref, date_signature, dep_siege, caisse, missions)
VALUES ('C-04', '2020-03-01', '75', '92', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
INSERT INTO contract_trigger_mine (ref, date_signature, pop, taille, missions)
VALUES ('C-05', '2020-03-01', 79999, '3', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
INSERT INTO contract_trigger_mine (ref, date_signature, missions)
VALUES ('C-06', '2023-03-01', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
UPDATE contract_trigger_mine SET fin = '2028-02-01' WHERE ref = 'C-01';
\echo :SQLSTATE
SELECT count(*) AS mine_after FROM contract_trigger_mine;
UPDATE contract_trigger_mine SET note = 'ok' WHERE ref = 'C-01' RETURNING ref, fin, caisse, note;

-- Without arguments, the roles map to the columns of the same name that the table has; the
-- others (here: id, cpts, ends_on, CPAM, scale, population) are skipped, except signed_on and
-- missions, which every rule starts from (below).
CREATE TABLE contract_trigger_plain (signed_on date, tier integer, missions exco.mission[]);
CREATE TRIGGER plain_validate BEFORE INSERT OR UPDATE ON contract_trigger_plain
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
INSERT INTO contract_trigger_plain VALUES ('2020-01-01', 4, '{acces_soins,parcours,prevention}') RETURNING *;
INSERT INTO contract_trigger_plain VALUES ('2020-01-01', 4, '{acces_soins}');
\echo :SQLSTATE
-- A NULL element in the missions -> 22004 naming its place, although the socle missions are
-- there (exco.contract_ceiling would raise 22004 on it in every report).
INSERT INTO contract_trigger_plain VALUES ('2020-01-01', 4, '{acces_soins,parcours,prevention,NULL}');
\echo :SQLSTATE
UPDATE contract_trigger_plain SET missions = '{NULL,acces_soins,parcours,prevention}';
\echo :SQLSTATE
-- A two-dimensional list -> 22023 naming its dimensions and the column (deconstructed, it would
-- pass as the three socle missions; exco.contract_ceiling refuses it with the same words).
INSERT INTO contract_trigger_plain VALUES ('2020-01-01', 4, '{{acces_soins,parcours,prevention}}');
\echo :SQLSTATE
UPDATE contract_trigger_plain SET missions = '{{acces_soins},{parcours},{prevention}}';
\echo :SQLSTATE

-- ===== A trigger that cannot find its columns refuses instead of checking nothing =====
-- French column names and no arguments: no column signed_on -> 42703 on the first row, naming
-- the table, the role and the argument that maps it (this row, with a NULL signing date and
-- missions {qualite}, would otherwise be accepted unchecked).
CREATE TABLE contract_trigger_fr (date_signature date, taille exco.tier, missions_signees exco.mission[]);
CREATE TRIGGER fr_validate BEFORE INSERT OR UPDATE ON contract_trigger_fr
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
INSERT INTO contract_trigger_fr VALUES (NULL, NULL, '{qualite}');
\echo :SQLSTATE
-- The signing date mapped, the missions not -> 42703 for missions.
DROP TRIGGER fr_validate ON contract_trigger_fr;
CREATE TRIGGER fr_validate BEFORE INSERT OR UPDATE ON contract_trigger_fr
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract('signed_on=date_signature', 'tier=taille');
INSERT INTO contract_trigger_fr VALUES ('2020-01-01', NULL, '{qualite}');
\echo :SQLSTATE
-- Both mapped: the rules run. A NULL signing date -> 23502; {qualite} lacks the socle missions
-- -> 23514; the three socle missions of aci-cpts-2019 (in force on 2020-01-01) -> accepted.
DROP TRIGGER fr_validate ON contract_trigger_fr;
CREATE TRIGGER fr_validate BEFORE INSERT OR UPDATE ON contract_trigger_fr
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract('signed_on=date_signature', 'tier=taille',
                                                       'missions=missions_signees');
INSERT INTO contract_trigger_fr VALUES (NULL, NULL, '{qualite}');
\echo :SQLSTATE
INSERT INTO contract_trigger_fr VALUES ('2020-01-01', NULL, '{qualite}');
\echo :SQLSTATE
INSERT INTO contract_trigger_fr VALUES ('2020-01-01', '2', '{acces_soins,parcours,prevention,qualite}') RETURNING *;
SELECT count(*) AS fr_rows FROM contract_trigger_fr;

-- ===== User-table mode is strict about types =====
-- An integer tier column holds a tier, 1..4: 259 is not tier 3 (259 mod 256), -253 is not tier 3
-- (-253 + 256) -> 22003, with or without a population to compare with.
INSERT INTO contract_trigger_plain VALUES ('2020-01-01', 259, '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
INSERT INTO contract_trigger_plain VALUES ('2020-01-01', -253, '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
SELECT count(*) AS plain_rows FROM contract_trigger_plain;
-- A filled value goes through the column's length coercion, as an INSERT of it would:
-- varchar(1) cannot hold the CPAM '75' (the seat's département) -> 22001, naming the column;
-- varchar(3) cannot hold the scale 'aci-cpts-2019' -> 22001; varchar(2) holds '75'.
CREATE TABLE contract_trigger_narrow (ref text, signed_on date, caisse varchar(1), siege text,
                                      bareme varchar(3), missions exco.mission[]);
CREATE TRIGGER narrow_validate BEFORE INSERT ON contract_trigger_narrow
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract(
    'id=ref', 'signed_on', 'cpam_departement=caisse', 'seat_departement=siege', 'missions');
INSERT INTO contract_trigger_narrow (ref, signed_on, siege, missions)
VALUES ('N-1', '2020-03-01', '75', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
DROP TRIGGER narrow_validate ON contract_trigger_narrow;
CREATE TRIGGER narrow_validate BEFORE INSERT ON contract_trigger_narrow
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract(
    'id=ref', 'signed_on', 'scale=bareme', 'missions');
INSERT INTO contract_trigger_narrow (ref, signed_on, missions)
VALUES ('N-2', '2020-03-01', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
ALTER TABLE contract_trigger_narrow ALTER COLUMN caisse TYPE varchar(2);
DROP TRIGGER narrow_validate ON contract_trigger_narrow;
CREATE TRIGGER narrow_validate BEFORE INSERT ON contract_trigger_narrow
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract(
    'id=ref', 'signed_on', 'cpam_departement=caisse', 'seat_departement=siege', 'missions');
INSERT INTO contract_trigger_narrow (ref, signed_on, siege, missions)
VALUES ('N-3', '2020-03-01', '75', '{acces_soins,parcours,prevention}') RETURNING ref, caisse;

-- ===== Misuse =====
SELECT exco.validate_contract();
\echo :SQLSTATE
CREATE TABLE contract_trigger_bad (signed_on date, taille text);
CREATE TRIGGER bad BEFORE INSERT ON contract_trigger_bad
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract('size=taille');
INSERT INTO contract_trigger_bad VALUES ('2020-01-01', '1');
\echo :SQLSTATE
DROP TRIGGER bad ON contract_trigger_bad;
CREATE TRIGGER bad BEFORE INSERT ON contract_trigger_bad
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract('tier=size');
INSERT INTO contract_trigger_bad VALUES ('2020-01-01', '1');
\echo :SQLSTATE
DROP TRIGGER bad ON contract_trigger_bad;
CREATE TRIGGER bad BEFORE INSERT ON contract_trigger_bad
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract('tier=taille');
INSERT INTO contract_trigger_bad VALUES ('2020-01-01', '1');
\echo :SQLSTATE
DROP TRIGGER bad ON contract_trigger_bad;
CREATE TRIGGER bad AFTER INSERT ON contract_trigger_bad
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
INSERT INTO contract_trigger_bad VALUES ('2020-01-01', '1');
\echo :SQLSTATE
DROP TRIGGER bad ON contract_trigger_bad;
CREATE TRIGGER bad BEFORE INSERT ON contract_trigger_bad
  FOR EACH STATEMENT EXECUTE FUNCTION exco.validate_contract();
INSERT INTO contract_trigger_bad VALUES ('2020-01-01', '1');
\echo :SQLSTATE
DROP TRIGGER bad ON contract_trigger_bad;
INSERT INTO contract_trigger_bad VALUES ('2020-01-01', '1');
CREATE TRIGGER bad BEFORE DELETE ON contract_trigger_bad
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
DELETE FROM contract_trigger_bad;
\echo :SQLSTATE

-- ===== Constraints: one row cannot break a report =====
-- A NULL element in missions -> 22004 from the trigger (as on every table; the CHECK
-- contract_missions_no_null stands behind it), although the socle missions are there; a
-- two-dimensional missions array -> 22023 from the trigger too (the CHECK
-- contract_missions_one_dimension, 23514, stands behind it).
INSERT INTO exco.contract (id, cpts, signed_on, missions)
VALUES (9150, 9001, '2020-01-15', '{acces_soins,parcours,prevention,NULL}');
\echo :SQLSTATE
INSERT INTO exco.contract (id, cpts, signed_on, missions)
VALUES (9151, 9001, '2020-01-15', '{{acces_soins,parcours},{prevention,qualite}}');
\echo :SQLSTATE
-- A continuous indicator whose stated direction contradicts its levels -> 23514
-- (indicator_direction_consistent): lower is better but the objective 80 is above the start 60;
-- higher is better but the objective 40 is below it. Agreeing, equal levels, or no stated
-- direction: accepted.
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, lower_is_better)
VALUES (9161, 9101, 'acces_soins', 'CT-D1', 'contradiction', 'continuous', 60, 80, 100, true);
\echo :SQLSTATE
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, lower_is_better)
VALUES (9162, 9101, 'acces_soins', 'CT-D2', 'contradiction', 'continuous', 60, 40, 100, false);
\echo :SQLSTATE
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, lower_is_better)
VALUES (9163, 9101, 'acces_soins', 'CT-D3', 'agrees', 'continuous', 60, 40, 100, true),
       (9164, 9101, 'acces_soins', 'CT-D4', 'equal levels', 'continuous', 60, 60, 100, false),
       (9165, 9101, 'acces_soins', 'CT-D5', 'inferred', 'continuous', 60, 80, 100, NULL);
SELECT code, lower_is_better FROM exco.indicator WHERE contract = 9101 AND code LIKE 'CT-D%' ORDER BY code;
-- A measure of NaN, Infinity or -Infinity -> 23514 (measure_value_finite); 0 and 1e100 are kept.
INSERT INTO exco.measure SELECT id, 1, 'NaN' FROM exco.indicator WHERE contract = 9101 AND code = 'CT-D3';
\echo :SQLSTATE
INSERT INTO exco.measure SELECT id, 1, 'Infinity' FROM exco.indicator WHERE contract = 9101 AND code = 'CT-D3';
\echo :SQLSTATE
INSERT INTO exco.measure SELECT id, 1, '-Infinity' FROM exco.indicator WHERE contract = 9101 AND code = 'CT-D3';
\echo :SQLSTATE
INSERT INTO exco.measure SELECT id, y, v FROM exco.indicator, (VALUES (1, 0), (2, 1e100)) AS m(y, v)
WHERE contract = 9101 AND code = 'CT-D3';
SELECT contract_year, value FROM exco.measure m JOIN exco.indicator i ON i.id = m.indicator
WHERE i.contract = 9101 AND i.code = 'CT-D3' ORDER BY contract_year;

-- ===== A hostile search_path changes nothing (CVE-2018-1058) =====
-- A schema before pg_catalog with look-alike =, <>, sum, count, min and string_agg: every one
-- of them, if the trigger's queries resolved it, would change a verdict (= always true, <>
-- always false, sum 0, count 1, min 'Z2', string_agg 'evil'). A new connection, so the kept
-- plans are prepared under this search_path.
CREATE SCHEMA contract_trigger_evil;
CREATE FUNCTION contract_trigger_evil.t_eq(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION contract_trigger_evil.i_eq(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION contract_trigger_evil.i_ne(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR contract_trigger_evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = contract_trigger_evil.t_eq);
CREATE OPERATOR contract_trigger_evil.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = contract_trigger_evil.i_eq);
CREATE OPERATOR contract_trigger_evil.<> (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = contract_trigger_evil.i_ne);
CREATE FUNCTION contract_trigger_evil.zero(bigint, bigint) RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint';
CREATE AGGREGATE contract_trigger_evil.sum(bigint) (SFUNC = contract_trigger_evil.zero, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION contract_trigger_evil.one(bigint, text) RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';
CREATE AGGREGATE contract_trigger_evil.count(text) (SFUNC = contract_trigger_evil.one, STYPE = bigint, INITCOND = '1');
CREATE FUNCTION contract_trigger_evil.z2(text, text) RETURNS text LANGUAGE sql AS $$SELECT 'Z2'$$;
CREATE AGGREGATE contract_trigger_evil.min(text) (SFUNC = contract_trigger_evil.z2, STYPE = text);
CREATE FUNCTION contract_trigger_evil.ev(text, text, text) RETURNS text LANGUAGE sql AS $$SELECT 'evil'$$;
CREATE AGGREGATE contract_trigger_evil.string_agg(text, text) (SFUNC = contract_trigger_evil.ev, STYPE = text);
\c
SET datestyle = 'ISO, YMD';
SET search_path = contract_trigger_evil, pg_catalog, exco;
-- Nord (9001) spans Z1 and Z2, seat in Z1: CPAM Z1 and population 45000 filled, as without the
-- hostile schema (contract 9101 above).
INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
VALUES (9190, 9001, '2020-01-15', 'ZR', '{acces_soins,parcours,prevention}');
SELECT cpam_departement, population, tier FROM exco.contract WHERE id = 9190;
-- CPAM Z2 for Nord: rejected with the same message and detail as 9112 above.
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
VALUES (9191, 9001, '2020-01-15', 'ZR', 'Z2', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
-- A commune already in Nord put in Sud: still refused, naming both CPTS.
INSERT INTO exco.cpts_commune VALUES (9002, 'Z2001');
\echo :SQLSTATE
-- A mission row before the signature: still refused.
INSERT INTO exco.contract_mission VALUES (9190, 'parcours', '2020-01-14', NULL);
\echo :SQLSTATE
RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA contract_trigger_evil CASCADE;
RESET client_min_messages;

-- ===== Clean up =====
DROP TABLE contract_trigger_mine, contract_trigger_plain, contract_trigger_bad, contract_trigger_narrow, contract_trigger_fr;
DELETE FROM exco.contract WHERE id BETWEEN 9100 AND 9199;
DELETE FROM exco.cpts WHERE id BETWEEN 9001 AND 9003;
DELETE FROM exco.commune WHERE code LIKE 'Z____';
DELETE FROM exco.departement WHERE code IN ('Z1', 'Z2');
DELETE FROM exco.region WHERE code IN ('ZR', 'ZS');
RESET datestyle;
