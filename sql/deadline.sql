-- exco.deadline_status (doc/rules.md §3; rules in README "Deadline status").
-- Contract signed 2020-01-15: acces_soins start by 2020-07-15, deploy by 2021-07-15;
-- parcours start by 2021-01-15, deploy by 2022-01-15.
\set VERBOSITY sqlstate
SET datestyle = ISO, YMD;

CREATE TABLE deadline_case (label text, m exco.mission, signed_on date, started_on date,
                            deployed_on date, as_of date);
INSERT INTO deadline_case VALUES
  -- optional missions and fonctionnement are free, whatever the dates
  ('qualite, nothing',              'qualite',        '2020-01-15', NULL, NULL, '2030-01-01'),
  ('accompagnement, started',       'accompagnement', '2020-01-15', '2020-02-01', NULL, '2030-01-01'),
  ('fonctionnement',                'fonctionnement', '2020-01-15', NULL, NULL, '2020-06-01'),
  -- no start: not_started up to and including the start deadline, start_overdue the day after
  ('not started, day before',       'acces_soins', '2020-01-15', NULL, NULL, '2020-07-14'),
  ('not started, on deadline',      'acces_soins', '2020-01-15', NULL, NULL, '2020-07-15'),
  ('not started, day after',        'acces_soins', '2020-01-15', NULL, NULL, '2020-07-16'),
  ('parcours not started, 11 mo',   'parcours',    '2020-01-15', NULL, NULL, '2020-12-15'),
  ('parcours not started, 13 mo',   'parcours',    '2020-01-15', NULL, NULL, '2021-02-15'),
  -- started, not deployed
  ('started on time',               'acces_soins', '2020-01-15', '2020-07-15', NULL, '2021-07-15'),
  ('started late',                  'acces_soins', '2020-01-15', '2020-07-16', NULL, '2021-07-15'),
  ('started on time, deploy late',  'acces_soins', '2020-01-15', '2020-03-01', NULL, '2021-07-16'),
  ('started late, deploy late',     'acces_soins', '2020-01-15', '2020-09-01', NULL, '2021-07-16'),
  -- deployed
  ('both on time, on the days',     'acces_soins', '2020-01-15', '2020-07-15', '2021-07-15', '2022-01-01'),
  ('deployed one day late',         'acces_soins', '2020-01-15', '2020-07-15', '2021-07-16', '2022-01-01'),
  ('started late, deployed on time','acces_soins', '2020-01-15', '2020-07-16', '2021-01-01', '2022-01-01'),
  ('started on signature day',      'parcours',    '2020-01-15', '2020-01-15', '2020-01-15', '2020-01-15'),
  -- events after as_of are not yet known as of that date
  ('start after as_of',             'acces_soins', '2020-01-15', '2020-09-01', '2021-01-01', '2020-08-01'),
  ('deploy after as_of',            'acces_soins', '2020-01-15', '2020-03-01', '2021-01-01', '2020-12-31'),
  ('as_of before signature',        'prevention',  '2020-01-15', NULL, NULL, '2019-12-01'),
  -- crises_sanitaires (2022 amendment): +6 / +18 months
  ('crises on time',                'crises_sanitaires', '2022-05-31', '2022-11-30', '2023-11-30', '2024-01-01'),
  ('crises start overdue',          'crises_sanitaires', '2022-05-31', NULL, NULL, '2022-12-01');

SELECT label, m, exco.deadline_status(m, signed_on, started_on, deployed_on, as_of) AS status
FROM deadline_case;

-- Every status is reached by the cases above.
SELECT s AS status_never_reached
FROM unnest(enum_range(NULL::exco.deadline_status)) AS s
WHERE s NOT IN (SELECT exco.deadline_status(m, signed_on, started_on, deployed_on, as_of) FROM deadline_case);

-- NULL signed_on, as_of or mission: NULL.
SELECT exco.deadline_status('parcours', NULL, NULL, NULL, '2021-01-01') IS NULL AS null_signed,
       exco.deadline_status('parcours', '2020-01-01', NULL, NULL, NULL) IS NULL AS null_as_of,
       exco.deadline_status(NULL, '2020-01-01', NULL, NULL, '2021-01-01') IS NULL AS null_mission;

-- Inconsistent dates are errors naming the dates, for every mission (optional ones too).
\set VERBOSITY default
SELECT exco.deadline_status('parcours', '2020-01-15', '2020-01-14', NULL, '2021-01-01');
SELECT exco.deadline_status('qualite', '2020-01-15', '2020-03-01', '2020-02-01', '2021-01-01');
SELECT exco.deadline_status('acces_soins', '2020-01-15', NULL, '2020-06-01', '2021-01-01');
\set VERBOSITY sqlstate
SELECT exco.deadline_status('acces_soins', '2020-01-15', NULL, '2020-06-01', '2021-01-01');

-- Parallel plan: a forced parallel scan gives the same statuses as a serial one.
CREATE TABLE deadline_big AS
SELECT i AS id,
       (enum_range(NULL::exco.mission))[1 + i % 7] AS m,
       '2019-08-25'::date + (i % 2000) AS signed_on,
       CASE WHEN i % 5 = 0 THEN NULL ELSE '2019-08-25'::date + (i % 2000) + (i % 400) END AS started_on,
       CASE WHEN i % 5 = 0 OR i % 3 = 0 THEN NULL ELSE '2019-08-25'::date + (i % 2000) + (i % 400) + (i % 500) END AS deployed_on
FROM generate_series(1, 50000) AS i;
ANALYZE deadline_big;
CREATE TABLE deadline_serial AS
SELECT id, exco.deadline_status(m, signed_on, started_on, deployed_on, '2023-06-30') AS s FROM deadline_big;
\i sql/include/force_parallel.sql
EXPLAIN (COSTS OFF)
SELECT s, count(*) FROM (SELECT exco.deadline_status(m, signed_on, started_on, deployed_on, '2023-06-30') AS s FROM deadline_big) x GROUP BY s;
SELECT s, count(*) FROM (SELECT exco.deadline_status(m, signed_on, started_on, deployed_on, '2023-06-30') AS s FROM deadline_big) x GROUP BY s ORDER BY s;
SELECT count(*) AS parallel_differs_from_serial FROM (
  (SELECT id, exco.deadline_status(m, signed_on, started_on, deployed_on, '2023-06-30') FROM deadline_big
   EXCEPT SELECT id, s FROM deadline_serial)
  UNION ALL
  (SELECT id, s FROM deadline_serial
   EXCEPT SELECT id, exco.deadline_status(m, signed_on, started_on, deployed_on, '2023-06-30') FROM deadline_big)) d;
SELECT count(*) AS tier_parallel_differs FROM deadline_big
 WHERE exco.tier_of(id * 4) OPERATOR(exco.<>) (CASE WHEN id * 4 < 40000 THEN 1 WHEN id * 4 < 80000 THEN 2 WHEN id * 4 <= 175000 THEN 3 ELSE 4 END)::exco.tier;
EXPLAIN (COSTS OFF) SELECT count(*) FROM deadline_big WHERE exco.tier_of(id * 4) OPERATOR(exco.=) '3';
SELECT count(*) AS tier3_rows FROM deadline_big WHERE exco.tier_of(id * 4) OPERATOR(exco.=) '3';
RESET ALL;
DROP TABLE deadline_case, deadline_big, deadline_serial;
