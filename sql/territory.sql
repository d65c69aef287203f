-- territory: test/scripts/load-territory.sql on the committed fixture (test/fixtures/territory/,
-- made by test/fixtures/make-fixture.sh from @etalab/decoupage-administratif 6.0.0), and
-- test/scripts/demo-build.sql on the loaded fixture.
\set VERBOSITY default
SET datestyle = ISO;
-- Figures in comments below were computed on the fixture files with jq, e.g.
--   jq '[.[] | select(.type == "commune-actuelle" and .population)] | length' communes.json

-- This suite expects no territory, CPTS or contract rows left by another suite.
SELECT (SELECT count(*) FROM exco.region) AS regions, (SELECT count(*) FROM exco.commune) AS communes,
       (SELECT count(*) FROM exco.cpts) AS cpts, (SELECT count(*) FROM exco.contract) AS contracts;

-- 1. Load. pg_regress runs psql from the repository root, with this file on its standard input:
-- \i and the data directory are relative to the root.
\set territory_dir test/fixtures/territory
\set ECHO none
\i test/scripts/load-territory.sql
\set ECHO all
-- Expected: 5 regions (11, 52, 53, 94, 989), 7 départements (22, 29, 2A, 2B, 75, 85, 989),
-- 22 EPCI; 386 records in communes.json = 366 current communes + 20 municipal arrondissements
-- of Paris (skipped); of the 366, 98901 Île de Clipperton has no population (skipped): 365
-- loaded, 4 without EPCI (22016, 29083, 29155, 85113); population 2 459 264 (Corse and Paris)
-- + 429 + 263 + 860 + 4 883 = 2 465 699.
SELECT (SELECT count(*) FROM exco.region) AS regions,
       (SELECT count(*) FROM exco.departement) AS departements,
       (SELECT count(*) FROM exco.epci) AS epci,
       (SELECT count(*) FROM exco.commune) AS communes,
       (SELECT sum(population) FROM exco.commune) AS population,
       (SELECT count(*) FROM exco.commune WHERE code LIKE '751%') AS paris_arrondissements;

