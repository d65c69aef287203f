-- Build demo structures, medical-assistant contracts and ETP programmes on the territory loaded by
-- test/scripts/load-territory.sql (doc/schemes.md). Deterministic: every choice is a hash (md5) of
-- commune codes, so the same territory and the same as_of date always give the same rows.
--
--   psql -X -v ON_ERROR_STOP=1 [-v as_of=YYYY-MM-DD] -f test/scripts/demo-schemes.sql
--
-- FOR A DEMO DATABASE ONLY: it first deletes EVERY structure, medical-assistant contract and ETP
-- programme (with their members and patients).
--
-- Structures, on the communes of at least 3 000 inhabitants:
--   - 30 % get an MSP (2 to 4 GPs, 1 to 3 nurses, a physiotherapist one time in two), 25 % of
--     the others an ESP (1 or 2 GPs and a nurse or a pharmacist); 5 % of the communes of at least
--     20 000 inhabitants an RCP (a GP, a nurse, a podiatrist);
--   - the most populated commune of each département of at least 200 000 inhabitants an ESS (2 or
--     3 specialists and one GP whose only coordinated practice it is: that GP's forfait structure
--     is at risk).
-- Medical-assistant contracts: 15 % of the GPs of the MSP and ESP (sector 1, or 2-optam one time
-- in four), signed between 2019-09-01 and as_of, 1/3 or 1/2 time (full time in under-served zones,
-- one contract in ten), 640 to 2 200 MT patients.
-- ETP programmes: 30 % of the MSP, built a year between 2019 and as_of's year, delivered by a GP,
-- a nurse and a dietitian, 1 to 4 professionals trained; patients every year from the year it was
-- built to the year before as_of: 30 to 119 a year (so some programmes are under the minimum of
-- 50), 0 to 8 sessions, 15 % dropped out.

\if :{?as_of}
\else
  SELECT current_date AS as_of \gset
\endif

BEGIN;

CREATE OR REPLACE FUNCTION pg_temp.demo_rand(key text) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0;

DELETE FROM exco.etp_patient;
DELETE FROM exco.etp_programme;
DELETE FROM exco.assistant_contract;
DELETE FROM exco.structure_member;
DELETE FROM exco.structure;

-- Structures.
INSERT INTO exco.structure (name, kind, commune)
SELECT k.prefix || ' ' || c.name || ' (' || c.code || ')', k.kind, c.code
  FROM exco.commune AS c
 CROSS JOIN LATERAL (
   SELECT 'MSP' AS prefix, 'msp'::exco.structure_kind AS kind
    WHERE pg_temp.demo_rand('msp' || c.code) < 0.30
   UNION ALL
   SELECT 'ESP', 'esp'
    WHERE pg_temp.demo_rand('msp' || c.code) >= 0.30 AND pg_temp.demo_rand('esp' || c.code) < 0.25
   UNION ALL
   SELECT 'RCP', 'rcp'
    WHERE c.population >= 20000 AND pg_temp.demo_rand('rcp' || c.code) < 0.05) AS k
 WHERE c.population >= 3000
UNION ALL
SELECT 'ESS ' || c.name || ' (' || c.code || ')', 'ess', c.code
  FROM (SELECT DISTINCT ON (c.departement) c.*
          FROM exco.commune AS c
          JOIN (SELECT departement FROM exco.commune GROUP BY departement
                HAVING sum(population) >= 200000) AS d USING (departement)
         ORDER BY c.departement, c.population DESC, c.code) AS c
 ORDER BY 1;

-- Members: professional identifiers derived from the structure's commune and kind.
INSERT INTO exco.structure_member (structure, professional, profession)
SELECT s.id, m.professional, m.profession
  FROM exco.structure AS s
 CROSS JOIN LATERAL (
   SELECT format('GP-%s-%s-%s', s.kind, s.commune, n) AS professional, 'medecin_generaliste'::exco.profession AS profession
     FROM generate_series(1, CASE s.kind WHEN 'msp' THEN 2 + floor(pg_temp.demo_rand('gps' || s.commune) * 3)::integer
                                         WHEN 'esp' THEN 1 + floor(pg_temp.demo_rand('gps' || s.commune) * 2)::integer
                                         ELSE 1 END) AS n
   UNION ALL
   SELECT format('IDE-%s-%s-%s', s.kind, s.commune, n), 'infirmier'
     FROM generate_series(1, CASE s.kind WHEN 'msp' THEN 1 + floor(pg_temp.demo_rand('ide' || s.commune) * 3)::integer
                                         WHEN 'esp' THEN (pg_temp.demo_rand('ide' || s.commune) < 0.5)::integer
                                         WHEN 'rcp' THEN 1 ELSE 0 END) AS n
   UNION ALL
   SELECT format('PHA-%s-%s', s.kind, s.commune), 'pharmacien'
    WHERE s.kind = 'esp' AND pg_temp.demo_rand('ide' || s.commune) >= 0.5
   UNION ALL
   SELECT format('MK-%s-%s', s.kind, s.commune), 'masseur_kinesitherapeute'
    WHERE s.kind = 'msp' AND pg_temp.demo_rand('mk' || s.commune) < 0.5
   UNION ALL
   SELECT format('POD-%s-%s', s.kind, s.commune), 'pedicure_podologue' WHERE s.kind = 'rcp'
   UNION ALL
   SELECT format('SPE-%s-%s-%s', s.kind, s.commune, n), 'medecin_specialiste'
     FROM generate_series(1, CASE WHEN s.kind = 'ess' THEN 2 + floor(pg_temp.demo_rand('spe' || s.commune) * 2)::integer
                                  ELSE 0 END) AS n) AS m;

