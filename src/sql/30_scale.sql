-- Financing scales (barèmes) as versioned data: doc/rules.md §4, §8.
-- Tables only here; the shipped rows and the C functions that read them follow in this file's
-- later sections and in 35_payment.sql.

CREATE TYPE exco.share AS ENUM ('fixed', 'variable', 'dedicated');
COMMENT ON TYPE exco.share IS
  'share of a financing line: fixed (means), variable (results), dedicated (the SNP compensation envelope of acces_soins, not free to spend)';

CREATE TABLE exco.scale (
  scale          text PRIMARY KEY,
  effective_from date NOT NULL UNIQUE,
  complete       boolean NOT NULL,
  source         text,
  -- An infinite start would make a scale in force on every date before the first real scale
  -- (-infinity) or never (infinity), and no contract signs on an infinite date. Refused (23514),
  -- also through exco.scale_sheet. The update from 0.1.0 adds it (extension/exco--0.1.0--0.2.0.sql).
  CONSTRAINT scale_effective_from_finite CHECK (isfinite(effective_from))
);
COMMENT ON TABLE exco.scale IS
  'a financing scale (ACI CPTS and its amendments), in force from effective_from until the next scale''s effective_from';

CREATE TABLE exco.scale_amount (
  -- Its scale in exco.scale. Not a foreign key: a parallel pg_restore loads the users' rows of
  -- exco.scale and exco.scale_amount in any order. exco.scale_sheet creates the scale before its
  -- amounts, the scale functions read amounts through their scale only (an amount without one is
  -- never read), and exco.scale_in_use() keeps a scale that amounts name from being deleted or
  -- renamed.
  scale      text NOT NULL,
  line       exco.mission NOT NULL,
  tier       exco.tier NOT NULL,
  share      exco.share NOT NULL,
  amount     numeric(12,2) NOT NULL CONSTRAINT scale_amount_not_negative CHECK (amount >= 0),
  provenance text,
  PRIMARY KEY (scale, line, tier, share),
  -- numeric(12,2) holds NaN (not ±Infinity), and NaN passes amount >= 0: one NaN cell made every
  -- scale look-up fail (0A000 cannot convert NaN to bigint). Refused when written.
  CONSTRAINT scale_amount_finite CHECK (amount <> 'NaN'),
  CONSTRAINT scale_amount_share_fits_line CHECK (
    (line <> 'fonctionnement' OR share = 'fixed') AND
    (share <> 'dedicated' OR line = 'acces_soins'))
);
COMMENT ON TABLE exco.scale_amount IS
  'yearly ceiling in euros of one share of one financing line for one tier under one scale';

COMMENT ON COLUMN exco.scale.scale IS 'name of the scale, e.g. aci-cpts-2019';
COMMENT ON COLUMN exco.scale.effective_from IS
  'first day the scale is in force; it stays in force until the next scale''s effective_from';
COMMENT ON COLUMN exco.scale.complete IS
  'false when some cells are not known (asking for one is an error, never a guess); informational';
COMMENT ON COLUMN exco.scale.source IS 'where the figures come from';
COMMENT ON COLUMN exco.scale_amount.amount IS 'yearly ceiling in euros';
COMMENT ON COLUMN exco.scale_amount.provenance IS
  'how sure the figure is, as doc/rules.md marks it: confirmed (naming the source keys of doc/rules.md), or reconstructed (saying from what)';

-- ---------------------------------------------------------------------------------------------
-- Shipped scales (doc/rules.md §8). Every row carries its provenance, as doc/rules.md §8.1 and §8.2
-- mark it: "confirmed (KEY, ...)" names the source keys of doc/rules.md (Sources) that state the
-- figure; "reconstructed ..." says from what. The 50/50 split of parcours, prevention, qualite and
-- accompagnement is confirmed on taille 3 (CONTRACT-T3) and reconstructed for tailles 1, 2, 4; the
-- acces_soins split is reconstructed from the totals; the SNP envelope from maxima no source
-- document states (doc/rules.md §4.1: unsourced).

INSERT INTO exco.scale (scale, effective_from, complete, source) VALUES
  ('aci-cpts-2019', '2019-08-25', true,
   'ACI CPTS, Journal officiel of 24 August 2019, in force the next day. Totals per line from the source documents; 50/50 split of parcours, prevention, qualite, accompagnement confirmed on a real taille-3 contract; acces_soins split and SNP envelope reconstructed from the published totals'),
  ('aci-cpts-2022', '2022-04-01', false,
   'ACI CPTS amendment 2 (signed 2021-12-20, published 2022-03-31, in force 2022-04-01). Partial: only the taille-3 figures seen on a real contract (year 5, 2026); fonctionnement and the other tiers are unknown');

INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance)
SELECT 'aci-cpts-2019', v.line::exco.mission, t.tier::integer::exco.tier, v.share::exco.share,
       (v.amounts)[t.tier],
       CASE WHEN v.provenance <> 'half' THEN v.provenance
            WHEN t.tier = 3 THEN 'confirmed (CONTRACT-T3; the line total: DOC-CPTS-2019)'
            ELSE 'reconstructed: the 50/50 split of CONTRACT-T3 (taille 3) applied to the line total of DOC-CPTS-2019' END
FROM (VALUES
  ('fonctionnement', 'fixed',     ARRAY[50000, 60000, 75000, 90000], 'confirmed (ACI-2019 as published in DOC-CPTS-2019; entirely fixed)'),
  ('acces_soins',    'fixed',     ARRAY[15000, 17500, 25000, 30000], 'reconstructed from published totals (DOC-CPTS-2019)'),
  ('acces_soins',    'variable',  ARRAY[25000, 29500, 40000, 50000], 'reconstructed from published totals (DOC-CPTS-2019)'),
  ('acces_soins',    'dedicated', ARRAY[35000, 45000, 55000, 70000], 'reconstructed: the SNP maxima (unsourced, doc/rules.md §4.1) minus the totals of DOC-CPTS-2019'),
  ('parcours',       'fixed',     ARRAY[25000, 35000, 45000, 50000], 'half'),
  ('parcours',       'variable',  ARRAY[25000, 35000, 45000, 50000], 'half'),
  ('prevention',     'fixed',     ARRAY[10000, 15000, 17500, 20000], 'half'),
  ('prevention',     'variable',  ARRAY[10000, 15000, 17500, 20000], 'half'),
  ('qualite',        'fixed',     ARRAY[ 7500, 10000, 15000, 20000], 'half'),
  ('qualite',        'variable',  ARRAY[ 7500, 10000, 15000, 20000], 'half'),
  ('accompagnement', 'fixed',     ARRAY[ 5000,  7500, 10000, 15000], 'half'),
  ('accompagnement', 'variable',  ARRAY[ 5000,  7500, 10000, 15000], 'half')
) AS v(line, share, amounts, provenance)
CROSS JOIN generate_series(1, 4) AS t(tier);

-- 2022: taille 3 only, as seen on a real contract. No fonctionnement, no SNP envelope row: they
-- are not known, so they stay absent (asking for them is an error / a NULL dedicated share).
INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance) VALUES
  ('aci-cpts-2022', 'acces_soins',       '3', 'fixed',    90000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'acces_soins',       '3', 'variable', 35000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'parcours',          '3', 'fixed',    45000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'parcours',          '3', 'variable', 45000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'prevention',        '3', 'fixed',    17500, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'prevention',        '3', 'variable', 17500, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'fixed',    22500, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'variable', 67500, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'qualite',           '3', 'fixed',    15000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'qualite',           '3', 'variable', 15000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'accompagnement',    '3', 'fixed',    10000, 'confirmed (CONTRACT-T3)'),
  ('aci-cpts-2022', 'accompagnement',    '3', 'variable', 10000, 'confirmed (CONTRACT-T3)');

-- pg_dump keeps the rows users add (a later amendment, the missing cells of aci-cpts-2022), not
-- the shipped ones, which CREATE EXTENSION recreates. The filters are written for pg_dump's empty
-- search_path (text comparisons and casts only, no exco operator). They exclude exactly the
-- shipped keys: an UPDATE of a shipped row (e.g. complete = true on aci-cpts-2022) is not dumped.
SELECT pg_catalog.pg_extension_config_dump('exco.scale',
  $$WHERE scale OPERATOR(pg_catalog.<>) ALL ('{aci-cpts-2019,aci-cpts-2022}'::pg_catalog.text[])$$);
