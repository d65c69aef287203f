-- pgTAP: no installed object of exco sends a reader outside the repository: the COMMENTs
-- (pg_description), function bodies, view definitions and constraint expressions of the database
-- name neither `../shared`, `DOMAIN.md` nor `SCALES.md` (they cite doc/rules.md §N). The shipped
-- files and exco.so are checked by `make lint` (test/lint/no_shared_refs.sh).
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(4);
SET LOCAL exco_test.pattern = '\.\./shared|DOMAIN\.md|SCALES\.md';

SELECT is_empty($$
  SELECT pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
    FROM pg_catalog.pg_description d
   WHERE d.description ~ current_setting('exco_test.pattern')$$,
  'no COMMENT names ../shared, DOMAIN.md or SCALES.md');
SELECT is_empty($$
  SELECT p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p
   WHERE p.prosrc ~ current_setting('exco_test.pattern')$$,
  'no function body names them');
SELECT is_empty($$
  SELECT v.schemaname || '.' || v.viewname FROM pg_catalog.pg_views v
   WHERE v.definition ~ current_setting('exco_test.pattern')$$,
  'no view definition names them');
SELECT is_empty($$
  SELECT c.conname FROM pg_catalog.pg_constraint c
   WHERE pg_catalog.pg_get_constraintdef(c.oid) ~ current_setting('exco_test.pattern')$$,
  'no constraint names them');

SELECT * FROM finish();
ROLLBACK;
