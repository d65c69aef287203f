-- pgTAP: the public API of exco exists with the exact signatures and markings of the contract.
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(47);

SELECT has_extension('exco', 'exco is installed');
SELECT has_schema('exco');
SELECT ok(NOT extrelocatable, 'exco is not relocatable') FROM pg_extension WHERE extname = 'exco';

-- exco.tier
SELECT has_type('exco', 'tier', 'type exco.tier');
SELECT has_function('exco', 'tier_of', ARRAY['integer'], 'exco.tier_of(integer)');
SELECT has_function('exco', 'tier_of', ARRAY['bigint'], 'exco.tier_of(bigint)');
SELECT has_function('exco', 'tier_of', ARRAY['numeric'], 'exco.tier_of(numeric)');
SELECT function_returns('exco', 'tier_of', ARRAY['numeric'], 'exco.tier');
SELECT function_lang_is('exco', 'tier_of', ARRAY['numeric'], 'c');
SELECT volatility_is('exco', 'tier_of', ARRAY['numeric'], 'immutable');
SELECT is_strict('exco', 'tier_of', ARRAY['numeric']);
SELECT has_function('exco', 'tier', ARRAY['bigint'], 'exco.tier(bigint), deprecated alias');
SELECT has_function('exco', 'tier_bounds', ARRAY['exco.tier'], 'exco.tier_bounds(exco.tier)');
SELECT function_returns('exco', 'tier_bounds', ARRAY['exco.tier'], 'int8range');
SELECT has_cast('integer', 'exco.tier', 'cast integer -> exco.tier');
SELECT has_cast('exco.tier', 'integer', 'cast exco.tier -> integer');
SELECT ok((SELECT castcontext = 'e' FROM pg_cast
            WHERE castsource = 'integer'::regtype AND casttarget = 'exco.tier'::regtype),
          'integer -> exco.tier is explicit only');
SELECT has_opclass('exco', 'tier_ops', 'btree opclass for exco.tier');
SELECT has_opclass('exco', 'tier_hash_ops', 'hash opclass for exco.tier');
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
            WHERE oprname = '=' AND oprleft = 'exco.tier'::regtype AND oprright = 'exco.tier'::regtype),
          'exco.tier = HASHES and MERGES');
SELECT throws_ok($$SELECT 'T5'::exco.tier$$, '22P02', 'invalid input syntax for type tier: "T5"',
                 'bad tier literal: 22P02 naming the literal');
SELECT throws_ok($$SELECT exco.tier_of(-5)$$, '22023', 'population must not be negative: -5',
                 'negative population: 22023 naming the value');
SELECT throws_ok($$SELECT exco.tier_of(2.5)$$, '22023', 'population must be a whole number: 2.5',
                 'fractional population: 22023 naming the value');
SELECT throws_ok($$SELECT 9::exco.tier$$, '22003', NULL, 'integer out of range: 22003');

-- exco.mission and deadlines
SELECT enum_has_labels('exco', 'mission',
  ARRAY['fonctionnement', 'acces_soins', 'parcours', 'prevention', 'crises_sanitaires', 'qualite', 'accompagnement'],
  'exco.mission labels, in order');
SELECT enum_has_labels('exco', 'deadline_status',
  ARRAY['free', 'not_started', 'start_overdue', 'in_progress', 'started_late', 'deploy_overdue',
        'deployed_on_time', 'deployed_late'],
  'exco.deadline_status labels, in order');
SELECT function_returns('exco', 'is_socle', ARRAY['exco.mission'], 'boolean');
SELECT function_returns('exco', 'start_deadline', ARRAY['exco.mission', 'date'], 'date');
SELECT function_returns('exco', 'deploy_deadline', ARRAY['exco.mission', 'date'], 'date');
SELECT function_lang_is('exco', 'start_deadline', ARRAY['exco.mission', 'date'], 'c');
SELECT function_lang_is('exco', 'deploy_deadline', ARRAY['exco.mission', 'date'], 'c');
SELECT volatility_is('exco', 'start_deadline', ARRAY['exco.mission', 'date'], 'immutable');
SELECT volatility_is('exco', 'deploy_deadline', ARRAY['exco.mission', 'date'], 'immutable');
SELECT is_strict('exco', 'start_deadline', ARRAY['exco.mission', 'date']);
SELECT is_strict('exco', 'deploy_deadline', ARRAY['exco.mission', 'date']);
SELECT function_returns('exco', 'deadline_status',
  ARRAY['exco.mission', 'date', 'date', 'date', 'date'], 'exco.deadline_status');
SELECT function_lang_is('exco', 'deadline_status', ARRAY['exco.mission', 'date', 'date', 'date', 'date'], 'c');
SELECT isnt_strict('exco', 'deadline_status', ARRAY['exco.mission', 'date', 'date', 'date', 'date']);
SELECT volatility_is('exco', 'deadline_status', ARRAY['exco.mission', 'date', 'date', 'date', 'date'], 'immutable');

