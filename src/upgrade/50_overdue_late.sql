-- Overdue and late, separately (issue 21): exco.late_status_count counts the missions finished
-- after their deadline only (started_late, deployed_late; 0.2.0 also counted the open ones), and
-- exco.overdue_status_count the ones open past their deadline (start_overdue, deploy_overdue).
-- The C final function of late_status_count changed with the library; its comment says so. The
-- new aggregate has the text of the fresh install (src/sql/60_report_helpers.sql).
COMMENT ON AGGREGATE exco.late_status_count(exco.mission, exco.deadline_status) IS
  'how many of the statuses are late, finished after their deadline (started_late, deployed_late: exco.mission_status.late); 0 without rows. Up to 0.2.0 it also counted the overdue ones';
CREATE FUNCTION exco.overdue_status_count_final(internal) RETURNS bigint
  AS 'MODULE_PATHNAME', 'report_status_overdue_final' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.overdue_status_count_final(internal) IS
  'final function of the aggregate exco.overdue_status_count';
CREATE AGGREGATE exco.overdue_status_count(exco.mission, exco.deadline_status) (
  SFUNC = exco.mission_status_object_step, STYPE = internal,
  FINALFUNC = exco.overdue_status_count_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE exco.overdue_status_count(exco.mission, exco.deadline_status) IS
  'how many of the statuses are overdue, open past their deadline on the date (start_overdue, deploy_overdue: exco.mission_status.overdue); 0 without rows';
