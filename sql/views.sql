-- Reporting views over the reference tables (DOMAIN.md §2–§5, SCALES.md), on a small territory
-- built here by hand. Every figure below is computed by hand in the comments. The contracts are
-- signed in 2019 and 2022 and every deadline involved is before 2024-06-02, so the statuses as of
-- current_date do not move any more; every indicator year used is measured or over.
\set VERBOSITY default
SET datestyle = ISO, YMD;
SET search_path = public, exco;

-- Region V: département V1 (45 000 inhabitants), V2 (155 000). Region 200 000.
INSERT INTO exco.region VALUES ('V', 'Région de test');
INSERT INTO exco.departement VALUES ('V1', 'Val-Un', 'V'), ('V2', 'Val-Deux', 'V');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('V1001', 'Ambert-Test', 'V1', 'V', 30000), ('V1002', 'Brive-Test', 'V1', 'V', 15000),
  ('V2001', 'Cluny-Test', 'V2', 'V', 50000), ('V2002', 'Dole-Test', 'V2', 'V', 100000),
  ('V2003', 'Evian-Test', 'V2', 'V', 5000);
-- CPTS A: 30 000 + 15 000 = 45 000 → tier 2; CPTS B: 50 000 + 100 000 = 150 000 → tier 3.
-- V2003 is in no CPTS.
INSERT INTO exco.cpts (id, name, seat) VALUES (9001, 'CPTS A-Test', 'V1001'), (9002, 'CPTS B-Test', 'V2002');
INSERT INTO exco.cpts_commune VALUES (9001, 'V1001'), (9001, 'V1002'), (9002, 'V2001'), (9002, 'V2002');
-- population, tier, ends_on and scale are filled by exco.validate_contract().
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (9101, 9001, '2019-09-01', 'V', 'V1', '{acces_soins,parcours,prevention,qualite}'),
  (9102, 9002, '2022-06-01', 'V', 'V2', '{acces_soins,parcours,prevention,crises_sanitaires}');
SELECT id, population, tier, scale, ends_on FROM exco.contract WHERE id IN (9101, 9102) ORDER BY id;

-- A (signed 2019-09-01): acces_soins start by 2020-03-01, deploy by 2021-03-01;
--   parcours/prevention start by 2020-09-01, deploy by 2021-09-01.
-- B (signed 2022-06-01): acces_soins/crises start by 2022-12-01, deploy by 2023-12-01;
--   parcours/prevention start by 2023-06-01, deploy by 2024-06-01.
INSERT INTO exco.contract_mission VALUES
  (9101, 'acces_soins', '2019-12-01', '2020-12-01'),  -- deployed_on_time
  (9101, 'parcours', '2020-10-01', '2021-06-01'),     -- started a month late: deployed_late
  (9101, 'prevention', NULL, NULL),                   -- start_overdue
  (9101, 'qualite', '2020-01-01', NULL),              -- optional: free
  (9102, 'acces_soins', '2022-07-01', '2023-06-01'),  -- deployed_on_time
  (9102, 'parcours', '2023-03-01', NULL),             -- deploy_overdue
  (9102, 'prevention', '2022-09-01', '2024-01-01'),   -- deployed_on_time
  (9102, 'crises_sanitaires', '2022-11-01', '2023-11-01'); -- deployed_on_time

SELECT contract, cpts_name, mission, socle, start_by, deploy_by, status, late
FROM exco.mission_status WHERE contract IN (9101, 9102) ORDER BY contract, mission;

-- Indicators of A.
-- acces_soins I1: patients in ALD without MT, continuous, 219 → 50, 25 000 €, weight 1.
-- acces_soins I2: the same count paid by steps {219,100,50} → {3000,6000,9000}, weight 1.
-- parcours I3: continuous, 10 → 30, 20 000 €, weight 2.
INSERT INTO exco.indicator (id, contract, mission, code, label, kind, starting, objective, weight, amount, thresholds, amounts) VALUES
  (9201, 9101, 'acces_soins', 'ALD_SANS_MT', 'patients en ALD sans MT', 'continuous', 219, 50, 1, 25000, NULL, NULL),
  (9202, 9101, 'acces_soins', 'ALD_SANS_MT_PALIERS', 'patients en ALD sans MT (paliers)', 'stepped', NULL, NULL, 1, NULL, '{219,100,50}', '{3000,6000,9000}'),
  (9203, 9101, 'parcours', 'PARCOURS', 'patients inclus dans un parcours', 'continuous', 10, 30, 2, 20000, NULL, NULL);
INSERT INTO exco.measure VALUES
  (9201, 1, 219), (9201, 2, 100), (9201, 3, 50), (9201, 5, 30),            -- year 4 missing
  (9202, 1, 220), (9202, 2, 75), (9202, 3, 50), (9202, 4, 100),            -- year 5 missing
  (9203, 1, 15), (9203, 2, 30), (9203, 3, 40), (9203, 4, 5), (9203, 5, 20);