-- Medical-assistant contracts.
INSERT INTO exco.assistant_contract (gp, commune, share, signed_on, sector, coordinated, mt_patients,
                                     file_active, underserved_zone)
SELECT m.professional, s.commune,
       CASE WHEN full_time THEN 'full' WHEN pg_temp.demo_rand('half' || m.professional) < 0.5 THEN '1/2' ELSE '1/3' END::exco.assistant_share,
       date '2019-09-01' + floor(pg_temp.demo_rand('signed' || m.professional) * (:'as_of'::date - date '2019-09-01'))::integer,
       CASE WHEN pg_temp.demo_rand('sector' || m.professional) < 0.25 THEN '2-optam' ELSE '1' END::exco.sector,
       true,
       640 + floor(pg_temp.demo_rand('mt' || m.professional) * 1561)::integer,
       1223 + floor(pg_temp.demo_rand('fa' || m.professional) * 2000)::integer,
       full_time
  FROM exco.structure_member AS m
  JOIN exco.structure AS s ON s.id = m.structure
 CROSS JOIN LATERAL (SELECT pg_temp.demo_rand('full' || m.professional) < 0.1 AS full_time) AS f
 WHERE m.profession = 'medecin_generaliste' AND s.kind IN ('msp', 'esp')
   AND pg_temp.demo_rand('assistant' || m.professional) < 0.15
 ORDER BY m.professional;

-- ETP programmes and their patients.
INSERT INTO exco.etp_programme (name, structure, coordinator, members, built_in, professionals_trained, theme)
SELECT 'ETP ' || t.theme || ' ' || s.name, s.id, 'medecin_generaliste',
       '{medecin_generaliste,infirmier,dieteticien}', b.built_in,
       1 + floor(pg_temp.demo_rand('trained' || s.commune) * 4)::integer, t.theme
  FROM exco.structure AS s
 CROSS JOIN LATERAL (SELECT (ARRAY['diabète', 'insuffisance cardiaque', 'asthme et BPCO'])[
                       1 + floor(pg_temp.demo_rand('theme' || s.commune) * 3)::integer] AS theme) AS t
 CROSS JOIN LATERAL (SELECT 2019 + floor(pg_temp.demo_rand('built' || s.commune)
                              * (extract(year FROM :'as_of'::date) - 2019 + 1))::integer AS built_in) AS b
 WHERE s.kind = 'msp' AND pg_temp.demo_rand('etp' || s.commune) < 0.30
 ORDER BY s.id;

INSERT INTO exco.etp_patient (programme, year, patient, sessions, dropped_out)
SELECT g.id, y.year, format('P%s-%s-%s', g.id, y.year, i),
       floor(pg_temp.demo_rand(format('sessions %s %s %s', g.id, y.year, i)) * 9)::integer,
       pg_temp.demo_rand(format('dropped %s %s %s', g.id, y.year, i)) < 0.15
  FROM exco.etp_programme AS g
 CROSS JOIN LATERAL generate_series(g.built_in, extract(year FROM :'as_of'::date)::integer - 1) AS y(year)
 CROSS JOIN LATERAL generate_series(1, 30 + floor(pg_temp.demo_rand(format('patients %s %s', g.id, y.year)) * 90)::integer) AS i;

COMMIT;

SELECT format('demo schemes: %s structures (%s members), %s medical-assistant contracts, %s ETP programmes, %s ETP patient-years',
              (SELECT count(*) FROM exco.structure), (SELECT count(*) FROM exco.structure_member),
              (SELECT count(*) FROM exco.assistant_contract), (SELECT count(*) FROM exco.etp_programme),
              (SELECT count(*) FROM exco.etp_patient)) AS built \gset
\echo :built
