-- pgTAP: the public API of exco exists with the exact signatures and markings of the contract.
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(42);

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

-- Every function of the extension is PARALLEL SAFE but the two that create tables and write a row
-- (doc/tables.md), and every object has a comment.
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), '{exco.create_tables(),exco.update_tables()}',
          'every exco function is PARALLEL SAFE but create_tables and update_tables (UNSAFE: they write)')
  FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace AND p.proparallel <> 's';
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL, 'every exco function has a comment')
  FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT is(array_agg(t.typname::text ORDER BY 1), NULL, 'every exco type has a comment')
  FROM pg_type t WHERE t.typnamespace = 'exco'::regnamespace AND t.typtype IN ('b', 'e', 'c', 'd') AND t.typcategory <> 'A'
   AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND obj_description(t.oid, 'pg_type') IS NULL;

SELECT * FROM finish();
ROLLBACK;
