-- The trigger functions of the schemes' tables (doc/rules.md §6, §7; decisions: doc/schemes.md).
-- The tables and triggers: exco.create_tables() (src/tables/create/40_schemes.sql,
-- src/tables/bound/45_scheme_triggers.sql).
--
-- Markings of the trigger functions: VOLATILE and PARALLEL UNSAFE (each below says why); not
-- STRICT: they take no SQL arguments.

-- PARALLEL UNSAFE, as every exco trigger function: it is part of the write that fires it.
CREATE FUNCTION exco.check_assistant_contract() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  unmet text[];
BEGIN
  unmet := exco.assistant_eligible(NEW.sector, NEW.coordinated, NEW.mt_patients, NEW.share,
                                   NEW.underserved_zone, NEW.newly_installed, NEW.over_20pct_under_16);
  IF cardinality(unmet) > 0 THEN
    RAISE EXCEPTION 'GP % is not eligible to the medical-assistant aid: %', NEW.gp, array_to_string(unmet, '; ')
      USING ERRCODE = 'check_violation',
            DETAIL = format('Medical-assistant contract id %s signed on %s.', NEW.id, NEW.signed_on),
            HINT = 'Correct the situation at signing, or do not record the contract.';
  END IF;
  PERFORM exco.assistant_aid(NEW.share, 1, NEW.signed_on);  -- 22023 when no amounts apply
  RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION exco.check_assistant_contract() IS
  'BEFORE INSERT OR UPDATE trigger of exco.assistant_contract: the GP meets every condition of exco.assistant_eligible (else 23514 listing the unmet ones), and aid amounts apply on the signing date (else 22023)';

-- PARALLEL UNSAFE, as every exco trigger function: it is part of the write that fires it.
CREATE FUNCTION exco.check_etp_programme() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  problem text := exco.etp_programme_problem(NEW.coordinator, NEW.members);
BEGIN
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'ETP programme "%" is not valid: %', NEW.name, problem
      USING ERRCODE = 'check_violation',
            DETAIL = format('ETP programme id %s, members %s.', NEW.id, NEW.members),
            HINT = 'List in members the profession of every professional who delivers the programme.';
  END IF;
  RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION exco.check_etp_programme() IS
  'BEFORE INSERT OR UPDATE trigger of exco.etp_programme: at least 2 members of different professions (exco.etp_programme_problem), else 23514 naming the programme and the reason';
