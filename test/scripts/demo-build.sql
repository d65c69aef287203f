-- Build demo CPTS, contracts, missions, indicators and measures from the territory loaded by
-- test/scripts/load-territory.sql. Deterministic: every choice is a hash (md5) of names and
-- codes, so the same territory data and the same as_of date always give the same rows.
-- See doc/territory.md.
--
--   psql -X -v ON_ERROR_STOP=1 [-v as_of=YYYY-MM-DD] -f test/scripts/demo-build.sql
--
-- as_of (default: today) is the date the demo world is looked at: no contract is signed after it,
-- mission starts and deployments after it are not known yet (NULL), only contract years that
-- ended on or before it have measures, and contracts whose 5 years are over by then are 'ended'.
--
-- FOR A DEMO DATABASE ONLY: it first deletes EVERY CPTS and contract (with their missions,
-- indicators and measures).
--
-- CPTS territories:
--   - one territory per EPCI (communes without an EPCI are left out);
--   - an EPCI of more than 300 000 inhabitants is cut, within each of its départements, into
--     pieces of consecutive communes (INSEE code order) of about 120 000 inhabitants (a piece
--     starts a new one once the population before it passes a multiple of 120 000);
--   - 85 % of those territories get a CPTS (the others stay uncovered, as in real life);
--   - name: 'CPTS ' + EPCI name (+ ' n' for the n-th piece of a cut EPCI; + ' (département)'
--     when two EPCI share a name); seat: the most populated commune (lowest code on a tie).
-- Contracts: 60 % of CPTS, one each, signed between 2019-09-01 and 2025-12-31, with the rules
-- of DOMAIN.md §3 and §5: population and tier of the territory, region and CPAM département of
-- the seat, 5 years, scale by signature date, socle missions (+ crises_sanitaires from
-- 2022-04-01) and some optional ones. Mission starts and deployments: about 70 % on time,
-- 20 % late, 10 % never (starts); 60 % on time, 25 % late, 15 % not yet (deployments).
-- Indicators: two per socle mission, one per other mission, continuous and stepped (SCALES.md
-- "Indicators in real contracts"); a measure per completed contract year after the mission's
-- start (about 4 % missing).

\if :{?as_of}
\else
  SELECT current_date AS as_of \gset
\endif

BEGIN;

-- A number in [0, 1) from a text key: the first 32 bits of its md5. Same on every platform and
-- PostgreSQL version (unlike hashtext), which keeps the demo and its tests stable.
-- numeric, not float: the demo's figures are exact decimals.
CREATE OR REPLACE FUNCTION pg_temp.demo_rand(key text) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0;

DELETE FROM exco.measure;
DELETE FROM exco.indicator;
DELETE FROM exco.contract_mission;
DELETE FROM exco.contract;
DELETE FROM exco.cpts_commune;
DELETE FROM exco.cpts;

