-- The aggregates behind exco.contract_overview's mission_statuses, overdue_missions and
-- late_missions (src/report_statuses.c): the same jsonb as jsonb_object_agg(mission, status), the
-- count of the overdue statuses (exco.mission_status.overdue: start_overdue, deploy_overdue: open
-- past a deadline) and of the late ones (exco.mission_status.late: started_late, deployed_late:
-- finished after it). No table is read: the pairs are written here.
\set VERBOSITY sqlstate
-- Groups: 1 three pairs, one overdue (deploy_overdue), none late, and one NULL status (JSON null);
-- 2 the same mission twice: the last status wins (as in jsonb_object_agg and jsonb input), one
-- overdue (start_overdue) and one late (started_late) counted; 3 one NULL status only:
-- {"qualite": null}, 0 and 0; 4 every status once over the 7 missions: 2 overdue
-- (start_overdue, deploy_overdue), 2 late (started_late, deployed_late).
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
       exco.overdue_status_count(mission, status) AS overdue,
       count(*) FILTER (WHERE status IN ('start_overdue', 'deploy_overdue')) AS overdue_by_hand,
       exco.late_status_count(mission, status) AS late,
       count(*) FILTER (WHERE status IN ('started_late', 'deployed_late')) AS late_by_hand
FROM rs_pair GROUP BY g ORDER BY g;
-- No row: NULL object (as jsonb_object_agg), 0 overdue, 0 late.
SELECT exco.mission_status_object(mission, status) IS NULL AS no_object,
       exco.overdue_status_count(mission, status) AS overdue, exco.late_status_count(mission, status) AS late
FROM rs_pair WHERE false;
-- A NULL mission: 22004 (a key is required).
SELECT exco.mission_status_object(m, NULL) FROM (VALUES (NULL::exco.mission)) v(m);
DROP TABLE rs_pair;
