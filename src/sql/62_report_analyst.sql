-- What the analyst's reports need beyond 60_report_helpers.sql (issue 21): the level of an area
-- row and the payment schedule that keeps an unknown amount in its place.

-- The level of a row of exco.regional_summary and exco.territory_money: an enum, so that a
-- mistyped level is an error (WHERE level = 'department' raises 22P02 invalid input value for
-- enum) instead of a filter that silently keeps no row. The labels are 0.2.0's text values; their
-- order is that of the areas' size (ORDER BY level lists France first).
CREATE TYPE exco.area_level AS ENUM ('france', 'region', 'departement');
COMMENT ON TYPE exco.area_level IS
  'which area a report row covers: france, region or departement (exco.regional_summary, exco.territory_money); a label outside these is 22P02';
--
-- exco.payment_schedule_report (C, src/payment.c): the rows of exco.payment_schedule, plus
-- unknown_reason. Where exco.payment_schedule raises for one line (the scale does not exist or
-- does not give the line for the tier; a start before the signature or after the contract's last
-- running day), it yields the very same rows (contract year, due date, kind) with NULL amounts and
-- the reason: exco.payments keeps every row's date, year and kind, so a filter on them never
-- drops an unknown amount. STABLE: reads the scale tables. PARALLEL SAFE: read-only, no state
-- beyond fn_extra. Not STRICT, as exco.payment_schedule: a NULL started_on is a mission not
-- started (no rows), a NULL attainment not yet known, a NULL scale the one in force at signature.
CREATE FUNCTION exco.payment_schedule_report(
    signed_on date, t exco.tier, line exco.mission, started_on date,
    attainment numeric[] DEFAULT NULL, scale text DEFAULT NULL)
  RETURNS TABLE (contract_year integer, due_on date, kind text, amount numeric, unknown_reason text)
  AS 'MODULE_PATHNAME', 'payment_schedule_report' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE
  ROWS 15;
COMMENT ON FUNCTION exco.payment_schedule_report(date, exco.tier, exco.mission, date, numeric[], text) IS
  'exco.payment_schedule for the reports: the same rows (contract year, due date, kind advance, balance, variable or variable_pending) and, where the scale does not give the line or the start is one the rules refuse, the rows of the schedule at their dates with NULL amounts and unknown_reason (a refused start counts as a start at signature); never raises for one line';
--
-- exco.indicator_unknown_reason (C, src/indicator_earned.c): why the rules cannot read one
-- indicator's measure, NULL when they can: a weight NaN or infinite; for a measure (value not
-- NULL), a value that is not a finite number; for a continuous indicator, an amount that is NaN, a
-- starting level or objective that is not a finite number, lower_is_better contradicting the
-- levels. Rows stored before 0.3.0's CHECK constraints may hold them; the reports show the reason
-- instead of failing (exco.indicator_measure_result). IMMUTABLE: the text depends on the
-- arguments only. PARALLEL SAFE. Not STRICT: a NULL value is a missing measure.
CREATE FUNCTION exco.indicator_unknown_reason(continuous boolean, starting numeric, objective numeric,
    lower_is_better boolean, amount numeric, weight numeric, value numeric) RETURNS text
  AS 'MODULE_PATHNAME', 'indicator_unknown_reason' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.indicator_unknown_reason(boolean, numeric, numeric, boolean, numeric, numeric, numeric) IS
  'why the rules cannot read an indicator''s measure (weight, measure, amount, starting level or objective not a finite number; lower_is_better contradicting the levels), NULL when they can; value NULL: not measured';
--
-- exco.earned_by_year (C, src/indicator_earned.c): per contract mission, the euros its indicators
-- earned in each contract year 1..5 known on as_of, from its indicators joined to their measures
-- (one row per measure, or one row with a NULL contract_year for an indicator without any), as
-- exco.mission_variable_at's earned: NULL for a year not listed (not yet begun or over, or begun
-- without a measure) or holding an unknown row. exco.payments_at reads it once per contract
-- mission instead of expanding every indicator to its five years. IMMUTABLE: the result depends
-- on the arguments only (date arithmetic). PARALLEL SAFE: no state beyond the call. Not STRICT:
-- a NULL contract_year is an indicator without a measure, a NULL started_on a mission not started.
CREATE FUNCTION exco.earned_by_year_step(internal, as_of date, signed_on date, started_on date,
    weight numeric, contract_year integer, earned numeric, unknown boolean) RETURNS internal
  AS 'MODULE_PATHNAME', 'earned_by_year_step' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.earned_by_year_step(internal, date, date, date, numeric, integer, numeric, boolean) IS
  'transition function of the aggregate exco.earned_by_year';
CREATE FUNCTION exco.earned_by_year_final(internal) RETURNS numeric[]
  AS 'MODULE_PATHNAME', 'earned_by_year_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.earned_by_year_final(internal) IS
  'final function of the aggregate exco.earned_by_year';
-- Parallel workers' states are combined; serialized as bytes read back by the same server only.
-- SSPACE: the state is about 200 bytes (its size tells the planner a hash aggregate fits).
CREATE FUNCTION exco.earned_by_year_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'earned_by_year_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.earned_by_year_combine(internal, internal) IS
  'combine function of the aggregate exco.earned_by_year';
CREATE FUNCTION exco.earned_by_year_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'earned_by_year_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.earned_by_year_serialize(internal) IS
  'serialization function of the aggregate exco.earned_by_year';
CREATE FUNCTION exco.earned_by_year_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'earned_by_year_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.earned_by_year_deserialize(bytea, internal) IS
  'deserialization function of the aggregate exco.earned_by_year';
CREATE AGGREGATE exco.earned_by_year(as_of date, signed_on date, started_on date, weight numeric,
    contract_year integer, earned numeric, unknown boolean) (
  SFUNC = exco.earned_by_year_step, STYPE = internal, SSPACE = 256,
  FINALFUNC = exco.earned_by_year_final,
  COMBINEFUNC = exco.earned_by_year_combine,
  SERIALFUNC = exco.earned_by_year_serialize, DESERIALFUNC = exco.earned_by_year_deserialize,
  PARALLEL = SAFE);
COMMENT ON AGGREGATE exco.earned_by_year(date, date, date, numeric, integer, numeric, boolean) IS
  'per contract mission, the euros earned in contract years 1..5 known on as_of (''[1:5]'' array; NULL for a year not listed or with an unknown row, as exco.mission_variable_at''s earned), from its indicators joined to their measures: one row per measure (contract_year, earned, unknown) or per indicator without any (contract_year NULL); as_of, signed_on and started_on are the contract mission''s (22023 when they differ within a group)';
