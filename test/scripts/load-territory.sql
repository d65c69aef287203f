-- Load the French administrative division published by Etalab (npm package
-- @etalab/decoupage-administratif, files data/{regions,departements,epci,communes}.json) into
-- exco.region, exco.departement, exco.epci and exco.commune. See doc/territory.md.
--
--   psql -X -v ON_ERROR_STOP=1 -v territory_dir=DIR -f test/scripts/load-territory.sql
--
-- test/load-territory.sh fetches the package and calls this script; the pg_regress suite
-- sql/territory.sql includes it on the committed fixture (test/fixtures/territory/).
--
-- The files are read client-side (the server may run as another user and must not need access
-- to them): psql reads each file into a variable with a backquoted `cat`, and :'variable' sends
-- it as one properly quoted literal (quotes, backslashes and accents survive as they are), which
-- PostgreSQL's own JSON parser reads. No hand-written parser.
--
-- Kept: every region and département of the files; every EPCI (code = SIREN, kind = CC, CA, CU,
-- METRO, MET69); every current commune (type 'commune-actuelle') that has a population, with its
-- EPCI from the EPCI's member list. Skipped: former, delegated and associated communes and
-- municipal arrondissements (Paris, Lyon, Marseille are each one commune), and current communes
-- without a population (unknown is not 0; 6 in version 6.0.0, all uninhabited overseas lands).
--
-- Idempotent, in one transaction: rows are upserted (a row whose values are unchanged is not
-- rewritten), rows no longer in the data are deleted unless another table still refers to them
-- (e.g. a commune of a CPTS that a newer version merged away): those are kept and counted.

\if :{?territory_dir}
\else
  \warn 'load-territory.sql: set the variable territory_dir to the directory of the JSON files'
  \warn '  e.g. psql -v territory_dir=test/fixtures/territory -f test/scripts/load-territory.sql'
  DO $$ BEGIN RAISE EXCEPTION 'load-territory.sql: psql variable territory_dir is not set'
    USING ERRCODE = 'invalid_parameter_value'; END $$;
  \quit
\endif

-- The files must be there (checked client-side: a missing file is an error before any change).
\set territory_missing `cd -- :'territory_dir' 2>/dev/null && for f in regions departements epci communes; do [ -s $f.json ] || printf '%s.json ' $f; done || printf 'the directory'`
SELECT :'territory_missing' = '' AS territory_files_ok \gset
\if :territory_files_ok
\else
  SELECT pg_catalog.set_config('exco_territory.dir', :'territory_dir', false),
         pg_catalog.set_config('exco_territory.missing', :'territory_missing', false) \g /dev/null
  DO $$ BEGIN
    RAISE EXCEPTION 'territory data missing or empty in "%": %',
      current_setting('exco_territory.dir'), rtrim(current_setting('exco_territory.missing'))
      USING ERRCODE = 'undefined_file',
            HINT = 'territory_dir must name the data/ directory of @etalab/decoupage-administratif, '
                   'relative to the directory psql runs in';
  END $$;
\endif
\if :territory_files_ok

-- Each file as one psql variable.
\set territory_regions `cat -- :'territory_dir'/regions.json`
\set territory_departements `cat -- :'territory_dir'/departements.json`
\set territory_epci `cat -- :'territory_dir'/epci.json`
\set territory_communes `cat -- :'territory_dir'/communes.json`

BEGIN;

CREATE TEMP TABLE territory_file (name text PRIMARY KEY, doc text NOT NULL) ON COMMIT DROP;
INSERT INTO territory_file VALUES
  ('regions.json', :'territory_regions'),
  ('departements.json', :'territory_departements'),
  ('epci.json', :'territory_epci'),
  ('communes.json', :'territory_communes');
\unset territory_regions
\unset territory_departements
\unset territory_epci
\unset territory_communes

-- A file that is not a JSON array is an error naming the file.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT name, doc FROM territory_file ORDER BY name LOOP
    BEGIN
      IF json_typeof(r.doc::json) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_text_representation';
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      RAISE EXCEPTION 'territory file % is not a JSON array', r.name
        USING ERRCODE = 'invalid_text_representation',
              HINT = 'territory_dir must name the data/ directory of @etalab/decoupage-administratif';
    END;
  END LOOP;
END $$;
CREATE TEMP TABLE territory_json ON COMMIT DROP AS
SELECT name, doc::json AS doc FROM territory_file;

-- Staging: one row per kept object, typed.
CREATE TEMP TABLE territory_region ON COMMIT DROP AS
SELECT r->>'code' AS code, r->>'nom' AS name
  FROM territory_json, json_array_elements(doc) AS r
 WHERE name = 'regions.json';

CREATE TEMP TABLE territory_departement ON COMMIT DROP AS
SELECT d->>'code' AS code, d->>'nom' AS name, d->>'region' AS region
  FROM territory_json, json_array_elements(doc) AS d
 WHERE name = 'departements.json';

