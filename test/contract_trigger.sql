-- pgTAP: contract validation triggers (doc/contract.md).
BEGIN;
CREATE EXTENSION IF NOT EXISTS exco;
SELECT exco.create_tables() AS created \gset
SET client_min_messages = warning;
SELECT plan(59);

-- Signatures and markings.
SELECT has_function('exco', 'validate_contract', ARRAY[]::text[], 'exco.validate_contract()');
SELECT has_function('exco', 'validate_contract_mission', ARRAY[]::text[], 'exco.validate_contract_mission()');
SELECT has_function('exco', 'validate_cpts_commune', ARRAY[]::text[], 'exco.validate_cpts_commune()');
SELECT function_returns('exco', 'validate_contract', ARRAY[]::text[], 'trigger');
SELECT function_returns('exco', 'validate_contract_mission', ARRAY[]::text[], 'trigger');
SELECT function_returns('exco', 'validate_cpts_commune', ARRAY[]::text[], 'trigger');
SELECT function_lang_is('exco', 'validate_contract', ARRAY[]::text[], 'c');
SELECT function_lang_is('exco', 'validate_contract_mission', ARRAY[]::text[], 'c');
SELECT function_lang_is('exco', 'validate_cpts_commune', ARRAY[]::text[], 'c');
SELECT volatility_is('exco', 'validate_contract', ARRAY[]::text[], 'volatile');
SELECT volatility_is('exco', 'validate_contract_mission', ARRAY[]::text[], 'volatile');
SELECT volatility_is('exco', 'validate_cpts_commune', ARRAY[]::text[], 'volatile');

-- Attached to the reference tables, BEFORE INSERT OR UPDATE FOR EACH ROW.
SELECT has_trigger('exco', 'contract', 'validate_contract', 'trigger on exco.contract');
SELECT has_trigger('exco', 'contract_mission', 'validate_contract_mission', 'trigger on exco.contract_mission');
SELECT has_trigger('exco', 'cpts_commune', 'validate_cpts_commune', 'trigger on exco.cpts_commune');
SELECT trigger_is('exco', 'contract', 'validate_contract', 'exco', 'validate_contract');
SELECT trigger_is('exco', 'contract_mission', 'validate_contract_mission', 'exco', 'validate_contract_mission');
SELECT trigger_is('exco', 'cpts_commune', 'validate_cpts_commune', 'exco', 'validate_cpts_commune');
-- tgtype bits: ROW 1, BEFORE 2, INSERT 4, UPDATE 16 -> 23; no DELETE (8), no TRUNCATE (32).
SELECT is(
  (SELECT string_agg(tgname || ':' || tgtype, ', ' ORDER BY tgname) FROM pg_trigger
    WHERE tgrelid IN ('exco.contract'::regclass, 'exco.contract_mission'::regclass, 'exco.cpts_commune'::regclass)
      AND NOT tgisinternal),
  'validate_contract:23, validate_contract_mission:23, validate_cpts_commune:23',
  'the three triggers are BEFORE INSERT OR UPDATE FOR EACH ROW');

-- A tiny territory (rolled back at the end).
INSERT INTO exco.scale (scale, effective_from, complete, source) VALUES
  ('aci-cpts-2019', '2019-08-25', true, 'JO 2019-08-24'),
  ('aci-cpts-2022', '2022-04-01', false, 'avenant 2')
ON CONFLICT DO NOTHING;
INSERT INTO exco.scale_amount (scale, line, tier, share, amount) VALUES
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'fixed', 22500)
ON CONFLICT DO NOTHING;
INSERT INTO exco.region VALUES ('TR', 'tap region');
INSERT INTO exco.departement VALUES ('T1', 'tap 1', 'TR'), ('T2', 'tap 2', 'TR');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('T1001', 'Un', 'T1', 'TR', 100000), ('T2001', 'Deux', 'T2', 'TR', 75001), ('T2002', 'Trois', 'T2', 'TR', 10);
INSERT INTO exco.cpts (id, name, seat) VALUES (8001, 'TAP A', 'T2001'), (8002, 'TAP B', 'T2002');
INSERT INTO exco.cpts_commune VALUES (8001, 'T1001'), (8001, 'T2001');

