-- A hostile schema "evil", created by an ordinary role (exco_evil: no superuser, only CREATE on
-- the database and USAGE on schema exco), with look-alikes that a query resolved under
-- search_path = evil, pg_catalog, exco would pick instead of pg_catalog's:
--   =  for integer, bigint, text, date, exco.mission: always true
--   <> for bigint, text: always false
--   sum(bigint) = 999999, count(*) and count(text) = 1000 + n, min(text) = 'ZZZ',
--   string_agg(text, text) = 'evil'.
-- Used by sql/search_path.sql and sql/search_path_triggers.sql; dropped by
-- sql/include/evil_schema_drop.sql.
SET client_min_messages = warning;
CREATE ROLE exco_evil NOLOGIN NOSUPERUSER;
SELECT format('GRANT CREATE ON DATABASE %I TO exco_evil', current_database()) \gexec
GRANT USAGE ON SCHEMA exco TO exco_evil;
SET ROLE exco_evil;
CREATE SCHEMA evil;
GRANT USAGE ON SCHEMA evil TO PUBLIC;
CREATE FUNCTION evil.yes(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.yes(bigint, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.yes(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.yes(date, date) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.yes(exco.mission, exco.mission) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.no(bigint, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false';
CREATE FUNCTION evil.no(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false';
CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.yes);
CREATE OPERATOR evil.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = evil.yes);
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.yes);
CREATE OPERATOR evil.= (LEFTARG = date, RIGHTARG = date, FUNCTION = evil.yes);
CREATE OPERATOR evil.= (LEFTARG = exco.mission, RIGHTARG = exco.mission, FUNCTION = evil.yes);
CREATE OPERATOR evil.<> (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = evil.no);
CREATE OPERATOR evil.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.no);
CREATE FUNCTION evil.keep(numeric, bigint) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1';
CREATE AGGREGATE evil.sum(bigint) (SFUNC = evil.keep, STYPE = numeric, INITCOND = '999999');
CREATE AGGREGATE evil.count(*) (SFUNC = pg_catalog.int8inc, STYPE = bigint, INITCOND = '1000');
CREATE FUNCTION evil.count_step(bigint, text) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE evil.count(text) (SFUNC = evil.count_step, STYPE = bigint, INITCOND = '1000');
CREATE FUNCTION evil.zzz(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''ZZZ''';
CREATE AGGREGATE evil.min(text) (SFUNC = evil.zzz, STYPE = text, INITCOND = 'ZZZ');
CREATE FUNCTION evil.agg(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''evil''';
CREATE AGGREGATE evil.string_agg(text, text) (SFUNC = evil.agg, STYPE = text, INITCOND = 'evil');
RESET ROLE;
RESET client_min_messages;
-- The look-alikes do win under that search_path (evil before pg_catalog):
SET search_path = evil, pg_catalog, exco;
SELECT 1 = 2 AS "1 = 2", 'a'::text = 'b' AS "a = b", 7::bigint <> 7 AS "7 <> 7",
       (SELECT sum(x::bigint) FROM generate_series(1, 3) x) AS sum_1_3,
       (SELECT count(*) FROM generate_series(1, 3)) AS count_3,
       (SELECT min(x) FROM (VALUES ('b'), ('a')) v(x)) AS min_a_b,
       (SELECT string_agg(x, ',') FROM (VALUES ('b'), ('a')) v(x)) AS string_agg_b_a;
RESET search_path;