CREATE TEMP TABLE territory_epci ON COMMIT DROP AS
SELECT e->>'code' AS code, e->>'nom' AS name, e->>'type' AS kind, e->'membres' AS members
  FROM territory_json, json_array_elements(doc) AS e
 WHERE name = 'epci.json';

-- commune -> EPCI from the member lists; a commune is in at most one EPCI (the lowest code wins
-- should a file ever list one twice).
CREATE TEMP TABLE territory_membership ON COMMIT DROP AS
SELECT DISTINCT ON (m->>'code') m->>'code' AS commune, e.code AS epci
  FROM territory_epci AS e, json_array_elements(e.members) AS m
 ORDER BY m->>'code', e.code;

CREATE TEMP TABLE territory_commune_all ON COMMIT DROP AS
SELECT c->>'code' AS code, c->>'nom' AS name, c->>'departement' AS departement,
       c->>'region' AS region, (c->>'population')::bigint AS population
  FROM territory_json, json_array_elements(doc) AS c
 WHERE name = 'communes.json' AND c->>'type' = 'commune-actuelle';

CREATE TEMP TABLE territory_commune ON COMMIT DROP AS
SELECT c.code, c.name, c.departement, c.region, m.epci, c.population
  FROM territory_commune_all AS c LEFT JOIN territory_membership AS m ON m.commune = c.code
 WHERE c.population IS NOT NULL;
ALTER TABLE territory_commune ADD PRIMARY KEY (code);

DROP TABLE territory_file, territory_json;

-- Upserts, parents first.
INSERT INTO exco.region AS t (code, name)
SELECT code, name FROM territory_region
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
 WHERE t.name IS DISTINCT FROM EXCLUDED.name;

INSERT INTO exco.departement AS t (code, name, region)
SELECT code, name, region FROM territory_departement
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region
 WHERE (t.name, t.region) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.region);

INSERT INTO exco.epci AS t (code, name, kind)
SELECT code, name, kind FROM territory_epci
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
 WHERE (t.name, t.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind);

INSERT INTO exco.commune AS t (code, name, departement, region, epci, population)
SELECT code, name, departement, region, epci, population FROM territory_commune
ON CONFLICT (code) DO UPDATE
   SET name = EXCLUDED.name, departement = EXCLUDED.departement, region = EXCLUDED.region,
       epci = EXCLUDED.epci, population = EXCLUDED.population
 WHERE (t.name, t.departement, t.region, t.epci, t.population)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.departement, EXCLUDED.region, EXCLUDED.epci,
                         EXCLUDED.population);

-- Rows no longer in the data, children first. Each is deleted on its own so that a row another
-- table still refers to (whatever that table) is kept, counted, and the load goes on.
CREATE TEMP TABLE territory_stale (tab text, code text, removed boolean) ON COMMIT DROP;
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT 1 AS ord, 'commune' AS tab, code FROM exco.commune c
     WHERE NOT EXISTS (SELECT FROM territory_commune s WHERE s.code = c.code)
    UNION ALL
    SELECT 2, 'epci', code FROM exco.epci c
     WHERE NOT EXISTS (SELECT FROM territory_epci s WHERE s.code = c.code)
    UNION ALL
    SELECT 3, 'departement', code FROM exco.departement c
     WHERE NOT EXISTS (SELECT FROM territory_departement s WHERE s.code = c.code)
    UNION ALL
    SELECT 4, 'region', code FROM exco.region c
     WHERE NOT EXISTS (SELECT FROM territory_region s WHERE s.code = c.code)
    ORDER BY 1, 3
  LOOP
    BEGIN
      EXECUTE format('DELETE FROM exco.%I WHERE code = $1', r.tab) USING r.code;
      INSERT INTO territory_stale VALUES (r.tab, r.code, true);
    EXCEPTION WHEN foreign_key_violation THEN
      INSERT INTO territory_stale VALUES (r.tab, r.code, false);
    END;
  END LOOP;
END $$;

-- What was loaded (from the files, not the table totals: the tables may hold other rows).
SELECT (SELECT count(*) FROM territory_region) AS regions,
       (SELECT count(*) FROM territory_departement) AS departements,
       (SELECT count(*) FROM territory_epci) AS epci,
       (SELECT count(*) FROM territory_commune) AS communes,
       (SELECT count(*) FROM territory_commune WHERE epci IS NULL) AS without_epci,
       (SELECT sum(population) FROM territory_commune) AS population;
SELECT count(*) AS skipped_without_population,
       coalesce(string_agg(code || ' ' || name, ', ' ORDER BY code), '') AS skipped
  FROM territory_commune_all WHERE population IS NULL;
SELECT count(*) FILTER (WHERE removed) AS stale_removed,
       count(*) FILTER (WHERE NOT removed) AS stale_kept_in_use,
       coalesce(string_agg(tab || ' ' || code, ', ' ORDER BY tab, code)
                  FILTER (WHERE NOT removed), '') AS kept
  FROM territory_stale;

COMMIT;

\endif
