-- A comment on every column of every exco table and of exco.scale_sheet (psql \d+ and dashboard
-- tools show them); the reports' columns are commented in 60_views.sql. Kept apart from the
-- tables' own files; src/upgrade/45_column_comments.sql is a copy of this file.

COMMENT ON COLUMN exco.region.code IS 'INSEE code of the region, e.g. 84';
COMMENT ON COLUMN exco.region.name IS 'name of the region, e.g. Auvergne-Rhône-Alpes';

COMMENT ON COLUMN exco.departement.code IS 'INSEE code of the département, e.g. 01, 2A, 971';
COMMENT ON COLUMN exco.departement.name IS 'name of the département';
COMMENT ON COLUMN exco.departement.region IS 'the region the département belongs to (exco.region.code)';

COMMENT ON COLUMN exco.epci.code IS 'SIREN code of the EPCI';
COMMENT ON COLUMN exco.epci.name IS 'name of the EPCI';
COMMENT ON COLUMN exco.epci.kind IS 'legal form of the EPCI (métropole, communauté urbaine, d''agglomération, de communes ...)';

COMMENT ON COLUMN exco.commune.code IS 'INSEE code of the commune';
COMMENT ON COLUMN exco.commune.name IS 'name of the commune';
COMMENT ON COLUMN exco.commune.departement IS 'the département the commune lies in';
COMMENT ON COLUMN exco.commune.region IS 'the region the commune lies in';
COMMENT ON COLUMN exco.commune.epci IS 'the EPCI the commune belongs to (NULL: none)';
COMMENT ON COLUMN exco.commune.population IS 'inhabitants (municipal population), >= 0';

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
COMMENT ON COLUMN exco.scale_sheet.provenance IS 'how sure the figures are: confirmed, or reconstructed from published totals';

COMMENT ON COLUMN exco.cpts.id IS 'identifier of the CPTS';
COMMENT ON COLUMN exco.cpts.name IS 'name of the CPTS (unique)';
COMMENT ON COLUMN exco.cpts.seat IS 'the commune of the CPTS''s seat (siège); the CPTS is counted in its département';

COMMENT ON COLUMN exco.cpts_commune.cpts IS 'the CPTS (exco.cpts.id)';
COMMENT ON COLUMN exco.cpts_commune.commune IS 'a commune of its territory (in at most one CPTS)';

COMMENT ON COLUMN exco.contract.id IS 'identifier of the contract';
COMMENT ON COLUMN exco.contract.cpts IS 'the CPTS that signed it (exco.cpts.id)';
COMMENT ON COLUMN exco.contract.signed_on IS 'signing date: the first day the contract runs; contract year k starts on signed_on + (k-1) years';
COMMENT ON COLUMN exco.contract.ends_on IS 'first day the contract no longer runs (exclusive end, signed_on + 5 years); its last running day is ends_on - 1';
COMMENT ON COLUMN exco.contract.region IS 'region of the signing ARS';
COMMENT ON COLUMN exco.contract.cpam_departement IS 'département of the signing CPAM';
COMMENT ON COLUMN exco.contract.scale IS 'the financing scale of the whole contract (in force at signature unless given)';
COMMENT ON COLUMN exco.contract.population IS 'population of the CPTS territory at signature';
COMMENT ON COLUMN exco.contract.tier IS 'size tier at signature, from population';
COMMENT ON COLUMN exco.contract.missions IS 'the missions the contract signs up for (fonctionnement is always financed)';
COMMENT ON COLUMN exco.contract.status IS 'signed (running), terminated (résilié) or ended';

COMMENT ON COLUMN exco.contract_mission.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.contract_mission.mission IS 'one of the contract''s missions';
COMMENT ON COLUMN exco.contract_mission.started_on IS 'day the mission started (NULL: not yet)';
COMMENT ON COLUMN exco.contract_mission.deployed_on IS 'day the mission was fully deployed (NULL: not yet)';

COMMENT ON COLUMN exco.indicator.id IS 'identifier of the indicator';
COMMENT ON COLUMN exco.indicator.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.indicator.mission IS 'the contract mission the indicator measures';
COMMENT ON COLUMN exco.indicator.code IS 'short code, unique within the contract mission';
COMMENT ON COLUMN exco.indicator.label IS 'what is measured';
COMMENT ON COLUMN exco.indicator.kind IS 'continuous (rate × amount) or stepped (thresholds and amounts)';
COMMENT ON COLUMN exco.indicator.starting IS 'continuous: the starting level';
COMMENT ON COLUMN exco.indicator.objective IS 'continuous: the level that earns the whole amount';
COMMENT ON COLUMN exco.indicator.weight IS 'weight of the indicator in the mission''s attainment (>= 0)';
COMMENT ON COLUMN exco.indicator.amount IS 'continuous: euros earned per contract year at full attainment';
COMMENT ON COLUMN exco.indicator.thresholds IS 'stepped: the thresholds, in the direction of progress';
COMMENT ON COLUMN exco.indicator.amounts IS 'stepped: euros earned per contract year for reaching each threshold (never decreasing)';
COMMENT ON COLUMN exco.indicator.lower_is_better IS 'direction of progress when the levels cannot tell it (NULL: inferred from the levels)';

COMMENT ON COLUMN exco.measure.indicator IS 'the indicator (exco.indicator.id)';
COMMENT ON COLUMN exco.measure.contract_year IS 'the contract year measured, 1..5';
COMMENT ON COLUMN exco.measure.value IS 'the measured value for that contract year';
