-- The user's tables are ordinary tables (doc/tables.md): CREATE EXTENSION exco creates the rules,
-- exco.create_tables() the tables and what is bound to them. Every other suite runs after this
-- one, in the same database, on the tables it creates.

-- Before: no tables, no version; update_tables() has nothing to update.
SELECT exco.tables_built();
SELECT to_regclass('exco.contract');
SELECT exco.update_tables();

-- A relation named like one of exco's tables is not overwritten (42P07, naming it).
CREATE TABLE exco.measure (x int);
SELECT exco.create_tables();
SELECT to_regclass('exco.contract');
DROP TABLE exco.measure;

-- Created, and said so; its version recorded.
SELECT exco.create_tables();
SELECT exco.tables_built();
SELECT version = extversion AS version_is_the_extension_s FROM exco.tables_version, pg_extension WHERE extname = 'exco';

-- Again: nothing done, nothing twice (create and update alike).
SET client_min_messages = notice;
SELECT exco.create_tables();
SELECT exco.update_tables();
RESET client_min_messages;

-- Ordinary tables: no table, view, sequence or report function holding or reading the user's data
-- is a member of the extension; the law's tables are.
SELECT c.relname, c.relkind, d.objid IS NOT NULL AS member
  FROM pg_class c
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
 WHERE c.relnamespace = 'exco'::regnamespace AND c.relkind IN ('r', 'v', 'S')
 ORDER BY member, c.relname;
SELECT p.oid::regprocedure AS report_function
  FROM pg_proc p
 WHERE p.pronamespace = 'exco'::regnamespace
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
 ORDER BY p.oid::regprocedure::text;
-- Only the law's tables are dumped with the extension (with their filters of the shipped rows).
SELECT t AS config_table FROM pg_extension, unnest(extconfig::regclass[]) AS t WHERE extname = 'exco' ORDER BY t::text;

-- The tables hold the user's data: DROP EXTENSION without CASCADE refuses (2BP01) and keeps them.
INSERT INTO exco.region VALUES ('ZZ', 'région de test');
\set VERBOSITY terse
DROP EXTENSION exco;
\set VERBOSITY default
SELECT * FROM exco.region;
DELETE FROM exco.region;

-- An unknown table script is an error naming it (22023).
\set SHOW_CONTEXT never
SELECT exco.tables_script('update from 0.0.1');
\set SHOW_CONTEXT errors
