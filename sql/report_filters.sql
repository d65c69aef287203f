-- Unknown keeps its place (issue 21): every report row keeps its date, contract year, area and
-- kind when its amount is unknown, so a filter on any of them never drops an unknown row, and a
-- sum over the filter is right or NULL with its known part beside. Every figure is computed by
-- hand from doc/rules.md (§8.1, §8.2 scales; §8.3 payment rules) in the comments.
\set VERBOSITY default
SET datestyle = ISO, YMD;
SET search_path = public, exco;

-- Region F1 (département F11), region F2 (département F21).
INSERT INTO exco.region VALUES ('F1', 'Région Filtre-Un'), ('F2', 'Région Filtre-Deux');
INSERT INTO exco.departement VALUES ('F11', 'Filtre-Onze', 'F1'), ('F21', 'Filtre-Vingt-et-un', 'F2');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('F1101', 'Pont-Filtre', 'F11', 'F1', 100000), ('F2101', 'Quai-Filtre', 'F21', 'F2', 50000);
-- P: 100 000 inhabitants → tier 3; Q: 50 000 → tier 2 (doc/rules.md §2).
INSERT INTO exco.cpts (id, name, seat) VALUES (9801, 'CPTS P-Filtre', 'F1101'), (9802, 'CPTS Q-Filtre', 'F2101');
INSERT INTO exco.cpts_commune VALUES (9801, 'F1101'), (9802, 'F2101');
-- P signed 2022-06-01: scale aci-cpts-2022, partial: it gives acces_soins for tier 3 (fixed 90 000,
-- variable 35 000) but no fonctionnement for any tier (§8.2). Q signed 2021-01-15: aci-cpts-2019,
-- fonctionnement tier 2 = 60 000 (§8.1). Only P's acces_soins has started (at signature).
INSERT INTO exco.contract (id, cpts, signed_on, region, cpam_departement, missions) VALUES
  (9811, 9801, '2022-06-01', 'F1', 'F11', '{acces_soins,parcours,prevention,crises_sanitaires}'),
  (9812, 9802, '2021-01-15', 'F2', 'F21', '{acces_soins,parcours,prevention,qualite}');
INSERT INTO exco.contract_mission VALUES (9811, 'acces_soins', '2022-06-01', NULL);
SELECT id, tier, scale, ends_on FROM exco.contract WHERE id IN (9811, 9812) ORDER BY id;

-- The schedule function of the reports (src/payment.c). Known cell: exactly exco.payment_schedule's
-- rows, unknown_reason NULL (the EXCEPT in both directions is empty).
(SELECT contract_year, due_on, kind, amount FROM exco.payment_schedule_report('2021-01-15', '2', 'fonctionnement', NULL)
 EXCEPT ALL SELECT * FROM exco.payment_schedule('2021-01-15', '2', 'fonctionnement', NULL))
UNION ALL
(SELECT * FROM exco.payment_schedule('2021-01-15', '2', 'fonctionnement', NULL)
 EXCEPT ALL SELECT contract_year, due_on, kind, amount FROM exco.payment_schedule_report('2021-01-15', '2', 'fonctionnement', NULL));
SELECT count(*) AS rows, count(unknown_reason) AS unknown FROM exco.payment_schedule_report('2021-01-15', '2', 'fonctionnement', NULL);
-- The gap: fonctionnement tier 3 under aci-cpts-2022. The rows of its schedule (§8.3): year 1's
-- advance at signature, then per year 2..5 the advance at anniversary i-1 and the balance at
-- anniversary i (2023-06-01 … 2027-06-01), every amount NULL with the reason.
SELECT * FROM exco.payment_schedule_report('2022-06-01', '3', 'fonctionnement', NULL);
-- exco.payment_schedule raises there (the direct call).
\set VERBOSITY sqlstate
SELECT * FROM exco.payment_schedule('2022-06-01', '3', 'fonctionnement', NULL);
\set VERBOSITY default
-- A start before the signature and a start after the last running day (2024-08-31 for a contract
-- signed 2019-09-01) are refused by the rules: the rows of a mission started at signature (every
-- year: advance at anniversary i-1, balance and variable at anniversary i), NULL amounts, the
-- reason. The attainment of year 1 is known: that row is kind variable, the others
-- variable_pending. A scale that does not exist: the same, with its reason.
SELECT contract_year, due_on, kind, amount, unknown_reason
  FROM exco.payment_schedule_report('2019-09-01', '2', 'parcours', '2019-08-01', '{1}') WHERE contract_year IN (1, 5);
