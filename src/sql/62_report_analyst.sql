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
