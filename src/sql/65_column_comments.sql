-- A comment on every column of the scale tables and of exco.scale_sheet (psql \d+ and dashboard
-- tools show them). The user's tables' and the reports' columns: src/tables/bound/65_column_comments.sql
-- and 60_reports.sql.

COMMENT ON COLUMN exco.scale_amount.scale IS 'the scale (exco.scale.scale) the figure belongs to';
COMMENT ON COLUMN exco.scale_amount.line IS 'financing line: fonctionnement or a mission';
COMMENT ON COLUMN exco.scale_amount.tier IS 'size tier of the CPTS, 1..4';
COMMENT ON COLUMN exco.scale_amount.share IS 'fixed, variable or dedicated (the SNP envelope of acces_soins)';

COMMENT ON COLUMN exco.scale_sheet.scale IS 'name of the scale';
COMMENT ON COLUMN exco.scale_sheet.effective_from IS 'first day the scale is in force';
COMMENT ON COLUMN exco.scale_sheet.complete IS 'false when some cells of the scale are not known';
COMMENT ON COLUMN exco.scale_sheet.source IS 'where the figures come from';
COMMENT ON COLUMN exco.scale_sheet.line IS 'financing line: fonctionnement or a mission';
COMMENT ON COLUMN exco.scale_sheet.share IS 'fixed, variable or dedicated';
COMMENT ON COLUMN exco.scale_sheet.taille_1 IS 'yearly ceiling in euros for tier 1 (empty: unknown)';
COMMENT ON COLUMN exco.scale_sheet.taille_2 IS 'yearly ceiling in euros for tier 2 (empty: unknown)';
COMMENT ON COLUMN exco.scale_sheet.taille_3 IS 'yearly ceiling in euros for tier 3 (empty: unknown)';
COMMENT ON COLUMN exco.scale_sheet.taille_4 IS 'yearly ceiling in euros for tier 4 (empty: unknown)';
COMMENT ON COLUMN exco.scale_sheet.provenance IS 'how sure the figures are, as doc/rules.md marks them: confirmed (naming the source keys of doc/rules.md), or reconstructed (saying from what); the distinct values of the four tiers, joined by ''; ''';
