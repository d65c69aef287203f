-- ARS start-up aid before a CPTS contract (doc/rules.md §6; readings: doc/schemes.md). Sources:
-- 2022 regional brochure "d'un forfait pour l'indemnisation des professionnels de santé (de
-- 10 000€ a 20 000€ selon la taille de la CPTS); d'un forfait pour le recrutement du
-- coordonnateur de 24 000€"; ARS Bourgogne-Franche-Comté 2019 "Formalisation du projet de santé :
-- maximum de 10 000 €", "Coordination territoriale de la CPTS: maximum de 15 000 €".
SET search_path = public;

-- National guideline, the same for every tier: the texts give a range, not a figure per tier.
-- Total at most 20 000 + 24 000 = 44 000.
SELECT t, item, amount_min, amount_max, scope, for_tier
  FROM unnest('{1,2,3,4}'::exco.tier[]) AS t, exco.startup_aid(t)
 ORDER BY t, item;
SELECT sum(amount_max) AS national_max FROM exco.startup_aid('2');
-- Bourgogne-Franche-Comté (27): its variant replaces the national items; at most 10 000 + 15 000
-- = 25 000.
SELECT item, amount_min, amount_max, scope FROM exco.startup_aid('3', '27') ORDER BY item;
SELECT sum(amount_max) AS bfc_max FROM exco.startup_aid('3', '27');
-- A region without a variant gets the national items.
SELECT item, scope FROM exco.startup_aid('1', '11') ORDER BY item;
-- Provenance of every shipped row.
SELECT id, region, item, effective_from, provenance FROM exco.startup_aid_item ORDER BY id;
-- A per-tier figure, once known, is one row and replaces the every-tier range for that tier only.
BEGIN;
INSERT INTO exco.startup_aid_item (tier, item, label, amount_min, amount_max, effective_from, source, provenance)
VALUES ('4', 'professionals_time', 'test', 20000, 20000, '2023-01-01', 'test', 'test');
SELECT t, item, amount_min, amount_max, for_tier
  FROM unnest('{3,4}'::exco.tier[]) AS t, exco.startup_aid(t) WHERE item = 'professionals_time' ORDER BY t;
ROLLBACK;
-- Errors: a NULL tier; a range upside down; the same item twice.
SELECT * FROM exco.startup_aid(NULL);
INSERT INTO exco.startup_aid_item (item, label, amount_min, amount_max, effective_from, source, provenance)
VALUES ('coordinator', 'test', 30000, 24000, '2024-01-01', 'test', 'test');
INSERT INTO exco.startup_aid_item (item, label, amount_min, amount_max, effective_from, source, provenance)
VALUES ('coordinator', 'test', 24000, 24000, '2022-09-01', 'test', 'test');

-- The dated figures of the schemes are public (like the scales): a role with only USAGE on schema
-- exco gets the start-up aid, the forfait structure at risk and the medical-assistant aid; the
-- reference tables of structures, contracts and programmes stay closed (42501).
CREATE ROLE exco_test_schemes_plain NOLOGIN;
GRANT USAGE ON SCHEMA exco TO exco_test_schemes_plain;
SET ROLE exco_test_schemes_plain;
SELECT (SELECT sum(amount_max) FROM exco.startup_aid('2')) AS startup_max,
       exco.forfait_structure_at_risk('{ess}', '2024-06-30') AS at_risk,
       exco.assistant_aid('1/3', 1, '2024-06-30') AS aid;
\set VERBOSITY sqlstate
SELECT count(*) FROM exco.structure;
SELECT count(*) FROM exco.assistant_contract;
\set VERBOSITY default
RESET ROLE;
REVOKE USAGE ON SCHEMA exco FROM exco_test_schemes_plain;
DROP ROLE exco_test_schemes_plain;
