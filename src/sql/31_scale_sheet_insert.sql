-- The loader of exco.scale_sheet (its view is in 30_scale.sql): doc/scale.md, "Loading an
-- amendment". Its own part because 0.2.0 changes it: the update from 0.1.0 runs this file too
-- (extension/exco--0.1.0--0.2.0.sql holds the same text), hence CREATE OR REPLACE.

-- plpgsql trigger function: fired only by INSERT/COPY on the view. VOLATILE and PARALLEL UNSAFE:
-- it writes exco.scale and exco.scale_amount and locks the scale row FOR UPDATE (what writes or
-- locks is UNSAFE, PostgreSQL's "Parallel Safety"; test/api.sql checks it).
CREATE OR REPLACE FUNCTION exco.scale_sheet_insert() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  s exco.scale;
  t integer;
  v numeric;
  old numeric;
  other text;
BEGIN
  IF NEW.scale IS NULL OR NEW.line IS NULL OR NEW.share IS NULL THEN
    RAISE EXCEPTION 'a scale_sheet row needs scale, line and share (got scale %, line %, share %)',
      coalesce(quote_literal(NEW.scale), 'NULL'), coalesce(NEW.line::text, 'NULL'), coalesce(NEW.share::text, 'NULL')
      USING ERRCODE = 'not_null_violation';
  END IF;
  SELECT * INTO s FROM exco.scale WHERE scale = NEW.scale FOR UPDATE;
  IF NOT FOUND THEN
    IF NEW.effective_from IS NULL THEN
      RAISE EXCEPTION 'scale "%" does not exist yet: its effective_from is needed', NEW.scale
        USING ERRCODE = 'not_null_violation',
              HINT = 'Give effective_from (and complete, source) on the rows of a new scale.';
    END IF;
    -- Two scales cannot start on the same day (the UNIQUE constraint of exco.scale): say which
    -- scale has the date, rather than core's bare unique_violation. (Two sessions loading at once
    -- still meet the constraint itself.) An infinite date meets scale_effective_from_finite.
    SELECT o.scale INTO other FROM exco.scale o WHERE o.effective_from = NEW.effective_from;
    IF FOUND THEN
      RAISE EXCEPTION 'scale "%" cannot be in force from %: scale "%" already is', NEW.scale,
        to_char(NEW.effective_from, 'YYYY-MM-DD'), other
        USING ERRCODE = 'unique_violation',
              HINT = format('Give scale "%s" the first day it is in force, or load the rows under scale "%s" if they belong to it.',
                            NEW.scale, other);
    END IF;
    INSERT INTO exco.scale (scale, effective_from, complete, source)
    VALUES (NEW.scale, NEW.effective_from, coalesce(NEW.complete, false), NEW.source);
  ELSE
    IF NEW.effective_from IS DISTINCT FROM NULL AND NEW.effective_from <> s.effective_from THEN
      RAISE EXCEPTION 'scale "%" is in force from %, not %', NEW.scale, s.effective_from, NEW.effective_from
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Change exco.scale.effective_from with an UPDATE if that is meant.';
    END IF;
    IF NEW.complete IS NOT NULL AND NEW.complete IS DISTINCT FROM s.complete THEN
      UPDATE exco.scale SET complete = NEW.complete WHERE scale = NEW.scale;
    END IF;
    IF NEW.source IS NOT NULL AND NEW.source IS DISTINCT FROM s.source THEN
      UPDATE exco.scale SET source = NEW.source WHERE scale = NEW.scale;
    END IF;
  END IF;
  FOR t IN 1..4 LOOP
    v := CASE t WHEN 1 THEN NEW.taille_1 WHEN 2 THEN NEW.taille_2
                WHEN 3 THEN NEW.taille_3 ELSE NEW.taille_4 END;
    CONTINUE WHEN v IS NULL;  -- empty cell: unknown, no row
    SELECT amount INTO old FROM exco.scale_amount
     WHERE scale = NEW.scale AND line = NEW.line AND tier = t::exco.tier AND share = NEW.share;
    IF NOT FOUND THEN
      INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance)
      VALUES (NEW.scale, NEW.line, t::exco.tier, NEW.share, v, NEW.provenance);
    ELSIF old <> v THEN
      RAISE EXCEPTION 'scale "%" already gives % % for tier % as %, not %',
        NEW.scale, NEW.line, NEW.share, t, old, v
        USING ERRCODE = 'unique_violation',
              HINT = 'Loading never overwrites a figure: UPDATE exco.scale_amount explicitly if the figure changed.';
    END IF;  -- the same figure again: nothing to do (loading twice is harmless)
  END LOOP;
  RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION exco.scale_sheet_insert() IS
  'INSTEAD OF INSERT trigger of exco.scale_sheet: creates the scale if new, adds the given cells, refuses to overwrite a different figure or to start on the date of another scale (23505)';
CREATE OR REPLACE TRIGGER scale_sheet_insert INSTEAD OF INSERT ON exco.scale_sheet
  FOR EACH ROW EXECUTE FUNCTION exco.scale_sheet_insert();
