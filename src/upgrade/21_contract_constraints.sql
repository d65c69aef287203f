-- Constraints so that one row cannot break a report (doc/contract.md, "Constraints"): a
-- contract's missions are a one-dimensional list without NULL elements, a continuous indicator's
-- stated direction agrees with its levels, a measure is finite. Same definitions as
-- src/sql/55_contract.sql.
--
-- Each is added NOT VALID (existing rows are not checked, new rows are), then validated. When a
-- database already holds rows that break one, the update does not fail: that constraint stays
-- NOT VALID, a WARNING names it and the table, and the rows can be fixed and the constraint
-- validated afterwards (ALTER TABLE exco.t VALIDATE CONSTRAINT c), which makes the schema that of a
-- fresh install.
ALTER TABLE exco.contract
  ADD CONSTRAINT contract_missions_one_dimension CHECK (array_ndims(missions) = 1) NOT VALID,
  ADD CONSTRAINT contract_missions_no_null
    CHECK (CASE WHEN array_ndims(missions) > 1 THEN true ELSE array_position(missions, NULL) IS NULL END)
    NOT VALID;
ALTER TABLE exco.indicator
  ADD CONSTRAINT indicator_direction_consistent CHECK (
    kind <> 'continuous' OR lower_is_better IS NULL OR
    CASE WHEN lower_is_better THEN objective <= starting ELSE objective >= starting END) NOT VALID;
ALTER TABLE exco.measure
  ADD CONSTRAINT measure_value_finite CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT * FROM (VALUES ('contract', 'contract_missions_one_dimension'),
                                 ('contract', 'contract_missions_no_null'),
                                 ('indicator', 'indicator_direction_consistent'),
                                 ('measure', 'measure_value_finite')) AS v(tab, con)
  LOOP
    BEGIN
      EXECUTE pg_catalog.format('ALTER TABLE exco.%I VALIDATE CONSTRAINT %I', c.tab, c.con);
    EXCEPTION WHEN check_violation THEN
      RAISE WARNING 'rows of exco.% break the new constraint %, which is left NOT VALID', c.tab, c.con
        USING HINT = pg_catalog.format('Fix those rows, then run ALTER TABLE exco.%I VALIDATE CONSTRAINT %I.',
                                       c.tab, c.con);
    END;
  END LOOP;
END
$$;