-- Parallel markings against what each function does (PostgreSQL's "Parallel Safety"). UNSAFE:
-- a function that writes, locks a row (FOR UPDATE / SHARE writes the row's header), uses a
-- sequence, sets a setting or opens a subtransaction (a PL/pgSQL EXCEPTION block); every trigger
-- function, being part of the write that fires it. RESTRICTED: one that reads temporary tables,
-- cursors, prepared statements or other backend-local state (none in exco). SAFE: the rest, so
-- that the reports keep their parallel plans. A SQL or PL/pgSQL function is classified by its
-- text (pg_get_functiondef: a BEGIN ATOMIC body too); a C function's text is not visible here:
-- an IMMUTABLE one is pure (values in, verdict out: SAFE), every other one is listed by name below
-- with its marking and why, and a new one must be added to the list.
CREATE FUNCTION pg_temp.writes(f regprocedure) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT pg_get_functiondef(f) ~* '\m(INSERT\s+INTO|UPDATE\s+[a-z_.]+\s+SET|DELETE\s+FROM|MERGE\s+INTO|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+(KEY\s+)?SHARE|nextval|setval|currval|lastval|set_config|pg_advisory_[a-z_]*lock|EXCEPTION\s+WHEN|TRUNCATE|COPY)\M' $$;
SELECT ok(pg_temp.writes('exco.scale_sheet_insert()') AND NOT pg_temp.writes('exco.scale_fingerprint()'),
          'the classification sees scale_sheet_insert write (and lock), scale_fingerprint only read');
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL,
          'every exco trigger function is PARALLEL UNSAFE (part of the write that fires it)')
  FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace AND p.prorettype = 'trigger'::regtype
   AND p.proparallel <> 'u';
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL,
          'no SQL or PL/pgSQL function that writes, locks, uses a sequence or catches errors is PARALLEL SAFE')
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'exco'::regnamespace AND l.lanname IN ('sql', 'plpgsql') AND p.prokind = 'f'
   AND pg_temp.writes(p.oid) AND p.proparallel = 's';
SELECT is(array_agg(p.oid::regprocedure::text || ' ' || p.proparallel::text ORDER BY 1), NULL,
          'every other SQL or PL/pgSQL function only reads: PARALLEL SAFE')
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'exco'::regnamespace AND l.lanname IN ('sql', 'plpgsql') AND p.prokind = 'f'
   AND p.prorettype <> 'trigger'::regtype AND NOT pg_temp.writes(p.oid) AND p.proparallel <> 's';
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL,
          'every IMMUTABLE C function (pure: values in, verdict out) is PARALLEL SAFE')
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'exco'::regnamespace AND l.lanname = 'c' AND p.provolatile = 'i' AND p.proparallel <> 's';
-- The C functions that read tables or write, by name: marking, and why.
WITH reviewed(proname, proparallel, why) AS (VALUES
  ('ceiling', 's', 'reads exco.scale, exco.scale_amount through read-only SPI; per-query cache in fn_extra'),
  ('scale_ceiling', 's', 'the same, for a named scale'),
  ('scale_on', 's', 'reads exco.scale through read-only SPI'),
  ('contract_ceiling', 's', 'reads the scale tables through read-only SPI'),
  ('payment_schedule', 's', 'reads the scale tables through read-only SPI'),
  ('payment_schedule_report', 's', 'the same rows as payment_schedule, reading the scale tables through read-only SPI'),
  ('ceiling_gap', 's', 'reads the scale tables through read-only SPI (src/report.c)'),
  ('variable_ceiling_or_null', 's', 'reads the scale tables through read-only SPI (src/report.c)'),
  ('contract_ceiling_gap', 's', 'reads the scale tables through read-only SPI (src/report.c)'),
  ('contract_ceiling_or_null', 's', 'reads the scale tables through read-only SPI (src/report.c)'),
  ('mission_status_object_step', 's', 'STABLE for enum_out (reads pg_enum); state in the aggregate''s own context'),
  ('mission_status_object_final', 's', 'the same aggregate''s final function'),
  ('late_status_count_final', 's', 'the same aggregate''s final function'),
  ('overdue_status_count_final', 's', 'the same aggregate''s final function'),
  ('forfait_structure_at_risk', 's', 'reads exco.forfait_structure through read-only SPI'),
  ('assistant_aid', 's', 'reads exco.assistant_aid_amount through read-only SPI'),
  ('validate_contract', 'u', 'trigger: part of the write that fires it'),
  ('validate_contract_mission', 'u', 'trigger: part of the write; locks the contract row FOR SHARE'),
  ('validate_cpts_commune', 'u', 'trigger: part of the write that fires it'))
SELECT is(array_agg(d ORDER BY d), NULL,
          'the non-IMMUTABLE C functions are the reviewed ones, with their markings (+ found, - listed)')
  FROM (SELECT '+ ' || x FROM (SELECT DISTINCT p.proname || ' ' || p.proparallel::text FROM pg_proc p
                                 JOIN pg_language l ON l.oid = p.prolang
                                WHERE p.pronamespace = 'exco'::regnamespace AND l.lanname = 'c' AND p.provolatile <> 'i'
                               EXCEPT SELECT proname || ' ' || proparallel FROM reviewed) a(x)
        UNION ALL
        SELECT '- ' || x FROM (SELECT proname || ' ' || proparallel FROM reviewed
                               EXCEPT SELECT p.proname || ' ' || p.proparallel::text FROM pg_proc p
                                 JOIN pg_language l ON l.oid = p.prolang
                                WHERE p.pronamespace = 'exco'::regnamespace AND l.lanname = 'c' AND p.provolatile <> 'i') b(x)) d(d);

-- Every object has a comment.
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL, 'every exco function has a comment')
  FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT is(array_agg(t.typname::text ORDER BY 1), NULL, 'every exco type has a comment')
  FROM pg_type t WHERE t.typnamespace = 'exco'::regnamespace AND t.typtype IN ('b', 'e', 'c', 'd') AND t.typcategory <> 'A'
   AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND obj_description(t.oid, 'pg_type') IS NULL;

SELECT * FROM finish();
ROLLBACK;
