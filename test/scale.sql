-- pgTAP: the scale and payment API: signatures, markings, shipped data, dump filters, errors.
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(59);

-- Types and tables
SELECT has_type('exco', 'share', 'type exco.share');
SELECT enum_has_labels('exco', 'share', ARRAY['fixed', 'variable', 'dedicated'], 'exco.share labels');
SELECT has_composite('exco', 'ceiling', 'composite type exco.ceiling');
SELECT columns_are('exco', 'ceiling',
  ARRAY['scale', 'line', 'tier', 'fixed', 'variable', 'dedicated', 'total'], 'exco.ceiling columns');
SELECT col_type_is('exco', 'ceiling', 'line', 'exco.mission', 'exco.ceiling.line is exco.mission');
SELECT col_type_is('exco', 'ceiling', 'total', 'numeric', 'exco.ceiling.total is numeric');
SELECT has_table('exco', 'scale', 'table exco.scale');
SELECT has_table('exco', 'scale_amount', 'table exco.scale_amount');
SELECT has_view('exco', 'scale_sheet', 'view exco.scale_sheet (loading an amendment)');
SELECT has_trigger('exco', 'scale_sheet', 'scale_sheet_insert', 'INSTEAD OF INSERT trigger on exco.scale_sheet');

-- Functions: signatures, return types, language, volatility, strictness, parallel safety.
SELECT has_function('exco', 'ceiling', ARRAY['exco.mission', 'exco.tier', 'date'], 'exco.ceiling(mission, tier, date)');
SELECT has_function('exco', 'scale_ceiling', ARRAY['exco.mission', 'exco.tier', 'text'], 'exco.scale_ceiling(mission, tier, text)');
SELECT is((SELECT count(*)::integer FROM pg_proc WHERE proname = 'ceiling' AND pronamespace = 'exco'::regnamespace),
          1, 'exco.ceiling has one signature: scale_ceiling is a separate name, not an overload');
SELECT has_function('exco', 'scale_on', ARRAY['date'], 'exco.scale_on(date)');
SELECT has_function('exco', 'contract_ceiling', ARRAY['exco.tier', 'date', 'exco.mission[]'], 'exco.contract_ceiling(tier, date, mission[])');
SELECT has_function('exco', 'payment_schedule',
  ARRAY['date', 'exco.tier', 'exco.mission', 'date', 'numeric[]', 'text'], 'exco.payment_schedule(...)');
SELECT function_returns('exco', 'ceiling', ARRAY['exco.mission', 'exco.tier', 'date'], 'exco.ceiling');
SELECT function_returns('exco', 'scale_ceiling', ARRAY['exco.mission', 'exco.tier', 'text'], 'exco.ceiling');
SELECT function_returns('exco', 'scale_on', ARRAY['date'], 'text');
SELECT function_returns('exco', 'contract_ceiling', ARRAY['exco.tier', 'date', 'exco.mission[]'], 'numeric');
SELECT function_returns('exco', 'payment_schedule',
  ARRAY['date', 'exco.tier', 'exco.mission', 'date', 'numeric[]', 'text'], 'setof record');
SELECT is(pg_get_function_arguments('exco.payment_schedule(date, exco.tier, exco.mission, date, numeric[], text)'::regprocedure),
  'signed_on date, t exco.tier, line exco.mission, started_on date, attainment numeric[] DEFAULT NULL::numeric[], scale text DEFAULT NULL::text',
  'payment_schedule argument names and defaults');
SELECT is(pg_get_function_result('exco.payment_schedule(date, exco.tier, exco.mission, date, numeric[], text)'::regprocedure),
  'TABLE(contract_year integer, due_on date, kind text, amount numeric)', 'payment_schedule result columns');
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL, 'the scale and payment functions are C')
  FROM pg_proc p WHERE p.oid IN ('exco.ceiling(exco.mission, exco.tier, date)'::regprocedure,
    'exco.scale_ceiling(exco.mission, exco.tier, text)'::regprocedure, 'exco.scale_on(date)'::regprocedure,
    'exco.contract_ceiling(exco.tier, date, exco.mission[])'::regprocedure,
    'exco.payment_schedule(date, exco.tier, exco.mission, date, numeric[], text)'::regprocedure)
   AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c');
