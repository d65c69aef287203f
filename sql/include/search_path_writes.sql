-- One run of sql/search_path_triggers.sql: valid and invalid writes through the three
-- validation triggers, each through public.sp_try(step, statement), which logs the outcome
-- (the RETURNING row, or the SQLSTATE and the full message) into public.sp_log under run
-- current_setting('sp.run') and shows the row or the SQLSTATE. Run once under the normal
-- search_path and once under the hostile one, each in a fresh backend, from the same start.
-- The statements' own WHERE clauses qualify their operators (under the hostile path an
-- unqualified "=" there would be evil's): only what exco itself resolves is under test.
-- Territory: CPTS 7011 = SQ101 (30 000) + SQ102 (15 000); CPTS 7012 = SQ201 (90 000), both
-- départements SQ1 and SQ2 in region SQ; SQ103 (5 000) in no CPTS.

-- exco.cpts_commune (doc/rules.md §2): a commune in at most one CPTS.
SELECT public.sp_try('c1 add a free commune',
  $$INSERT INTO exco.cpts_commune VALUES (7011, 'SQ103') RETURNING ROW(cpts, commune)::text$$);
SELECT public.sp_try('c2 add a commune of another CPTS (23505, naming both CPTS)',
  $$INSERT INTO exco.cpts_commune VALUES (7012, 'SQ101') RETURNING ROW(cpts, commune)::text$$);
SELECT public.sp_try('c3 move a commune to another CPTS',
  $$UPDATE exco.cpts_commune SET cpts = 7012 WHERE commune OPERATOR(pg_catalog.=) 'SQ103' RETURNING ROW(cpts, commune)::text$$);
SELECT public.sp_try('c4 move it back',
  $$UPDATE exco.cpts_commune SET cpts = 7011 WHERE commune OPERATOR(pg_catalog.=) 'SQ103' RETURNING ROW(cpts, commune)::text$$);
SELECT public.sp_try('c5 change a commune into one of another CPTS (23505)',
  $$UPDATE exco.cpts_commune SET commune = 'SQ201' WHERE commune OPERATOR(pg_catalog.=) 'SQ103' RETURNING ROW(cpts, commune)::text$$);

-- exco.contract (doc/rules.md §2, §5). 7011 now = 30 000 + 15 000 + 5 000 = 50 000: tier 2
-- (40 000 <= p < 80 000), all in SQ1, seat SQ101 in SQ1: CPAM SQ1; ends_on = signed_on + 5 years
-- (exclusive end); scale in force on 2020-01-15: aci-cpts-2019.
SELECT public.sp_try('k1 contract, values filled',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
    VALUES (7111, 7011, '2020-01-15', 'SQ', '{acces_soins,parcours,prevention}')
    RETURNING ROW(population, tier, cpam_departement, ends_on, scale)::text$$);
-- 7012 = 90 000: tier 3 (80 000 <= p <= 175 000); 2022-06-01: aci-cpts-2022, which pays
-- crises_sanitaires, so the mission is socle (doc/rules.md §3, §8.2).
SELECT public.sp_try('k2 contract of the other CPTS under the 2022 scale',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
    VALUES (7112, 7012, '2022-06-01', 'SQ', '{acces_soins,parcours,prevention,crises_sanitaires}')
    RETURNING ROW(population, tier, cpam_departement, ends_on, scale)::text$$);
SELECT public.sp_try('k3 tier 3 given for 39 999 inhabitants (23514)',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
    VALUES (7113, 7011, '2020-01-15', 'SQ', 39999, '3', '{acces_soins,parcours,prevention}')
    RETURNING ROW(population, tier)::text$$);
SELECT public.sp_try('k4 territory tier: population not given, tier 3 given (23514)',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, tier, missions)
    VALUES (7114, 7011, '2020-01-15', 'SQ', '3', '{acces_soins,parcours,prevention}')
    RETURNING ROW(population, tier)::text$$);