-- cpts_commune: a commune in two CPTS, 23505 naming commune and both CPTS.
SELECT throws_ok($$INSERT INTO exco.cpts_commune VALUES (8002, 'T2001')$$, '23505',
  'commune T2001 (Deux) already belongs to CPTS "TAP A" and cannot also belong to CPTS "TAP B"',
  'commune in two CPTS: 23505 naming both');
SELECT lives_ok($$INSERT INTO exco.cpts_commune VALUES (8002, 'T2002')$$, 'a free commune joins a CPTS');

-- Fills: 100000 + 75001 = 175001 -> tier 4; territory spans T1, T2 -> seat (Deux) T2;
-- 2022-04-01 + 5 years = 2027-04-01; scale in force aci-cpts-2022.
SELECT lives_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
  VALUES (8101, 8001, '2022-04-01', 'TR', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  'a complete contract is accepted');
SELECT results_eq($$SELECT ends_on, cpam_departement, scale, population, tier::int FROM exco.contract WHERE id = 8101$$,
  $$VALUES ('2027-04-01'::date, 'T2', 'aci-cpts-2022', 175001::bigint, 4)$$,
  'NULL ends_on, CPAM, scale, population and tier are filled');

-- Each rule rejected with its SQLSTATE and message.
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
  VALUES (8102, 8001, NULL, 'TR', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  '23502', 'null value in signing date column "signed_on"', 'missing signing date');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, missions)
  VALUES (8103, 8001, '2022-04-01', '2027-03-31', 'TR', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  '23514', 'end date 2027-03-31 does not match signing date 2022-04-01',
  'end other than signature + 5 years');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
  VALUES (8104, 8001, '2022-04-01', 'TR', 'T1', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  '23514', 'CPAM département T1 is not T2, the département of the seat of CPTS "TAP A"',
  'CPAM not the seat''s when the territory spans two départements');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
  VALUES (8105, 8001, '2022-04-01', 'TR', 180000, '3', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  '23514', 'tier 3 does not match population 180000, which is tier 4',
  'tier mismatch names population, expected and given tier');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
  VALUES (8105, 8001, '2022-04-01', 'TR', 175000, '3', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  '23514', 'population 175000 (tier 3) contradicts the territory: the communes of CPTS "TAP A" total 175001 inhabitants (tier 4)',
  'a population whose tier the territory contradicts names both figures and tiers');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
  VALUES (8106, 8001, '2022-04-01', 'TR', '{acces_soins,parcours,prevention}')$$,
  '23514', 'socle mission missing from missions: crises_sanitaires',
  'crises_sanitaires required under aci-cpts-2022');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
  VALUES (8107, 8001, '2020-04-01', 'TR', '{parcours}')$$,
  '23514', 'socle missions missing from missions: acces_soins, prevention',
  'socle missions required under aci-cpts-2019');
SELECT is((SELECT count(*) FROM exco.contract WHERE id BETWEEN 8100 AND 8199), 1::bigint,
  'nothing written by the rejections');

-- contract_mission.
SELECT lives_ok($$INSERT INTO exco.contract_mission VALUES (8101, 'parcours', '2022-04-01', '2023-01-01')$$,
  'a mission started on the signing date');
SELECT throws_ok($$INSERT INTO exco.contract_mission VALUES (8101, 'prevention', '2022-03-31', NULL)$$,
  '23514', 'mission prevention started on 2022-03-31, before its contract was signed on 2022-04-01',
  'mission started before signature');
SELECT throws_ok($$INSERT INTO exco.contract_mission VALUES (8101, 'prevention', '2022-05-01', '2022-04-30')$$,
  '23514', 'mission prevention deployed on 2022-04-30, before it started on 2022-05-01',
  'mission deployed before start');
SELECT throws_ok($$INSERT INTO exco.contract_mission VALUES (8101, 'accompagnement', '2022-05-01', NULL)$$,
  '23514', NULL, 'mission not in the contract''s missions');
