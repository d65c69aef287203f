-- An indicator's weight and amount are finite numbers (doc/contract.md, "Constraints"): numeric
-- accepts NaN and Infinity, and NaN passes weight >= 0 and amount >= 0, so under 0.1.0 such a row
-- made exco.mission_variable raise (weight) or pay the whole variable ceiling on a NaN earned
-- amount. Same definitions as src/sql/55_contract.sql; added NOT VALID then validated, and left
-- NOT VALID with a WARNING when existing rows break one, as in 21_contract_constraints.sql (the
-- reports show such rows as unknown meanwhile).
ALTER TABLE exco.indicator
  ADD CONSTRAINT indicator_weight_finite CHECK (weight NOT IN ('NaN', 'Infinity')) NOT VALID,
  ADD CONSTRAINT indicator_amount_finite CHECK (amount NOT IN ('NaN', 'Infinity')) NOT VALID;
DO $$
DECLARE
  c text;
BEGIN
  FOREACH c IN ARRAY ARRAY['indicator_weight_finite', 'indicator_amount_finite']
  LOOP
    BEGIN
      EXECUTE pg_catalog.format('ALTER TABLE exco.indicator VALIDATE CONSTRAINT %I', c);
    EXCEPTION WHEN check_violation THEN
      RAISE WARNING 'rows of exco.indicator break the new constraint %, which is left NOT VALID', c
        USING HINT = pg_catalog.format('Fix those rows, then run ALTER TABLE exco.indicator VALIDATE CONSTRAINT %I.', c);
    END;
  END LOOP;
END
$$;
