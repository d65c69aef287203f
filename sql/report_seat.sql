-- contract_overview.seat_departement is the contract's stored fact: the département of the CPTS's
-- seat when the contract was signed (filled by the trigger); regional_summary counts a CPTS where
-- its seat is today. A CPTS whose seat moves after signing shows both.
--   Region S: S1 (S1001 30 000), S2 (S2001 20 000). CPTS 9501: communes S1001 and S2001 (50 000,
--   tier 2, doc/rules.md §2), seat S1001 (S1) at signing (2020-01-15), moved to S2001 (S2) after.
\set VERBOSITY sqlstate
SET datestyle = ISO, YMD;
INSERT INTO exco.region VALUES ('S', 'Région S');
INSERT INTO exco.departement VALUES ('S1', 'S-Un', 'S'), ('S2', 'S-Deux', 'S');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('S1001', 'S1-a', 'S1', 'S', 30000), ('S2001', 'S2-a', 'S2', 'S', 20000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9501, 'CPTS Seat', 'S1001');
INSERT INTO exco.cpts_commune VALUES (9501, 'S1001'), (9501, 'S2001');
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (9511, 9501, '2020-01-15', 'S', 'S1', '{acces_soins,parcours,prevention}')
RETURNING id, seat_departement, tier;
UPDATE exco.cpts SET seat = 'S2001' WHERE id = 9501;
-- Signed with its seat in S1: seat_departement S1 on any date.
SELECT contract, seat_departement, cpam_departement FROM exco.contract_overview_at('2022-06-30') WHERE contract = 9511;
-- Counted where the seat is today: 1 CPTS and 1 running contract in S2, none in S1.
SELECT level, area_departement, cpts, contracts FROM exco.regional_summary_at('2022-06-30', 'S')
 ORDER BY level, area_departement;
DELETE FROM exco.contract WHERE id = 9511;
DELETE FROM exco.cpts_commune WHERE cpts = 9501;
DELETE FROM exco.cpts WHERE id = 9501;
DELETE FROM exco.commune WHERE code IN ('S1001', 'S2001');
DELETE FROM exco.departement WHERE code IN ('S1', 'S2');
DELETE FROM exco.region WHERE code = 'S';