SELECT is((SELECT count(*) FROM exco.contract_mission WHERE contract = 8101), 1::bigint,
  'nothing written by the mission rejections');

-- UPDATE paths.
SELECT throws_ok($$UPDATE exco.contract SET signed_on = '2022-04-02', ends_on = NULL WHERE id = 8101$$,
  '23514', 'mission parcours started on 2022-04-01, before the new signing date 2022-04-02',
  'moving the signature after a mission start re-checks the mission rows');
SELECT throws_ok($$UPDATE exco.contract SET missions = '{acces_soins,prevention,crises_sanitaires}' WHERE id = 8101$$,
  '23514', NULL, 'dropping a mission that has a row');
SELECT lives_ok($$UPDATE exco.contract SET signed_on = '2022-04-01', status = 'terminated' WHERE id = 8101$$,
  'an update that keeps the rules');
SELECT is((SELECT status::text FROM exco.contract WHERE id = 8101), 'terminated', 'the update was written');

-- Facts at signature (doc/contract.md, "What is checked when"): filled from the CPTS; given ones
-- are checked against it (a restore never fires the trigger: pg_dump creates it after the data).
SELECT results_eq($$SELECT seat_departement, territory_departements, region FROM exco.contract WHERE id = 8101$$,
  $$VALUES ('T2', '{T1,T2}'::text[], 'TR')$$, 'seat and territory départements at signature, region filled');
SELECT lives_ok($$INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale,
    population, tier, missions, seat_departement, territory_departements)
  VALUES (8110, 8001, '2020-04-01', '2025-04-01', 'TR', 'T2', 'aci-cpts-2019', 180000, '4',
    '{acces_soins,parcours,prevention}', 'T2', '{T1,T2}')$$,
  'a complete row whose facts agree with the territory is accepted');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, cpam_departement, scale,
    population, tier, missions, seat_departement, territory_departements)
  VALUES (8111, 8001, '2020-04-01', '2025-04-01', 'TR', 'T1', 'aci-cpts-2019', 180000, '4',
    '{acces_soins,parcours,prevention}', 'T2', '{T1}')$$,
  '23514', 'territory_departements {T1} contradicts the territory: the set of départements of the communes (sorted) of CPTS "TAP A" is {T1, T2}',
  'a complete row whose facts contradict the territory is refused, naming the fact');
INSERT INTO exco.region VALUES ('TS', 'tap other region');
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
  VALUES (8112, 8001, '2022-04-01', 'TS', '{acces_soins,parcours,prevention,crises_sanitaires}')$$,
  '23514', 'region TS is not TR, the region of CPAM département T2', 'region other than the CPAM''s');

-- Constraints: no NULL mission (the trigger answers first: 22004), finite measures, a stated
-- direction agreeing with the levels.
SELECT throws_ok($$INSERT INTO exco.contract (id, cpts, signed_on, missions)
  VALUES (8113, 8001, '2022-04-01', '{acces_soins,parcours,prevention,crises_sanitaires,NULL}')$$,
  '22004', NULL, 'NULL element in missions');
INSERT INTO exco.contract_mission VALUES (8101, 'acces_soins', '2022-05-01', NULL);
SELECT throws_ok($$INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount, lower_is_better)
  VALUES (8120, 8101, 'acces_soins', 'X', 'x', 'continuous', 60, 80, 100, true)$$,
  '23514', NULL, 'lower_is_better contradicting the levels');
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, amount)
  VALUES (8121, 8101, 'acces_soins', 'Y', 'y', 'continuous', 60, 80, 100);
SELECT throws_ok($$INSERT INTO exco.measure VALUES (8121, 1, 'NaN')$$, '23514', NULL, 'NaN measure');
SELECT throws_ok($$INSERT INTO exco.measure VALUES (8121, 1, '-Infinity')$$, '23514', NULL, '-Infinity measure');

-- A user table with its own column names.
CREATE TABLE public.tap_my_contracts (ref text, date_signature date, taille exco.tier, pop bigint,
                                      mes_missions exco.mission[], fin date, bareme text);
