-- Patient education (ETP): programme validity and the ENMR module-2 pay (doc/rules.md §7.3; open
-- cases: doc/schemes.md). Source: 2011 ministry review of ETP in the article-44 experiments,
-- "Une rémunération versée à la structure: 1 000 € pour l'élaboration du programme; un forfait
-- formation de 1 000 € par professionnel; 250 € pour le diagnostic éducatif et les 4 premières
-- séances; 300 € si le nombre de séances > 4; 100 € en cas d'abandon après la première séance";
-- "File active de 50 patients minimum"; "Inclusion de deux professionnels de professions
-- différentes".
SET search_path = public;

-- Validity: at least 2 members of different professions (the coordinator counts only if listed).
SELECT label, exco.etp_programme_valid(coordinator, members) AS valid,
       exco.etp_programme_problem(coordinator, members) AS problem
FROM (VALUES
  ('GP coordinates, GP + nurse deliver',      'medecin_generaliste'::exco.profession, '{medecin_generaliste,infirmier}'::exco.profession[]),
  ('nurse coordinates, nurse + dietitian',    'infirmier', '{infirmier,dieteticien}'),
  ('pharmacist coordinates, 3 professions',   'pharmacien', '{infirmier,dieteticien,masseur_kinesitherapeute}'),
  ('GP coordinates, 2 nurses deliver',        'medecin_generaliste', '{infirmier,infirmier}'),
  ('GP coordinates, one nurse delivers',      'medecin_generaliste', '{infirmier}'),
  ('GP coordinates, nobody delivers',         'medecin_generaliste', '{}')
) AS t(label, coordinator, members);
SELECT exco.etp_programme_valid(NULL, '{infirmier,dieteticien}') IS NULL AS strict;
SELECT exco.etp_programme_valid('infirmier', '{infirmier,NULL}');

-- Every per-patient case. Decided where the text is silent (doc/schemes.md): no session pays
-- nothing; more than 4 sessions pays 300 (total, not 250 + 300) even if the patient stopped
-- later; a dropout after 1 to 3 sessions pays 100; a patient who did the 4 sessions of the
-- package and stopped pays 250.
SELECT sessions, dropped_out, exco.etp_patient_pay(sessions, dropped_out) AS pay
FROM (VALUES (0, false), (0, true), (1, false), (1, true), (2, false), (2, true), (3, false),
             (3, true), (4, false), (4, true), (5, false), (5, true), (12, false)) AS t(sessions, dropped_out);
SELECT exco.etp_patient_pay(NULL, false) IS NULL AS strict;
SELECT exco.etp_patient_pay(-1, false);

-- The programme's pay over a patient table. Programme 1 (year 2011, built that year, 3
-- professionals trained): 50 patients = 20 x 4 sessions (250) + 15 x 6 sessions (300) + 10
-- dropped out after the first (100) + 5 without a session (0)
--   = 5 000 + 4 500 + 1 000 + 0 = 10 500; + 1 000 (built) + 3 x 1 000 (trained) = 14 500.00.
-- Programme 1 in 2012 (not built that year, nobody trained): 60 patients x 4 sessions = 15 000.00.
-- Programme 2 (2011): 49 patients, below the minimum of 50.
CREATE TABLE etp_test_patient (programme integer, year integer, patient integer, sessions integer, dropped_out boolean);
INSERT INTO etp_test_patient
SELECT 1, 2011, i, CASE WHEN i <= 20 THEN 4 WHEN i <= 35 THEN 6 WHEN i <= 45 THEN 1 ELSE 0 END, i BETWEEN 36 AND 45
  FROM generate_series(1, 50) AS i
UNION ALL SELECT 1, 2012, i, 4, false FROM generate_series(1, 60) AS i
UNION ALL SELECT 2, 2011, i, 5, false FROM generate_series(1, 49) AS i;
CREATE TABLE etp_test_programme (programme integer, year integer, trained integer, built boolean);
INSERT INTO etp_test_programme VALUES (1, 2011, 3, true), (1, 2012, 0, false), (2, 2011, 2, true);

SELECT g.programme, g.year, count(*) AS file_active,
       exco.etp_programme_pay(p.sessions, p.dropped_out, g.trained, g.built) AS pay
  FROM etp_test_programme g JOIN etp_test_patient p USING (programme, year)
 WHERE g.programme = 1
 GROUP BY g.programme, g.year ORDER BY g.programme, g.year;
-- Below the minimum: 22023 naming the count.
SELECT exco.etp_programme_pay(p.sessions, p.dropped_out, g.trained, g.built)
  FROM etp_test_programme g JOIN etp_test_patient p USING (programme, year)
 WHERE g.programme = 2;
-- No rows: NULL. Programme figures differing between rows of one group: 22023.
SELECT exco.etp_programme_pay(sessions, dropped_out, 0, false) IS NULL AS no_rows
  FROM etp_test_patient WHERE false;
SELECT exco.etp_programme_pay(sessions, dropped_out, patient % 2, false) FROM etp_test_patient WHERE programme = 1 AND year = 2012;
SELECT exco.etp_programme_pay(sessions, dropped_out, 0, patient = 1) FROM etp_test_patient WHERE programme = 1 AND year = 2012;
SELECT exco.etp_programme_pay(sessions, NULL, 0, false) FROM etp_test_patient WHERE programme = 1 AND year = 2012;
SELECT exco.etp_programme_pay(sessions, dropped_out, -1, false) FROM etp_test_patient WHERE programme = 1 AND year = 2012;

-- The same pay in a forced parallel plan (partial states serialized, combined in the leader), on
-- 100 programmes x 100 patients with 4 sessions each, every programme built with 2 professionals
-- trained: per programme 100 x 250 + 1 000 + 2 x 1 000 = 28 000.00; all of them 2 800 000.00.
-- Ungrouped, the 10 000 rows as one programme: 10 000 x 250 + 1 000 + 2 000 = 2 503 000.00.
CREATE TABLE etp_test_par AS SELECT i % 100 AS programme, i AS patient, 4 AS sessions, false AS dropped_out
  FROM generate_series(1, 10000) AS i;
ANALYZE etp_test_par;
\i sql/include/force_parallel.sql
EXPLAIN (COSTS OFF)
SELECT exco.etp_programme_pay(sessions, dropped_out, 2, true) FROM etp_test_par;
SELECT exco.etp_programme_pay(sessions, dropped_out, 2, true) AS parallel_one FROM etp_test_par;
EXPLAIN (COSTS OFF)
SELECT programme, exco.etp_programme_pay(sessions, dropped_out, 2, true) FROM etp_test_par GROUP BY programme;
SELECT count(*) AS programmes, min(pay), max(pay), sum(pay) AS parallel_grouped
  FROM (SELECT programme, exco.etp_programme_pay(sessions, dropped_out, 2, true) AS pay
          FROM etp_test_par GROUP BY programme) AS s;
RESET ALL;
DROP TABLE etp_test_patient, etp_test_programme, etp_test_par;
