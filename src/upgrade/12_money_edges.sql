-- core (issue 9 §4, money edge cases): exco.variable_due refuses NaN, infinities and a line
-- without a variable share (it lived in 60_views.sql in 0.1.0; same signature and markings).
-- The C functions (payment_schedule subscripts and end message, contract_ceiling 2-D arrays)
-- change in exco.so only.
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
