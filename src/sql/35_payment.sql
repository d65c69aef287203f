-- The payment schedule of a contract line (doc/rules.md §8.3), over the scales of
-- 30_scale.sql, and the variable money due for a mission and a year.
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

-- A mission's variable money for a contract year: the sum of its indicators' earned amounts,
-- capped by the mission's variable ceiling for the contract's tier and scale (doc/rules.md §4.2,
-- §8). PL/pgSQL: a thin check around exco.scale_ceiling (C). STABLE (reads the scales), STRICT,
-- PARALLEL SAFE (read only).
CREATE FUNCTION exco.variable_due(line exco.mission, t exco.tier, scale text, earned numeric)
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
