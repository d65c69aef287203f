-- The user's tables: ordinary tables, not members of the extension (doc/tables.md).
--
-- CREATE EXTENSION exco creates the rules: types, functions, aggregates, trigger functions and the
-- law's dated amounts (the scales and the other schemes' amounts). The user's data (territory,
-- CPTS, contracts, missions, indicators, measures, structures, ETP, assistant contracts) lives in
-- ordinary tables of schema exco that exco.create_tables() creates, with what is bound to them
-- (triggers, the report functions and views, comments). pg_dump treats them as the user's: it
-- writes their rows first and their constraints, triggers and policies after them, so every dump
-- format and every restore, parallel too, keeps every row and every policy, and DROP EXTENSION
-- exco without CASCADE refuses to drop what they depend on instead of deleting them.
--
-- The DDL is this release's text, exco.tables_script(part) (generated from src/tables/). Both
-- functions are plpgsql with a pinned search_path (the DDL qualifies every name); they run with
-- the caller's rights (no SECURITY DEFINER): the caller needs CREATE on schema exco, and owns
-- what is created. VOLATILE and PARALLEL UNSAFE: they create objects and write a row.

-- The version exco.tables_version records, or '0.2.0' for the tables a 0.2.0 database had (the
-- update to 0.3.0 detached them from the extension, and 0.2.0 had no version table), or NULL
-- when there are no tables. STABLE (reads the catalog and one table), PARALLEL SAFE (read only).
CREATE FUNCTION exco.tables_built() RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, exco, pg_temp
AS $fn$
DECLARE
  v text;
BEGIN
  IF to_regclass('exco.tables_version') IS NOT NULL THEN
    EXECUTE 'SELECT version FROM exco.tables_version' INTO v;
    IF v IS NULL THEN
      RAISE EXCEPTION 'exco.tables_version has no row: the version of exco''s tables is unknown'
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Insert the row the table had (a dump of the database holds it).';
    END IF;
    RETURN v;
  END IF;
  IF to_regclass('exco.contract') IS NOT NULL THEN
    RETURN '0.2.0';
  END IF;
  RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION exco.tables_built() IS
  'the exco version the user''s tables are at (exco.tables_version; ''0.2.0'' for tables a 0.2.0 database had), NULL when exco.create_tables() has not run';

CREATE FUNCTION exco.create_tables() RETURNS text
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco, pg_temp
AS $fn$
DECLARE
  built text := exco.tables_built();
  taken text;
  messages text := current_setting('client_min_messages');
BEGIN
  IF built = '@EXTVERSION@' THEN
    RAISE NOTICE 'exco''s tables are already at version @EXTVERSION@: nothing done';
    RETURN 'exco''s tables are already at version @EXTVERSION@: nothing done';
  ELSIF built IS NOT NULL THEN
    RAISE EXCEPTION 'exco''s tables are at version %, not @EXTVERSION@', built
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'SELECT exco.update_tables() brings them to @EXTVERSION@, keeping every row.';
  END IF;
  SELECT string_agg(c.relname, ', ' ORDER BY c.relname) INTO taken
    FROM pg_class c
   WHERE c.relnamespace = 'exco'::regnamespace
     AND c.relname = ANY (ARRAY['region', 'departement', 'epci', 'commune', 'cpts', 'cpts_commune',
                                'contract', 'contract_mission', 'indicator', 'measure', 'structure',
                                'structure_member', 'assistant_contract', 'etp_programme',
                                'etp_patient']);
  IF taken IS NOT NULL THEN
    RAISE EXCEPTION 'schema exco already has relations named like exco''s tables: %', taken
      USING ERRCODE = 'duplicate_table',
            HINT = 'Rename or drop them, then run SELECT exco.create_tables() again.';
  END IF;
  -- The scripts' own notices (a DROP ... IF EXISTS that skips) are not the caller's business.
  PERFORM set_config('client_min_messages', 'warning', true);
  EXECUTE exco.tables_script('version table');
  EXECUTE exco.tables_script('create');
  EXECUTE exco.tables_script('bound');
  PERFORM set_config('client_min_messages', messages, true);
  INSERT INTO exco.tables_version (version, updated_at) VALUES ('@EXTVERSION@', now());
  RETURN 'created exco''s tables at version @EXTVERSION@: '
      || (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'exco'::regnamespace AND c.relkind = 'r'
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                               AND d.objid = c.oid AND d.deptype = 'e'))::text
      || ' tables, '
      || (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'exco'::regnamespace AND c.relkind = 'v'
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                               AND d.objid = c.oid AND d.deptype = 'e'))::text
      || ' report views';
END
$fn$;
COMMENT ON FUNCTION exco.create_tables() IS
  'creates the user''s tables in schema exco as ordinary tables (territory, CPTS, contracts, missions, indicators, measures, structures, assistant contracts, ETP), their triggers, the report functions and views and exco.tables_version; says what it created. Run once after CREATE EXTENSION exco; again, it does nothing. The caller needs CREATE on schema exco and owns the tables';

CREATE FUNCTION exco.update_tables() RETURNS text
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco, pg_temp
AS $fn$
DECLARE
  built text := exco.tables_built();
  detail text;
  messages text := current_setting('client_min_messages');
BEGIN
  IF built IS NULL THEN
    RAISE EXCEPTION 'exco has no tables to update'
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'SELECT exco.create_tables() creates them.';
  ELSIF built = '@EXTVERSION@' THEN
    RAISE NOTICE 'exco''s tables are already at version @EXTVERSION@: nothing done';
    RETURN 'exco''s tables are already at version @EXTVERSION@: nothing done';
  END IF;
  PERFORM set_config('client_min_messages', 'warning', true);
  BEGIN
    EXECUTE exco.tables_script('update from ' || built);
  EXCEPTION WHEN dependent_objects_still_exist THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RAISE EXCEPTION 'exco''s report views of version % cannot be replaced: other objects depend on them', built
      USING ERRCODE = 'dependent_objects_still_exist', DETAIL = detail,
            HINT = 'Drop your views built on exco''s views, run SELECT exco.update_tables() again, then create them again.';
  END;
  IF to_regclass('exco.tables_version') IS NULL THEN
    EXECUTE exco.tables_script('version table');
  END IF;
  EXECUTE exco.tables_script('bound');
  PERFORM set_config('client_min_messages', messages, true);
  INSERT INTO exco.tables_version (version, updated_at) VALUES ('@EXTVERSION@', now())
    ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;
  RETURN format('updated exco''s tables from version %s to @EXTVERSION@: every row kept; report functions, views and triggers replaced', built);
END
$fn$;
COMMENT ON FUNCTION exco.update_tables() IS
  'brings the user''s tables, their triggers and the report functions and views to this exco version, keeping every row, after ALTER EXTENSION exco UPDATE; says what it did, and does nothing when they are already at this version';