SELECT volatility_is('exco', 'ceiling', ARRAY['exco.mission', 'exco.tier', 'date'], 'stable');
SELECT volatility_is('exco', 'scale_ceiling', ARRAY['exco.mission', 'exco.tier', 'text'], 'stable');
SELECT volatility_is('exco', 'scale_on', ARRAY['date'], 'stable');
SELECT volatility_is('exco', 'contract_ceiling', ARRAY['exco.tier', 'date', 'exco.mission[]'], 'stable');
SELECT volatility_is('exco', 'payment_schedule',
  ARRAY['date', 'exco.tier', 'exco.mission', 'date', 'numeric[]', 'text'], 'stable');
SELECT is_strict('exco', 'ceiling', ARRAY['exco.mission', 'exco.tier', 'date']);
SELECT is_strict('exco', 'contract_ceiling', ARRAY['exco.tier', 'date', 'exco.mission[]']);
SELECT isnt_strict('exco', 'payment_schedule', ARRAY['date', 'exco.tier', 'exco.mission', 'date', 'numeric[]', 'text']);
-- The read-only scale and payment functions are PARALLEL SAFE; the loader of exco.scale_sheet,
-- which writes the scale tables and locks the scale row, is UNSAFE (test/api.sql checks them all).
SELECT is(array_agg(p.proname::text || ' ' || p.proparallel::text ORDER BY 1),
          ARRAY['ceiling s', 'contract_ceiling s', 'payment_schedule s', 'scale_ceiling s', 'scale_on s', 'scale_sheet_insert u'],
          'the scale and payment functions are PARALLEL SAFE, the scale_sheet loader UNSAFE')
  FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace
   AND p.proname IN ('ceiling', 'scale_ceiling', 'scale_on', 'contract_ceiling', 'payment_schedule', 'scale_sheet_insert');

-- Shipped data
SELECT results_eq($$SELECT scale, effective_from, complete FROM exco.scale ORDER BY effective_from$$,
  $$VALUES ('aci-cpts-2019'::text, '2019-08-25'::date, true), ('aci-cpts-2022', '2022-04-01', false)$$,
  'the two shipped scales');
SELECT is((SELECT count(*)::integer FROM exco.scale_amount WHERE scale = 'aci-cpts-2019'), 48, '2019: 12 rows x 4 tiers');
SELECT is((SELECT count(*)::integer FROM exco.scale_amount WHERE scale = 'aci-cpts-2022'), 12, '2022: 6 lines x 2 shares, taille 3');
SELECT is(bool_and(provenance LIKE 'reconstructed%'), true,
          'the acces_soins 2019 rows are reconstructed (split and SNP envelope)')
  FROM exco.scale_amount WHERE scale = 'aci-cpts-2019' AND line = 'acces_soins';
SELECT is(bool_and(provenance LIKE 'reconstructed: the 50/50 split%'), true,
          'the 50/50 splits of tailles 1, 2, 4 in 2019 are reconstructed')
  FROM exco.scale_amount WHERE scale = 'aci-cpts-2019' AND tier::integer <> 3
   AND line NOT IN ('fonctionnement', 'acces_soins');
SELECT is(array_agg(DISTINCT provenance ORDER BY provenance),
          ARRAY['confirmed (ACI-2019 as published in DOC-CPTS-2019; entirely fixed)',
                'confirmed (CONTRACT-T3)', 'confirmed (CONTRACT-T3; the line total: DOC-CPTS-2019)'],
          'every other shipped row is confirmed, naming its source keys')
  FROM exco.scale_amount WHERE NOT (scale = 'aci-cpts-2019' AND line = 'acces_soins')
   AND NOT (scale = 'aci-cpts-2019' AND tier::integer <> 3 AND line <> 'fonctionnement');
SELECT results_eq($$SELECT scale, fixed, variable, dedicated, total FROM exco.ceiling('acces_soins', '2', '2019-08-25')$$,
  $$VALUES ('aci-cpts-2019'::text, 17500.00, 29500.00, 45000.00, 47000.00)$$, 'acces_soins T2 under 2019');
SELECT results_eq($$SELECT scale, fixed, variable, dedicated, total FROM exco.ceiling('acces_soins', '3', '2022-04-01')$$,
  $$VALUES ('aci-cpts-2022'::text, 90000.00, 35000.00, NULL::numeric, 125000.00)$$,
  'acces_soins T3 under 2022: SNP envelope unknown (NULL), total known');

-- pg_dump registration: both tables, filters that exclude exactly the shipped rows.
SELECT is((SELECT array_agg(c::regclass::text ORDER BY c::regclass::text) FROM pg_extension e, unnest(e.extconfig) AS c
            WHERE e.extname = 'exco' AND c::regclass::text IN ('exco.scale', 'exco.scale_amount')),
          ARRAY['exco.scale', 'exco.scale_amount'], 'exco.scale and exco.scale_amount are extension config tables');
