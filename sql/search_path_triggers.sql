-- A hostile search_path changes nothing on the write path (doc/security.md): the three
-- validation triggers (exco.validate_contract, exco.validate_contract_mission,
-- exco.validate_cpts_commune) accept and reject the same writes, fill the same values and store
-- the same rows under search_path = evil, pg_catalog, exco (sql/include/evil_schema.sql) as under
-- the normal one, including when their SPI plans are first prepared under the hostile path (each
-- run starts in a fresh backend).
--
-- The triggers' SPI queries qualify their operators and aggregates (OPERATOR(pg_catalog.=),
-- pg_catalog.sum ...). Before that change of 0.2.0 the hostile run differed (population 999999
-- stored at tier 4, wrong mission rows accepted and rejected). The expected output is the normal run's, shown
-- twice: the hostile run must print the same, and the final comparisons (full messages included)
-- must return no row.
--
-- Own objects: region SQ, départements SQ1/SQ2, communes SQ*, CPTS 7011-7012, contracts 711x,
-- tables public.sp_log and public.sp_state, function public.sp_try, role exco_evil; all removed
-- at the end.
\set VERBOSITY sqlstate
SET datestyle = ISO, YMD;

INSERT INTO exco.region VALUES ('SQ', 'search_path trigger region');
INSERT INTO exco.departement VALUES ('SQ1', 'search_path trigger dep 1', 'SQ'),
                                    ('SQ2', 'search_path trigger dep 2', 'SQ');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('SQ101', 'Sq-Un', 'SQ1', 'SQ', 30000), ('SQ102', 'Sq-Deux', 'SQ1', 'SQ', 15000),
  ('SQ103', 'Sq-Trois', 'SQ1', 'SQ', 5000), ('SQ201', 'Sq-Quatre', 'SQ2', 'SQ', 90000);
INSERT INTO exco.cpts (id, name, seat) VALUES (7011, 'SQ Nord', 'SQ101'), (7012, 'SQ Sud', 'SQ201');

CREATE TABLE public.sp_log (run text, step text, outcome text, detail text);
CREATE TABLE public.sp_state (run text, t text, r text);
-- Runs one statement; logs and shows its RETURNING row, or its SQLSTATE (the full message is
-- logged and compared, not shown). No SET search_path: the statement must run under the
-- caller's; the body uses only ||, which the hostile schema does not imitate.
CREATE FUNCTION public.sp_try(step text, stmt text) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  r text;
  st text;
  msg text;
BEGIN
  EXECUTE stmt INTO r;
  INSERT INTO public.sp_log VALUES (current_setting('sp.run'), step, 'ok', r);
  RETURN 'ok ' || r;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  INSERT INTO public.sp_log VALUES (current_setting('sp.run'), step, st, msg);
  RETURN st;
END
$fn$;

\i sql/include/evil_schema.sql

-- Run 1: the normal search_path, in a fresh backend.
\c
SET datestyle = ISO, YMD;
\set VERBOSITY sqlstate
SET sp.run = 'clean';
INSERT INTO exco.cpts_commune VALUES (7011, 'SQ101'), (7011, 'SQ102'), (7012, 'SQ201');
SET search_path = exco, public;
\i sql/include/search_path_writes.sql
RESET search_path;
INSERT INTO public.sp_state
SELECT 'clean', 'contract', x::text FROM exco.contract x WHERE x.id BETWEEN 7100 AND 7199
UNION ALL SELECT 'clean', 'contract_mission', x::text FROM exco.contract_mission x WHERE x.contract BETWEEN 7100 AND 7199
UNION ALL SELECT 'clean', 'cpts_commune', x::text FROM exco.cpts_commune x WHERE x.cpts IN (7011, 7012);
DELETE FROM exco.contract WHERE id BETWEEN 7100 AND 7199;
DELETE FROM exco.cpts_commune WHERE cpts IN (7011, 7012);

-- Run 2: evil before pg_catalog, in a fresh backend: the same output as run 1.
\c
SET datestyle = ISO, YMD;
\set VERBOSITY sqlstate
SET sp.run = 'evil';
INSERT INTO exco.cpts_commune VALUES (7011, 'SQ101'), (7011, 'SQ102'), (7012, 'SQ201');
SET search_path = evil, pg_catalog, exco, public;
\i sql/include/search_path_writes.sql
RESET search_path;
INSERT INTO public.sp_state
SELECT 'evil', 'contract', x::text FROM exco.contract x WHERE x.id BETWEEN 7100 AND 7199
UNION ALL SELECT 'evil', 'contract_mission', x::text FROM exco.contract_mission x WHERE x.contract BETWEEN 7100 AND 7199
UNION ALL SELECT 'evil', 'cpts_commune', x::text FROM exco.cpts_commune x WHERE x.cpts IN (7011, 7012);

-- Same outcomes, step by step (full messages included), and the same rows stored: no row.
SELECT coalesce(c.step, e.step) AS step, c.outcome AS clean, e.outcome AS evil, c.detail AS clean_detail, e.detail AS evil_detail
FROM (SELECT * FROM public.sp_log WHERE run = 'clean') c
FULL JOIN (SELECT * FROM public.sp_log WHERE run = 'evil') e ON e.step = c.step
WHERE c.outcome IS DISTINCT FROM e.outcome OR c.detail IS DISTINCT FROM e.detail;
SELECT t, r, count(*) FILTER (WHERE run = 'clean') AS clean, count(*) FILTER (WHERE run = 'evil') AS evil
FROM public.sp_state GROUP BY t, r
HAVING count(*) FILTER (WHERE run = 'clean') <> count(*) FILTER (WHERE run = 'evil')
ORDER BY t, r;
SELECT count(*) AS rows_stored_per_run FROM public.sp_state WHERE run = 'clean';

-- Clean up.
DELETE FROM exco.contract WHERE id BETWEEN 7100 AND 7199;
DELETE FROM exco.cpts_commune WHERE cpts IN (7011, 7012);
DROP FUNCTION public.sp_try(text, text);
DROP TABLE public.sp_log, public.sp_state;
\i sql/include/evil_schema_drop.sql
DELETE FROM exco.cpts WHERE id IN (7011, 7012);
DELETE FROM exco.commune WHERE code LIKE 'SQ%';
DELETE FROM exco.departement WHERE region = 'SQ';
DELETE FROM exco.region WHERE code = 'SQ';
