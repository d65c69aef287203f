-- exco.mission: the financing lines of a CPTS contract (doc/rules.md §3), and their deadlines.

CREATE TYPE exco.mission AS ENUM (
  'fonctionnement', 'acces_soins', 'parcours', 'prevention',
  'crises_sanitaires', 'qualite', 'accompagnement');
COMMENT ON TYPE exco.mission IS
  'CPTS financing line: fonctionnement (running costs, not a mission), the socle missions acces_soins, parcours, prevention, crises_sanitaires, and the optional qualite, accompagnement';

-- The C functions below map the enum by label, cached per call site; they read only the
-- catalog entries of exco.mission, which change only with the extension itself: IMMUTABLE.
CREATE FUNCTION exco.is_socle(exco.mission) RETURNS boolean
  AS 'MODULE_PATHNAME', 'mission_is_socle' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.is_socle(exco.mission) IS
  'true for the mandatory (socle) missions: acces_soins, parcours, prevention, crises_sanitaires';

CREATE FUNCTION exco.start_deadline(m exco.mission, signed_on date) RETURNS date
  AS 'MODULE_PATHNAME', 'mission_start_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.start_deadline(exco.mission, date) IS
  'latest start date of a socle mission: signature + 6 months (acces_soins, crises_sanitaires) or + 12 months (parcours, prevention); NULL for optional missions and fonctionnement';

CREATE FUNCTION exco.deploy_deadline(m exco.mission, signed_on date) RETURNS date
  AS 'MODULE_PATHNAME', 'mission_deploy_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.deploy_deadline(exco.mission, date) IS
  'latest full-deployment date of a socle mission: signature + 18 months (acces_soins, crises_sanitaires) or + 24 months (parcours, prevention); NULL for optional missions and fonctionnement';

CREATE TYPE exco.deadline_status AS ENUM (
  'free', 'not_started', 'start_overdue', 'in_progress', 'started_late',
  'deploy_overdue', 'deployed_on_time', 'deployed_late');
COMMENT ON TYPE exco.deadline_status IS
  'state of a mission against its start and deployment deadlines (see exco.deadline_status())';

-- Not STRICT: started_on and deployed_on are NULL until the mission starts / deploys; a NULL
-- mission, signed_on or as_of gives NULL. IMMUTABLE: as_of is an argument, not current_date.
CREATE FUNCTION exco.deadline_status(m exco.mission, signed_on date, started_on date,
                                     deployed_on date, as_of date)
  RETURNS exco.deadline_status
  AS 'MODULE_PATHNAME', 'deadline_status' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION exco.deadline_status(exco.mission, date, date, date, date) IS
  'status of a mission as of a date: free, not_started, start_overdue, in_progress, started_late, deploy_overdue, deployed_on_time, deployed_late; starts and deployments after as_of are not yet known';