SELECT count(*) AS rows, count(amount) AS amounts, min(unknown_reason) AS reason
  FROM exco.payment_schedule_report('2019-09-01', '2', 'parcours', '2024-09-01');
SELECT count(*) AS rows, count(amount) AS amounts, min(unknown_reason) AS reason
  FROM exco.payment_schedule_report('2019-09-01', '2', 'parcours', '2019-09-01', NULL, 'no-such-scale');
-- A mission not started has no payments (§8.3), whatever its cell.
SELECT count(*) AS rows FROM exco.payment_schedule_report('2022-06-01', '1', 'parcours', NULL);
-- A NULL tier (a direct call: exco.contract.tier is NOT NULL) keeps the schedule's rows, NULL
-- amounts, the reason: fonctionnement 5 advances + 4 balances = 9 rows; parcours started at
-- signature, 5 advances + 5 balances + 5 variable rows = 15.
SELECT line, count(*) AS rows, count(amount) AS amounts, min(unknown_reason) AS reason
  FROM (VALUES ('fonctionnement'::exco.mission), ('parcours')) l(line),
       exco.payment_schedule_report('2019-09-01', NULL, l.line, '2019-09-01', '{1}')
 GROUP BY line ORDER BY line;

-- exco.payments on 2023-12-31, every row of P and Q. P (anniversaries 2023-06-01 … 2027-06-01):
--   fonctionnement: 5 advances + 4 balances, every amount unknown (9 rows);
--   acces_soins, started at signature, whole years: advance 75 % × 90 000 = 67 500 at each
--   anniversary i-1, balance 22 500 at anniversary i, variable_pending (no indicator) at i:
--   5 × 67 500 = 337 500, 5 × 22 500 = 112 500.
-- Q (anniversaries 2022-01-15 … 2026-01-15): fonctionnement 60 000 at signature, then per year
--   2..5 75 % = 45 000 and a balance of 15 000: advances 60 000 + 4 × 45 000 = 240 000, balances
--   4 × 15 000 = 60 000.
SELECT contract, region, cpam_departement, line, kind, count(*) AS rows, count(unknown_reason) AS unknown,
       sum(amount) AS known, min(due_on) AS first_due, max(due_on) AS last_due
  FROM exco.payments_at('2023-12-31') WHERE contract IN (9811, 9812)
 GROUP BY contract, region, cpam_departement, line, kind ORDER BY contract, line, kind;

-- The filters an analyst writes. total: the sum, NULL as soon as one amount is unknown; known:
-- the known part; unknown: how many amounts are unknown (variable_pending rows are not unknown
-- money: their attainment is not measured yet).
-- Due in 2023: P: fonctionnement year 2's advance (2023-06-01, unknown); acces_soins year 1's
-- balance 22 500 and variable_pending, year 2's advance 67 500 (all 2023-06-01): known 90 000.
-- Q: year 2's balance 15 000 and year 3's advance 45 000 (2023-01-15): 60 000. Together: 6 rows,
-- 1 unknown, known 150 000, total NULL.
SELECT contract, count(*) AS rows, count(unknown_reason) AS unknown, sum(amount) AS known,
       CASE WHEN count(unknown_reason) = 0 THEN sum(amount) END AS total
  FROM exco.payments_at('2023-12-31')
 WHERE contract IN (9811, 9812) AND due_on BETWEEN '2023-01-01' AND '2023-12-31'
 GROUP BY ROLLUP (contract) ORDER BY contract NULLS LAST;