CREATE TRIGGER tap_validate BEFORE INSERT OR UPDATE ON public.tap_my_contracts FOR EACH ROW
  EXECUTE FUNCTION exco.validate_contract('id=ref', 'signed_on=date_signature', 'tier=taille',
                                          'population=pop', 'missions=mes_missions', 'ends_on=fin', 'scale=bareme');
SELECT lives_ok($$INSERT INTO public.tap_my_contracts (ref, date_signature, pop, mes_missions)
  VALUES ('A-1', '2019-08-25', 40000, '{acces_soins,parcours,prevention}')$$, 'user table: accepted');
SELECT results_eq($$SELECT taille::int, fin, bareme FROM public.tap_my_contracts WHERE ref = 'A-1'$$,
  $$VALUES (2, '2024-08-25'::date, 'aci-cpts-2019')$$, 'user table: tier, end and scale filled');
SELECT throws_ok($$INSERT INTO public.tap_my_contracts (ref, date_signature, pop, taille, mes_missions)
  VALUES ('A-2', '2019-08-25', 39999, '2', '{acces_soins,parcours,prevention}')$$,
  '23514', 'tier 2 does not match population 39999, which is tier 1', 'user table: tier mismatch');
SELECT throws_ok($$INSERT INTO public.tap_my_contracts (ref, date_signature, mes_missions) VALUES ('A-3', NULL, '{}')$$,
  '23502', 'null value in signing date column "date_signature"', 'user table: no signing date');
SELECT throws_ok($$UPDATE public.tap_my_contracts SET taille = '3'$$, '23514', NULL, 'user table: UPDATE checked');

-- An integer tier column: 259 is out of range, not tier 3.
CREATE TABLE public.tap_int_tier (signed_on date, tier integer, missions exco.mission[]);
CREATE TRIGGER tap_int_tier BEFORE INSERT ON public.tap_int_tier FOR EACH ROW
  EXECUTE FUNCTION exco.validate_contract('signed_on', 'tier', 'missions');
SELECT throws_ok($$INSERT INTO public.tap_int_tier VALUES ('2020-01-01', 259, '{acces_soins,parcours,prevention}')$$, '22003',
  'tier 259 in column "tier" is out of range', 'integer tier 259: 22003');

-- Misuse.
SELECT throws_ok($$SELECT exco.validate_contract()$$, '39P01', NULL, 'not called as a trigger: 39P01');
CREATE TABLE public.tap_bad (signed_on date);
CREATE TRIGGER tap_bad AFTER INSERT ON public.tap_bad FOR EACH ROW EXECUTE FUNCTION exco.validate_cpts_commune();
SELECT throws_ok($$INSERT INTO public.tap_bad VALUES ('2020-01-01')$$, '39P01', NULL, 'AFTER trigger: 39P01');
DROP TRIGGER tap_bad ON public.tap_bad;
CREATE TRIGGER tap_bad BEFORE INSERT ON public.tap_bad FOR EACH ROW EXECUTE FUNCTION exco.validate_contract('signed_on=nope');
SELECT throws_ok($$INSERT INTO public.tap_bad VALUES ('2020-01-01')$$, '42703', NULL, 'unknown column: 42703');

-- A table without a column for signed_on or missions: refused on its first row, not unchecked.
CREATE TABLE public.tap_fr (date_signature date, missions_signees exco.mission[]);
CREATE TRIGGER tap_fr BEFORE INSERT ON public.tap_fr FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
SELECT throws_ok($$INSERT INTO public.tap_fr VALUES (NULL, '{qualite}')$$, '42703',
  'table "tap_fr" has no column for the role signed_on of exco.validate_contract()', 'no signed_on column: 42703');
SELECT throws_ok($$INSERT INTO public.tap_my_contracts (ref, date_signature, mes_missions)
  VALUES ('A-4', '2019-08-25', '{acces_soins,parcours,prevention,NULL}')$$, '22004',
  'the mission list of a contract must not contain NULL (element 4)', 'user table: NULL mission: 22004');

SELECT * FROM finish();
ROLLBACK;
