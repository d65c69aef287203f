-- The payment schedule of a contract line (doc/rules.md §8.3), over the scales of
-- 30_scale.sql.
--
-- Written in C (src/payment.c): int64 cents for every amount and exact integer prorata, one scale
-- lookup per call site and query (the same fn_extra cache as exco.ceiling), and it is called once
-- per contract-mission row in LATERAL joins, where a SQL body would re-plan and re-read the scale
-- per call.
-- STABLE: reads the scale tables. PARALLEL SAFE: read-only SPI, no state beyond fn_extra.
-- Not STRICT: started_on, attainment and scale are NULL in ordinary use; a NULL signed_on, tier
-- or line gives no rows.
CREATE FUNCTION exco.payment_schedule(
    signed_on date, t exco.tier, line exco.mission, started_on date,
    attainment numeric[] DEFAULT NULL, scale text DEFAULT NULL)
  RETURNS TABLE (contract_year integer, due_on date, kind text, amount numeric)
  AS 'MODULE_PATHNAME', 'payment_schedule' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE
  ROWS 15;
COMMENT ON FUNCTION exco.payment_schedule(date, exco.tier, exco.mission, date, numeric[], text) IS
  'payments of one line of a contract over its 5 years: kind advance, balance, variable (ceiling x attainment[year]) or variable_pending (attainment not known, NULL amount); one scale for the whole contract (the one in force at signature unless named)';