SELECT pg_catalog.pg_extension_config_dump('exco.scale_amount', $$WHERE NOT (
     (scale OPERATOR(pg_catalog.=) 'aci-cpts-2019'
      AND line::pg_catalog.text OPERATOR(pg_catalog.<>) 'crises_sanitaires')
  OR (scale OPERATOR(pg_catalog.=) 'aci-cpts-2022'
      AND tier::pg_catalog.int4 OPERATOR(pg_catalog.=) 3
      AND share::pg_catalog.text OPERATOR(pg_catalog.=) ANY ('{fixed,variable}'::pg_catalog.text[])
      AND line::pg_catalog.text OPERATOR(pg_catalog.<>) 'fonctionnement'))$$);

-- ---------------------------------------------------------------------------------------------
-- Loading an amendment: exco.scale_sheet shows the scales in the layout of doc/rules.md §8 (one row per
-- scale, line and share, one column per tier) and takes INSERT and COPY in the same layout, so a
-- whole amendment is one statement:
--   \copy exco.scale_sheet FROM 'avenant.csv' WITH (FORMAT csv, HEADER)
CREATE VIEW exco.scale_sheet AS
SELECT s.scale, s.effective_from, s.complete, s.source, a.line, a.share,
       max(a.amount) FILTER (WHERE a.tier::integer = 1) AS taille_1,
       max(a.amount) FILTER (WHERE a.tier::integer = 2) AS taille_2,
       max(a.amount) FILTER (WHERE a.tier::integer = 3) AS taille_3,
       max(a.amount) FILTER (WHERE a.tier::integer = 4) AS taille_4,
       string_agg(DISTINCT a.provenance, '; ') AS provenance
FROM exco.scale s
JOIN exco.scale_amount a USING (scale)
GROUP BY s.scale, s.effective_from, s.complete, s.source, a.line, a.share;
COMMENT ON VIEW exco.scale_sheet IS
  'the scales in the layout of doc/rules.md §8 (one row per scale, line, share; one column per tier); INSERT or \copy into it to load an amendment: a new scale is created, an existing one gets its missing cells; an empty tier column is an unknown cell';

-- Its INSTEAD OF INSERT trigger: 31_scale_sheet_insert.sql.

-- ---------------------------------------------------------------------------------------------
-- Ceilings. The C functions read exco.scale and exco.scale_amount through SPI once per call site
-- and query (cached in fn_extra under fn_mcxt, revalidated when the snapshot changes), never once
-- per row. STABLE, not IMMUTABLE: they read tables, and a user may add a scale. PARALLEL SAFE: they
-- only read (a parallel worker may run read-only SPI queries) and keep no state beyond the call
-- site's cache. STRICT: a NULL argument gives NULL.

CREATE TYPE exco.ceiling AS (
  scale     text,
  line      exco.mission,
  tier      exco.tier,
  fixed     numeric,
  variable  numeric,
  dedicated numeric,
  total     numeric
);
COMMENT ON TYPE exco.ceiling IS
  'yearly ceiling of one financing line for one tier under one scale, in euros: fixed, variable, dedicated (SNP envelope of acces_soins, NULL when the scale does not give it), total = fixed + variable (dedicated excluded)';

CREATE FUNCTION exco.ceiling(line exco.mission, t exco.tier, on_date date) RETURNS exco.ceiling
  AS 'MODULE_PATHNAME', 'scale_ceiling_on' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.ceiling(exco.mission, exco.tier, date) IS
  'ceiling of a line for a tier under the scale in force on a date (latest effective_from <= date); 22023 before the first scale or for a cell the scale does not know';

CREATE FUNCTION exco.scale_ceiling(line exco.mission, t exco.tier, scale text) RETURNS exco.ceiling
  AS 'MODULE_PATHNAME', 'scale_ceiling_named' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.scale_ceiling(exco.mission, exco.tier, text) IS
  'ceiling of a line for a tier under the named scale; 22023 for an unknown scale or a cell the scale does not know';

CREATE FUNCTION exco.scale_on(on_date date) RETURNS text
  AS 'MODULE_PATHNAME', 'scale_on' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.scale_on(date) IS
  'name of the scale in force on a date (latest effective_from <= date); 22023 before the first scale';

CREATE FUNCTION exco.contract_ceiling(t exco.tier, on_date date, missions exco.mission[]) RETURNS numeric
  AS 'MODULE_PATHNAME', 'scale_contract_ceiling' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.contract_ceiling(exco.tier, date, exco.mission[]) IS
  'yearly maximum of a contract: fonctionnement plus each listed mission once (fixed + variable, SNP envelope excluded) under the scale in force on the date; duplicates and fonctionnement in the array count once; NULL element -> 22004';
