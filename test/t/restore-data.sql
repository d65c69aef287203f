-- The source database of test/t/010_restore.pl: every kind of row exco keeps, and what a user adds
-- around it. Run with psql from the repository root, after CREATE EXTENSION exco and
-- SELECT exco.create_tables().
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
-- The fixture territory, the demo's CPTS, contracts, missions, indicators and measures, and its
-- structures, medical-assistant contracts and ETP programmes.
\set territory_dir test/fixtures/territory
\ir ../scripts/load-territory.sql
\set as_of 2026-06-30
\ir ../scripts/demo-build.sql
\ir ../scripts/demo-schemes.sql
-- Territories that changed after signing: a moved seat, a commune moved between CPTS, a
-- dissolved CPTS (its communes removed after its contract ended), a user's scale completed after
-- a contract signed under it.
\ir contract-restore-data.sql
-- Users' scales: a new one, and cells the shipped partial scale does not have.
INSERT INTO exco.scale_sheet (scale, effective_from, complete, source, line, share,
                              taille_1, taille_2, taille_3, taille_4, provenance) VALUES
  ('user-2031', '2031-01-01', false, 'user test', 'fonctionnement', 'fixed', 51000, 61000, 76000, 91000, 'user'),
  ('user-2031', '2031-01-01', false, 'user test', 'parcours', 'fixed', 26000, 36000, 46000, 51000, 'user');
INSERT INTO exco.scale_sheet (scale, line, share, taille_1, taille_3, provenance) VALUES
  ('aci-cpts-2022', 'parcours', 'fixed', 25000, NULL, 'user'),
  ('aci-cpts-2022', 'fonctionnement', 'fixed', NULL, 75000, 'user');
-- Roles, grants and row-level security: the example of doc/security.md.
\ir ../../doc/security-example.sql
-- The analyst role reads the region with the most contracts among those that have a structure.
INSERT INTO public.exco_analyst_region
  SELECT 'exco_ars_analyst', k.region FROM exco.contract k
   WHERE k.region IN (SELECT c.region FROM exco.structure t JOIN exco.commune c ON c.code = t.commune)
   GROUP BY k.region ORDER BY count(*) DESC, k.region LIMIT 1;
-- A user's view on exco's reports, and a user's table with exco's types.
CREATE VIEW public.running_by_region AS
  SELECT region, count(*) AS contracts FROM exco.contract_overview WHERE running GROUP BY region;
CREATE TABLE public.my_cpts (name text PRIMARY KEY, tier exco.tier NOT NULL, missions exco.mission[]);
INSERT INTO public.my_cpts VALUES ('un', '1', '{acces_soins}'), ('deux', '3', '{parcours,prevention}');