-- 1. Territories: the unit of each commune.
CREATE TEMP TABLE demo_unit_commune ON COMMIT DROP AS
SELECT code, population, epci, departement,
       epci || CASE WHEN cut THEN ':' || departement || ':' || piece ELSE '' END AS unit,
       cut, CASE WHEN cut THEN departement END AS piece_departement,
       CASE WHEN cut THEN piece END AS piece
  FROM (SELECT s.*, epci_population > 300000 AS cut, floor(before / 120000)::integer AS piece
  FROM (SELECT c.code, c.population, c.epci, c.departement,
               sum(c.population) OVER (PARTITION BY c.epci) AS epci_population,
               coalesce(sum(c.population) OVER (PARTITION BY c.epci, c.departement ORDER BY c.code
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                 AS before
          FROM exco.commune AS c
         WHERE c.epci IS NOT NULL) AS s) AS s;

CREATE TEMP TABLE demo_unit ON COMMIT DROP AS
WITH unit AS (
  SELECT u.unit, u.epci, u.cut, u.piece_departement, u.piece, sum(u.population) AS population,
         (array_agg(u.code ORDER BY u.population DESC, u.code))[1] AS seat
    FROM demo_unit_commune AS u
   GROUP BY u.unit, u.epci, u.cut, u.piece_departement, u.piece
), named AS (
  SELECT unit.*, s.departement AS seat_departement,
         'CPTS ' || e.name
           || CASE WHEN unit.cut
                   THEN ' ' || row_number() OVER (PARTITION BY unit.epci
                                                   ORDER BY unit.piece_departement, unit.piece)
                   ELSE '' END
           AS base
    FROM unit JOIN exco.epci AS e ON e.code = unit.epci
              JOIN exco.commune AS s ON s.code = unit.seat
)
SELECT unit, epci, population, seat,
       base || CASE WHEN count(*) OVER (PARTITION BY base) > 1 THEN ' (' || seat_departement || ')' ELSE '' END
         AS name
  FROM named
 WHERE pg_temp.demo_rand('cpts:' || unit) < 0.85;

ANALYZE demo_unit_commune, demo_unit;

INSERT INTO exco.cpts (name, seat)
SELECT name, seat FROM demo_unit ORDER BY name;

INSERT INTO exco.cpts_commune (cpts, commune)
SELECT p.id, uc.code
  FROM demo_unit_commune AS uc
  JOIN demo_unit AS u USING (unit)
  JOIN exco.cpts AS p ON p.name = u.name
 ORDER BY p.id, uc.code;

ANALYZE exco.cpts, exco.cpts_commune;

-- 2. Contracts.
CREATE TEMP TABLE demo_contract ON COMMIT DROP AS
SELECT p.id AS cpts, p.name, s.signed_on, pop.population, seat.region,
       seat.departement AS cpam_departement
  FROM exco.cpts AS p
  JOIN (SELECT pc.cpts, sum(c.population)::bigint AS population
          FROM exco.cpts_commune AS pc JOIN exco.commune AS c ON c.code = pc.commune
         GROUP BY pc.cpts) AS pop ON pop.cpts = p.id
  JOIN exco.commune AS seat ON seat.code = p.seat
 CROSS JOIN LATERAL (
   SELECT date '2019-09-01'
            + floor(pg_temp.demo_rand('signed:' || p.name)
                    * (date '2025-12-31' - date '2019-09-01' + 1))::integer AS signed_on) AS s
 WHERE pg_temp.demo_rand('contract:' || p.name) < 0.60
   AND s.signed_on <= :'as_of'::date;

INSERT INTO exco.contract (cpts, signed_on, ends_on, region, cpam_departement, scale, population,
                           tier, missions, status)
SELECT d.cpts, d.signed_on, (d.signed_on + interval '5 years')::date, d.region, d.cpam_departement,
       CASE WHEN d.signed_on < date '2022-04-01' THEN 'aci-cpts-2019' ELSE 'aci-cpts-2022' END,
       d.population, exco.tier(d.population),
       ARRAY(SELECT m FROM unnest(enum_range(NULL::exco.mission)) AS m
              WHERE m IN ('acces_soins', 'parcours', 'prevention')
                 OR (m = 'crises_sanitaires' AND d.signed_on >= date '2022-04-01')
                 OR (m = 'qualite' AND pg_temp.demo_rand('qualite:' || d.name) < 0.70)
                 OR (m = 'accompagnement' AND pg_temp.demo_rand('accompagnement:' || d.name) < 0.55)
              ORDER BY m),
       CASE WHEN (d.signed_on + interval '5 years')::date <= :'as_of'::date THEN 'ended'
            WHEN pg_temp.demo_rand('terminated:' || d.name) < 0.02 THEN 'terminated'
            ELSE 'signed' END::exco.contract_status
  FROM demo_contract AS d
 ORDER BY d.signed_on, d.name;

ANALYZE exco.contract;

-- 3. Missions: start and deployment dates around their deadlines (optional missions, which
-- have none, are measured against a nominal 12 months to start and 12 more to deploy).
CREATE TEMP TABLE demo_mission ON COMMIT DROP AS
SELECT k.id AS contract, p.name, m.mission, k.signed_on,
       coalesce(exco.start_deadline(m.mission, k.signed_on), (k.signed_on + interval '12 months')::date)
         AS start_by,
       pg_temp.demo_rand('start:' || p.name || m.mission) AS r_start,
       pg_temp.demo_rand('start-day:' || p.name || m.mission) AS r_start_day,
       pg_temp.demo_rand('deploy:' || p.name || m.mission) AS r_deploy,
       pg_temp.demo_rand('deploy-day:' || p.name || m.mission) AS r_deploy_day
  FROM exco.contract AS k
  JOIN exco.cpts AS p ON p.id = k.cpts
 CROSS JOIN LATERAL unnest(k.missions) AS m(mission);

CREATE TEMP TABLE demo_mission_dates ON COMMIT DROP AS
WITH started AS (
  SELECT d.*,
         CASE WHEN r_start < 0.70   -- on time: between signature + 15 days and the deadline
              THEN d.signed_on + 15 + floor(r_start_day * greatest(d.start_by - d.signed_on - 15, 1))::integer
              WHEN r_start < 0.90   -- late: up to 6 months after the deadline
              THEN d.start_by + 1 + floor(r_start_day * 180)::integer
         END AS started_on
    FROM demo_mission AS d
), deploy_by AS (
  SELECT s.*,
         coalesce(exco.deploy_deadline(s.mission, s.signed_on), (s.start_by + interval '12 months')::date)
           AS deploy_by
    FROM started AS s
)
SELECT contract, name, mission, signed_on, started_on,
       CASE WHEN started_on IS NULL THEN NULL
            WHEN r_deploy < 0.60 AND deploy_by > started_on + 30   -- on time
            THEN started_on + 30 + floor(r_deploy_day * (deploy_by - started_on - 30))::integer
            WHEN r_deploy < 0.85                                   -- late: up to a year late
            THEN greatest(deploy_by, started_on + 30) + 1 + floor(r_deploy_day * 365)::integer
       END AS deployed_on
  FROM deploy_by;

INSERT INTO exco.contract_mission (contract, mission, started_on, deployed_on)
SELECT contract, mission,
       CASE WHEN started_on <= :'as_of'::date THEN started_on END,
       CASE WHEN deployed_on <= :'as_of'::date THEN deployed_on END
  FROM demo_mission_dates
 ORDER BY contract, mission;

-- 4. Indicators. Amounts are sized on the ACI 2019 variable ceilings of the contract's tier
-- (SCALES.md), written here as demo data: the build does not read the scale tables.
CREATE TEMP TABLE demo_ceiling (mission exco.mission, tier integer, amount numeric) ON COMMIT DROP;
INSERT INTO demo_ceiling
SELECT m::exco.mission, t, a[t]
  FROM (VALUES ('acces_soins', ARRAY[25000, 29500, 40000, 50000]),
               ('parcours', ARRAY[25000, 35000, 45000, 50000]),
               ('prevention', ARRAY[10000, 15000, 17500, 20000]),
               ('crises_sanitaires', ARRAY[10000, 15000, 17500, 20000]),
               ('qualite', ARRAY[7500, 10000, 15000, 20000]),
               ('accompagnement', ARRAY[5000, 7500, 10000, 15000])) AS v(m, a),
       generate_series(1, 4) AS t;

CREATE TEMP TABLE demo_indicator ON COMMIT DROP AS
WITH cm AS (
  SELECT cm.contract, cm.mission, k.population, k.tier::integer AS tier, c.amount AS ceiling,
         p.name || ':' || cm.mission AS key
    FROM exco.contract_mission AS cm
    JOIN exco.contract AS k ON k.id = cm.contract
    JOIN exco.cpts AS p ON p.id = k.cpts
    JOIN demo_ceiling AS c ON c.mission = cm.mission AND c.tier = k.tier::integer
)
-- Patients in ALD without a MT: stepped, falling; levels at the starting level, 45 % and 23 %
-- of it (the real contract's 219 / 100 / 50), paying 12 %, 24 % and 36 % of the ceiling; at
-- least 20 patients, so that the three levels stay distinct.
SELECT contract, mission, 'ald_sans_mt' AS code,
       'Patients en ALD sans médecin traitant' AS label, 'stepped'::exco.indicator_kind AS kind,
       s AS starting, round(s * 0.23) AS objective, 2 AS weight, NULL::numeric AS amount,
       ARRAY[s, round(s * 0.45), round(s * 0.23)] AS thresholds,
       ARRAY[round(ceiling * 0.12), round(ceiling * 0.24), round(ceiling * 0.36)] AS amounts,
       0 AS scale
  FROM cm, LATERAL (SELECT greatest(20, round(population * (0.002 + 0.004 * pg_temp.demo_rand('ald:' || key)))) AS s) AS x
 WHERE mission = 'acces_soins'
UNION ALL
-- ER visits not followed by hospitalisation: continuous, falling by 5 to 12 %.
SELECT contract, mission, 'urgences_sans_hospitalisation',
       'Passages aux urgences non suivis d''hospitalisation', 'continuous',
       s, round(s * (0.88 + 0.07 * pg_temp.demo_rand('ur-obj:' || key))), 1, round(ceiling * 0.30), NULL, NULL, 0
  FROM cm, LATERAL (SELECT round(population * (0.16 + 0.10 * pg_temp.demo_rand('ur:' || key))) AS s) AS x
 WHERE mission = 'acces_soins'
UNION ALL
-- Consultations registered in the SNP scheme: continuous, rising by 30 to 70 %.
SELECT contract, mission, 'consultations_snp', 'Consultations de soins non programmés régulées',
       'continuous', s, round(s * (1.3 + 0.4 * pg_temp.demo_rand('snp-obj:' || key))), 1,
       round(ceiling * 0.34), NULL, NULL, 0
  FROM cm, LATERAL (SELECT round(population * (0.005 + 0.01 * pg_temp.demo_rand('snp:' || key))) AS s) AS x
 WHERE mission = 'acces_soins'
UNION ALL
-- Pluriprofessional pathways formalised: stepped, rising, 1 / 2 / 3 pathways.
SELECT contract, mission, 'parcours_formalises', 'Parcours pluriprofessionnels formalisés',
       'stepped', 0, 3, 1, NULL, ARRAY[1, 2, 3]::numeric[],
       ARRAY[round(ceiling * 0.15), round(ceiling * 0.30), round(ceiling * 0.50)], 0
  FROM cm WHERE mission = 'parcours'
UNION ALL
-- Patients included in a pathway: continuous, rising from 0.
SELECT contract, mission, 'patients_parcours', 'Patients inclus dans un parcours', 'continuous',
       0, round(population * (0.002 + 0.004 * pg_temp.demo_rand('pp:' || key))), 1,
       round(ceiling * 0.50), NULL, NULL, 0
  FROM cm WHERE mission = 'parcours'
UNION ALL
-- Colorectal cancer screening rate (%): stepped, rising: floor, intermediate level, objective
-- (the real contract's 1 000 / 2 500 / 3 500 € for a taille-3 ceiling of 17 500 €).
SELECT contract, mission, 'depistage_colorectal', 'Taux de dépistage du cancer colorectal (%)',
       'stepped', s, s + 4, 1, NULL, ARRAY[s + 1, s + 2.5, s + 4],
       ARRAY[round(ceiling * 0.057), round(ceiling * 0.143), round(ceiling * 0.20)], 1
  FROM cm, LATERAL (SELECT round(26 + 10 * pg_temp.demo_rand('dep:' || key), 1) AS s) AS x
 WHERE mission = 'prevention'
UNION ALL
-- Prevention actions held: continuous, rising from 0.
SELECT contract, mission, 'actions_prevention', 'Actions de prévention menées', 'continuous',
       0, 4 + floor(7 * pg_temp.demo_rand('ap:' || key)), 1, round(ceiling * 0.80), NULL, NULL, 0
  FROM cm WHERE mission = 'prevention'
UNION ALL
-- Crisis response plan validated: stepped, one level.
SELECT contract, mission, 'plan_crise', 'Plan de réponse aux crises sanitaires validé',
       'stepped', 0, 1, 1, NULL, ARRAY[1]::numeric[], ARRAY[round(ceiling * 0.5)], 0
  FROM cm WHERE mission = 'crises_sanitaires'
UNION ALL
-- Practice-analysis group meetings: continuous, rising from 0.
SELECT contract, mission, 'groupes_analyse_pratiques', 'Réunions de groupes d''analyse de pratiques',
       'continuous', 0, 6 + floor(7 * pg_temp.demo_rand('gap:' || key)), 1, ceiling, NULL, NULL, 0
  FROM cm WHERE mission = 'qualite'
UNION ALL
-- Students and interns hosted: continuous, rising.
SELECT contract, mission, 'stagiaires_accueillis', 'Étudiants et internes accueillis en stage',
       'continuous', s, s + 8, 1, ceiling, NULL, NULL, 0
  FROM cm, LATERAL (SELECT floor(6 * pg_temp.demo_rand('st:' || key)) AS s) AS x
 WHERE mission = 'accompagnement';

INSERT INTO exco.indicator (contract, mission, code, label, kind, starting, objective, weight,
                            amount, thresholds, amounts)
SELECT contract, mission, code, label, kind, starting, objective, weight, amount, thresholds, amounts
  FROM demo_indicator
 ORDER BY contract, mission, code;

ANALYZE exco.contract_mission, exco.indicator, demo_indicator;

-- 5. Measures: one per contract year that ended on or before as_of and after the mission's
-- start. The value moves from the starting level towards the objective at a pace of its own
-- (from 20 % to 130 % of "reached in year 4"), with ±15 % noise, never below 0; about 4 % are
-- missing.
INSERT INTO exco.measure (indicator, contract_year, value)
SELECT i.id, y,
       greatest(0, round(i.starting + (i.objective - i.starting)
                                      * least(1.3, pace * y / 4.0)
                                      * (0.85 + 0.30 * pg_temp.demo_rand('noise:' || x.key || ':' || y)),
                         d.scale))
  FROM exco.indicator AS i
  JOIN demo_indicator AS d USING (contract, mission, code)
  JOIN exco.contract AS k ON k.id = i.contract
  JOIN exco.contract_mission AS cm ON cm.contract = i.contract AND cm.mission = i.mission
  JOIN exco.cpts AS p ON p.id = k.cpts
 CROSS JOIN LATERAL (SELECT p.name || ':' || i.mission || ':' || i.code AS key) AS x
 CROSS JOIN LATERAL (SELECT 0.2 + 1.1 * pg_temp.demo_rand('pace:' || x.key) AS pace) AS pc
 CROSS JOIN generate_series(1, 5) AS y
 WHERE cm.started_on IS NOT NULL
   AND (k.signed_on + make_interval(years => y))::date <= :'as_of'::date
   AND (k.signed_on + make_interval(years => y))::date > cm.started_on
   AND pg_temp.demo_rand('missing:' || x.key || ':' || y) >= 0.04
 ORDER BY i.id, y;

-- The demo marker: the report page (make report, report/page.sql) shows its demo banner on a
-- database that has this table, and on no other (doc/report-page.md). It is an ordinary table, so
-- a dump of the demo keeps it, and so does the banner.
-- Created once (a second run adds a row, silently: sql/territory.sql runs this script twice).
DO $$
BEGIN
  IF to_regclass('exco_demo.marker') IS NULL THEN
    CREATE SCHEMA exco_demo;
    CREATE TABLE exco_demo.marker (built_for date NOT NULL, built_at timestamptz NOT NULL DEFAULT now());
    COMMENT ON TABLE exco_demo.marker IS
      'this database holds the demo of exco (test/scripts/demo-build.sql), not real data: the report page shows a demo banner';
  END IF;
END $$;
INSERT INTO exco_demo.marker (built_for) VALUES (:'as_of');

-- What was built.
SELECT (SELECT count(*) FROM exco.cpts) AS cpts,
       (SELECT count(*) FROM exco.cpts_commune) AS communes,
       (SELECT count(*) FROM exco.contract) AS contracts,
       (SELECT count(*) FROM exco.contract_mission) AS missions,
       (SELECT count(*) FROM exco.indicator) AS indicators,
       (SELECT count(*) FROM exco.measure) AS measures;

COMMIT;