SELECT public.sp_try('k5 CPAM SQ2 for a territory in SQ1 only (23514)',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions)
    VALUES (7115, 7011, '2020-01-15', 'SQ', 'SQ2', '{acces_soins,parcours,prevention}')
    RETURNING ROW(population, cpam_departement)::text$$);
SELECT public.sp_try('k6 socle mission prevention missing (23514)',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
    VALUES (7116, 7011, '2020-01-15', 'SQ', '{acces_soins,parcours}')
    RETURNING ROW(population, tier)::text$$);
SELECT public.sp_try('k7 crises_sanitaires missing under the 2022 scale (23514)',
  $$INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
    VALUES (7117, 7012, '2022-06-01', 'SQ', '{acces_soins,parcours,prevention}')
    RETURNING ROW(population, tier)::text$$);

-- exco.contract_mission (doc/rules.md §3, §5): dates and membership against the contract.
SELECT public.sp_try('m1 mission started after the signature',
  $$INSERT INTO exco.contract_mission VALUES (7111, 'parcours', '2020-03-01', NULL)
    RETURNING ROW(contract, mission, started_on)::text$$);
SELECT public.sp_try('m2 mission of the 2022 contract',
  $$INSERT INTO exco.contract_mission VALUES (7112, 'crises_sanitaires', '2022-07-01', NULL)
    RETURNING ROW(contract, mission, started_on)::text$$);
SELECT public.sp_try('m3 started before the signature 2020-01-15 (23514)',
  $$INSERT INTO exco.contract_mission VALUES (7111, 'prevention', '2019-12-01', NULL)
    RETURNING ROW(contract, mission)::text$$);
SELECT public.sp_try('m4 crises_sanitaires is not among 7111''s missions (23514)',
  $$INSERT INTO exco.contract_mission VALUES (7111, 'crises_sanitaires', '2020-03-01', NULL)
    RETURNING ROW(contract, mission)::text$$);
SELECT public.sp_try('m5 2022 contract: started before its signature 2022-06-01 (23514)',
  $$INSERT INTO exco.contract_mission VALUES (7112, 'parcours', '2022-05-01', NULL)
    RETURNING ROW(contract, mission)::text$$);
SELECT public.sp_try('m6 deployed after the start',
  $$UPDATE exco.contract_mission SET deployed_on = '2021-01-01' WHERE contract OPERATOR(pg_catalog.=) 7111 AND mission OPERATOR(pg_catalog.=) 'parcours'
    RETURNING ROW(contract, mission, deployed_on)::text$$);
SELECT public.sp_try('m7 deployed before the start (23514)',
  $$UPDATE exco.contract_mission SET deployed_on = '2020-02-01' WHERE contract OPERATOR(pg_catalog.=) 7111 AND mission OPERATOR(pg_catalog.=) 'parcours'
    RETURNING ROW(contract, mission, deployed_on)::text$$);

-- Updates of a contract re-check its mission rows (rule 6, doc/contract.md).
SELECT public.sp_try('k8 add qualite to 7111',
  $$UPDATE exco.contract SET missions = '{acces_soins,parcours,prevention,qualite}' WHERE id OPERATOR(pg_catalog.=) 7111
    RETURNING ROW(id, missions)::text$$);
SELECT public.sp_try('k9 sign 7111 after its parcours started on 2020-03-01 (23514)',
  $$UPDATE exco.contract SET signed_on = '2020-04-01', ends_on = NULL WHERE id OPERATOR(pg_catalog.=) 7111
    RETURNING ROW(id, signed_on)::text$$);
SELECT public.sp_try('k10 drop parcours from 7111 while it has a mission row (23514)',
  $$UPDATE exco.contract SET missions = '{acces_soins,prevention,qualite}' WHERE id OPERATOR(pg_catalog.=) 7111
    RETURNING ROW(id, missions)::text$$);
