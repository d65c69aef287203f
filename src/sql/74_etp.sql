-- Patient education (ETP): programme validity and the pay of the ENMR "module 2" experiment
-- (doc/rules.md §7.3; open cases decided in doc/schemes.md).

-- IMMUTABLE: the profession enum is mapped by label (see 70_structure.sql).
CREATE FUNCTION exco.etp_programme_valid(coordinator exco.profession, members exco.profession[])
  RETURNS boolean
  AS 'MODULE_PATHNAME', 'etp_programme_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_valid(exco.profession, exco.profession[]) IS
  'whether an ETP programme coordinated by a health professional (coordinator) is delivered by at least 2 health professionals of different professions (members: one profession per professional who delivers it; the coordinator counts only if listed)';

CREATE FUNCTION exco.etp_programme_problem(coordinator exco.profession, members exco.profession[])
  RETURNS text
  AS 'MODULE_PATHNAME', 'etp_programme_problem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_problem(exco.profession, exco.profession[]) IS
  'NULL when exco.etp_programme_valid(coordinator, members), else the reason';

-- IMMUTABLE: the module-2 amounts belong to a closed experiment (2010-2012) and are fixed in C.
CREATE FUNCTION exco.etp_patient_pay(sessions integer, dropped_out boolean) RETURNS numeric
  AS 'MODULE_PATHNAME', 'etp_patient_pay' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_patient_pay(integer, boolean) IS
  'ENMR module-2 pay for one patient: 0.00 without a session; 300.00 for more than 4 sessions; 100.00 for a patient who dropped out after 1 to 3 sessions; 250.00 otherwise (educational diagnosis and the first 4 sessions); negative sessions 22023';

-- The programme's pay for a year, as an aggregate over its patient rows:
--   SELECT g.id, exco.etp_programme_pay(p.sessions, p.dropped_out, g.trained, g.built)
--     FROM programme g JOIN patient p ON ... GROUP BY g.id HAVING ...
-- Support functions: IMMUTABLE (arguments only) and PARALLEL SAFE (the aggregate runs in partial
-- mode in workers). NOT STRICT: the state is internal, starts NULL, and a NULL argument is an
-- error (22004) rather than a skipped patient; the combine function must accept NULL states.
CREATE FUNCTION exco.etp_programme_pay_accum(internal, integer, boolean, integer, boolean) RETURNS internal
  AS 'MODULE_PATHNAME', 'etp_programme_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_accum(internal, integer, boolean, integer, boolean) IS
  'transition function of exco.etp_programme_pay';
CREATE FUNCTION exco.etp_programme_pay_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'etp_programme_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_combine(internal, internal) IS
  'combine function of exco.etp_programme_pay';
-- STRICT: PostgreSQL requires it of serialization functions (never called on a NULL state).
CREATE FUNCTION exco.etp_programme_pay_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'etp_programme_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_serialize(internal) IS
  'serialization function of exco.etp_programme_pay';
CREATE FUNCTION exco.etp_programme_pay_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'etp_programme_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_deserialize(bytea, internal) IS
  'deserialization function of exco.etp_programme_pay';
-- NOT STRICT: a NULL state (no rows) gives NULL.
CREATE FUNCTION exco.etp_programme_pay_final(internal) RETURNS numeric
  AS 'MODULE_PATHNAME', 'etp_programme_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_final(internal) IS
  'final function of exco.etp_programme_pay';

CREATE AGGREGATE exco.etp_programme_pay(sessions integer, dropped_out boolean,
                                        professionals_trained integer, programme_built boolean) (
  SFUNC = exco.etp_programme_pay_accum,
  STYPE = internal,
  SSPACE = 24,
  FINALFUNC = exco.etp_programme_pay_final,
  COMBINEFUNC = exco.etp_programme_pay_combine,
  SERIALFUNC = exco.etp_programme_pay_serialize,
  DESERIALFUNC = exco.etp_programme_pay_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE exco.etp_programme_pay(integer, boolean, integer, boolean) IS
  'ENMR module-2 pay of one ETP programme for a year, over its patient rows (one per patient in file active): 1 000.00 if the programme was built that year (programme_built), 1 000.00 per professional trained that year, plus exco.etp_patient_pay of every patient; professionals_trained and programme_built must be the same on every row; fewer than 50 patients in file active is 22023; no rows gives NULL';