SELECT is((xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM ' || u.rel::regclass::text
                   || ' ' || u.cond, false, true, '')))[1]::text, '0',
          'after CREATE EXTENSION, the dump filter of ' || u.rel::regclass::text || ' keeps no row')
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(rel, cond)
 WHERE e.extname = 'exco' AND u.rel::regclass::text IN ('exco.scale', 'exco.scale_amount')
 ORDER BY u.rel::regclass::text;
INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_1) VALUES ('tap-2090', '2090-01-01', 'parcours', 'fixed', 1);
INSERT INTO exco.scale_sheet (scale, line, share, taille_2) VALUES ('aci-cpts-2022', 'parcours', 'fixed', 2);
SELECT is((xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM exco.scale_amount ' || u.cond, false, true, '')))[1]::text,
          '2', 'the dump filter keeps user rows, in a user scale and in a shipped one')
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(rel, cond)
 WHERE e.extname = 'exco' AND u.rel = 'exco.scale_amount'::regclass;
SELECT is(exco.scale_on('2090-01-01'), 'tap-2090', 'a scale loaded through scale_sheet is in force at once');

-- Errors, with their SQLSTATE
SELECT throws_ok($$SELECT exco.ceiling('parcours', '3', '2019-08-24')$$, '22023',
  'no financing scale is in force on 2019-08-24: the first scale, "aci-cpts-2019", is in force from 2019-08-25',
  'before the first scale: 22023 naming both dates');
SELECT throws_ok($$SELECT exco.ceiling('parcours', '1', '2023-01-01')$$, '22023',
  'scale "aci-cpts-2022" does not give the ceiling of parcours for tier 1', 'a gap of a partial scale: 22023');
SELECT throws_ok($$SELECT exco.ceiling('fonctionnement', '3', '2023-01-01')$$, '22023',
  'scale "aci-cpts-2022" does not give the ceiling of fonctionnement for tier 3', '2022 fonctionnement is unknown: 22023');
SELECT throws_ok($$SELECT exco.scale_ceiling('parcours', '1', 'nope')$$, '22023',
  'financing scale "nope" does not exist', 'unknown scale name: 22023');
SELECT throws_ok($$SELECT exco.contract_ceiling('1', '2020-01-01', '{parcours,NULL}')$$, '22004', NULL,
  'NULL in the mission list: 22004');
SELECT throws_ok($$INSERT INTO exco.scale_amount VALUES ('aci-cpts-2022', 'qualite', '1', 'fixed', -5, NULL)$$,
  '23514', NULL, 'negative amount: 23514');
SELECT throws_ok($$INSERT INTO exco.scale_amount VALUES ('aci-cpts-2022', 'fonctionnement', '1', 'variable', 5, NULL)$$,
  '23514', NULL, 'variable share of fonctionnement: 23514');
SELECT throws_ok($$INSERT INTO exco.scale_amount VALUES ('aci-cpts-2022', 'parcours', '1', 'dedicated', 5, NULL)$$,
  '23514', NULL, 'dedicated share of parcours: 23514');
SELECT throws_ok($$INSERT INTO exco.scale_sheet (scale, line, share, taille_3) VALUES ('aci-cpts-2022', 'parcours', 'fixed', 1)$$,
  '23505', NULL, 'loading a different figure over a known cell: 23505');
SELECT throws_ok($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2019-08-31')$$, '22023',
  'mission parcours started on 2019-08-31, before the contract was signed on 2019-09-01', 'start before signature: 22023');
SELECT throws_ok($$SELECT * FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{1,2}')$$, '22023',
  'attainment 2 of contract year 2 is outside [0, 1]', 'attainment outside [0, 1]: 22023 naming value and year');

-- Payment schedule: the worked example of sql/payment.sql, year 1.
SELECT results_eq($$SELECT contract_year, due_on, kind, amount
                    FROM exco.payment_schedule('2019-09-01', '3', 'parcours', '2020-01-15', '{0.5}')
                   WHERE contract_year = 1$$,
  $$VALUES (1, '2020-01-15'::date, 'advance'::text, 21209.02), (1, '2020-09-01', 'balance', 7069.67),
           (1, '2020-09-01', 'variable', 22500.00)$$,
  'T3 parcours started 2020-01-15 on a contract of 2019-09-01: year 1');
SELECT is((SELECT count(*)::integer FROM exco.payment_schedule('2019-09-01', '3', 'parcours', NULL)), 0,
  'a mission not started has no payment');

SELECT * FROM finish();
ROLLBACK;
