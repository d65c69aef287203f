-- exco.mission, exco.is_socle and the two deadlines (doc/rules.md §3).
\set VERBOSITY sqlstate
SET datestyle = ISO, YMD;

-- The missions in enum order, which are socle, and their two deadlines for a contract signed
-- 2019-09-15: acces_soins and crises_sanitaires +6/+18 months = 2020-03-15 / 2021-03-15;
-- parcours and prevention +12/+24 = 2020-09-15 / 2021-09-15; the others have none.
SELECT m, exco.is_socle(m) AS socle,
       exco.start_deadline(m, '2019-09-15') AS start_by,
       exco.deploy_deadline(m, '2019-09-15') AS deploy_by
FROM unnest(enum_range(NULL::exco.mission)) AS m;

-- Month ends clamp like PostgreSQL's date + interval (doc/rules.md §3):
-- 2019-08-31 + 6 months = 2020-02-29 (leap year), + 18 months = 2021-02-28;
-- 2021-08-31 + 6 = 2022-02-28; 2019-03-31 + 12 = 2020-03-31; 2020-02-29 + 12 = 2021-02-28,
-- + 24 = 2022-02-28; 2023-08-29 + 6 = 2024-02-29; 2019-12-31 + 6 = 2020-06-30.
SELECT signed_on, m,
       exco.start_deadline(m, signed_on) AS start_by,
       exco.deploy_deadline(m, signed_on) AS deploy_by,
       exco.start_deadline(m, signed_on) = (signed_on + make_interval(months => CASE WHEN m IN ('acces_soins', 'crises_sanitaires') THEN 6 ELSE 12 END))::date AS start_as_pg,
       exco.deploy_deadline(m, signed_on) = (signed_on + make_interval(months => CASE WHEN m IN ('acces_soins', 'crises_sanitaires') THEN 18 ELSE 24 END))::date AS deploy_as_pg
FROM unnest('{2019-08-31,2021-08-31,2019-03-31,2020-02-29,2023-08-29,2019-12-31}'::date[]) AS signed_on,
     unnest('{acces_soins,parcours}'::exco.mission[]) AS m
ORDER BY signed_on, m;

-- Agreement with date + interval over every day of 2019-2024, for every socle mission.
SELECT count(*) AS days_checked,
       count(*) FILTER (WHERE exco.start_deadline(m, d) <> (d + make_interval(months => CASE WHEN m IN ('acces_soins', 'crises_sanitaires') THEN 6 ELSE 12 END))::date) AS start_mismatches,
       count(*) FILTER (WHERE exco.deploy_deadline(m, d) <> (d + make_interval(months => CASE WHEN m IN ('acces_soins', 'crises_sanitaires') THEN 18 ELSE 24 END))::date) AS deploy_mismatches
FROM (SELECT g::date AS d FROM generate_series('2019-01-01'::date, '2024-12-31', '1 day') AS g) AS days,
     unnest('{acces_soins,parcours,prevention,crises_sanitaires}'::exco.mission[]) AS m;

-- STRICT: NULL in, NULL out.
SELECT exco.start_deadline(NULL, '2020-01-01') IS NULL AS null_mission,
       exco.deploy_deadline('parcours', NULL) IS NULL AS null_date,
       exco.is_socle(NULL) IS NULL AS null_socle;

-- Bad input.
SELECT 'accueil'::exco.mission;
\set VERBOSITY default
SELECT exco.start_deadline('parcours', 'infinity');
-- An infinite signing date is 22023 for every mission, also those without deadlines (0.1.0
-- returned NULL for qualite and fonctionnement), and for deadline_status.
SELECT exco.start_deadline('qualite', 'infinity');
SELECT exco.deploy_deadline('fonctionnement', '-infinity');
SELECT exco.deadline_status('qualite', 'infinity', NULL, NULL, '2020-01-01');
\set VERBOSITY sqlstate
SELECT exco.deadline_status('parcours', '-infinity', NULL, NULL, '2020-01-01');
\set VERBOSITY default
SELECT exco.deploy_deadline('parcours', '5874896-01-01');
