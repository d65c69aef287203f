-- Sample CPTS: tiers from populations, and mission deadline statuses as of today.
\pset footer off
SET datestyle = ISO, YMD;
CREATE TEMP TABLE sample(name text, population bigint, signed_on date);
INSERT INTO sample VALUES
  ('CPTS du Val de Lys', 38500, '2019-10-01'),
  ('CPTS Pays de Brocéliande', 40000, '2020-06-15'),
  ('CPTS Grand Lyon Est', 152000, '2021-03-01'),
  ('CPTS Marseille Nord', 212000, '2022-09-30');
\echo '== Size tiers (DOMAIN.md §2)'
SELECT name, population, exco.tier(population) AS tier, exco.tier_bounds(exco.tier(population)) AS tier_range
FROM sample ORDER BY population;
\echo '== Mission deadlines and status as of today'
SELECT s.name, m AS mission, exco.start_deadline(m, s.signed_on) AS start_by,
       exco.deploy_deadline(m, s.signed_on) AS deploy_by,
       exco.deadline_status(m, s.signed_on, st, NULL, current_date) AS status
FROM sample s
CROSS JOIN LATERAL (VALUES ('acces_soins'::exco.mission, s.signed_on + 120),
                           ('parcours', s.signed_on + 400),
                           ('qualite', NULL::date)) AS v(m, st)
ORDER BY s.name, m;