-- I1: y1 219 → 0 → 0 €; y2 100 → 119/169 = 0.70414201183431952663 → 17 603.55 €;
--     y3 50 → 1 → 25 000 €; y4 not measured → 0 €; y5 30 (beyond 50) → 1 → 25 000 €.
-- I2: y1 220 → 0 €; y2 75 → 6 000 € (rate 6000/9000); y3 50 → 9 000 €; y4 100 → 6 000 €; y5 → 0 €.
-- I3: parcours started 2020-10-01, in contract year 2: year 1's measure (15) earns nothing and
--     is not listed; y2 30 → 20 000 €; y3 40 → 20 000 €; y4 5 → 0; y5 20 → 0.5 → 10 000 €.
SELECT code, contract_year, value, measured, rate, earned
FROM exco.indicator_result WHERE contract = 9101 ORDER BY code, contract_year;

-- acces_soins (tier 2, 2019: variable ceiling 29 500): earned y1 0, y2 23 603.55, y3 34 000 →
-- capped at 29 500, y4 6 000, y5 25 000. parcours (variable ceiling 35 000) from year 2: 20 000,
-- 20 000, 0, 10 000. Attainment y2 acces_soins = (0.70414201183431952663 + 0.66666666666666666667)/2.
SELECT mission, contract_year, indicators, missing_measures, attainment, earned, variable_ceiling, variable_due
FROM exco.mission_variable WHERE contract = 9101 ORDER BY mission, contract_year;

-- Contract overview. A: 60 000 + 47 000 + 70 000 + 30 000 + 20 000 = 227 000 (tier 2, 2019);
-- late: parcours and prevention. B: the partial 2022 scale gives no fonctionnement for tier 3:
-- NULL ceiling and the reason; late: parcours.
SELECT contract, cpts, region_name, departement, population, tier, scale, yearly_ceiling, ceiling_gap,
       mission_statuses, late_missions
FROM exco.contract_overview WHERE contract IN (9101, 9102) ORDER BY contract;

-- Payments. A's fonctionnement pays 60 000 a year over 5 years: 300 000 in all. A's acces_soins
-- variable rows pay the variable due: 0 + 23 603.55 + 29 500 + 6 000 + 25 000 = 84 103.55.
-- Fixed parts (SCALES.md payment rules, prorated in the year the mission starts):
--   acces_soins T2 17 500 from 2019-12-01: 17 500 × 275/366 = 13 148.91 + 4 × 17 500 = 83 148.91;
--   parcours T2 35 000 from 2020-10-01 (year 2): 35 000 × 335/365 = 32 123.29 + 3 × 35 000 = 137 123.29;
--   qualite T2 10 000 from 2020-01-01: 10 000 × 244/366 = 6 666.67 + 4 × 10 000 = 46 666.67;
--   B acces_soins T3 (2022) 90 000 from 2022-07-01: 90 000 × 335/365 = 82 602.74 + 360 000 = 442 602.74.
-- Missions without indicators (qualite, B's) have their variable part pending; prevention of A
-- never started: no rows.
SELECT contract, line, sum(amount) FILTER (WHERE kind IN ('advance', 'balance')) AS fixed_paid,
       sum(amount) FILTER (WHERE kind = 'variable') AS variable_paid,
       count(*) FILTER (WHERE kind = 'variable_pending') AS variable_pending,
       string_agg(DISTINCT ceiling_gap, '; ') AS gap
FROM exco.payments WHERE contract IN (9101, 9102) GROUP BY contract, line ORDER BY contract, line;
SELECT contract_year, due_on, kind, amount FROM exco.payments
WHERE contract = 9101 AND line = 'acces_soins' AND kind = 'variable' ORDER BY contract_year;
-- The gap row: B's fonctionnement.
SELECT contract, line, contract_year, kind, amount, ceiling_gap FROM exco.payments
WHERE contract = 9102 AND line = 'fonctionnement';
-- The scalar functions still raise for a direct call on the gap.
\set VERBOSITY sqlstate
SELECT exco.scale_ceiling('fonctionnement', '3', 'aci-cpts-2022');
\set VERBOSITY default

-- Regional summary: region V: 2 CPTS (one tier 2, one tier 3), 195 000 of 200 000 inhabitants
-- covered = 97.5 %; V1: 45 000 of 45 000 = 100.0 %; V2: 150 000 of 155 000 = 96.8 %.
-- Ceilings: 227 000 (B has a gap, counted apart). Variable due: A 84 103.55 + 50 000 = 134 103.55.
-- Late missions: A 2, B 1.
SELECT region, departement, cpts, tier_1, tier_2, tier_3, tier_4, population_covered,
       population_share_pct, contracts, yearly_ceiling, contracts_with_gap, variable_due, late_missions
FROM exco.regional_summary WHERE region = 'V' ORDER BY departement NULLS FIRST;

-- ceiling_gap and variable_due directly.
SELECT exco.ceiling_gap('parcours', '3', 'aci-cpts-2022') AS known,
       exco.ceiling_gap('parcours', '1', 'aci-cpts-2022') AS partial,
       exco.ceiling_gap('parcours', '1', 'no-such-scale') AS unknown;
SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', 12345.67) AS under_cap,
       exco.variable_due('parcours', '2', 'aci-cpts-2019', 99999) AS capped;
SELECT exco.variable_due('parcours', '2', 'aci-cpts-2019', -1);
SELECT exco.variable_due('parcours', '1', 'aci-cpts-2022', 10);

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id IN (9101, 9102);
DELETE FROM exco.cpts WHERE id IN (9001, 9002);
DELETE FROM exco.commune WHERE code LIKE 'V____';
DELETE FROM exco.departement WHERE code IN ('V1', 'V2');
DELETE FROM exco.region WHERE code = 'V';
