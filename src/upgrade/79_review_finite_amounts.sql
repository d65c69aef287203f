-- Amounts are finite numbers (doc/contract.md, "Constraints"; doc/scale.md): numeric accepts NaN
-- (and, without a typmod, Infinity), and NaN passes >= 0. Under 0.1.0 a NaN indicator weight made
-- exco.mission_variable raise, a NaN indicator amount paid the whole variable ceiling, and one NaN
-- cell of exco.scale_amount made every scale look-up fail (0A000 cannot convert NaN to bigint).
-- Same definitions as src/sql/30_scale.sql and src/sql/55_contract.sql (the other schemes' tables
-- are new in 0.2.0 and created with theirs). Added NOT VALID then validated, and left NOT VALID
-- with a WARNING when existing rows break one, as in 21_contract_constraints.sql.
ALTER TABLE exco.indicator
  ADD CONSTRAINT indicator_weight_finite CHECK (weight NOT IN ('NaN', 'Infinity')) NOT VALID,
  ADD CONSTRAINT indicator_amount_finite CHECK (amount NOT IN ('NaN', 'Infinity')) NOT VALID;
ALTER TABLE exco.scale_amount
  ADD CONSTRAINT scale_amount_finite CHECK (amount <> 'NaN') NOT VALID;
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT * FROM (VALUES ('indicator', 'indicator_weight_finite'),
                                 ('indicator', 'indicator_amount_finite'),
                                 ('scale_amount', 'scale_amount_finite')) AS v(tab, con)
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
