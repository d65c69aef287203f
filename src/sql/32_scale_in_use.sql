-- A scale that amounts or contracts name is neither deleted nor renamed (the foreign keys of
-- 0.2.0 did that; see exco.scale_amount.scale). plpgsql, VOLATILE (reads the tables as they are
-- now), PARALLEL UNSAFE (a trigger function is only called by the trigger manager). It reads
-- exco.contract when the user's tables exist (exco.create_tables()).
CREATE FUNCTION exco.scale_in_use() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco, pg_temp
AS $fn$
DECLARE
  amounts bigint;
  contracts bigint := 0;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.scale = OLD.scale THEN
    RETURN NEW;
  END IF;
  SELECT count(*) INTO amounts FROM exco.scale_amount a WHERE a.scale = OLD.scale;
  IF to_regclass('exco.contract') IS NOT NULL THEN
    EXECUTE 'SELECT count(*) FROM exco.contract c WHERE c.scale OPERATOR(pg_catalog.=) $1'
      INTO contracts USING OLD.scale;
  END IF;
  IF amounts + contracts > 0 THEN
    RAISE EXCEPTION 'scale "%" cannot be %: % amounts and % contracts name it', OLD.scale,
      CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'renamed' END, amounts, contracts
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Delete its amounts from exco.scale_amount, and move its contracts to another scale, first.';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$fn$;
COMMENT ON FUNCTION exco.scale_in_use() IS
  'BEFORE UPDATE OF scale OR DELETE trigger of exco.scale: a scale that exco.scale_amount rows or exco.contract rows name is not deleted nor renamed (23503 with the counts)';
CREATE TRIGGER scale_in_use BEFORE UPDATE OF scale OR DELETE ON exco.scale
  FOR EACH ROW EXECUTE FUNCTION exco.scale_in_use();
COMMENT ON TRIGGER scale_in_use ON exco.scale IS
  'keeps a scale that amounts or contracts name: see exco.scale_in_use()';
