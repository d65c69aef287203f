-- One run of sql/search_path.sql: every exco view and the SQL-callable functions, read into the
-- table public.:run (view, row as text), then the scale loader (exco.scale_sheet) with a valid
-- and two invalid rows. Run once under the normal search_path and once under the hostile one,
-- each time in a fresh backend (\c) so that nothing planned under the other path is reused.
-- The statements here use no operator or aggregate of their own but ||, LIKE (no look-alike) and
-- casts: what they show depends only on exco. Filtering and comparing is done afterwards, under
-- the normal search_path, by sql/search_path.sql.
CREATE TABLE public.:run AS
SELECT 'indicator_result' AS v, x::text AS r FROM exco.indicator_result x
UNION ALL SELECT 'mission_variable', x::text FROM exco.mission_variable x
UNION ALL SELECT 'mission_status', x::text FROM exco.mission_status x
UNION ALL SELECT 'contract_overview', x::text FROM exco.contract_overview x
UNION ALL SELECT 'payments', x::text FROM exco.payments x
UNION ALL SELECT 'regional_summary', x::text FROM exco.regional_summary x
UNION ALL SELECT 'scale_sheet', x::text FROM exco.scale_sheet x
UNION ALL SELECT 'scale_on', exco.scale_on('2021-01-01') || ' ' || exco.scale_on('2023-01-01')
UNION ALL SELECT 'ceiling', exco.ceiling('parcours', '2', '2021-01-01')::text
UNION ALL SELECT 'scale_ceiling', exco.scale_ceiling('acces_soins', '3', 'aci-cpts-2022')::text
UNION ALL SELECT 'contract_ceiling', exco.contract_ceiling('2', '2021-01-01', '{acces_soins,parcours,prevention}')::text
UNION ALL SELECT 'ceiling_gap', exco.ceiling_gap('fonctionnement', '3', 'aci-cpts-2022')::text
UNION ALL SELECT 'variable_due', exco.variable_due('parcours', '2', 'aci-cpts-2019', 40000)::text
UNION ALL SELECT 'tier', exco.tier(45000)::text || ' ' || exco.tier_bounds('3')::text
UNION ALL SELECT 'deadline_status', exco.deadline_status('parcours', '2020-01-15', '2020-08-01', NULL, '2021-08-01')::text
UNION ALL SELECT 'payment_schedule', x::text
  FROM exco.payment_schedule('2020-01-15', '2', 'parcours', '2020-03-01', '{1,0.5,NULL,NULL,NULL}', NULL) x
UNION ALL SELECT 'weighted_attainment', (SELECT exco.weighted_attainment(r, w)
  FROM (VALUES (0.5, 1), (1, 3)) AS t(r, w))::text;
-- The scale loader (PL/pgSQL, search_path pinned): a new scale is accepted, a different figure
-- for a known cell is refused (23505), a new scale without effective_from is refused (23502).
INSERT INTO exco.scale_sheet (scale, effective_from, complete, source, line, share, taille_1, provenance)
VALUES ('sp-2031', '2031-01-01', false, 'search_path test', 'parcours', 'fixed', 26000, 'test');
INSERT INTO exco.scale_sheet (scale, line, share, taille_1) VALUES ('sp-2031', 'parcours', 'fixed', 27000);
\echo :SQLSTATE
INSERT INTO exco.scale_sheet (scale, line, share, taille_1) VALUES ('sp-2032', 'parcours', 'fixed', 27000);
\echo :SQLSTATE
SELECT scale, line, share, taille_1 FROM exco.scale_sheet WHERE scale LIKE 'sp-%';
