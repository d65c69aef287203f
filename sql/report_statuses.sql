-- The aggregates behind exco.contract_overview's mission_statuses and late_missions
-- (src/report_statuses.c): the same jsonb as jsonb_object_agg(mission, status), and the count of
-- the late statuses (exco.mission_status.late: start_overdue, started_late, deploy_overdue,
-- deployed_late). No table is read: the pairs are written here.
\set VERBOSITY sqlstate
-- Groups: 1 three pairs, one late (deploy_overdue) and one NULL status (JSON null);
-- 2 the same mission twice: the last status wins (as in jsonb_object_agg and jsonb input), two
-- late (start_overdue, then started_late); 3 one NULL status only: {"qualite": null}, 0 late;
-- 4 every status once over the 7 missions, with 4 late ones.
CREATE TEMP TABLE rs_pair (g int, n int, mission exco.mission, status exco.deadline_status);
INSERT INTO rs_pair VALUES
  (1, 1, 'parcours', 'deploy_overdue'), (1, 2, 'acces_soins', 'deployed_on_time'), (1, 3, 'prevention', NULL),
  (2, 1, 'parcours', 'start_overdue'), (2, 2, 'parcours', 'started_late'),
  (3, 1, 'qualite', NULL),
  (4, 1, 'fonctionnement', 'free'), (4, 2, 'acces_soins', 'not_started'), (4, 3, 'parcours', 'start_overdue'),
  (4, 4, 'prevention', 'in_progress'), (4, 5, 'crises_sanitaires', 'started_late'),
  (4, 6, 'qualite', 'deploy_overdue'), (4, 7, 'accompagnement', 'deployed_late');
SELECT g, exco.mission_status_object(mission, status ORDER BY n) AS statuses,
       exco.mission_status_object(mission, status ORDER BY n)
         = jsonb_object_agg(mission, status ORDER BY n) AS same_as_jsonb_object_agg,
       exco.late_status_count(mission, status) AS late,
       count(*) FILTER (WHERE status IN ('start_overdue', 'started_late', 'deploy_overdue', 'deployed_late')) AS late_by_hand
FROM rs_pair GROUP BY g ORDER BY g;
-- No row: NULL object (as jsonb_object_agg), 0 late.
SELECT exco.mission_status_object(mission, status) IS NULL AS no_object, exco.late_status_count(mission, status) AS late
FROM rs_pair WHERE false;
-- A NULL mission: 22004 (a key is required).
SELECT exco.mission_status_object(m, NULL) FROM (VALUES (NULL::exco.mission)) v(m);
DROP TABLE rs_pair;