-- Known communes, as published: names with accents and apostrophes, population, département,
-- region, EPCI (Ajaccio 76 320 in CA du Pays Ajaccien, Bastia 46 867 in CA de Bastia, Paris
-- 2 103 778 in the Métropole du Grand Paris, L'Île-Rousse 3 231, L'Île-d'Yeu 4 883 without EPCI).
SELECT c.code, c.name, c.population, c.departement, d.name AS departement_name, c.region,
       r.name AS region_name, c.epci, e.name AS epci_name, e.kind
  FROM exco.commune AS c
  JOIN exco.departement AS d ON d.code = c.departement
  JOIN exco.region AS r ON r.code = c.region
  LEFT JOIN exco.epci AS e ON e.code = c.epci
 WHERE c.code IN ('2A004', '2B033', '75056', '2B134', '85113')
 ORDER BY c.code;
-- Escaped double quotes in JSON (\") survive: the two EPCI kept for it.
SELECT code, name, kind FROM exco.epci WHERE name LIKE '%"%' ORDER BY code;
-- The EPCI of Corse by size (a commune counts in the EPCI of its member list).
SELECT e.code, e.name, e.kind, count(c.code) AS communes, sum(c.population) AS population
  FROM exco.epci AS e LEFT JOIN exco.commune AS c ON c.epci = e.code
 GROUP BY e.code ORDER BY population DESC NULLS LAST, e.code LIMIT 5;

-- 2. Idempotent: a second load gives the same counts and rewrites no row (same xmin).
CREATE TEMP TABLE territory_before AS
SELECT 'commune' AS tab, code, xmin::text AS x FROM exco.commune
UNION ALL SELECT 'epci', code, xmin::text FROM exco.epci
UNION ALL SELECT 'departement', code, xmin::text FROM exco.departement
UNION ALL SELECT 'region', code, xmin::text FROM exco.region;
\set ECHO none
\i test/scripts/load-territory.sql
\set ECHO all
SELECT count(*) AS rows_before,
       count(*) FILTER (WHERE a.x IS DISTINCT FROM b.x) AS rewritten_or_missing
  FROM territory_before AS b
  LEFT JOIN (SELECT 'commune' AS tab, code, xmin::text AS x FROM exco.commune
             UNION ALL SELECT 'epci', code, xmin::text FROM exco.epci
             UNION ALL SELECT 'departement', code, xmin::text FROM exco.departement
             UNION ALL SELECT 'region', code, xmin::text FROM exco.region) AS a USING (tab, code);
DROP TABLE territory_before;

-- 3. A reload repairs changed rows and removes rows no longer in the data, except those still
-- in use: here a changed population, a renamed EPCI, a stale commune and a stale commune used
-- by a CPTS.
UPDATE exco.commune SET population = 1 WHERE code = '2A004';
UPDATE exco.epci SET name = 'renamed' WHERE code = '242000354';
INSERT INTO exco.commune (code, name, departement, region, population)
VALUES ('2A998', 'territory stale', '2A', '94', 10), ('2A999', 'territory stale in use', '2A', '94', 20);
INSERT INTO exco.cpts (name, seat) VALUES ('territory test CPTS', '2A999');
\set ECHO none
\i test/scripts/load-territory.sql
\set ECHO all
SELECT code, name, population FROM exco.commune WHERE code IN ('2A004', '2A998', '2A999') ORDER BY code;
SELECT name FROM exco.epci WHERE code = '242000354';
DELETE FROM exco.cpts WHERE name = 'territory test CPTS';
DELETE FROM exco.commune WHERE code = '2A999';

-- A directory without the files: an error naming them, and nothing changes.
\set territory_dir test/fixtures/no-such-directory
\set ECHO none
\i test/scripts/load-territory.sql
\set ECHO all
SELECT count(*) AS communes FROM exco.commune;

-- 4. Demo build on the fixture, as of a fixed date.
CREATE TEMP TABLE territory_scales_before AS SELECT scale FROM exco.scale;
\set as_of 2026-06-30
\set ECHO none
\i test/scripts/demo-build.sql
\set ECHO all

-- The CPTS: one per EPCI (the Métropole du Grand Paris, 2.1 M inhabitants in the fixture, is
-- above 300 000 and cut into pieces of ~120 000: Paris alone is its first piece), 85 % kept.
-- Tiers by DOMAIN.md §2: < 40 000 → 1, < 80 000 → 2, ≤ 175 000 → 3, above → 4.
SELECT p.name, p.seat, s.name AS seat_name, count(*) AS communes, sum(c.population) AS population,
       exco.tier(sum(c.population)::bigint) AS tier
  FROM exco.cpts AS p
  JOIN exco.commune AS s ON s.code = p.seat
  JOIN exco.cpts_commune AS pc ON pc.cpts = p.id
  JOIN exco.commune AS c ON c.code = pc.commune
 GROUP BY p.id, s.name ORDER BY p.name;

-- Every commune in at most one CPTS; every CPTS's communes are exactly those of its EPCI (or of
-- its piece); the seat is the most populated commune of the territory; the islands without
-- EPCI are in none.
SELECT count(*) AS memberships, count(DISTINCT commune) AS communes,
       count(*) FILTER (WHERE c.epci IS NULL) AS without_epci
  FROM exco.cpts_commune JOIN exco.commune AS c ON c.code = commune;
SELECT count(*) AS cpts_whose_seat_is_not_the_largest
  FROM exco.cpts AS p
 WHERE p.seat <> (SELECT c.code FROM exco.cpts_commune AS pc JOIN exco.commune AS c ON c.code = pc.commune
                   WHERE pc.cpts = p.id ORDER BY c.population DESC, c.code LIMIT 1);
SELECT count(*) AS cpts_spanning_several_epci
  FROM (SELECT pc.cpts FROM exco.cpts_commune AS pc JOIN exco.commune AS c ON c.code = pc.commune
         GROUP BY pc.cpts HAVING count(DISTINCT c.epci) > 1) AS x;

-- The contracts, with the rules of DOMAIN.md §3 and §5 checked row by row below.
SELECT p.name, k.signed_on, k.ends_on, k.region, k.cpam_departement, k.scale, k.population, k.tier,
       k.missions, k.status
  FROM exco.contract AS k JOIN exco.cpts AS p ON p.id = k.cpts ORDER BY p.name;
SELECT count(*) AS contracts,
       count(*) FILTER (WHERE k.population <> (SELECT sum(c.population) FROM exco.cpts_commune AS pc
                                                 JOIN exco.commune AS c ON c.code = pc.commune
                                                WHERE pc.cpts = k.cpts)) AS bad_population,
       count(*) FILTER (WHERE k.tier::integer <> exco.tier(k.population)::integer) AS bad_tier,
       count(*) FILTER (WHERE k.ends_on <> k.signed_on + interval '5 years') AS bad_ends_on,
       count(*) FILTER (WHERE (k.region, k.cpam_departement) <> (s.region, s.departement)) AS bad_region_or_cpam,
       count(*) FILTER (WHERE k.scale <> CASE WHEN k.signed_on < '2022-04-01' THEN 'aci-cpts-2019'
                                              ELSE 'aci-cpts-2022' END) AS bad_scale,
       count(*) FILTER (WHERE NOT k.missions @> '{acces_soins,parcours,prevention}'
                           OR (k.signed_on >= '2022-04-01') <> (k.missions @> '{crises_sanitaires}'))
         AS bad_socle,
       count(*) FILTER (WHERE k.signed_on < '2019-09-01' OR k.signed_on > '2025-12-31') AS bad_signed_on,
       count(*) FILTER (WHERE (k.status = 'ended') <> (k.ends_on <= '2026-06-30')) AS bad_status
  FROM exco.contract AS k JOIN exco.cpts AS p ON p.id = k.cpts JOIN exco.commune AS s ON s.code = p.seat;

-- Missions: one row per mission of the contract; dates after signature, deployment after
-- start, nothing known after as_of; statuses as of as_of.
SELECT count(*) AS missions,
       count(*) FILTER (WHERE cm.mission <> ALL (k.missions)) AS not_in_contract,
       (SELECT sum(cardinality(missions)) FROM exco.contract) AS in_contracts,
       count(*) FILTER (WHERE cm.started_on <= k.signed_on OR cm.deployed_on <= cm.started_on
                           OR cm.deployed_on IS NOT NULL AND cm.started_on IS NULL) AS bad_dates,
       count(*) FILTER (WHERE cm.started_on > '2026-06-30' OR cm.deployed_on > '2026-06-30') AS after_as_of
  FROM exco.contract_mission AS cm JOIN exco.contract AS k ON k.id = cm.contract;
SELECT exco.deadline_status(cm.mission, k.signed_on, cm.started_on, cm.deployed_on, '2026-06-30') AS status,
       count(*)
  FROM exco.contract_mission AS cm JOIN exco.contract AS k ON k.id = cm.contract
 GROUP BY 1 ORDER BY 1;

-- Indicators: both kinds, on every mission; measures only for contract years that ended by
-- as_of, after the mission's start, in years 1..5.
SELECT i.mission, i.code, i.kind, count(*) AS indicators, count(m.indicator) AS measures
  FROM exco.indicator AS i LEFT JOIN exco.measure AS m ON m.indicator = i.id
 GROUP BY i.mission, i.code, i.kind ORDER BY i.mission, i.code;
SELECT count(*) AS measures,
       count(*) FILTER (WHERE k.signed_on + make_interval(years => m.contract_year) > '2026-06-30') AS year_not_over,
       count(*) FILTER (WHERE cm.started_on IS NULL
                           OR k.signed_on + make_interval(years => m.contract_year) <= cm.started_on)
         AS before_start
  FROM exco.measure AS m
  JOIN exco.indicator AS i ON i.id = m.indicator
  JOIN exco.contract AS k ON k.id = i.contract
  JOIN exco.contract_mission AS cm ON cm.contract = i.contract AND cm.mission = i.mission;
-- One contract in full.
SELECT i.mission, i.code, i.kind, i.starting, i.objective, i.weight, i.amount, i.thresholds, i.amounts,
       (SELECT string_agg(m.contract_year || ':' || m.value, ' ' ORDER BY m.contract_year)
          FROM exco.measure AS m WHERE m.indicator = i.id) AS measures
  FROM exco.indicator AS i
  JOIN exco.contract AS k ON k.id = i.contract
  JOIN exco.cpts AS p ON p.id = k.cpts
 WHERE p.name = (SELECT min(p2.name) FROM exco.cpts AS p2 JOIN exco.contract AS k2 ON k2.cpts = p2.id
                  WHERE k2.signed_on < '2022-04-01')
 ORDER BY i.mission, i.code;

-- Deterministic: a second build (which first deletes every CPTS and contract) gives the same
-- rows (fingerprint over names, not ids).
CREATE TEMP TABLE territory_fingerprint AS
SELECT md5(string_agg(line, E'\n' ORDER BY line)) AS fp FROM (
  SELECT concat_ws('|', p.name, p.seat, pc.commune) AS line
    FROM exco.cpts AS p JOIN exco.cpts_commune AS pc ON pc.cpts = p.id
  UNION ALL
  SELECT concat_ws('|', p.name, k.signed_on, k.status, cm.mission, cm.started_on, cm.deployed_on, i.code,
                   i.starting, i.objective, i.amount, i.thresholds, i.amounts, m.contract_year, m.value)
    FROM exco.contract AS k JOIN exco.cpts AS p ON p.id = k.cpts
    JOIN exco.contract_mission AS cm ON cm.contract = k.id
    LEFT JOIN exco.indicator AS i ON i.contract = k.id AND i.mission = cm.mission
    LEFT JOIN exco.measure AS m ON m.indicator = i.id) AS x;
\set ECHO none
\i test/scripts/demo-build.sql
\set ECHO all
SELECT fp = (SELECT md5(string_agg(line, E'\n' ORDER BY line)) FROM (
  SELECT concat_ws('|', p.name, p.seat, pc.commune) AS line
    FROM exco.cpts AS p JOIN exco.cpts_commune AS pc ON pc.cpts = p.id
  UNION ALL
  SELECT concat_ws('|', p.name, k.signed_on, k.status, cm.mission, cm.started_on, cm.deployed_on, i.code,
                   i.starting, i.objective, i.amount, i.thresholds, i.amounts, m.contract_year, m.value)
    FROM exco.contract AS k JOIN exco.cpts AS p ON p.id = k.cpts
    JOIN exco.contract_mission AS cm ON cm.contract = k.id
    LEFT JOIN exco.indicator AS i ON i.contract = k.id AND i.mission = cm.mission
    LEFT JOIN exco.measure AS m ON m.indicator = i.id) AS x) AS same_rows
  FROM territory_fingerprint;

-- The reports on the fixture, on the demo's date (2026-06-30): CPTS per tier, population
-- covered and its share, contracts running on the date (one per CPTS), their yearly ceilings or
-- gaps. Corse: its two départements' communes, covered by the CPTS built from their EPCI;
-- Île-de-France: Paris. Every contract running on 2026-06-30 was signed under the partial 2022
-- scale, which gives no fonctionnement: every ceiling is unknown (NULL, known 0, all with gap).
-- Every département of the fixture has its row, with zeros where no CPTS is seated (85, 22, 29,
-- Clipperton: 0 inhabitants, so no share). Sums: Corse 168 306 + 187 180 = 355 486 inhabitants,
-- 137 256 + 136 885 = 274 141 covered (77.1 %); France 2 103 778 + 4 883 + 1 552 + 355 486 =
-- 2 465 699, covered 2 103 778 + 274 141 = 2 377 919 (96.4 %).
SELECT level, region, region_name, area_departement, cpts, tier_1, tier_2, tier_3, tier_4, population,
       population_covered, population_share_pct, contracts, yearly_ceiling, yearly_ceiling_known,
       contracts_with_gap
  FROM exco.regional_summary_at('2026-06-30');
SELECT status, scale, tier, running, count(*) AS contracts, sum(yearly_ceiling) AS yearly_ceilings,
       count(*) FILTER (WHERE ceiling_gap IS NOT NULL) AS with_gap
  FROM exco.contract_overview_at('2026-06-30') GROUP BY status, scale, tier, running
 ORDER BY status, scale, tier, running;
-- Each contract's ceiling is what its scale says for fonctionnement and its missions.
SELECT count(*) AS contracts_checked,
       count(*) FILTER (WHERE o.yearly_ceiling IS DISTINCT FROM (
         SELECT sum(a.amount) FROM exco.scale_amount a
          WHERE a.scale = o.scale AND a.tier OPERATOR(exco.=) o.tier AND a.share <> 'dedicated'
            AND (a.line = 'fonctionnement' OR a.line = ANY (o.missions)))) AS ceiling_mismatches
  FROM exco.contract_overview_at('2026-06-30') o WHERE o.ceiling_gap IS NULL;

-- 5. Clean up: the demo rows, the scales the build added, the fixture territory.
DELETE FROM exco.contract;
DELETE FROM exco.cpts;
DELETE FROM exco.scale WHERE scale NOT IN (SELECT scale FROM territory_scales_before);
DELETE FROM exco.commune;
DELETE FROM exco.epci;
DELETE FROM exco.departement;
DELETE FROM exco.region;
DROP TABLE territory_scales_before, territory_fingerprint;
