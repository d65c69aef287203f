-- Reports (doc/rules.md §2–§5, §8): their guards, scale look-ups and aggregates. The report
-- functions and views themselves read the user's tables: exco.create_tables() creates them
-- (src/tables/bound/60_reports.sql).
--
-- Each report is a set-returning function of its date,
-- exco.<report>_at(as_of date), and the view exco.<report> is that function at current_date.
--
-- Numbers are right or visibly unknown. A report never fails because of one contract or one row:
-- a cell a partial scale does not give, a measure that is not a finite number, a continuous
-- indicator whose direction contradicts its levels, a mission-year whose indicators all weigh 0,
-- a NULL in a contract's mission list: the amount is NULL and a *_gap / unknown_reason column says
-- why. A total is NULL as soon as one of its parts is unknown; beside it, <total>_known adds the
-- known parts and a count says how many are unknown. The scalar functions (exco.ceiling,
-- exco.payment_schedule ...) still raise for a direct call.
--
-- Dates. A contract runs on d iff signed_on <= d < ends_on (ends_on is the first day it no longer
-- runs) and it is not terminated (a termination is not dated: a terminated contract never counts
-- as running). Contract year k runs from signed_on + (k-1) years to signed_on + k years
-- (exclusive); the last closed contract year on d is the largest k <= 5 with signed_on + k years
-- <= d. After a contract ends its missions' statuses are those of its last running day
-- (ends_on - 1): an ended contract's missions do not keep turning overdue.
--
-- Markings and search_path. The *_at functions are LANGUAGE sql with a standard body (BEGIN
-- ATOMIC): the body is parsed when the function is created, so every name in it is bound then
-- (the caller's search_path cannot change what it calls), and, being one SELECT without SET
-- options, the planner inlines it into the calling query: a view's or caller's WHERE reaches the
-- tables, a region given to regional_summary_at is a constant where the tables are read, and a
-- postgres_fdw shard sees plain SQL. A SET search_path clause would forbid the inlining. STABLE:
-- they read tables (and as_of is an argument, not current_date); the planner never inlines a
-- VOLATILE one. PARALLEL SAFE: read only. Not STRICT: the planner never inlines a STRICT
-- set-returning function, and region is NULL for the whole country. A NULL as_of is an error
-- (22004) in every one of them, and so is a region regional_summary_at does not know (22023):
-- an unset date or a mistyped region would otherwise give a report of nothing running or no
-- row, which reads as zeros. The guards below are called once per query, not per row: with a
-- constant they are evaluated when the query is planned, with current_date (the views) they are
-- a one-time filter of the plan.

CREATE FUNCTION exco.report_date_given(as_of date) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog
AS $fn$
BEGIN
  IF as_of IS NULL THEN
    RAISE EXCEPTION 'the date of a report must not be NULL'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Give the date the report is as of (the views use current_date).';
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION exco.report_date_given(date) IS
  'true, or 22004 when the date of a report is NULL: the guard the *_at report functions apply once per query. IMMUTABLE (its answer depends on its argument alone), not STRICT (it must see the NULL)';

CREATE FUNCTION exco.report_region_given(region text) RETURNS boolean
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
BEGIN
  IF region IS NOT NULL AND NOT EXISTS (SELECT FROM exco.region r WHERE r.code = report_region_given.region) THEN
    RAISE EXCEPTION 'region "%" does not exist', region
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'exco.region lists the region codes of the loaded territory (e.g. 53 for Bretagne); NULL is the whole country.';
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION exco.report_region_given(text) IS
  'true for NULL (the whole country) or a code of exco.region, else 22023 naming it: the guard of exco.regional_summary_at''s region. STABLE (it reads exco.region)';

-- ---------------------------------------------------------------------------------------------
-- Scale look-ups that never raise (C, src/report.c: the per-call-site scale cache of exco.ceiling,
-- no query per row). STABLE: they read the scale tables. STRICT, PARALLEL SAFE (read only).

CREATE FUNCTION exco.ceiling_gap(line exco.mission, t exco.tier, scale text) RETURNS text
  AS 'MODULE_PATHNAME', 'report_ceiling_gap' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.ceiling_gap(exco.mission, exco.tier, text) IS
  'NULL when the scale gives this line for this tier, else the reason (unknown scale, unknown cell of a partial scale); what the reports show instead of failing';

CREATE FUNCTION exco.variable_ceiling_or_null(line exco.mission, t exco.tier, scale text) RETURNS numeric
  AS 'MODULE_PATHNAME', 'report_variable_ceiling' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.variable_ceiling_or_null(exco.mission, exco.tier, text) IS
  'yearly variable ceiling (euros) of a line for a tier under the named scale, NULL where exco.ceiling_gap gives a reason';

CREATE FUNCTION exco.contract_ceiling_gap(t exco.tier, scale text, missions exco.mission[]) RETURNS text
  AS 'MODULE_PATHNAME', 'report_contract_ceiling_gap' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.contract_ceiling_gap(exco.tier, text, exco.mission[]) IS
  'NULL when the named scale gives fonctionnement and every listed mission for the tier, else why the contract''s yearly ceiling is unknown (a list of more than one dimension, never flattened: its dimensions; NULL element in the list, unknown scale, the lines the scale does not give)';

CREATE FUNCTION exco.contract_ceiling_or_null(t exco.tier, scale text, missions exco.mission[]) RETURNS numeric
  AS 'MODULE_PATHNAME', 'report_contract_ceiling' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.contract_ceiling_or_null(exco.tier, text, exco.mission[]) IS
  'yearly maximum (euros, any contract year) of a contract under the named scale: fonctionnement plus each listed mission once, fixed + variable, SNP envelope excluded; NULL where exco.contract_ceiling_gap gives a reason (a list of more than one dimension is NULL, never summed)';

-- A mission's variable money for a contract year: the sum of its indicators' earned amounts,
-- capped by the mission's variable ceiling for the contract's tier and scale (doc/rules.md §8.3).
-- PL/pgSQL: a thin check around exco.scale_ceiling (C); for a direct call (the reports cap the
-- earned amount inline). STABLE (reads the scales), STRICT, PARALLEL SAFE (read only).
CREATE OR REPLACE FUNCTION exco.variable_due(line exco.mission, t exco.tier, scale text, earned numeric)
  RETURNS numeric
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
BEGIN
  IF earned OPERATOR(pg_catalog.=) 'NaN'::pg_catalog.numeric
     OR earned OPERATOR(pg_catalog.=) 'Infinity'::pg_catalog.numeric
     OR earned OPERATOR(pg_catalog.=) '-Infinity'::pg_catalog.numeric THEN
    RAISE EXCEPTION 'earned amount must be a finite number: %', earned
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF earned OPERATOR(pg_catalog.<) 0 THEN
    RAISE EXCEPTION 'earned amount must not be negative: %', earned
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'earned is the sum of the indicators'' amounts earned for the year.';
  END IF;
  IF line::pg_catalog.text OPERATOR(pg_catalog.=) 'fonctionnement' THEN
    RAISE EXCEPTION 'line % has no variable share', line
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'fonctionnement is paid in full as its fixed share; only the missions have a variable share.';
  END IF;
  RETURN LEAST(earned, (exco.scale_ceiling(line, t, scale)).variable);
END
$$;
COMMENT ON FUNCTION exco.variable_due(exco.mission, exco.tier, text, numeric) IS
  'variable money due for a mission and a contract year: the indicators'' earned amounts, capped by the variable ceiling of the line for the tier under the scale; 22023 for a negative or non-finite amount, a line without a variable share (fonctionnement) or an unknown cell';

-- ---------------------------------------------------------------------------------------------
-- mission → deadline status as one jsonb object, in one pass (C, src/report_statuses.c): the same
-- object as jsonb_object_agg(mission, status) at a fraction of its cost. STABLE: the keys and
-- values are enum labels (read from pg_enum, as enum_out, which is STABLE). Not STRICT: a NULL
-- status is JSON null; a NULL mission raises 22004. PARALLEL SAFE (no state outside the call).
CREATE FUNCTION exco.mission_status_object_step(internal, exco.mission, exco.deadline_status) RETURNS internal
  AS 'MODULE_PATHNAME', 'report_status_object_step' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.mission_status_object_step(internal, exco.mission, exco.deadline_status) IS
  'transition function of the aggregate exco.mission_status_object';
CREATE FUNCTION exco.mission_status_object_final(internal) RETURNS jsonb
  AS 'MODULE_PATHNAME', 'report_status_object_final' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.mission_status_object_final(internal) IS
  'final function of the aggregate exco.mission_status_object';
CREATE AGGREGATE exco.mission_status_object(exco.mission, exco.deadline_status) (
  SFUNC = exco.mission_status_object_step, STYPE = internal,
  FINALFUNC = exco.mission_status_object_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE exco.mission_status_object(exco.mission, exco.deadline_status) IS
  'jsonb object mission → deadline status (NULL status: JSON null; last one wins for a mission given twice; no row: NULL), as jsonb_object_agg(mission, status) gives, in one pass';
-- The overdue and the late statuses of the same pairs; with the same transition function and
-- arguments, a query calling these aggregates on the same inputs keeps one state for them (each
-- row's status is computed once). STABLE, PARALLEL SAFE as above.
CREATE FUNCTION exco.late_status_count_final(internal) RETURNS bigint
  AS 'MODULE_PATHNAME', 'report_status_late_final' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.late_status_count_final(internal) IS
  'final function of the aggregate exco.late_status_count';
CREATE AGGREGATE exco.late_status_count(exco.mission, exco.deadline_status) (
  SFUNC = exco.mission_status_object_step, STYPE = internal,
  FINALFUNC = exco.late_status_count_final, PARALLEL = SAFE);
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