-- Region F1 (P only), every date: 9 + 5 + 5 + 5 = 24 rows, 9 unknown, known 337 500 + 112 500 =
-- 450 000. Its contract year 2: fonctionnement's advance and balance (unknown), acces_soins'
-- advance 67 500, balance 22 500 and variable_pending: 5 rows, 2 unknown, known 90 000.
SELECT count(*) AS rows, count(unknown_reason) AS unknown, sum(amount) AS known,
       CASE WHEN count(unknown_reason) = 0 THEN sum(amount) END AS total
  FROM exco.payments_at('2023-12-31') WHERE region = 'F1';
SELECT count(*) AS rows, count(unknown_reason) AS unknown, sum(amount) AS known,
       CASE WHEN count(unknown_reason) = 0 THEN sum(amount) END AS total
  FROM exco.payments_at('2023-12-31') WHERE region = 'F1' AND contract_year = 2;
-- Kind advance, both: P 5 unknown + 337 500, Q 240 000: 15 rows, 5 unknown, known 577 500.
SELECT count(*) AS rows, count(unknown_reason) AS unknown, sum(amount) AS known,
       CASE WHEN count(unknown_reason) = 0 THEN sum(amount) END AS total
  FROM exco.payments_at('2023-12-31') WHERE contract IN (9811, 9812) AND kind = 'advance';
-- CPAM département F21 (Q only): 60 000 + 4 × (45 000 + 15 000) = 300 000 in 9 rows, all known.
SELECT count(*) AS rows, count(unknown_reason) AS unknown, sum(amount) AS known,
       CASE WHEN count(unknown_reason) = 0 THEN sum(amount) END AS total
  FROM exco.payments_at('2023-12-31') WHERE cpam_departement = 'F21';
-- No row of kind unknown, no row without its date, year or area.
SELECT count(*) FILTER (WHERE kind NOT IN ('advance', 'balance', 'variable', 'variable_pending')) AS odd_kind,
       count(*) FILTER (WHERE due_on IS NULL OR contract_year IS NULL OR region IS NULL OR cpam_departement IS NULL) AS no_place
  FROM exco.payments_at('2023-12-31') WHERE contract IN (9811, 9812);

-- The other reports, filtered by region on 2023-12-31, keep the contract whose amount is unknown:
-- P runs (tier 3, aci-cpts-2022: no fonctionnement) with a NULL yearly ceiling; Q's yearly ceiling
-- (tier 2, 2019) = 60 000 + 47 000 + 70 000 + 30 000 + 20 000 = 227 000 (§8.1).
SELECT contract, region, cpam_departement, running, contract_year, yearly_ceiling, ceiling_gap
  FROM exco.contract_overview_at('2023-12-31') WHERE region IN ('F1', 'F2') ORDER BY contract;
SELECT level, region, area_departement, contracts, yearly_ceiling, yearly_ceiling_known, contracts_with_gap
  FROM exco.regional_summary_at('2023-12-31', 'F1');
SELECT region, departement, cpts_contracts_running, cpts_ceiling_this_year, cpts_ceiling_this_year_known, cpts_ceiling_unknown
  FROM exco.territory_money_at('2023-12-31') WHERE region IN ('F1', 'F2') ORDER BY region, departement NULLS FIRST;

-- Clean up (the suites share one database).
DELETE FROM exco.contract WHERE id IN (9811, 9812);
DELETE FROM exco.cpts WHERE id IN (9801, 9802);
DELETE FROM exco.commune WHERE code IN ('F1101', 'F2101');
DELETE FROM exco.departement WHERE code IN ('F11', 'F21');
DELETE FROM exco.region WHERE code IN ('F1', 'F2');
