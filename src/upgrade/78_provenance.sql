-- Provenance true (issue 21): the shipped rows of exco.scale_amount say what doc/rules.md §8.1 and
-- §8.2 say. 0.2.0 marked 'confirmed' the 50/50 splits of tailles 1, 2 and 4 (reconstructed: the
-- split is seen on taille 3 only) and cited no source key; the SNP envelope was "reconstructed
-- from published totals" from maxima no source states. Only the shipped rows that still carry
-- 0.2.0's text change (a row a user re-marked keeps its mark). The same text as the fresh install
-- (src/sql/30_scale.sql).
UPDATE exco.scale_amount SET provenance = CASE
    WHEN line = 'fonctionnement' THEN 'confirmed (ACI-2019 as published in DOC-CPTS-2019; entirely fixed)'
    WHEN line = 'acces_soins' AND share = 'dedicated'
      THEN 'reconstructed: the SNP maxima (unsourced, doc/rules.md §4.1) minus the totals of DOC-CPTS-2019'
    WHEN line = 'acces_soins' THEN 'reconstructed from published totals (DOC-CPTS-2019)'
    WHEN tier::integer = 3 THEN 'confirmed (CONTRACT-T3; the line total: DOC-CPTS-2019)'
    ELSE 'reconstructed: the 50/50 split of CONTRACT-T3 (taille 3) applied to the line total of DOC-CPTS-2019' END
 WHERE scale = 'aci-cpts-2019' AND line <> 'crises_sanitaires'
   AND provenance = CASE WHEN line = 'acces_soins' THEN 'reconstructed from published totals' ELSE 'confirmed' END;
UPDATE exco.scale_amount SET provenance = 'confirmed (CONTRACT-T3)'
 WHERE scale = 'aci-cpts-2022' AND tier::integer = 3 AND share IN ('fixed', 'variable')
   AND line <> 'fonctionnement' AND provenance = 'confirmed';
COMMENT ON COLUMN exco.scale_amount.provenance IS
  'how sure the figure is, as doc/rules.md marks it: confirmed (naming the source keys of doc/rules.md), or reconstructed (saying from what)';
COMMENT ON COLUMN exco.scale_sheet.provenance IS 'how sure the figures are, as doc/rules.md marks them: confirmed (naming the source keys of doc/rules.md), or reconstructed (saying from what); the distinct values of the four tiers, joined by ''; ''';
-- The other shipped figures name their source key too (doc/rules.md, Sources): the forfait
-- structure and the start-up aid of the 2022 brochure (DOC-EC-2022), the medical-assistant aid of
-- the 2019 sheet (DOC-AM-2019), the region's start-up aid of the 2019 meeting (DOC-ARS-2019).
UPDATE exco.forfait_structure
   SET provenance = replace(provenance, 'amounts confirmed (2022 regional brochure:', 'amounts confirmed (DOC-EC-2022, the 2022 regional brochure:')
 WHERE effective_from = '2022-01-01' AND provenance LIKE 'amounts confirmed (2022 regional brochure:%';
UPDATE exco.assistant_aid_amount
   SET provenance = replace(provenance, 'amounts confirmed (2019 practical sheet', 'amounts confirmed (DOC-AM-2019, the 2019 practical sheet')
 WHERE effective_from = '2019-06-20' AND provenance LIKE 'amounts confirmed (2019 practical sheet%';
UPDATE exco.startup_aid_item
   SET provenance = CASE id WHEN 1 THEN replace(provenance, 'range confirmed:', 'range confirmed (DOC-EC-2022):')
                            WHEN 2 THEN replace(provenance, 'amount confirmed:', 'amount confirmed (DOC-EC-2022):')
                            ELSE replace(provenance, 'maximum confirmed:', 'maximum confirmed (DOC-ARS-2019):') END
 WHERE id BETWEEN 1 AND 4 AND provenance ~ '^(range|amount|maximum) confirmed:';
