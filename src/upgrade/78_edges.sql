-- Edge cases (0.1.0 → 0.2.0): a scale's effective_from is a finite date (an infinite one made a
-- scale in force before every real scale, or never). Same definition as src/sql/30_scale.sql.
-- Added NOT VALID then validated, and left NOT VALID with a WARNING when existing rows break it,
-- as in 21_contract_constraints.sql. The loader exco.scale_sheet_insert() is replaced by
-- 78_edges_scale_sheet.sql (a link to src/sql/31_scale_sheet_insert.sql).
ALTER TABLE exco.scale
  ADD CONSTRAINT scale_effective_from_finite CHECK (isfinite(effective_from)) NOT VALID;
DO $$
BEGIN
  ALTER TABLE exco.scale VALIDATE CONSTRAINT scale_effective_from_finite;
EXCEPTION WHEN check_violation THEN
  RAISE WARNING 'rows of exco.scale break the new constraint scale_effective_from_finite, which is left NOT VALID'
    USING HINT = 'Fix those rows, then run ALTER TABLE exco.scale VALIDATE CONSTRAINT scale_effective_from_finite.';
END
$$;
