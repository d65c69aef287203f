-- exco 0.2.0 install script. Released 2026-12-04 and frozen: never edit it (0.3.0 changes go in exco--0.2.0--0.3.0.sql).
\echo Use "CREATE EXTENSION exco" to load this file. \quit

-- ==== src/sql/10_tier.sql
-- exco.tier: the CPTS size tier (doc/rules.md §2), a one-byte base type written 1..4.
-- All functions here are IMMUTABLE STRICT PARALLEL SAFE: they depend on their arguments only.

CREATE TYPE exco.tier;

CREATE FUNCTION exco.tier_in(cstring) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_out(exco.tier) RETURNS cstring
  AS 'MODULE_PATHNAME', 'tier_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_recv(internal) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_send(exco.tier) RETURNS bytea
  AS 'MODULE_PATHNAME', 'tier_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE exco.tier (
  INPUT = exco.tier_in,
  OUTPUT = exco.tier_out,
  RECEIVE = exco.tier_recv,
  SEND = exco.tier_send,
  INTERNALLENGTH = 1,
  PASSEDBYVALUE,
  ALIGNMENT = char,
  STORAGE = plain
);
COMMENT ON TYPE exco.tier IS
  'CPTS size tier (taille) 1..4; input also accepts T1..T4 and ''taille 1''..''taille 4''';
COMMENT ON FUNCTION exco.tier_in(cstring) IS 'text input of exco.tier';
COMMENT ON FUNCTION exco.tier_out(exco.tier) IS 'text output of exco.tier: 1..4';
COMMENT ON FUNCTION exco.tier_recv(internal) IS 'binary input of exco.tier (format-version byte, tier byte)';
COMMENT ON FUNCTION exco.tier_send(exco.tier) IS 'binary output of exco.tier (format-version byte, tier byte)';

-- Comparison. LEAKPROOF: they cannot fail and reveal nothing about their arguments.
CREATE FUNCTION exco.tier_eq(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_ne(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_lt(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_le(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_gt(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_ge(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_cmp(exco.tier, exco.tier) RETURNS integer
  AS 'MODULE_PATHNAME', 'tier_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_hash(exco.tier) RETURNS integer
  AS 'MODULE_PATHNAME', 'tier_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_hash_extended(exco.tier, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'tier_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION exco.tier_eq(exco.tier, exco.tier) IS 'implementation of = for exco.tier';
COMMENT ON FUNCTION exco.tier_ne(exco.tier, exco.tier) IS 'implementation of <> for exco.tier';
COMMENT ON FUNCTION exco.tier_lt(exco.tier, exco.tier) IS 'implementation of < for exco.tier';
COMMENT ON FUNCTION exco.tier_le(exco.tier, exco.tier) IS 'implementation of <= for exco.tier';
COMMENT ON FUNCTION exco.tier_gt(exco.tier, exco.tier) IS 'implementation of > for exco.tier';
COMMENT ON FUNCTION exco.tier_ge(exco.tier, exco.tier) IS 'implementation of >= for exco.tier';
COMMENT ON FUNCTION exco.tier_cmp(exco.tier, exco.tier) IS 'btree comparison support for exco.tier';
COMMENT ON FUNCTION exco.tier_hash(exco.tier) IS 'hash support for exco.tier';
COMMENT ON FUNCTION exco.tier_hash_extended(exco.tier, bigint) IS 'extended (seeded) hash support for exco.tier';

CREATE OPERATOR exco.= (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_eq,
  COMMUTATOR = OPERATOR(exco.=), NEGATOR = OPERATOR(exco.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR exco.<> (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_ne,
  COMMUTATOR = OPERATOR(exco.<>), NEGATOR = OPERATOR(exco.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR exco.< (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_lt,
  COMMUTATOR = OPERATOR(exco.>), NEGATOR = OPERATOR(exco.>=),
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR exco.<= (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_le,
  COMMUTATOR = OPERATOR(exco.>=), NEGATOR = OPERATOR(exco.>),
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR exco.> (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_gt,
  COMMUTATOR = OPERATOR(exco.<), NEGATOR = OPERATOR(exco.<=),
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR exco.>= (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_ge,
  COMMUTATOR = OPERATOR(exco.<=), NEGATOR = OPERATOR(exco.<),
  RESTRICT = scalargesel, JOIN = scalargejoinsel);

CREATE OPERATOR CLASS exco.tier_ops DEFAULT FOR TYPE exco.tier USING btree AS
  OPERATOR 1 exco.<,
  OPERATOR 2 exco.<=,
  OPERATOR 3 exco.=,
  OPERATOR 4 exco.>=,
  OPERATOR 5 exco.>,
  FUNCTION 1 exco.tier_cmp(exco.tier, exco.tier);
CREATE OPERATOR CLASS exco.tier_hash_ops DEFAULT FOR TYPE exco.tier USING hash AS
  OPERATOR 1 exco.=,
  FUNCTION 1 exco.tier_hash(exco.tier),
  FUNCTION 2 exco.tier_hash_extended(exco.tier, bigint);

-- Casts to and from integer: the tier number (not a population). Explicit only.
CREATE FUNCTION exco.tier_from_int4(integer) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_to_int4(exco.tier) RETURNS integer
  AS 'MODULE_PATHNAME', 'tier_to_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION exco.tier_from_int4(integer) IS
  'cast integer -> exco.tier: the tier number 1..4 (22003 otherwise); not a population';
COMMENT ON FUNCTION exco.tier_to_int4(exco.tier) IS 'cast exco.tier -> integer: the tier number';
CREATE CAST (integer AS exco.tier) WITH FUNCTION exco.tier_from_int4(integer);
CREATE CAST (exco.tier AS integer) WITH FUNCTION exco.tier_to_int4(exco.tier);

-- The tier of a population, and the population range of a tier. exco.tier_of takes integer,
-- bigint and numeric (sum(bigint) is numeric); with bigint and numeric alone an integer literal
-- would match both and be ambiguous.
CREATE FUNCTION exco.tier_of(population integer) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_of(integer) IS
  'size tier of a CPTS territory of this population: 1 below 40 000, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); negative -> 22023';
CREATE FUNCTION exco.tier_of(population bigint) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_of(bigint) IS
  'size tier of a CPTS territory of this population: 1 below 40 000, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); negative -> 22023';
CREATE FUNCTION exco.tier_of(population numeric) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_of(numeric) IS
  'size tier of a CPTS territory of this population, e.g. exco.tier_of(sum(population)): as exco.tier_of(bigint); a population that is negative, not whole or not finite -> 22023';
-- Deprecated alias, kept for 0.2.0 only.
CREATE FUNCTION exco.tier(population bigint) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier(bigint) IS
  'deprecated since 0.2.0, removed in the next release: use exco.tier_of(population), which cannot be read as a cast to exco.tier';
CREATE FUNCTION exco.tier_bounds(exco.tier) RETURNS int8range
  AS 'MODULE_PATHNAME', 'tier_bounds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_bounds(exco.tier) IS
  'population range of a tier: [0,40000), [40000,80000), [80000,175001), [175001,)';

-- ==== src/sql/20_mission.sql
-- exco.mission: the financing lines of a CPTS contract (doc/rules.md §3), and their deadlines.

CREATE TYPE exco.mission AS ENUM (
  'fonctionnement', 'acces_soins', 'parcours', 'prevention',
  'crises_sanitaires', 'qualite', 'accompagnement');
COMMENT ON TYPE exco.mission IS
  'CPTS financing line: fonctionnement (running costs, not a mission), the socle missions acces_soins, parcours, prevention, crises_sanitaires, and the optional qualite, accompagnement';

-- The C functions below map the enum by label, cached per call site; they read only the
-- catalog entries of exco.mission, which change only with the extension itself: IMMUTABLE.
CREATE FUNCTION exco.is_socle(exco.mission) RETURNS boolean
  AS 'MODULE_PATHNAME', 'mission_is_socle' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.is_socle(exco.mission) IS
  'true for the mandatory (socle) missions: acces_soins, parcours, prevention, crises_sanitaires';

CREATE FUNCTION exco.start_deadline(m exco.mission, signed_on date) RETURNS date
  AS 'MODULE_PATHNAME', 'mission_start_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.start_deadline(exco.mission, date) IS
  'latest start date of a socle mission: signature + 6 months (acces_soins, crises_sanitaires) or + 12 months (parcours, prevention); NULL for optional missions and fonctionnement';

CREATE FUNCTION exco.deploy_deadline(m exco.mission, signed_on date) RETURNS date
  AS 'MODULE_PATHNAME', 'mission_deploy_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.deploy_deadline(exco.mission, date) IS
  'latest full-deployment date of a socle mission: signature + 18 months (acces_soins, crises_sanitaires) or + 24 months (parcours, prevention); NULL for optional missions and fonctionnement';

CREATE TYPE exco.deadline_status AS ENUM (
  'free', 'not_started', 'start_overdue', 'in_progress', 'started_late',
  'deploy_overdue', 'deployed_on_time', 'deployed_late');
COMMENT ON TYPE exco.deadline_status IS
  'state of a mission against its start and deployment deadlines (see exco.deadline_status())';

-- Not STRICT: started_on and deployed_on are NULL until the mission starts / deploys; a NULL
-- mission, signed_on or as_of gives NULL. IMMUTABLE: as_of is an argument, not current_date.
CREATE FUNCTION exco.deadline_status(m exco.mission, signed_on date, started_on date,
                                     deployed_on date, as_of date)
  RETURNS exco.deadline_status
  AS 'MODULE_PATHNAME', 'deadline_status' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION exco.deadline_status(exco.mission, date, date, date, date) IS
  'status of a mission as of a date: free, not_started, start_overdue, in_progress, started_late, deploy_overdue, deployed_on_time, deployed_late; starts and deployments after as_of are not yet known';

-- ==== src/sql/30_scale.sql
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
  -- also through exco.scale_sheet. The update from 0.1.0 adds it in src/upgrade/78_edges.sql.
  CONSTRAINT scale_effective_from_finite CHECK (isfinite(effective_from))
);
COMMENT ON TABLE exco.scale IS
  'a financing scale (ACI CPTS and its amendments), in force from effective_from until the next scale''s effective_from';

CREATE TABLE exco.scale_amount (
  scale      text NOT NULL REFERENCES exco.scale ON UPDATE CASCADE,
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
  'how sure the figure is: confirmed, or reconstructed from published totals';

-- ---------------------------------------------------------------------------------------------
-- Shipped scales (doc/rules.md §8). Every row carries its provenance: "confirmed" (a published total,
-- or a split seen on a real contract) or "reconstructed from published totals" (the acces_soins
-- fixed/variable split and the SNP envelope of 2019).

INSERT INTO exco.scale (scale, effective_from, complete, source) VALUES
  ('aci-cpts-2019', '2019-08-25', true,
   'ACI CPTS, Journal officiel of 24 August 2019, in force the next day. Totals per line from the source documents; 50/50 split of parcours, prevention, qualite, accompagnement confirmed on a real taille-3 contract; acces_soins split and SNP envelope reconstructed from the published totals'),
  ('aci-cpts-2022', '2022-04-01', false,
   'ACI CPTS amendment 2 (signed 2021-12-20, published 2022-03-31, in force 2022-04-01). Partial: only the taille-3 figures seen on a real contract (year 5, 2026); fonctionnement and the other tiers are unknown');

INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance)
SELECT 'aci-cpts-2019', v.line::exco.mission, t.tier::integer::exco.tier, v.share::exco.share,
       (v.amounts)[t.tier], v.provenance
FROM (VALUES
  ('fonctionnement', 'fixed',     ARRAY[50000, 60000, 75000, 90000], 'confirmed'),
  ('acces_soins',    'fixed',     ARRAY[15000, 17500, 25000, 30000], 'reconstructed from published totals'),
  ('acces_soins',    'variable',  ARRAY[25000, 29500, 40000, 50000], 'reconstructed from published totals'),
  ('acces_soins',    'dedicated', ARRAY[35000, 45000, 55000, 70000], 'reconstructed from published totals'),
  ('parcours',       'fixed',     ARRAY[25000, 35000, 45000, 50000], 'confirmed'),
  ('parcours',       'variable',  ARRAY[25000, 35000, 45000, 50000], 'confirmed'),
  ('prevention',     'fixed',     ARRAY[10000, 15000, 17500, 20000], 'confirmed'),
  ('prevention',     'variable',  ARRAY[10000, 15000, 17500, 20000], 'confirmed'),
  ('qualite',        'fixed',     ARRAY[ 7500, 10000, 15000, 20000], 'confirmed'),
  ('qualite',        'variable',  ARRAY[ 7500, 10000, 15000, 20000], 'confirmed'),
  ('accompagnement', 'fixed',     ARRAY[ 5000,  7500, 10000, 15000], 'confirmed'),
  ('accompagnement', 'variable',  ARRAY[ 5000,  7500, 10000, 15000], 'confirmed')
) AS v(line, share, amounts, provenance)
CROSS JOIN generate_series(1, 4) AS t(tier);

-- 2022: taille 3 only, as seen on a real contract. No fonctionnement, no SNP envelope row: they
-- are not known, so they stay absent (asking for them is an error / a NULL dedicated share).
INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance) VALUES
  ('aci-cpts-2022', 'acces_soins',       '3', 'fixed',    90000, 'confirmed'),
  ('aci-cpts-2022', 'acces_soins',       '3', 'variable', 35000, 'confirmed'),
  ('aci-cpts-2022', 'parcours',          '3', 'fixed',    45000, 'confirmed'),
  ('aci-cpts-2022', 'parcours',          '3', 'variable', 45000, 'confirmed'),
  ('aci-cpts-2022', 'prevention',        '3', 'fixed',    17500, 'confirmed'),
  ('aci-cpts-2022', 'prevention',        '3', 'variable', 17500, 'confirmed'),
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'fixed',    22500, 'confirmed'),
  ('aci-cpts-2022', 'crises_sanitaires', '3', 'variable', 67500, 'confirmed'),
  ('aci-cpts-2022', 'qualite',           '3', 'fixed',    15000, 'confirmed'),
  ('aci-cpts-2022', 'qualite',           '3', 'variable', 15000, 'confirmed'),
  ('aci-cpts-2022', 'accompagnement',    '3', 'fixed',    10000, 'confirmed'),
  ('aci-cpts-2022', 'accompagnement',    '3', 'variable', 10000, 'confirmed');

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

-- ==== src/sql/31_scale_sheet_insert.sql
-- The loader of exco.scale_sheet (its view is in 30_scale.sql): doc/scale.md, "Loading an
-- amendment". Its own part because 0.2.0 changes it: the update from 0.1.0 runs this file too
-- (src/upgrade/78_edges_scale_sheet.sql is a link to it), hence CREATE OR REPLACE.

-- plpgsql trigger function: fired only by INSERT/COPY on the view, which never runs in a parallel
-- worker; it cannot be called from a query at all ("trigger functions can only be called as
-- triggers"), so the PARALLEL SAFE marking (that every exco function carries) cannot be exercised
-- in parallel mode. VOLATILE: it writes.
CREATE OR REPLACE FUNCTION exco.scale_sheet_insert() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  s exco.scale;
  t integer;
  v numeric;
  old numeric;
  other text;
BEGIN
  IF NEW.scale IS NULL OR NEW.line IS NULL OR NEW.share IS NULL THEN
    RAISE EXCEPTION 'a scale_sheet row needs scale, line and share (got scale %, line %, share %)',
      coalesce(quote_literal(NEW.scale), 'NULL'), coalesce(NEW.line::text, 'NULL'), coalesce(NEW.share::text, 'NULL')
      USING ERRCODE = 'not_null_violation';
  END IF;
  SELECT * INTO s FROM exco.scale WHERE scale = NEW.scale FOR UPDATE;
  IF NOT FOUND THEN
    IF NEW.effective_from IS NULL THEN
      RAISE EXCEPTION 'scale "%" does not exist yet: its effective_from is needed', NEW.scale
        USING ERRCODE = 'not_null_violation',
              HINT = 'Give effective_from (and complete, source) on the rows of a new scale.';
    END IF;
    -- Two scales cannot start on the same day (the UNIQUE constraint of exco.scale): say which
    -- scale has the date, rather than core's bare unique_violation. (Two sessions loading at once
    -- still meet the constraint itself.) An infinite date meets scale_effective_from_finite.
    SELECT o.scale INTO other FROM exco.scale o WHERE o.effective_from = NEW.effective_from;
    IF FOUND THEN
      RAISE EXCEPTION 'scale "%" cannot be in force from %: scale "%" already is', NEW.scale,
        to_char(NEW.effective_from, 'YYYY-MM-DD'), other
        USING ERRCODE = 'unique_violation',
              HINT = format('Give scale "%s" the first day it is in force, or load the rows under scale "%s" if they belong to it.',
                            NEW.scale, other);
    END IF;
    INSERT INTO exco.scale (scale, effective_from, complete, source)
    VALUES (NEW.scale, NEW.effective_from, coalesce(NEW.complete, false), NEW.source);
  ELSE
    IF NEW.effective_from IS DISTINCT FROM NULL AND NEW.effective_from <> s.effective_from THEN
      RAISE EXCEPTION 'scale "%" is in force from %, not %', NEW.scale, s.effective_from, NEW.effective_from
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Change exco.scale.effective_from with an UPDATE if that is meant.';
    END IF;
    IF NEW.complete IS NOT NULL AND NEW.complete IS DISTINCT FROM s.complete THEN
      UPDATE exco.scale SET complete = NEW.complete WHERE scale = NEW.scale;
    END IF;
    IF NEW.source IS NOT NULL AND NEW.source IS DISTINCT FROM s.source THEN
      UPDATE exco.scale SET source = NEW.source WHERE scale = NEW.scale;
    END IF;
  END IF;
  FOR t IN 1..4 LOOP
    v := CASE t WHEN 1 THEN NEW.taille_1 WHEN 2 THEN NEW.taille_2
                WHEN 3 THEN NEW.taille_3 ELSE NEW.taille_4 END;
    CONTINUE WHEN v IS NULL;  -- empty cell: unknown, no row
    SELECT amount INTO old FROM exco.scale_amount
     WHERE scale = NEW.scale AND line = NEW.line AND tier = t::exco.tier AND share = NEW.share;
    IF NOT FOUND THEN
      INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance)
      VALUES (NEW.scale, NEW.line, t::exco.tier, NEW.share, v, NEW.provenance);
    ELSIF old <> v THEN
      RAISE EXCEPTION 'scale "%" already gives % % for tier % as %, not %',
        NEW.scale, NEW.line, NEW.share, t, old, v
        USING ERRCODE = 'unique_violation',
              HINT = 'Loading never overwrites a figure: UPDATE exco.scale_amount explicitly if the figure changed.';
    END IF;  -- the same figure again: nothing to do (loading twice is harmless)
  END LOOP;
  RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION exco.scale_sheet_insert() IS
  'INSTEAD OF INSERT trigger of exco.scale_sheet: creates the scale if new, adds the given cells, refuses to overwrite a different figure or to start on the date of another scale (23505)';
CREATE OR REPLACE TRIGGER scale_sheet_insert INSTEAD OF INSERT ON exco.scale_sheet
  FOR EACH ROW EXECUTE FUNCTION exco.scale_sheet_insert();

-- ==== src/sql/35_payment.sql
-- The payment schedule of a contract line (doc/rules.md §8.3), over the scales of
-- 30_scale.sql.
--
-- Written in C (src/payment.c): int64 cents for every amount and exact integer prorata, one scale
-- lookup per call site and query (the same fn_extra cache as exco.ceiling), and it is called once
-- per contract-mission row in LATERAL joins, where a SQL body would re-plan and re-read the scale
-- per call.
-- STABLE: reads the scale tables. PARALLEL SAFE: read-only SPI, no state beyond fn_extra.
-- Not STRICT: started_on, attainment and scale are NULL in ordinary use; a NULL signed_on, tier
-- or line gives no rows.
CREATE FUNCTION exco.payment_schedule(
    signed_on date, t exco.tier, line exco.mission, started_on date,
    attainment numeric[] DEFAULT NULL, scale text DEFAULT NULL)
  RETURNS TABLE (contract_year integer, due_on date, kind text, amount numeric)
  AS 'MODULE_PATHNAME', 'payment_schedule' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE
  ROWS 15;
COMMENT ON FUNCTION exco.payment_schedule(date, exco.tier, exco.mission, date, numeric[], text) IS
  'payments of one line of a contract over its 5 years: kind advance, balance, variable (ceiling x attainment[year]) or variable_pending (attainment not known, NULL amount); one scale for the whole contract (the one in force at signature unless named)';

-- ==== src/sql/40_attainment.sql
-- Indicator attainment (doc/rules.md §4.5) and stepped indicators (doc/rules.md §8.4, "Indicators in real
-- contracts"). Reference: doc/attainment.md.
--
-- exco.attainment and exco.step_amount are IMMUTABLE STRICT PARALLEL SAFE: they depend on
-- their arguments only, and a NULL argument (an unknown measure, level or direction) gives NULL.
-- The aggregate's support functions are justified one by one below.

CREATE FUNCTION exco.attainment(measured numeric, starting numeric, objective numeric)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'attainment_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.attainment(numeric, numeric, numeric) IS
  'attainment rate of an indicator: (measured - starting) / (objective - starting) clamped to [0, 1], rounded to 20 decimals; rising or falling indicators; objective = starting: 1 only when measured = objective';

CREATE FUNCTION exco.attainment(measured numeric, starting numeric, objective numeric,
                                lower_is_better boolean)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'attainment_rate_directed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.attainment(numeric, numeric, numeric, boolean) IS
  'attainment rate of an indicator whose direction is stated: as exco.attainment(measured, starting, objective), and when objective = starting, 1 at or beyond it in that direction; an objective on the wrong side of the starting level is an error';

CREATE FUNCTION exco.step_amount(measured numeric, thresholds numeric[], amounts numeric[])
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'step_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.step_amount(numeric, numeric[], numeric[]) IS
  'amount earned by a stepped indicator: the amount of the highest threshold reached (thresholds ascending: measured >= threshold; descending: measured <= threshold; a single threshold: >=), 0 short of the first';

CREATE FUNCTION exco.step_amount(measured numeric, thresholds numeric[], amounts numeric[],
                                 lower_is_better boolean)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'step_amount_directed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.step_amount(numeric, numeric[], numeric[], boolean) IS
  'amount earned by a stepped indicator whose direction is stated (needed for a single threshold where lower is better); thresholds that do not follow the direction are an error';

-- exco.weighted_attainment(rate, weight): Σ rate × weight / Σ weight, with an internal state.
-- The support functions take or return `internal`, so SQL cannot call them directly; each
-- checks AggCheckCallContext anyway. All are IMMUTABLE (they depend on their arguments
-- only) and PARALLEL SAFE (the aggregate runs in partial mode in workers).
--
-- NOT STRICT: a NULL rate is a missing measure and counts as rate 0 with its weight
-- (doc/rules.md §4.5), and the first call receives a NULL state.
CREATE FUNCTION exco.weighted_attainment_accum(internal, numeric, numeric) RETURNS internal
  AS 'MODULE_PATHNAME', 'attainment_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_accum(internal, numeric, numeric) IS
  'transition function of exco.weighted_attainment';

-- NOT STRICT: PostgreSQL requires it of a combine function whose state is internal; either
-- state may be NULL (a worker that saw no rows).
CREATE FUNCTION exco.weighted_attainment_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'attainment_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_combine(internal, internal) IS
  'combine function of exco.weighted_attainment (parallel aggregation)';

CREATE FUNCTION exco.weighted_attainment_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'attainment_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_serialize(internal) IS
  'serialization function of exco.weighted_attainment (parallel aggregation)';

CREATE FUNCTION exco.weighted_attainment_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'attainment_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_deserialize(bytea, internal) IS
  'deserialization function of exco.weighted_attainment (parallel aggregation)';

-- NOT STRICT: with no rows the state is NULL and the result is NULL, as for avg().
CREATE FUNCTION exco.weighted_attainment_final(internal) RETURNS numeric
  AS 'MODULE_PATHNAME', 'attainment_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_final(internal) IS
  'final function of exco.weighted_attainment: the weighted mean, rounded to 20 decimals';

CREATE AGGREGATE exco.weighted_attainment(rate numeric, weight numeric) (
  SFUNC = exco.weighted_attainment_accum,
  STYPE = internal,
  SSPACE = 48,
  FINALFUNC = exco.weighted_attainment_final,
  COMBINEFUNC = exco.weighted_attainment_combine,
  SERIALFUNC = exco.weighted_attainment_serialize,
  DESERIALFUNC = exco.weighted_attainment_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE exco.weighted_attainment(numeric, numeric) IS
  'attainment of a mission: weighted mean of its indicators'' rates (each in [0, 1]); a NULL rate (missing measure) counts as 0 with its weight; NULL or negative weight, zero total weight are errors; no rows gives NULL';

-- ==== src/sql/45_weighted.sql
-- The weighted attainment of a mission (doc/rules.md §4.5) as two plain functions whose partial
-- results are combined with sum(): what postgres_fdw can ship to each shard and Citus can push
-- to each worker, where exco.weighted_attainment's internal state cannot travel.
--   exco.weighted_mean(sum(exco.weighted_rate(rate, weight)), sum(weight))
--     = exco.weighted_attainment(rate, weight), exactly, errors included.

-- IMMUTABLE PARALLEL SAFE: depends on its arguments only. NOT STRICT, as the aggregate's
-- transition function: a NULL rate is a missing measure and counts as rate 0 (the result is 0,
-- its weight still counts in sum(weight)); a NULL weight raises 22004 as the aggregate does,
-- instead of a NULL that sum() would skip silently.
CREATE FUNCTION exco.weighted_rate(rate numeric, weight numeric) RETURNS numeric
  AS 'MODULE_PATHNAME', 'weighted_rate' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_rate(numeric, numeric) IS
  'rate × weight, exact, for exco.weighted_mean(sum(exco.weighted_rate(rate, weight)), sum(weight)); a NULL rate counts as 0; the checks of exco.weighted_attainment: NULL weight → 22004, negative or infinite weight, rate outside [0, 1] → 22023';

-- IMMUTABLE STRICT PARALLEL SAFE: sums over no rows are NULL, and the mean of no rows is NULL,
-- as the aggregate's.
CREATE FUNCTION exco.weighted_mean(sum_rate_weight numeric, sum_weight numeric) RETURNS numeric
  AS 'MODULE_PATHNAME', 'weighted_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_mean(numeric, numeric) IS
  'weighted mean sum_rate_weight / sum_weight rounded half up to 20 decimals, as exco.weighted_attainment: exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) = exco.weighted_attainment(r, w); zero total weight → 22012; a sum outside [0, sum_weight] → 22023';

-- ==== src/sql/46_scale_fingerprint.sql
-- Scales on every node (doc/rules.md §8): when exco runs on several servers (postgres_fdw shards,
-- Citus workers), each holds its own exco.scale and exco.scale_amount, and an amendment loaded on
-- one server does not reach the others. exco.scale_fingerprint() is a hash of the scale rows;
-- exco.scale_state shows it so that a coordinator can read each shard's through postgres_fdw; and
-- exco.scale_fingerprint_check(node, fingerprint) compares one with this server's and warns on a
-- difference.

-- A SHA-256 of every row of exco.scale and exco.scale_amount, all columns, in a fixed order (text
-- keys in the "C" collation, so every server orders alike whatever its locale) and a fixed text
-- form (dates as YYYY-MM-DD whatever DateStyle, text quoted, NULL as NULL): equal rows give equal
-- fingerprints on every server.
-- STABLE: it reads the two tables (it changes when they do, never within a statement), so it is
-- not IMMUTABLE, and postgres_fdw never ships it: on a coordinator it hashes the coordinator's
-- rows; a shard's is read through exco.scale_state. PARALLEL SAFE: it only reads. No argument.
CREATE FUNCTION exco.scale_fingerprint() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
  SELECT encode(sha256(convert_to(
    'exco scale fingerprint 1' || E'\n' ||
    coalesce((SELECT string_agg(format('scale %s %s %s %s', quote_literal(s.scale),
                                       to_char(s.effective_from, 'YYYY-MM-DD'), s.complete,
                                       quote_nullable(s.source)), E'\n' ORDER BY s.scale COLLATE "C")
              FROM exco.scale s), '') || E'\n' ||
    coalesce((SELECT string_agg(format('amount %s %s %s %s %s %s', quote_literal(a.scale), a.line, a.tier,
                                       a.share, a.amount, quote_nullable(a.provenance)), E'\n'
                                ORDER BY a.scale COLLATE "C", a.line, a.tier, a.share)
              FROM exco.scale_amount a), ''),
    'UTF8')), 'hex')
$$;
COMMENT ON FUNCTION exco.scale_fingerprint() IS
  'SHA-256 (hex) of every row of exco.scale and exco.scale_amount in a fixed order and text form: equal on two servers exactly when they hold the same scales';

CREATE VIEW exco.scale_state AS
SELECT exco.scale_fingerprint() AS fingerprint,
       (SELECT count(*) FROM exco.scale) AS scales,
       (SELECT count(*) FROM exco.scale_amount) AS amounts;
COMMENT ON VIEW exco.scale_state IS
  'one row: this server''s scale fingerprint and row counts; a coordinator reads a shard''s through a postgres_fdw foreign table on it and compares with exco.scale_fingerprint_check(node, fingerprint)';
COMMENT ON COLUMN exco.scale_state.fingerprint IS 'exco.scale_fingerprint() of this server';
COMMENT ON COLUMN exco.scale_state.scales IS 'rows of exco.scale';
COMMENT ON COLUMN exco.scale_state.amounts IS 'rows of exco.scale_amount';

-- Compares a shard's fingerprint (read from its exco.scale_state, e.g. through a postgres_fdw
-- foreign table) with this server's: true when equal; false and a WARNING naming the node when it
-- differs or is NULL (a shard without the view's row). Not STRICT: a NULL fingerprint is a
-- difference to report. VOLATILE: the WARNING is a side effect, once per call. PARALLEL SAFE: it
-- only reads this server's scale tables (the foreign scans are the caller's query's, and
-- postgres_fdw keeps those out of parallel workers).
CREATE FUNCTION exco.scale_fingerprint_check(node text, fingerprint text) RETURNS boolean
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
DECLARE
  here text := exco.scale_fingerprint();
BEGIN
  IF fingerprint IS NOT DISTINCT FROM here THEN
    RETURN true;
  END IF;
  RAISE WARNING 'scale fingerprint of node % differs from this server''s', coalesce(node, 'NULL')
    USING DETAIL = format('This server: %s; node %s: %s.', here, coalesce(node, 'NULL'), coalesce(fingerprint, 'NULL')),
          HINT = 'Load the same amendments on every server (README, "Across several servers"), then check again.';
  RETURN false;
END
$$;
COMMENT ON FUNCTION exco.scale_fingerprint_check(text, text) IS
  'true when a node''s scale fingerprint (its exco.scale_state.fingerprint) equals this server''s; else false and a WARNING naming the node';

-- ==== src/sql/50_territory.sql
-- Reference territory: regions, départements, EPCI and communes (INSEE codes), loaded from the
-- official administrative division data (see test/load-territory.sh). Users may use their own
-- tables instead: every exco function works on plain values.

CREATE TABLE exco.region (
  code text PRIMARY KEY,
  name text NOT NULL
);
COMMENT ON TABLE exco.region IS 'French region (INSEE code); one ARS per region';

CREATE TABLE exco.departement (
  code   text PRIMARY KEY,
  name   text NOT NULL,
  region text NOT NULL REFERENCES exco.region
);
COMMENT ON TABLE exco.departement IS 'French département (INSEE code); one CPAM per département';

CREATE TABLE exco.epci (
  code text PRIMARY KEY,
  name text NOT NULL,
  kind text
);
COMMENT ON TABLE exco.epci IS 'établissement public de coopération intercommunale (SIREN code): a grouping of communes';

CREATE TABLE exco.commune (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  departement text NOT NULL REFERENCES exco.departement,
  region      text NOT NULL REFERENCES exco.region,
  epci        text REFERENCES exco.epci,
  population  bigint NOT NULL CONSTRAINT commune_population_not_negative CHECK (population >= 0)
);
CREATE INDEX ON exco.commune (departement);
CREATE INDEX ON exco.commune (epci);
COMMENT ON TABLE exco.commune IS 'current French commune (INSEE code) with its population';

-- All rows are user data: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('exco.region', '');
SELECT pg_catalog.pg_extension_config_dump('exco.departement', '');
SELECT pg_catalog.pg_extension_config_dump('exco.epci', '');
SELECT pg_catalog.pg_extension_config_dump('exco.commune', '');

-- ==== src/sql/55_contract.sql
-- CPTS, their territories, contracts, missions, indicators and measures (doc/rules.md §2–§5).

CREATE TABLE exco.cpts (
  id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  seat text NOT NULL REFERENCES exco.commune
);
COMMENT ON TABLE exco.cpts IS 'a CPTS (communauté professionnelle territoriale de santé) and the commune of its seat';

CREATE TABLE exco.cpts_commune (
  cpts    bigint NOT NULL REFERENCES exco.cpts ON DELETE CASCADE,
  commune text NOT NULL REFERENCES exco.commune,
  PRIMARY KEY (cpts, commune),
  CONSTRAINT cpts_commune_in_one_cpts UNIQUE (commune)
);
COMMENT ON TABLE exco.cpts_commune IS
  'the communes of a CPTS territory; a commune belongs to at most one CPTS';

CREATE TYPE exco.contract_status AS ENUM ('signed', 'terminated', 'ended');
COMMENT ON TYPE exco.contract_status IS
  'signed (running), terminated (résilié: advances paid are owed back), ended (its 5 years are over)';

CREATE TABLE exco.contract (
  id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  cpts             bigint NOT NULL REFERENCES exco.cpts,
  signed_on        date NOT NULL,
  ends_on          date NOT NULL,
  region           text NOT NULL REFERENCES exco.region,
  cpam_departement text NOT NULL REFERENCES exco.departement,
  scale            text NOT NULL REFERENCES exco.scale ON UPDATE CASCADE,
  population       bigint NOT NULL,
  tier             exco.tier NOT NULL,
  missions         exco.mission[] NOT NULL,
  status           exco.contract_status NOT NULL DEFAULT 'signed',
  -- The facts the CPAM was checked against at signature (doc/contract.md, "What is checked
  -- when"): stored with the contract, so that checking a row never needs today's territory.
  seat_departement       text NOT NULL,
  territory_departements text[] NOT NULL,
  -- A list of missions: one dimension, no NULL element (contract_overview and the payment
  -- functions read every element as a mission).
  CONSTRAINT contract_missions_one_dimension CHECK (array_ndims(missions) = 1),
  CONSTRAINT contract_missions_no_null
    CHECK (CASE WHEN array_ndims(missions) > 1 THEN true ELSE array_position(missions, NULL) IS NULL END)
);
CREATE INDEX ON exco.contract (cpts);
COMMENT ON TABLE exco.contract IS
  'the 5-year tripartite ACI contract of a CPTS with its ARS (region) and CPAM (département); population and tier at signature; the missions it signs up for';
COMMENT ON COLUMN exco.contract.seat_departement IS
  'the département of the CPTS''s seat at signature (filled by the trigger when NULL)';
COMMENT ON COLUMN exco.contract.territory_departements IS
  'the départements of the CPTS''s communes at signature, sorted (filled by the trigger when NULL); with seat_departement, what the CPAM is checked against';

CREATE TABLE exco.contract_mission (
  contract    bigint NOT NULL REFERENCES exco.contract ON DELETE CASCADE,
  mission     exco.mission NOT NULL,
  started_on  date,
  deployed_on date,
  PRIMARY KEY (contract, mission)
);
COMMENT ON TABLE exco.contract_mission IS 'a mission of a contract, with its start and full-deployment dates once known';

CREATE TYPE exco.indicator_kind AS ENUM ('continuous', 'stepped');
COMMENT ON TYPE exco.indicator_kind IS
  'continuous: attainment rate × amount; stepped: the highest threshold reached pays its amount';

CREATE TABLE exco.indicator (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  contract   bigint NOT NULL,
  mission    exco.mission NOT NULL,
  code       text NOT NULL,
  label      text NOT NULL,
  kind       exco.indicator_kind NOT NULL,
  starting   numeric,
  objective  numeric,
  weight     numeric NOT NULL DEFAULT 1 CONSTRAINT indicator_weight_not_negative CHECK (weight >= 0),
  amount     numeric(12,2) CONSTRAINT indicator_amount_not_negative CHECK (amount >= 0),
  thresholds numeric[],
  amounts    numeric[],
  lower_is_better boolean,
  UNIQUE (contract, mission, code),
  FOREIGN KEY (contract, mission) REFERENCES exco.contract_mission ON DELETE CASCADE,
  CONSTRAINT indicator_kind_fields CHECK (
    CASE kind
      WHEN 'continuous' THEN starting IS NOT NULL AND objective IS NOT NULL AND amount IS NOT NULL
      WHEN 'stepped' THEN thresholds IS NOT NULL AND amounts IS NOT NULL
    END),
  -- exco.step_amount raises 22023 naming the position for thresholds that are not strictly
  -- monotone, mismatched lengths, decreasing amounts or NULL elements: checked when written,
  -- not when a report reads them.
  -- A stated direction agrees with the levels: lower is better when the objective is below the
  -- starting level, higher when above (equal levels fit either). exco.attainment raises 22023
  -- for a contradiction: refused when written (23514), not when indicator_result reads it.
  CONSTRAINT indicator_direction_consistent CHECK (
    kind <> 'continuous' OR lower_is_better IS NULL OR
    CASE WHEN lower_is_better THEN objective <= starting ELSE objective >= starting END),
  -- A weight or amount that is not a finite number (numeric accepts NaN and Infinity, and NaN passes
  -- >= 0) would make the mission's attainment raise or its earned euros NaN: refused when written.
  CONSTRAINT indicator_weight_finite CHECK (weight NOT IN ('NaN', 'Infinity')),
  CONSTRAINT indicator_amount_finite CHECK (amount NOT IN ('NaN', 'Infinity')),
  CONSTRAINT indicator_steps_valid CHECK (
    kind <> 'stepped' OR
    CASE WHEN lower_is_better IS NULL THEN exco.step_amount(0, thresholds, amounts)
         ELSE exco.step_amount(0, thresholds, amounts, lower_is_better) END >= 0)
);
COMMENT ON TABLE exco.indicator IS
  'an indicator of a contract mission: continuous (starting level, objective, euro amount) or stepped (thresholds and their amounts); weight for the mission''s attainment; lower_is_better states the direction when the levels cannot (NULL: inferred)';

CREATE TABLE exco.measure (
  indicator     bigint NOT NULL REFERENCES exco.indicator ON DELETE CASCADE,
  contract_year integer NOT NULL CONSTRAINT measure_contract_year_range CHECK (contract_year BETWEEN 1 AND 5),
  -- A measure is a number: NaN and ±Infinity would make every report that reads it fail.
  value         numeric NOT NULL
    CONSTRAINT measure_value_finite CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')),
  PRIMARY KEY (indicator, contract_year)
);
COMMENT ON TABLE exco.measure IS 'the measured value of an indicator for a contract year (1..5); no row = not measured';

-- All rows are user data: pg_dump keeps them, and the identity sequences' positions.
SELECT pg_catalog.pg_extension_config_dump('exco.cpts', '');
SELECT pg_catalog.pg_extension_config_dump('exco.cpts_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('exco.cpts_commune', '');
SELECT pg_catalog.pg_extension_config_dump('exco.contract', '');
SELECT pg_catalog.pg_extension_config_dump('exco.contract_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('exco.contract_mission', '');
SELECT pg_catalog.pg_extension_config_dump('exco.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('exco.indicator_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('exco.measure', '');

-- ==== src/sql/57_contract_trigger.sql
-- Contract validation triggers (doc/rules.md §2, §3, §5, §8), doc/contract.md.
--
-- Markings of the trigger functions: VOLATILE (they read tables with a fresh snapshot per
-- lookup, and validate_contract_mission takes a row lock) and PARALLEL SAFE like every trigger
-- function of core (RI_FKey_*, tsvector_update_trigger, suppress_redundant_updates_trigger are
-- all 'v' / 's' in pg_proc): a function returning trigger can only be called by the trigger
-- manager, never from a query expression, so it never runs in a parallel worker and
-- proparallel is never consulted. Not STRICT: they take no SQL arguments.

CREATE FUNCTION exco.validate_contract() RETURNS trigger
  AS 'MODULE_PATHNAME', 'contract_validate' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION exco.validate_contract() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for a CPTS contract table: signing date present; ends_on = signed_on + 5 years, the first day the contract no longer runs (filled when NULL); CPAM département checked against the seat and territory départements stored with the contract (filled from the territory when NULL); ARS region = region of the CPAM''s département (filled when NULL); tier matches population (population filled from the territory, tier from population, when NULL); socle missions present (crises_sanitaires when the scale pays it; scale filled when NULL). Other tables are read only to fill a NULL value or when an UPDATE changes what a fact depends on, so a restore never fails. Arguments ''role=column'' map the roles id, cpts, signed_on, ends_on, cpam_departement, seat_departement, territory_departements, region, scale, population, tier, missions; none = same-named columns. See doc/contract.md';

CREATE FUNCTION exco.validate_contract_mission() RETURNS trigger
  AS 'MODULE_PATHNAME', 'contract_mission_validate' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION exco.validate_contract_mission() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for exco.contract_mission: started_on not before the contract''s signed_on, deployed_on not before started_on (nor without it), the mission among the contract''s missions; locks the contract row FOR SHARE';

CREATE FUNCTION exco.validate_cpts_commune() RETURNS trigger
  AS 'MODULE_PATHNAME', 'cpts_commune_validate' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION exco.validate_cpts_commune() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for exco.cpts_commune: a commune already in another CPTS is rejected with 23505 naming the commune and both CPTS (the UNIQUE (commune) constraint stays the guarantee under concurrency)';

CREATE TRIGGER validate_contract
  BEFORE INSERT OR UPDATE ON exco.contract
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
COMMENT ON TRIGGER validate_contract ON exco.contract IS
  'checks and completes a contract: see exco.validate_contract()';

CREATE TRIGGER validate_contract_mission
  BEFORE INSERT OR UPDATE ON exco.contract_mission
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract_mission();
COMMENT ON TRIGGER validate_contract_mission ON exco.contract_mission IS
  'checks a mission''s dates and membership: see exco.validate_contract_mission()';

CREATE TRIGGER validate_cpts_commune
  BEFORE INSERT OR UPDATE ON exco.cpts_commune
  FOR EACH ROW EXECUTE FUNCTION exco.validate_cpts_commune();
COMMENT ON TRIGGER validate_cpts_commune ON exco.cpts_commune IS
  'names both CPTS when a commune is put in a second one: see exco.validate_cpts_commune()';

-- ==== src/sql/60_views.sql
-- Reports (doc/rules.md §2–§5, §8). src/upgrade/40_views.sql is a copy of this file (the upgrade
-- re-creates the reports; variable_due is CREATE OR REPLACE'd for that).
--
-- Each report is a set-returning function of its date,
-- exco.<report>_at(as_of date), and the view exco.<report> is that function at current_date.
--
-- Numbers are right or visibly unknown. A report never fails because of one contract or one row:
-- a cell a partial scale does not give, a measure that is not a finite number, a continuous
-- indicator whose direction contradicts its levels, a mission-year whose indicators all weigh 0,
-- a NULL in a contract's mission list: the amount is NULL and a *_gap / unknown_reason column says
-- why. A total is NULL as soon as one of its parts is unknown; beside it, <total>_known adds the
-- known parts and a count says how many are unknown. The scalar functions (exco.ceiling,
-- exco.payment_schedule ...) still raise for a direct call.
--
-- Dates. A contract runs on d iff signed_on <= d < ends_on (ends_on is the first day it no longer
-- runs) and it is not terminated (a termination is not dated: a terminated contract never counts
-- as running). Contract year k runs from signed_on + (k-1) years to signed_on + k years
-- (exclusive); the last closed contract year on d is the largest k <= 5 with signed_on + k years
-- <= d. After a contract ends its missions' statuses are those of its last running day
-- (ends_on - 1): an ended contract's missions do not keep turning overdue.
--
-- Markings and search_path. The *_at functions are LANGUAGE sql with a standard body (BEGIN
-- ATOMIC): the body is parsed when the function is created, so every name in it is bound then
-- (the caller's search_path cannot change what it calls), and, being one SELECT without SET
-- options, the planner inlines it into the calling query: a view's or caller's WHERE reaches the
-- tables, a region given to regional_summary_at is a constant where the tables are read, and a
-- postgres_fdw shard sees plain SQL. A SET search_path clause would forbid the inlining. STABLE:
-- they read tables (and as_of is an argument, not current_date); the planner never inlines a
-- VOLATILE one. PARALLEL SAFE: read only. Not STRICT: the planner never inlines a STRICT
-- set-returning function, and region is NULL for the whole country. A NULL as_of is an error
-- (22004) in every one of them, and so is a region regional_summary_at does not know (22023):
-- an unset date or a mistyped region would otherwise give a report of nothing running or no
-- row, which reads as zeros. The guards below are called once per query, not per row: with a
-- constant they are evaluated when the query is planned, with current_date (the views) they are
-- a one-time filter of the plan.

CREATE FUNCTION exco.report_date_given(as_of date) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog
AS $fn$
BEGIN
  IF as_of IS NULL THEN
    RAISE EXCEPTION 'the date of a report must not be NULL'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Give the date the report is as of (the views use current_date).';
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION exco.report_date_given(date) IS
  'true, or 22004 when the date of a report is NULL: the guard the *_at report functions apply once per query. IMMUTABLE (its answer depends on its argument alone), not STRICT (it must see the NULL)';

CREATE FUNCTION exco.report_region_given(region text) RETURNS boolean
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
BEGIN
  IF region IS NOT NULL AND NOT EXISTS (SELECT FROM exco.region r WHERE r.code = report_region_given.region) THEN
    RAISE EXCEPTION 'region "%" does not exist', region
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'exco.region lists the region codes of the loaded territory (e.g. 53 for Bretagne); NULL is the whole country.';
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION exco.report_region_given(text) IS
  'true for NULL (the whole country) or a code of exco.region, else 22023 naming it: the guard of exco.regional_summary_at''s region. STABLE (it reads exco.region)';

-- ---------------------------------------------------------------------------------------------
-- Scale look-ups that never raise (C, src/report.c: the per-call-site scale cache of exco.ceiling,
-- no query per row). STABLE: they read the scale tables. STRICT, PARALLEL SAFE (read only).

CREATE FUNCTION exco.ceiling_gap(line exco.mission, t exco.tier, scale text) RETURNS text
  AS 'MODULE_PATHNAME', 'report_ceiling_gap' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.ceiling_gap(exco.mission, exco.tier, text) IS
  'NULL when the scale gives this line for this tier, else the reason (unknown scale, unknown cell of a partial scale); what the reports show instead of failing';

CREATE FUNCTION exco.variable_ceiling_or_null(line exco.mission, t exco.tier, scale text) RETURNS numeric
  AS 'MODULE_PATHNAME', 'report_variable_ceiling' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.variable_ceiling_or_null(exco.mission, exco.tier, text) IS
  'yearly variable ceiling (euros) of a line for a tier under the named scale, NULL where exco.ceiling_gap gives a reason';

CREATE FUNCTION exco.contract_ceiling_gap(t exco.tier, scale text, missions exco.mission[]) RETURNS text
  AS 'MODULE_PATHNAME', 'report_contract_ceiling_gap' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.contract_ceiling_gap(exco.tier, text, exco.mission[]) IS
  'NULL when the named scale gives fonctionnement and every listed mission for the tier, else why the contract''s yearly ceiling is unknown (NULL element in the list, unknown scale, the lines the scale does not give)';

CREATE FUNCTION exco.contract_ceiling_or_null(t exco.tier, scale text, missions exco.mission[]) RETURNS numeric
  AS 'MODULE_PATHNAME', 'report_contract_ceiling' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.contract_ceiling_or_null(exco.tier, text, exco.mission[]) IS
  'yearly maximum (euros, any contract year) of a contract under the named scale: fonctionnement plus each listed mission once, fixed + variable, SNP envelope excluded; NULL where exco.contract_ceiling_gap gives a reason';

-- A mission's variable money for a contract year: the sum of its indicators' earned amounts,
-- capped by the mission's variable ceiling for the contract's tier and scale (doc/rules.md §8.3).
-- PL/pgSQL: a thin check around exco.scale_ceiling (C); for a direct call (the reports cap the
-- earned amount inline). STABLE (reads the scales), STRICT, PARALLEL SAFE (read only).
CREATE OR REPLACE FUNCTION exco.variable_due(line exco.mission, t exco.tier, scale text, earned numeric)
  RETURNS numeric
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
BEGIN
  IF earned OPERATOR(pg_catalog.=) 'NaN'::pg_catalog.numeric
     OR earned OPERATOR(pg_catalog.=) 'Infinity'::pg_catalog.numeric
     OR earned OPERATOR(pg_catalog.=) '-Infinity'::pg_catalog.numeric THEN
    RAISE EXCEPTION 'earned amount must be a finite number: %', earned
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF earned OPERATOR(pg_catalog.<) 0 THEN
    RAISE EXCEPTION 'earned amount must not be negative: %', earned
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'earned is the sum of the indicators'' amounts earned for the year.';
  END IF;
  IF line::pg_catalog.text OPERATOR(pg_catalog.=) 'fonctionnement' THEN
    RAISE EXCEPTION 'line % has no variable share', line
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'fonctionnement is paid in full as its fixed share; only the missions have a variable share.';
  END IF;
  RETURN LEAST(earned, (exco.scale_ceiling(line, t, scale)).variable);
END
$$;
COMMENT ON FUNCTION exco.variable_due(exco.mission, exco.tier, text, numeric) IS
  'variable money due for a mission and a contract year: the indicators'' earned amounts, capped by the variable ceiling of the line for the tier under the scale; 22023 for a negative or non-finite amount, a line without a variable share (fonctionnement) or an unknown cell';

-- ---------------------------------------------------------------------------------------------
-- What one indicator earned in one contract year, from its measure (doc/rules.md §4.5).
-- continuous: rate = exco.attainment(value, starting, objective), earned = rate × amount (cents,
-- half away from zero); stepped: earned = exco.step_amount(value, thresholds, amounts), rate =
-- earned / the top amount (the last: amounts never decrease). A contract year is listed once the
-- mission had started before the year's end and the year is over on as_of (or has begun on as_of
-- and is measured already); a missing
-- measure earns 0 (measured = false). A row the rules cannot read (a measure, starting level,
-- objective, amount or weight that is not a finite number; lower_is_better contradicting the
-- levels) has NULL rate and earned and says why in unknown_reason.
CREATE FUNCTION exco.indicator_result_at(as_of date)
  RETURNS TABLE (contract bigint, mission exco.mission, indicator bigint, code text,
                 kind exco.indicator_kind, contract_year integer, year_ends_on date, value numeric,
                 measured boolean, weight numeric, rate numeric, earned numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT i.contract, i.mission, i.id, i.code, i.kind, y.k, y.ends_on, m.value, m.value IS NOT NULL,
         i.weight,
         CASE WHEN q.reason IS NOT NULL THEN NULL
              WHEN m.value IS NULL THEN 0
              WHEN i.kind = 'continuous' THEN
                CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                     ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END
              ELSE trim_scale(round(
                     CASE WHEN i.lower_is_better IS NULL THEN exco.step_amount(m.value, i.thresholds, i.amounts)
                          ELSE exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better) END
                     / nullif(i.amounts[array_upper(i.amounts, 1)], 0), 20))
         END,
         CASE WHEN q.reason IS NOT NULL THEN NULL
              WHEN m.value IS NULL THEN 0.00
              WHEN i.kind = 'continuous' THEN round(i.amount *
                CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                     ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END, 2)
              WHEN i.lower_is_better IS NULL THEN round(exco.step_amount(m.value, i.thresholds, i.amounts), 2)
              ELSE round(exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better), 2)
         END,
         q.reason
  FROM exco.indicator i
  JOIN exco.contract c ON c.id = i.contract
  JOIN exco.contract_mission cm ON cm.contract = i.contract AND cm.mission = i.mission
  -- contract year k: from signed_on + (k - 1) years to ends_on = signed_on + k years (the
  -- intervals written out: make_interval per indicator row and year cost a tenth of payments_at)
  CROSS JOIN LATERAL (SELECT v.k, (c.signed_on + v.to_end)::date AS ends_on, (c.signed_on + v.to_begin)::date AS begins_on
                        FROM (VALUES (1, interval '1 year', interval '0 years'), (2, interval '2 years', interval '1 year'),
                                     (3, interval '3 years', interval '2 years'), (4, interval '4 years', interval '3 years'),
                                     (5, interval '5 years', interval '4 years')) AS v(k, to_end, to_begin)) y
  LEFT JOIN exco.measure m ON m.indicator = i.id AND m.contract_year = y.k
  CROSS JOIN LATERAL (SELECT CASE
      -- A weight that is not a finite number makes the mission's attainment unknown, measured or not
      -- (exco.weighted_attainment would raise 22023 for it).
      WHEN i.weight IN ('NaN', 'Infinity') THEN format('weight %s is not a finite number', i.weight)
      WHEN m.value IS NULL THEN NULL
      WHEN m.value IN ('NaN', 'Infinity', '-Infinity') THEN format('measure %s is not a finite number', m.value)
      WHEN i.kind <> 'continuous' THEN NULL
      WHEN i.amount = 'NaN' THEN format('amount %s is not a finite number', i.amount)
      WHEN i.starting IN ('NaN', 'Infinity', '-Infinity') OR i.objective IN ('NaN', 'Infinity', '-Infinity')
        THEN format('starting level %s or objective %s is not a finite number', i.starting, i.objective)
      WHEN (i.lower_is_better AND i.objective > i.starting) OR (NOT i.lower_is_better AND i.objective < i.starting)
        THEN format('objective %s is %s starting level %s, but lower_is_better is %s', i.objective,
                    CASE WHEN i.objective > i.starting THEN 'above' ELSE 'below' END, i.starting,
                    CASE WHEN i.lower_is_better THEN 'true' ELSE 'false' END)
    END AS reason) q
  WHERE cm.started_on < y.ends_on
    AND (y.ends_on <= as_of
         OR (m.value IS NOT NULL AND y.begins_on <= as_of))
    AND exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.indicator_result_at(date) IS
  'exco.indicator_result as of a date: per indicator and contract year (years the mission had started in, once over on the date, or begun and measured), the measure, rate and euros earned; NULL with unknown_reason for a row the rules cannot read';

CREATE VIEW exco.indicator_result AS SELECT * FROM exco.indicator_result_at(current_date);
COMMENT ON VIEW exco.indicator_result IS
  'exco.indicator_result_at(current_date): per indicator and contract year (years the mission had started in, once over or measured): the measure, the attainment rate and the euro amount earned in that contract year; a missing measure earns 0 (measured = false); NULL rate and earned with unknown_reason for a row the rules cannot read';

-- ---------------------------------------------------------------------------------------------
-- Per contract mission and contract year: attainment (weighted mean of the rates of the
-- indicators that weigh more than 0: NULL when all weigh 0), euros earned, variable ceiling and
-- variable due (earned capped by the ceiling), NULL with unknown_reason when a part is unknown.
-- The aggregate is computed even when the CASE discards it: it skips the unknown rows (a weight
-- that is not a finite number would make it raise).
CREATE FUNCTION exco.mission_variable_at(as_of date)
  RETURNS TABLE (contract bigint, mission exco.mission, contract_year integer, indicators bigint,
                 missing_measures bigint, attainment numeric, earned numeric, ceiling_gap text,
                 variable_ceiling numeric, variable_due numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT a.contract, a.mission, a.contract_year, a.indicators, a.missing_measures, a.attainment,
         a.earned, exco.ceiling_gap(a.mission, c.tier, c.scale),
         exco.variable_ceiling_or_null(a.mission, c.tier, c.scale),
         CASE WHEN a.earned IS NOT NULL AND exco.variable_ceiling_or_null(a.mission, c.tier, c.scale) IS NOT NULL
              THEN least(a.earned, exco.variable_ceiling_or_null(a.mission, c.tier, c.scale)) END,
         concat_ws('; ', exco.ceiling_gap(a.mission, c.tier, c.scale), a.indicator_reason,
                   CASE WHEN a.attainment IS NULL AND a.indicator_reason IS NULL
                        THEN 'every indicator weighs 0: attainment undefined' END)
  FROM (SELECT r.contract, r.mission, r.contract_year,
               count(*) AS indicators,
               count(*) FILTER (WHERE NOT r.measured) AS missing_measures,
               CASE WHEN count(r.unknown_reason) = 0
                    THEN exco.weighted_attainment(r.rate, r.weight)
                           FILTER (WHERE r.weight > 0 AND r.unknown_reason IS NULL) END AS attainment,
               CASE WHEN count(r.unknown_reason) = 0 THEN sum(r.earned) END AS earned,
               min(r.code || ': ' || r.unknown_reason) AS indicator_reason
          FROM exco.indicator_result_at(as_of) r
         GROUP BY r.contract, r.mission, r.contract_year) a
  JOIN exco.contract c ON c.id = a.contract
 WHERE exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.mission_variable_at(date) IS
  'exco.mission_variable as of a date: per contract mission and contract year, weighted attainment, euros earned, variable ceiling and variable due of that contract year, NULL with unknown_reason when unknown';

CREATE VIEW exco.mission_variable AS SELECT * FROM exco.mission_variable_at(current_date);
COMMENT ON VIEW exco.mission_variable IS
  'exco.mission_variable_at(current_date): per contract mission and contract year: indicators, missing measures, weighted attainment, euros earned, variable ceiling and variable due of that contract year (earned capped by the ceiling); NULL with unknown_reason (ceiling_gap for the scale) when a part is unknown';

-- ---------------------------------------------------------------------------------------------
-- One row per mission of each contract signed on or before as_of: deadlines, dates and status on
-- status_on (as_of, or the contract's last running day once it has ended or was terminated).
-- Dates the deadline rules refuse (a start before signature, a deployment without or before the
-- start) give a NULL status and an unknown_reason instead of an error.
CREATE FUNCTION exco.mission_status_at(as_of date)
  RETURNS TABLE (contract bigint, cpts_id bigint, cpts_name text, mission exco.mission, socle boolean,
                 signed_on date, ends_on date, running boolean, status_on date, start_by date,
                 deploy_by date, started_on date, deployed_on date, status exco.deadline_status,
                 late boolean, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT cm.contract, c.cpts, p.name, cm.mission, exco.is_socle(cm.mission), c.signed_on, c.ends_on,
         s.running, s.status_on,
         exco.start_deadline(cm.mission, c.signed_on), exco.deploy_deadline(cm.mission, c.signed_on),
         cm.started_on, cm.deployed_on,
         CASE WHEN s.reason IS NULL
              THEN exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, s.status_on) END,
         CASE WHEN s.reason IS NULL
              THEN exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, s.status_on)
                   IN ('start_overdue', 'started_late', 'deploy_overdue', 'deployed_late') END,
         s.reason
  FROM exco.contract_mission cm
  JOIN exco.contract c ON c.id = cm.contract
  JOIN exco.cpts p ON p.id = c.cpts
  CROSS JOIN LATERAL (SELECT
      c.status <> 'terminated' AND as_of < c.ends_on AS running,
      least(as_of, c.ends_on - 1) AS status_on,
      CASE WHEN cm.started_on < c.signed_on
             THEN format('started on %s, before the contract was signed on %s', cm.started_on, c.signed_on)
           WHEN cm.deployed_on IS NOT NULL AND cm.started_on IS NULL
             THEN format('deployed on %s without a start date', cm.deployed_on)
           WHEN cm.deployed_on < cm.started_on
             THEN format('deployed on %s, before it started on %s', cm.deployed_on, cm.started_on)
      END AS reason) s
  WHERE c.signed_on <= as_of AND exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.mission_status_at(date) IS
  'exco.mission_status as of a date: one row per mission of each contract signed on or before it; status on the date, or on the contract''s last running day once it no longer runs';

CREATE VIEW exco.mission_status AS SELECT * FROM exco.mission_status_at(current_date);
COMMENT ON VIEW exco.mission_status IS
  'exco.mission_status_at(current_date): one row per contract mission: start and deployment deadlines, dates, status today (frozen on the last running day of a contract that no longer runs) and whether it is late';

-- ---------------------------------------------------------------------------------------------
-- mission → deadline status as one jsonb object, in one pass (C, src/report_statuses.c): the same
-- object as jsonb_object_agg(mission, status) at a fraction of its cost. STABLE: the keys and
-- values are enum labels (read from pg_enum, as enum_out, which is STABLE). Not STRICT: a NULL
-- status is JSON null; a NULL mission raises 22004. PARALLEL SAFE (no state outside the call).
CREATE FUNCTION exco.mission_status_object_step(internal, exco.mission, exco.deadline_status) RETURNS internal
  AS 'MODULE_PATHNAME', 'report_status_object_step' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.mission_status_object_step(internal, exco.mission, exco.deadline_status) IS
  'transition function of the aggregate exco.mission_status_object';
CREATE FUNCTION exco.mission_status_object_final(internal) RETURNS jsonb
  AS 'MODULE_PATHNAME', 'report_status_object_final' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.mission_status_object_final(internal) IS
  'final function of the aggregate exco.mission_status_object';
CREATE AGGREGATE exco.mission_status_object(exco.mission, exco.deadline_status) (
  SFUNC = exco.mission_status_object_step, STYPE = internal,
  FINALFUNC = exco.mission_status_object_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE exco.mission_status_object(exco.mission, exco.deadline_status) IS
  'jsonb object mission → deadline status (NULL status: JSON null; last one wins for a mission given twice; no row: NULL), as jsonb_object_agg(mission, status) gives, in one pass';
-- The late statuses of the same pairs; with the same transition function and arguments, a query
-- calling both aggregates on the same inputs keeps one state for the two (each row's status is
-- computed once). STABLE, PARALLEL SAFE as above.
CREATE FUNCTION exco.late_status_count_final(internal) RETURNS bigint
  AS 'MODULE_PATHNAME', 'report_status_late_final' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.late_status_count_final(internal) IS
  'final function of the aggregate exco.late_status_count';
CREATE AGGREGATE exco.late_status_count(exco.mission, exco.deadline_status) (
  SFUNC = exco.mission_status_object_step, STYPE = internal,
  FINALFUNC = exco.late_status_count_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE exco.late_status_count(exco.mission, exco.deadline_status) IS
  'how many of the statuses are late (start_overdue, started_late, deploy_overdue, deployed_late: exco.mission_status.late); 0 without rows';

-- ---------------------------------------------------------------------------------------------
-- One row per contract signed on or before as_of. yearly_ceiling is the same for every contract
-- year (one scale per contract); late_missions counts the late statuses of status_on (see
-- mission_status_at); regional_summary_at adds only the running contracts'.
-- seat_departement is the contract's stored fact (the département of the CPTS's seat when it was
-- signed, filled by the trigger), not the seat's département today.
-- Cost per row (test/bench/70_report.sql, report_contract_overview): one pass over the contracts
-- (joined to cpts, region and departement by hash), and per contract one index range of
-- contract_mission read once: each mission's deadline status is computed once (the rule of
-- mission_status_at: status on least(as_of, ends_on - 1), NULL for dates the deadline rules
-- refuse) and both the jsonb and the late count come from it. The jsonb comes from the
-- aggregate exco.mission_status_object (jsonb_object_agg took half of the report's time).
CREATE FUNCTION exco.contract_overview_at(as_of date)
  RETURNS TABLE (contract bigint, cpts_id bigint, cpts_name text, region text, region_name text,
                 cpam_departement text, cpam_departement_name text, seat_departement text,
                 population bigint, tier exco.tier, scale text, signed_on date, ends_on date,
                 status exco.contract_status, running boolean, contract_year integer,
                 yearly_ceiling numeric, ceiling_gap text, missions exco.mission[],
                 mission_statuses jsonb, late_missions bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.id, c.cpts, p.name, c.region, r.name, c.cpam_departement, d.name, c.seat_departement,
         c.population, c.tier, c.scale, c.signed_on, c.ends_on, c.status,
         c.status <> 'terminated' AND as_of < c.ends_on,
         CASE WHEN c.status <> 'terminated' AND as_of < c.ends_on THEN y.elapsed + 1 END,
         exco.contract_ceiling_or_null(c.tier, c.scale, c.missions),
         exco.contract_ceiling_gap(c.tier, c.scale, c.missions),
         c.missions, ms.statuses, coalesce(ms.late, 0)
  FROM exco.contract c
  JOIN exco.cpts p ON p.id = c.cpts
  JOIN exco.region r ON r.code = c.region
  JOIN exco.departement d ON d.code = c.cpam_departement
  -- full contract years elapsed on as_of (signed_on + n years <= as_of, month-end clamped);
  -- date_part (float8) rather than extract (numeric): the same whole years, a third cheaper
  CROSS JOIN LATERAL (SELECT n.n - CASE WHEN (c.signed_on + n.n * interval '1 year')::date > as_of THEN 1 ELSE 0 END AS elapsed
                        -- NULL on an infinite as_of (no contract runs then), not 22003 integer out of range
                        FROM (SELECT CASE WHEN isfinite(as_of)
                                          THEN date_part('year', as_of)::integer - date_part('year', c.signed_on)::integer END AS n) n) y
  LEFT JOIN LATERAL (
    SELECT exco.mission_status_object(cm.mission, st.status) AS statuses,
           exco.late_status_count(cm.mission, st.status) AS late
      FROM exco.contract_mission cm
      CROSS JOIN LATERAL (SELECT CASE
          WHEN cm.started_on < c.signed_on OR (cm.deployed_on IS NOT NULL AND cm.started_on IS NULL)
               OR cm.deployed_on < cm.started_on THEN NULL
          ELSE exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, least(as_of, c.ends_on - 1))
        END AS status) st
     WHERE cm.contract = c.id) ms ON true
  WHERE c.signed_on <= as_of AND exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.contract_overview_at(date) IS
  'exco.contract_overview as of a date: one row per contract signed on or before it, whether it runs on the date and its contract year, yearly ceiling or its gap, mission statuses, late missions';

CREATE VIEW exco.contract_overview AS SELECT * FROM exco.contract_overview_at(current_date);
COMMENT ON VIEW exco.contract_overview IS
  'exco.contract_overview_at(current_date): one row per contract: CPTS, region (ARS), CPAM département and seat''s département at signing, population and tier at signature, scale, whether it runs today and its contract year, yearly ceiling of any contract year (fonctionnement + its missions; NULL with ceiling_gap when unknown), missions and their deadline status, late missions';

-- ---------------------------------------------------------------------------------------------
-- Payment schedule rows of every line (fonctionnement and each contract mission) of each contract
-- signed on or before as_of. The variable part uses attainment = variable due / variable ceiling
-- of the contract years known on as_of, so a variable row pays the mission's variable due; the
-- other years are variable_pending. A line the rules cannot schedule (a cell the scale does not
-- give, a start before signature or after the contract's end) has one row of kind unknown and
-- its reason.
CREATE FUNCTION exco.payments_at(as_of date)
  RETURNS TABLE (contract bigint, line exco.mission, contract_year integer, due_on date, kind text,
                 amount numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH line AS (
    SELECT c.id AS contract, c.signed_on, c.ends_on, c.tier, c.scale,
           'fonctionnement'::exco.mission AS line, c.signed_on AS started_on
      FROM exco.contract c
     WHERE c.signed_on <= as_of
    UNION ALL
    SELECT c.id, c.signed_on, c.ends_on, c.tier, c.scale, cm.mission, cm.started_on
      FROM exco.contract c JOIN exco.contract_mission cm ON cm.contract = c.id
     WHERE c.signed_on <= as_of
  ), earned AS (
    -- per contract mission, the euros earned in each contract year 1..5 (NULL: no indicator row
    -- that year, or one the rules cannot read: as exco.mission_variable_at's earned) and the
    -- mission's variable ceiling, computed once here (a column of this aggregate, not an
    -- expression repeated in each year's rate); one aggregation of exco.indicator_result_at
    SELECT r.contract, r.mission, exco.variable_ceiling_or_null(r.mission, c.tier, c.scale) AS ceiling,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 1) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 1) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 1) END AS e1,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 2) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 2) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 2) END AS e2,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 3) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 3) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 3) END AS e3,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 4) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 4) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 4) END AS e4,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 5) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 5) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 5) END AS e5
      FROM exco.indicator_result_at(as_of) r
      JOIN exco.contract c ON c.id = r.contract
     GROUP BY r.contract, r.mission, c.tier, c.scale
  ), rates AS (
    -- rate of a year = variable due / variable ceiling (variable due = earned capped by the
    -- ceiling, NULL when either is unknown; exco.mission_variable_at), 0 for a ceiling of 0
    SELECT e.contract, e.mission,
           ARRAY[CASE WHEN e.ceiling > 0 AND e.e1 IS NOT NULL THEN round(least(e.e1, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e1 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e2 IS NOT NULL THEN round(least(e.e2, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e2 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e3 IS NOT NULL THEN round(least(e.e3, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e3 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e4 IS NOT NULL THEN round(least(e.e4, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e4 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e5 IS NOT NULL THEN round(least(e.e5, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e5 IS NOT NULL THEN 0 END] AS rates
      FROM earned e
  )
  SELECT l.contract, l.line, s.contract_year, s.due_on, s.kind, s.amount, g.reason
  FROM line l
  LEFT JOIN rates a ON a.contract = l.contract AND a.mission = l.line
  CROSS JOIN LATERAL (SELECT coalesce(exco.ceiling_gap(l.line, l.tier, l.scale), CASE
      WHEN l.started_on < l.signed_on
        THEN format('%s started on %s, before the contract was signed on %s', l.line, l.started_on, l.signed_on)
      WHEN l.line <> 'fonctionnement' AND l.started_on >= (l.signed_on + interval '5 years')::date
        THEN format('%s started on %s, after the contract''s last running day', l.line, l.started_on)
    END) AS reason) g
  CROSS JOIN LATERAL (
    SELECT p.contract_year, p.due_on, p.kind, p.amount
      FROM exco.payment_schedule(l.signed_on, l.tier, l.line, l.started_on, a.rates, l.scale) p
     WHERE g.reason IS NULL
    UNION ALL
    SELECT NULL::integer, NULL::date, 'unknown'::text, NULL::numeric
     WHERE g.reason IS NOT NULL) s
 WHERE exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.payments_at(date) IS
  'exco.payments as of a date: payment schedule rows of every line of each contract signed on or before it, the variable rows paying the variable due known on the date';

CREATE VIEW exco.payments AS SELECT * FROM exco.payments_at(current_date);
COMMENT ON VIEW exco.payments IS
  'exco.payments_at(current_date): payment schedule rows of every contract line (fonctionnement and each mission): contract year, due date, kind (advance, balance, variable, variable_pending) and amount of that contract year; one row of kind unknown with unknown_reason when the line cannot be scheduled';

-- ---------------------------------------------------------------------------------------------
-- Per département of the territory (level departement), and, as re-sums of those rows' additive
-- columns, per region (level region) and for the whole country (level france, only without a
-- region filter). CPTS and contracts are counted where the CPTS's seat is; the population covered
-- is that of the communes of a CPTS territory lying in the area (so the share is at most 100 %).
-- A CPTS counts once, with its contract running on as_of (the latest signed when two run).
-- Money: yearly_ceiling adds the yearly ceilings (one contract year) of the running contracts;
-- variable_due_last_year adds, over the running contracts, the variable due of each started
-- mission for the contract's last closed contract year. Each is NULL as soon as one part is
-- unknown, with <column>_known (the known parts) and the count of unknown parts beside it.
-- region (a region code, NULL: the whole country) filters every table read before the work.
CREATE FUNCTION exco.regional_summary_at(as_of date, region text DEFAULT NULL)
  RETURNS TABLE (level text, region text, region_name text, area_departement text,
                 area_departement_name text, cpts bigint, tier_1 bigint, tier_2 bigint,
                 tier_3 bigint, tier_4 bigint, population bigint, population_covered bigint,
                 population_share_pct numeric, contracts bigint, yearly_ceiling numeric,
                 yearly_ceiling_known numeric, contracts_with_gap bigint,
                 variable_due_last_year numeric, variable_due_last_year_known numeric,
                 variable_due_last_year_unknown bigint, late_missions bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH area AS (
    SELECT d.code, d.name, d.region FROM exco.departement d
     WHERE regional_summary_at.region IS NULL OR d.region = regional_summary_at.region
  ), area_pop AS (
    -- one pass over the communes of the area: population, and the part in a CPTS territory
    SELECT co.departement, sum(co.population) AS population,
           coalesce(sum(co.population) FILTER (WHERE cc.cpts IS NOT NULL), 0) AS covered
      FROM exco.commune co
      LEFT JOIN exco.cpts_commune cc ON cc.commune = co.code
     WHERE regional_summary_at.region IS NULL OR co.region = regional_summary_at.region
     GROUP BY co.departement
  ), seated AS (
    -- the CPTS seated in the area, with the population of their whole territory (for the tier)
    SELECT p.id, s.departement, coalesce(sum(tc.population), 0) AS population
      FROM exco.cpts p
      JOIN exco.commune s ON s.code = p.seat
      LEFT JOIN exco.cpts_commune cc ON cc.cpts = p.id
      LEFT JOIN exco.commune tc ON tc.code = cc.commune
     WHERE regional_summary_at.region IS NULL OR s.region = regional_summary_at.region
     GROUP BY p.id, s.departement
  ), run AS (
    -- per CPTS of the area, the contract running on as_of (the latest signed), its last closed
    -- contract year (0 in its first year) and the day that year ended
    SELECT r.*, (r.signed_on + make_interval(years => r.closed))::date AS closed_on
      FROM (SELECT DISTINCT ON (c.cpts) c.id, c.cpts, c.tier, c.scale, c.missions, c.signed_on,
                   least(5, y.n - CASE WHEN (c.signed_on + make_interval(years => y.n))::date > as_of THEN 1 ELSE 0 END) AS closed
              FROM exco.contract c
              CROSS JOIN LATERAL (SELECT (extract(year FROM as_of) - extract(year FROM c.signed_on))::integer AS n) y
             WHERE c.signed_on <= as_of AND as_of < c.ends_on AND c.status <> 'terminated'
               AND (regional_summary_at.region IS NULL OR c.cpts IN (SELECT s.id FROM seated s))
             ORDER BY c.cpts, c.signed_on DESC, c.id DESC) r
  ), earned AS (
    -- euros earned per mission of a running contract in its last closed contract year
    SELECT ir.contract, ir.mission, sum(ir.earned) AS earned, count(ir.unknown_reason) AS unreadable
      FROM run
      JOIN exco.indicator_result_at(as_of) ir ON ir.contract = run.id AND ir.contract_year = run.closed
     GROUP BY ir.contract, ir.mission
  ), due AS (
    -- each started mission of that year is a part: known when it has indicators, all readable,
    -- and the scale gives its variable ceiling
    SELECT run.id AS contract,
           sum(least(e.earned, exco.variable_ceiling_or_null(cm.mission, run.tier, run.scale)))
             FILTER (WHERE e.unreadable = 0 AND exco.variable_ceiling_or_null(cm.mission, run.tier, run.scale) IS NOT NULL) AS known,
           count(*) FILTER (WHERE e.unreadable IS DISTINCT FROM 0
                               OR exco.variable_ceiling_or_null(cm.mission, run.tier, run.scale) IS NULL) AS unknown
      FROM run
      JOIN exco.contract_mission cm ON cm.contract = run.id AND cm.started_on < run.closed_on
      LEFT JOIN earned e ON e.contract = run.id AND e.mission = cm.mission
     WHERE run.closed >= 1
     GROUP BY run.id
  ), late AS (
    SELECT ms.contract, count(*) FILTER (WHERE ms.late) AS late
      FROM run JOIN exco.mission_status_at(as_of) ms ON ms.contract = run.id
     GROUP BY ms.contract
  ), per_cpts AS (
    SELECT s.id, s.departement, exco.tier_of(s.population) AS tier, run.id AS contract,
           exco.contract_ceiling_or_null(run.tier, run.scale, run.missions) AS ceiling,
           coalesce(due.known, 0) AS due_known, coalesce(due.unknown, 0) AS due_unknown,
           coalesce(late.late, 0) AS late
      FROM seated s
      LEFT JOIN run ON run.cpts = s.id
      LEFT JOIN due ON due.contract = run.id
      LEFT JOIN late ON late.contract = run.id
  ), dep AS (
    SELECT a.region, a.code, a.name,
           count(pc.id) AS cpts,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '1') AS tier_1,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '2') AS tier_2,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '3') AS tier_3,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '4') AS tier_4,
           count(pc.contract) AS contracts,
           coalesce(sum(pc.ceiling), 0) AS ceiling_known,
           count(pc.contract) FILTER (WHERE pc.ceiling IS NULL) AS ceiling_unknown,
           coalesce(sum(pc.due_known), 0) AS due_known,
           coalesce(sum(pc.due_unknown), 0)::bigint AS due_unknown,
           coalesce(sum(pc.late), 0)::bigint AS late
      FROM area a
      LEFT JOIN per_cpts pc ON pc.departement = a.code
     GROUP BY a.region, a.code, a.name
  ), dep_rows AS (
    SELECT 'departement' AS level, d.region, d.code, d.name, d.cpts, d.tier_1, d.tier_2, d.tier_3, d.tier_4,
           coalesce(ap.population, 0) AS population, coalesce(ap.covered, 0) AS covered, d.contracts,
           d.ceiling_known, d.ceiling_unknown, d.due_known, d.due_unknown, d.late
      FROM dep d LEFT JOIN area_pop ap ON ap.departement = d.code
  ), region_rows AS (
    SELECT 'region' AS level, r.region, NULL::text AS code, NULL::text AS name,
           sum(r.cpts)::bigint AS cpts, sum(r.tier_1)::bigint AS tier_1, sum(r.tier_2)::bigint AS tier_2,
           sum(r.tier_3)::bigint AS tier_3, sum(r.tier_4)::bigint AS tier_4,
           sum(r.population) AS population, sum(r.covered) AS covered, sum(r.contracts)::bigint AS contracts,
           sum(r.ceiling_known) AS ceiling_known, sum(r.ceiling_unknown)::bigint AS ceiling_unknown,
           sum(r.due_known) AS due_known, sum(r.due_unknown)::bigint AS due_unknown, sum(r.late)::bigint AS late
      FROM dep_rows r GROUP BY r.region
  ), france_rows AS (
    SELECT 'france' AS level, NULL::text AS region, NULL::text AS code, NULL::text AS name,
           sum(r.cpts)::bigint, sum(r.tier_1)::bigint, sum(r.tier_2)::bigint, sum(r.tier_3)::bigint,
           sum(r.tier_4)::bigint, sum(r.population), sum(r.covered), sum(r.contracts)::bigint,
           sum(r.ceiling_known), sum(r.ceiling_unknown)::bigint, sum(r.due_known),
           sum(r.due_unknown)::bigint, sum(r.late)::bigint
      FROM region_rows r
    HAVING regional_summary_at.region IS NULL
  )
  SELECT x.level, x.region, rg.name, x.code, x.name, x.cpts, x.tier_1, x.tier_2, x.tier_3, x.tier_4,
         x.population::bigint, x.covered::bigint,
         round(100.0 * x.covered / nullif(x.population, 0), 1),
         x.contracts,
         CASE WHEN x.ceiling_unknown = 0 THEN x.ceiling_known END, x.ceiling_known, x.ceiling_unknown,
         CASE WHEN x.due_unknown = 0 THEN x.due_known END, x.due_known, x.due_unknown,
         x.late
    FROM (SELECT * FROM dep_rows UNION ALL SELECT * FROM region_rows UNION ALL SELECT * FROM france_rows) x
    LEFT JOIN exco.region rg ON rg.code = x.region
   WHERE exco.report_date_given(as_of) AND exco.report_region_given(regional_summary_at.region)
   ORDER BY x.region NULLS FIRST, x.code NULLS FIRST;
END;
COMMENT ON FUNCTION exco.regional_summary_at(date, text) IS
  'exco.regional_summary as of a date, for one region (its code) or, with NULL, the whole country: per département, region and France, CPTS per tier, population covered, running contracts, their yearly ceilings and last closed contract year''s variable due (NULL when a part is unknown, known parts and unknown count beside), late missions';

CREATE VIEW exco.regional_summary AS SELECT * FROM exco.regional_summary_at(current_date);
COMMENT ON VIEW exco.regional_summary IS
  'exco.regional_summary_at(current_date): one row per département (level departement), region (level region: sums of its départements) and for France (level france): CPTS seated there per tier, population and population covered lying there, contracts running today, their yearly ceilings and the variable due of their last closed contract year (NULL when a part is unknown: see the _known and unknown-count columns), late missions of running contracts';

-- ---------------------------------------------------------------------------------------------
-- Column comments of the views (the functions' columns mean the same on their as_of date).

COMMENT ON COLUMN exco.indicator_result.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.indicator_result.mission IS 'the contract mission of the indicator';
COMMENT ON COLUMN exco.indicator_result.indicator IS 'the indicator (exco.indicator.id)';
COMMENT ON COLUMN exco.indicator_result.code IS 'the indicator''s code';
COMMENT ON COLUMN exco.indicator_result.kind IS 'continuous or stepped';
COMMENT ON COLUMN exco.indicator_result.contract_year IS 'the contract year, 1..5';
COMMENT ON COLUMN exco.indicator_result.year_ends_on IS 'first day after that contract year (signed_on + contract_year years)';
COMMENT ON COLUMN exco.indicator_result.value IS 'the measure of that contract year (NULL: not measured)';
COMMENT ON COLUMN exco.indicator_result.measured IS 'whether the year was measured (a year over without a measure earns 0)';
COMMENT ON COLUMN exco.indicator_result.weight IS 'the indicator''s weight in the mission''s attainment';
COMMENT ON COLUMN exco.indicator_result.rate IS 'attainment rate of that contract year, 0..1 (NULL: unknown_reason)';
COMMENT ON COLUMN exco.indicator_result.earned IS 'euros earned in that contract year (NULL: unknown_reason)';
COMMENT ON COLUMN exco.indicator_result.unknown_reason IS 'why rate and earned are NULL (a measure, level, amount or weight that is not a finite number, a direction contradicting the levels); NULL when known';

COMMENT ON COLUMN exco.mission_variable.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.mission_variable.mission IS 'the contract mission';
COMMENT ON COLUMN exco.mission_variable.contract_year IS 'the contract year, 1..5, that the money columns cover';
COMMENT ON COLUMN exco.mission_variable.indicators IS 'indicator rows of that contract year';
COMMENT ON COLUMN exco.mission_variable.missing_measures IS 'of which not measured (earn 0)';
COMMENT ON COLUMN exco.mission_variable.attainment IS 'weighted mean of the rates of the indicators weighing more than 0 (NULL: all weigh 0, or an indicator is unreadable)';
COMMENT ON COLUMN exco.mission_variable.earned IS 'euros earned by the indicators in that contract year (NULL: an indicator is unreadable)';
COMMENT ON COLUMN exco.mission_variable.ceiling_gap IS 'why the scale does not give the variable ceiling; NULL when it does';
COMMENT ON COLUMN exco.mission_variable.variable_ceiling IS 'yearly variable ceiling of the mission for the contract''s tier and scale (NULL: ceiling_gap)';
COMMENT ON COLUMN exco.mission_variable.variable_due IS 'variable money due for that contract year: earned capped by variable_ceiling (NULL when either is unknown)';
COMMENT ON COLUMN exco.mission_variable.unknown_reason IS 'why a column is NULL (ceiling gap, unreadable indicator, every indicator weighing 0); NULL when all are known';

COMMENT ON COLUMN exco.mission_status.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.mission_status.cpts_id IS 'the CPTS (exco.cpts.id)';
COMMENT ON COLUMN exco.mission_status.cpts_name IS 'the CPTS''s name';
COMMENT ON COLUMN exco.mission_status.mission IS 'the contract mission';
COMMENT ON COLUMN exco.mission_status.socle IS 'whether the mission is a socle one (with deadlines)';
COMMENT ON COLUMN exco.mission_status.signed_on IS 'the contract''s signing date';
COMMENT ON COLUMN exco.mission_status.ends_on IS 'first day the contract no longer runs';
COMMENT ON COLUMN exco.mission_status.running IS 'whether the contract runs today (signed_on <= today < ends_on, not terminated)';
COMMENT ON COLUMN exco.mission_status.status_on IS 'the day status is computed for: today, or the contract''s last running day (ends_on - 1) once it has ended';
COMMENT ON COLUMN exco.mission_status.start_by IS 'latest start date (socle missions)';
COMMENT ON COLUMN exco.mission_status.deploy_by IS 'latest full-deployment date (socle missions)';
COMMENT ON COLUMN exco.mission_status.started_on IS 'day the mission started (NULL: not yet)';
COMMENT ON COLUMN exco.mission_status.deployed_on IS 'day the mission was deployed (NULL: not yet)';
COMMENT ON COLUMN exco.mission_status.status IS 'deadline status on status_on (NULL: unknown_reason)';
COMMENT ON COLUMN exco.mission_status.late IS 'whether status is start_overdue, started_late, deploy_overdue or deployed_late';
COMMENT ON COLUMN exco.mission_status.unknown_reason IS 'why status is NULL (dates the deadline rules refuse); NULL when known';

COMMENT ON COLUMN exco.contract_overview.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.contract_overview.cpts_id IS 'the CPTS (exco.cpts.id)';
COMMENT ON COLUMN exco.contract_overview.cpts_name IS 'the CPTS''s name';
COMMENT ON COLUMN exco.contract_overview.region IS 'region of the signing ARS';
COMMENT ON COLUMN exco.contract_overview.region_name IS 'its name';
COMMENT ON COLUMN exco.contract_overview.cpam_departement IS 'département of the signing CPAM';
COMMENT ON COLUMN exco.contract_overview.cpam_departement_name IS 'its name';
COMMENT ON COLUMN exco.contract_overview.seat_departement IS 'département of the CPTS''s seat when the contract was signed (exco.contract.seat_departement, a stored fact; regional_summary counts CPTS by their seat today)';
COMMENT ON COLUMN exco.contract_overview.population IS 'population of the CPTS territory at signature';
COMMENT ON COLUMN exco.contract_overview.tier IS 'size tier at signature';
COMMENT ON COLUMN exco.contract_overview.scale IS 'the contract''s financing scale';
COMMENT ON COLUMN exco.contract_overview.signed_on IS 'signing date';
COMMENT ON COLUMN exco.contract_overview.ends_on IS 'first day the contract no longer runs';
COMMENT ON COLUMN exco.contract_overview.status IS 'signed, terminated or ended';
COMMENT ON COLUMN exco.contract_overview.running IS 'whether the contract runs today (signed_on <= today < ends_on, not terminated)';
COMMENT ON COLUMN exco.contract_overview.contract_year IS 'the contract year running today, 1..5 (NULL: not running)';
COMMENT ON COLUMN exco.contract_overview.yearly_ceiling IS 'maximum financing of one contract year (the same for each, incl. the one running): fonctionnement + the missions, fixed + variable, SNP envelope excluded (NULL: ceiling_gap)';
COMMENT ON COLUMN exco.contract_overview.ceiling_gap IS 'why yearly_ceiling is unknown; NULL when known';
COMMENT ON COLUMN exco.contract_overview.missions IS 'the missions of the contract';
COMMENT ON COLUMN exco.contract_overview.mission_statuses IS 'mission → deadline status (see exco.mission_status)';
COMMENT ON COLUMN exco.contract_overview.late_missions IS 'missions late on their status_on (today, or the last running day of a contract that no longer runs)';

COMMENT ON COLUMN exco.payments.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.payments.line IS 'fonctionnement or a contract mission';
COMMENT ON COLUMN exco.payments.contract_year IS 'the contract year the amount belongs to, 1..5';
COMMENT ON COLUMN exco.payments.due_on IS 'day the payment is due';
COMMENT ON COLUMN exco.payments.kind IS 'advance, balance, variable, variable_pending (not yet known) or unknown (see unknown_reason)';
COMMENT ON COLUMN exco.payments.amount IS 'euros due on due_on for that contract year (NULL for variable_pending and unknown)';
COMMENT ON COLUMN exco.payments.unknown_reason IS 'why the line cannot be scheduled (kind unknown); NULL otherwise';

COMMENT ON COLUMN exco.regional_summary.level IS 'france, region or departement: which area the row covers (a dashboard sums one level only)';
COMMENT ON COLUMN exco.regional_summary.region IS 'region code of the area (NULL at level france)';
COMMENT ON COLUMN exco.regional_summary.region_name IS 'its name';
COMMENT ON COLUMN exco.regional_summary.area_departement IS 'département code of the area (level departement only)';
COMMENT ON COLUMN exco.regional_summary.area_departement_name IS 'its name';
COMMENT ON COLUMN exco.regional_summary.cpts IS 'CPTS whose seat lies in the area (the seat today; exco.contract_overview.seat_departement is the seat''s département when a contract was signed)';
COMMENT ON COLUMN exco.regional_summary.tier_1 IS 'of which of tier 1 (by the population of their territory today)';
COMMENT ON COLUMN exco.regional_summary.tier_2 IS 'of which of tier 2';
COMMENT ON COLUMN exco.regional_summary.tier_3 IS 'of which of tier 3';
COMMENT ON COLUMN exco.regional_summary.tier_4 IS 'of which of tier 4';
COMMENT ON COLUMN exco.regional_summary.population IS 'inhabitants of the area';
COMMENT ON COLUMN exco.regional_summary.population_covered IS 'inhabitants of the communes of the area that lie in a CPTS territory (whatever the CPTS''s seat)';
COMMENT ON COLUMN exco.regional_summary.population_share_pct IS 'population_covered / population, in % (at most 100; NULL for an area without inhabitants)';
COMMENT ON COLUMN exco.regional_summary.contracts IS 'CPTS of the area with a contract running today (one per CPTS)';
COMMENT ON COLUMN exco.regional_summary.yearly_ceiling IS 'sum of the running contracts'' yearly ceilings, for the contract year running today; NULL when one is unknown';
COMMENT ON COLUMN exco.regional_summary.yearly_ceiling_known IS 'sum of the yearly ceilings that are known (contract year running today)';
COMMENT ON COLUMN exco.regional_summary.contracts_with_gap IS 'running contracts whose yearly ceiling is unknown (a gap of their scale)';
COMMENT ON COLUMN exco.regional_summary.variable_due_last_year IS 'variable money due for the last closed contract year of each running contract (sum over their started missions); NULL when one part is unknown';
COMMENT ON COLUMN exco.regional_summary.variable_due_last_year_known IS 'sum of the known parts of variable_due_last_year (last closed contract year)';
COMMENT ON COLUMN exco.regional_summary.variable_due_last_year_unknown IS 'missions of running contracts whose variable due for the last closed contract year is unknown (no indicators, an unreadable indicator, a ceiling gap)';
COMMENT ON COLUMN exco.regional_summary.late_missions IS 'late missions of the running contracts, today';

-- ==== src/sql/65_column_comments.sql
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

-- ==== src/sql/70_structure.sql
-- Coordinated-practice structures and the forfait structure of the GP convention
-- (doc/rules.md §1, §7.1; exco's decisions where the texts give no rule: doc/schemes.md).

CREATE TYPE exco.structure_kind AS ENUM ('esp', 'msp', 'cpts', 'ess', 'rcp', 'other_pluri');
COMMENT ON TYPE exco.structure_kind IS
  'kind of coordinated practice: esp (équipe de soins primaires), msp (maison de santé pluriprofessionnelle), cpts, ess (équipe de soins spécialisés), rcp (réunions de concertation pluriprofessionnelle), other_pluri (another pluriprofessional organisation)';

CREATE TYPE exco.profession AS ENUM (
  'medecin_generaliste', 'medecin_specialiste', 'infirmier', 'masseur_kinesitherapeute',
  'pharmacien', 'sage_femme', 'chirurgien_dentiste', 'orthophoniste', 'orthoptiste',
  'pedicure_podologue', 'dieteticien', 'ergotherapeute');
COMMENT ON TYPE exco.profession IS
  'health profession; paramedical (exco.is_paramedical): infirmier, masseur_kinesitherapeute, orthophoniste, orthoptiste, pedicure_podologue, dieteticien, ergotherapeute (the auxiliaires médicaux); physicians, sage_femme, chirurgien_dentiste (medical professions) and pharmacien are not';

-- The C functions below map the enums by label, cached per call site; they read only the catalog
-- entries of exco.structure_kind and exco.profession, which change only with the extension
-- itself: IMMUTABLE (as exco.is_socle). A NULL element of an array argument is 22004.
CREATE FUNCTION exco.is_paramedical(p exco.profession) RETURNS boolean
  AS 'MODULE_PATHNAME', 'profession_is_paramedical' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.is_paramedical(exco.profession) IS
  'true for the paramedical professions (auxiliaires médicaux): infirmier, masseur_kinesitherapeute, orthophoniste, orthoptiste, pedicure_podologue, dieteticien, ergotherapeute';

CREATE FUNCTION exco.structure_valid(kind exco.structure_kind, members exco.profession[]) RETURNS boolean
  AS 'MODULE_PATHNAME', 'structure_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.structure_valid(exco.structure_kind, exco.profession[]) IS
  'whether a structure of this kind with these members (one profession per member) is valid: esp >= 2 members with >= 1 GP; msp >= 2 GPs and >= 1 paramedical; cpts >= 2 members; ess >= 2 members with >= 1 specialist; rcp >= 2 professions or >= 3 physicians; other_pluri >= 2 professions (doc/rules.md §1, doc/schemes.md)';

CREATE FUNCTION exco.structure_problem(kind exco.structure_kind, members exco.profession[]) RETURNS text
  AS 'MODULE_PATHNAME', 'structure_problem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.structure_problem(exco.structure_kind, exco.profession[]) IS
  'NULL when exco.structure_valid(kind, members), else the reason, e.g. "an MSP needs at least 2 GPs (medecin_generaliste): it has 1"';

CREATE FUNCTION exco.coordination_validated(kinds exco.structure_kind[]) RETURNS boolean
  AS 'MODULE_PATHNAME', 'structure_coordination_validated' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.coordination_validated(exco.structure_kind[]) IS
  'whether taking part in coordinated practice of these kinds validates the forfait structure indicator "prise en charge coordonnée": any kind but ess (doc/rules.md §7.1); an empty list does not';

-- The forfait structure amounts as dated data: a later convention is a row, not a release.
CREATE TABLE exco.forfait_structure (
  effective_from   date PRIMARY KEY,
  indicator_amount numeric(12,2) NOT NULL
    CONSTRAINT forfait_structure_indicator_not_negative CHECK (indicator_amount >= 0),
  volet2_amount    numeric(12,2) NOT NULL
    CONSTRAINT forfait_structure_volet2_not_negative CHECK (volet2_amount >= 0),
  -- numeric(12,2) holds NaN, which passes >= 0 and cannot be read as cents: refused.
  CONSTRAINT forfait_structure_amounts_finite CHECK (indicator_amount <> 'NaN' AND volet2_amount <> 'NaN'),
  source           text NOT NULL,
  provenance       text NOT NULL
);
COMMENT ON TABLE exco.forfait_structure IS
  'yearly amounts of the GP forfait structure at stake for coordinated practice, in force from effective_from until the next row: the volet-1 indicator "prise en charge coordonnée" and the volet-2 maximum (reachable only when every volet-1 indicator is met)';
COMMENT ON COLUMN exco.forfait_structure.effective_from IS
  'first day (of the year of practice assessed) the amounts are in force';
COMMENT ON COLUMN exco.forfait_structure.indicator_amount IS 'euros a year of the volet-1 indicator "prise en charge coordonnée"';
COMMENT ON COLUMN exco.forfait_structure.volet2_amount IS 'maximum euros a year of volet 2';
COMMENT ON COLUMN exco.forfait_structure.source IS 'the text the amounts come from';
COMMENT ON COLUMN exco.forfait_structure.provenance IS 'how sure the figures and the date are';

INSERT INTO exco.forfait_structure (effective_from, indicator_amount, volet2_amount, source, provenance) VALUES
  ('2022-01-01', 2800, 6895,
   'amendment 9 of the GP convention (convention médicale), signed 2021-07-30; forfait structure from the year of practice 2022',
   'amounts confirmed (2022 regional brochure: 2 800 € volet 1 + 6 895 € volet 2 = 9 695 €); the date is the first year of practice assessed under amendment 9');

-- pg_dump keeps the rows users add, not the shipped one (CREATE EXTENSION recreates it). Written
-- for pg_dump's empty search_path.
SELECT pg_catalog.pg_extension_config_dump('exco.forfait_structure',
  $$WHERE effective_from OPERATOR(pg_catalog.<>) '2022-01-01'::pg_catalog.date$$);
-- Public figures of a published convention (like the scales, doc/security.md): every role may
-- read them, so exco.forfait_structure_at_risk works with USAGE on schema exco only.
GRANT SELECT ON exco.forfait_structure TO PUBLIC;

-- STABLE, not IMMUTABLE: reads exco.forfait_structure (once per call site and snapshot, cached in
-- fn_extra), and a user may add a row. PARALLEL SAFE: read only (a worker may run read-only SPI).
CREATE FUNCTION exco.forfait_structure_at_risk(kinds exco.structure_kind[], on_date date) RETURNS numeric
  AS 'MODULE_PATHNAME', 'structure_forfait_at_risk' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.forfait_structure_at_risk(exco.structure_kind[], date) IS
  'euros a year a GP taking part in coordinated practice of these kinds risks losing: 0.00 when exco.coordination_validated(kinds), else the volet-1 indicator plus the volet-2 maximum in force on the date (9 695.00 from 2022); 22023 on a date before the first row of exco.forfait_structure';

-- ==== src/sql/72_assistant.sql
-- Medical assistants: the aid of Assurance Maladie to a GP who employs one (doc/rules.md §7.2;
-- band boundaries, waiver and open cases: doc/schemes.md).

CREATE TYPE exco.assistant_share AS ENUM ('1/3', '1/2', 'full');
COMMENT ON TYPE exco.assistant_share IS
  'working time of a medical assistant: 1/3, 1/2 or full time (full time is aided only in under-served zones)';

CREATE TYPE exco.sector AS ENUM ('1', '2-optam', '2', '3');
COMMENT ON TYPE exco.sector IS
  'convention sector of a physician: 1, 2-optam (sector 2 with the OPTAM fee-control option), 2 (without OPTAM), 3 (not conventionné)';

-- The aid amounts as dated data: a later amendment is rows, not a release.
CREATE TABLE exco.assistant_aid_amount (
  effective_from date NOT NULL,
  share          exco.assistant_share NOT NULL,
  contract_year  integer NOT NULL
    CONSTRAINT assistant_aid_amount_year_range CHECK (contract_year BETWEEN 1 AND 3),
  amount         numeric(12,2) NOT NULL
    CONSTRAINT assistant_aid_amount_not_negative CHECK (amount >= 0),
  -- numeric(12,2) holds NaN, which passes >= 0 and cannot be read as cents: refused.
  CONSTRAINT assistant_aid_amount_finite CHECK (amount <> 'NaN'),
  guaranteed     boolean NOT NULL,
  source         text NOT NULL,
  provenance     text NOT NULL,
  PRIMARY KEY (effective_from, share, contract_year)
);
COMMENT ON TABLE exco.assistant_aid_amount IS
  'yearly aid to a GP employing a medical assistant, by time share and contract year (3 = year 3 and every later year), for contracts signed from effective_from until the next effective_from';
COMMENT ON COLUMN exco.assistant_aid_amount.effective_from IS
  'first signing date the amounts apply to; all the rows of one effective_from form one set of amounts';
COMMENT ON COLUMN exco.assistant_aid_amount.contract_year IS '1, 2, or 3 for year 3 and every later year';
COMMENT ON COLUMN exco.assistant_aid_amount.share IS 'time share of the medical assistant';
COMMENT ON COLUMN exco.assistant_aid_amount.amount IS 'euros for the contract year';
COMMENT ON COLUMN exco.assistant_aid_amount.guaranteed IS
  'true: paid in full; false: a ceiling, adjusted to the commitments reached';
COMMENT ON COLUMN exco.assistant_aid_amount.source IS 'the text the amount comes from';
COMMENT ON COLUMN exco.assistant_aid_amount.provenance IS 'how sure the figure and the date are';

INSERT INTO exco.assistant_aid_amount (effective_from, share, contract_year, amount, guaranteed, source, provenance)
SELECT '2019-06-20', v.share::exco.assistant_share, y.year, (v.amounts)[y.year], y.year <= 2,
       'amendment 7 of the GP convention (convention médicale), signed 2019-06-20',
       'amounts confirmed (2019 practical sheet on medical assistants); the date is the signature of amendment 7, the sources do not give its publication'
FROM (VALUES ('1/3', ARRAY[12000, 9000, 7000]),
             ('1/2', ARRAY[18000, 13500, 10500]),
             ('full', ARRAY[36000, 27000, 21000])) AS v(share, amounts)
CROSS JOIN generate_series(1, 3) AS y(year);

SELECT pg_catalog.pg_extension_config_dump('exco.assistant_aid_amount',
  $$WHERE effective_from OPERATOR(pg_catalog.<>) '2019-06-20'::pg_catalog.date$$);
-- Public figures of a published convention (like the scales, doc/security.md): every role may
-- read them, so exco.assistant_aid works with USAGE on schema exco only.
GRANT SELECT ON exco.assistant_aid_amount TO PUBLIC;

-- STABLE, not IMMUTABLE: read exco.assistant_aid_amount (once per call site and snapshot, cached
-- in fn_extra), and a user may add amounts; the two-argument form also reads current_date.
-- PARALLEL SAFE: read only.
CREATE FUNCTION exco.assistant_aid(share exco.assistant_share, contract_year integer, signed_on date)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'assistant_aid' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.assistant_aid(exco.assistant_share, integer, date) IS
  'euros of aid for a contract year (1, 2, 3 and later) of a medical assistant of this time share, under the amounts in force on the signing date: 1/3 12 000, 9 000, 7 000; 1/2 18 000, 13 500, 10 500; full 36 000, 27 000, 21 000 (2019); years 1-2 guaranteed, from year 3 a ceiling; 22023 for a year below 1 or a date before the first amounts';
CREATE FUNCTION exco.assistant_aid(share exco.assistant_share, contract_year integer)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'assistant_aid' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.assistant_aid(exco.assistant_share, integer) IS
  'exco.assistant_aid(share, contract_year, current_date): the aid for a contract signed today';

-- IMMUTABLE: the bands and percentages are rules of amendment 7 (not amounts), fixed in C; the
-- enum is mapped by label (see 70_structure.sql).
CREATE FUNCTION exco.assistant_target(share exco.assistant_share, mt_patients integer,
                                      waiver boolean DEFAULT false) RETURNS integer
  AS 'MODULE_PATHNAME', 'assistant_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.assistant_target(exco.assistant_share, integer, boolean) IS
  'number of MT patients a GP with a medical assistant commits to reach: the starting count raised by its band''s percentage, rounded up (bands [640,872) [872,1107) [1107,1502) [1502,1721] >1721; 1/3 +20/+15/+7.5/+4 %/keep, 1/2 +25/+20/+12.5/+6 %/keep, full +35/+30/+20/+12.5/+5 %); below 640 22023 unless waiver (newly installed, or > 20 % of patients under 16), then the first band''s percentage';

CREATE FUNCTION exco.assistant_target_file_active(share exco.assistant_share, file_active integer,
                                                  waiver boolean DEFAULT false) RETURNS integer
  AS 'MODULE_PATHNAME', 'assistant_target_file_active' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.assistant_target_file_active(exco.assistant_share, integer, boolean) IS
  'number of file-active patients a GP with a medical assistant commits to reach: as exco.assistant_target with the file-active bands [1223,1521) [1521,1854) [1854,2476) [2476,2944] >2944; below 1 223 22023 unless waiver';

CREATE FUNCTION exco.assistant_eligible(sector exco.sector, coordinated boolean, mt_patients integer,
                                        share exco.assistant_share, underserved_zone boolean,
                                        newly_installed boolean DEFAULT false,
                                        over_20pct_under_16 boolean DEFAULT false) RETURNS text[]
  AS 'MODULE_PATHNAME', 'assistant_eligible' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.assistant_eligible(exco.sector, boolean, integer, exco.assistant_share, boolean, boolean, boolean) IS
  'the conditions of the medical-assistant aid a GP does not meet (empty when eligible): sector 1 or 2-optam; coordinated practice or a commitment to join within 2 years (coordinated); at least 640 adult MT patients unless newly installed or more than 20 % of patients under 16; full time only in an under-served zone (the whole of France is an eligible zone for GPs)';

-- ==== src/sql/74_etp.sql
-- Patient education (ETP): programme validity and the pay of the ENMR "module 2" experiment
-- (doc/rules.md §7.3; open cases decided in doc/schemes.md).

-- IMMUTABLE: the profession enum is mapped by label (see 70_structure.sql).
CREATE FUNCTION exco.etp_programme_valid(coordinator exco.profession, members exco.profession[])
  RETURNS boolean
  AS 'MODULE_PATHNAME', 'etp_programme_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_valid(exco.profession, exco.profession[]) IS
  'whether an ETP programme coordinated by a health professional (coordinator) is delivered by at least 2 health professionals of different professions (members: one profession per professional who delivers it; the coordinator counts only if listed)';

CREATE FUNCTION exco.etp_programme_problem(coordinator exco.profession, members exco.profession[])
  RETURNS text
  AS 'MODULE_PATHNAME', 'etp_programme_problem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_problem(exco.profession, exco.profession[]) IS
  'NULL when exco.etp_programme_valid(coordinator, members), else the reason';

-- IMMUTABLE: the module-2 amounts belong to a closed experiment (2010-2012) and are fixed in C.
CREATE FUNCTION exco.etp_patient_pay(sessions integer, dropped_out boolean) RETURNS numeric
  AS 'MODULE_PATHNAME', 'etp_patient_pay' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_patient_pay(integer, boolean) IS
  'ENMR module-2 pay for one patient: 0.00 without a session; 300.00 for more than 4 sessions; 100.00 for a patient who dropped out after 1 to 3 sessions; 250.00 otherwise (educational diagnosis and the first 4 sessions); negative sessions 22023';

-- The programme's pay for a year, as an aggregate over its patient rows:
--   SELECT g.id, exco.etp_programme_pay(p.sessions, p.dropped_out, g.trained, g.built)
--     FROM programme g JOIN patient p ON ... GROUP BY g.id HAVING ...
-- Support functions: IMMUTABLE (arguments only) and PARALLEL SAFE (the aggregate runs in partial
-- mode in workers). NOT STRICT: the state is internal, starts NULL, and a NULL argument is an
-- error (22004) rather than a skipped patient; the combine function must accept NULL states.
CREATE FUNCTION exco.etp_programme_pay_accum(internal, integer, boolean, integer, boolean) RETURNS internal
  AS 'MODULE_PATHNAME', 'etp_programme_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_accum(internal, integer, boolean, integer, boolean) IS
  'transition function of exco.etp_programme_pay';
CREATE FUNCTION exco.etp_programme_pay_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'etp_programme_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_combine(internal, internal) IS
  'combine function of exco.etp_programme_pay';
-- STRICT: PostgreSQL requires it of serialization functions (never called on a NULL state).
CREATE FUNCTION exco.etp_programme_pay_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'etp_programme_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_serialize(internal) IS
  'serialization function of exco.etp_programme_pay';
CREATE FUNCTION exco.etp_programme_pay_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'etp_programme_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_deserialize(bytea, internal) IS
  'deserialization function of exco.etp_programme_pay';
-- NOT STRICT: a NULL state (no rows) gives NULL.
CREATE FUNCTION exco.etp_programme_pay_final(internal) RETURNS numeric
  AS 'MODULE_PATHNAME', 'etp_programme_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.etp_programme_pay_final(internal) IS
  'final function of exco.etp_programme_pay';

CREATE AGGREGATE exco.etp_programme_pay(sessions integer, dropped_out boolean,
                                        professionals_trained integer, programme_built boolean) (
  SFUNC = exco.etp_programme_pay_accum,
  STYPE = internal,
  SSPACE = 24,
  FINALFUNC = exco.etp_programme_pay_final,
  COMBINEFUNC = exco.etp_programme_pay_combine,
  SERIALFUNC = exco.etp_programme_pay_serialize,
  DESERIALFUNC = exco.etp_programme_pay_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE exco.etp_programme_pay(integer, boolean, integer, boolean) IS
  'ENMR module-2 pay of one ETP programme for a year, over its patient rows (one per patient in file active): 1 000.00 if the programme was built that year (programme_built), 1 000.00 per professional trained that year, plus exco.etp_patient_pay of every patient; professionals_trained and programme_built must be the same on every row; fewer than 50 patients in file active is 22023; no rows gives NULL';

-- ==== src/sql/76_startup_aid.sql
-- ARS start-up aid before a CPTS contract (fonds d'amorçage), as dated data with provenance
-- (doc/rules.md §6; readings and open cases: doc/schemes.md).

CREATE TABLE exco.startup_aid_item (
  id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  region         text,
  tier           exco.tier,
  item           text NOT NULL,
  label          text NOT NULL,
  amount_min     numeric(12,2)
    CONSTRAINT startup_aid_item_min_not_negative CHECK (amount_min >= 0),
  amount_max     numeric(12,2) NOT NULL
    CONSTRAINT startup_aid_item_max_not_negative CHECK (amount_max >= 0),
  effective_from date NOT NULL,
  source         text NOT NULL,
  provenance     text NOT NULL,
  CONSTRAINT startup_aid_item_range CHECK (amount_min <= amount_max),
  -- numeric(12,2) holds NaN, which passes >= 0 and the range check: refused.
  CONSTRAINT startup_aid_item_amounts_finite CHECK (amount_min <> 'NaN' AND amount_max <> 'NaN'),
  CONSTRAINT startup_aid_item_once UNIQUE NULLS NOT DISTINCT (region, tier, item, effective_from)
);
COMMENT ON TABLE exco.startup_aid_item IS
  'an item of the ARS start-up aid paid before a CPTS contract: national (region NULL) or one region''s variant, which replaces the national items in that region; for every tier (tier NULL) or one tier, which replaces the every-tier row of the same item; a range [amount_min, amount_max] where the texts give one';
COMMENT ON COLUMN exco.startup_aid_item.region IS 'INSEE code of the region whose ARS pays this variant; NULL: the national guideline';
COMMENT ON COLUMN exco.startup_aid_item.id IS 'identifier; the shipped rows are 1 to 4, user rows from 1000';
COMMENT ON COLUMN exco.startup_aid_item.label IS 'what the item pays for, in words';
COMMENT ON COLUMN exco.startup_aid_item.tier IS 'the CPTS tier the row is for; NULL: every tier';
COMMENT ON COLUMN exco.startup_aid_item.item IS 'what the money pays for (one code per item)';
COMMENT ON COLUMN exco.startup_aid_item.amount_min IS 'euros, lower end of the range; NULL when the text gives only a maximum';
COMMENT ON COLUMN exco.startup_aid_item.amount_max IS 'euros, the most that is paid';
COMMENT ON COLUMN exco.startup_aid_item.effective_from IS
  'first day the row is known to apply: the date of its source when the text gives none';
COMMENT ON COLUMN exco.startup_aid_item.source IS 'the text the amounts come from';
COMMENT ON COLUMN exco.startup_aid_item.provenance IS 'how sure the figures are, and what is a range';

INSERT INTO exco.startup_aid_item (id, region, tier, item, label, amount_min, amount_max, effective_from, source, provenance) VALUES
  (1, NULL, NULL, 'professionals_time', 'indemnisation of the professionals'' time (diagnosis, projet de santé)',
   10000, 20000, '2022-09-01', '2022 regional brochure on coordinated practice (fonds d''amorçage of the ARS)',
   'range confirmed: "de 10 000€ a 20 000€ selon la taille de la CPTS"; the amount per tier is not given'),
  (2, NULL, NULL, 'coordinator', 'recruitment of a coordinator (half time for a year or full time for six months)',
   24000, 24000, '2022-09-01', '2022 regional brochure on coordinated practice (fonds d''amorçage of the ARS)',
   'amount confirmed: "un forfait pour le recrutement du coordonnateur de 24 000€"'),
  (3, '27', NULL, 'projet_de_sante', 'formalising the projet de santé (engineering, indemnisation of the time spent writing it)',
   NULL, 10000, '2019-07-05', 'ARS Bourgogne-Franche-Comté, meeting with the federations and URPS of 2019-07-05',
   'maximum confirmed: "Formalisation du projet de santé : maximum de 10 000 €"; no minimum given'),
  (4, '27', NULL, 'territorial_coordination', 'territorial coordination of the CPTS',
   NULL, 15000, '2019-07-05', 'ARS Bourgogne-Franche-Comté, meeting with the federations and URPS of 2019-07-05',
   'maximum confirmed: "Coordination territoriale de la CPTS: maximum de 15 000 €"; no minimum given');
-- User rows get ids after the shipped ones.
SELECT pg_catalog.setval('exco.startup_aid_item_id_seq', 1000, false);

SELECT pg_catalog.pg_extension_config_dump('exco.startup_aid_item',
  $$WHERE id OPERATOR(pg_catalog.>) 4$$);
SELECT pg_catalog.pg_extension_config_dump('exco.startup_aid_item_id_seq', '');
-- Published figures (like the scales, doc/security.md): every role may read them, so
-- exco.startup_aid works with USAGE on schema exco only.
GRANT SELECT ON exco.startup_aid_item TO PUBLIC;

-- PL/pgSQL: not STRICT (region defaults to NULL: the national items), so a NULL tier is checked
-- here. STABLE: reads exco.startup_aid_item and current_date. PARALLEL SAFE: read only.
CREATE FUNCTION exco.startup_aid(t exco.tier, region text DEFAULT NULL)
  RETURNS TABLE (item text, label text, amount_min numeric, amount_max numeric, scope text,
                 for_tier exco.tier, effective_from date, source text, provenance text)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  regional boolean;
BEGIN
  IF t IS NULL THEN
    RAISE EXCEPTION 'the tier of the CPTS must not be NULL'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Give the tier the CPTS will have (exco.tier(population)).';
  END IF;
  regional := region IS NOT NULL AND EXISTS (
    SELECT FROM exco.startup_aid_item s WHERE s.region = startup_aid.region AND s.effective_from <= current_date);
  RETURN QUERY
  SELECT DISTINCT ON (s.item) s.item, s.label, s.amount_min, s.amount_max,
         coalesce(s.region, 'national'), s.tier, s.effective_from, s.source, s.provenance
    FROM exco.startup_aid_item s
   WHERE CASE WHEN regional THEN s.region = startup_aid.region ELSE s.region IS NULL END
     AND (s.tier IS NULL OR s.tier OPERATOR(exco.=) t)
     AND s.effective_from <= current_date
   ORDER BY s.item, s.tier IS NULL, s.effective_from DESC;
END
$fn$;
COMMENT ON FUNCTION exco.startup_aid(exco.tier, text) IS
  'the start-up aid items for a CPTS of this tier before its contract: the region''s own variant when exco.startup_aid_item has one (ARS Bourgogne-Franche-Comté, 27: at most 10 000 for the projet de santé + 15 000 for territorial coordination), else the national guideline (10 000 to 20 000 for the professionals'' time, 24 000 for a coordinator); per item the row for the tier over the every-tier row, the latest in force today';

-- ==== src/sql/78_territory_money.sql
-- Reference tables of the other schemes (structures and their members, medical-assistant
-- contracts, ETP programmes and their patients) and the view exco.territory_money
-- (doc/rules.md §6, §7; decisions: doc/schemes.md). Every row is user data, kept by pg_dump.
--
-- Markings of the trigger functions: VOLATILE and PARALLEL SAFE like the contract triggers (a
-- function returning trigger is only ever called by the trigger manager, never in a parallel
-- worker); not STRICT: they take no SQL arguments.

CREATE TABLE exco.structure (
  id      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name    text NOT NULL,
  kind    exco.structure_kind NOT NULL,
  commune text NOT NULL REFERENCES exco.commune,
  CONSTRAINT structure_name_once UNIQUE (kind, name)
);
CREATE INDEX ON exco.structure (commune);
COMMENT ON TABLE exco.structure IS
  'a coordinated-practice structure (ESP, MSP, CPTS, ESS) or organisation (RCP, another pluriprofessional one) and the commune of its seat; its members are in exco.structure_member';
COMMENT ON COLUMN exco.structure.id IS 'identifier';
COMMENT ON COLUMN exco.structure.name IS 'name, unique within its kind';
COMMENT ON COLUMN exco.structure.kind IS 'kind of coordinated practice; its composition rule is exco.structure_valid';
COMMENT ON COLUMN exco.structure.commune IS 'INSEE code of the commune of its seat (gives its département and region)';

CREATE TABLE exco.structure_member (
  structure    bigint NOT NULL REFERENCES exco.structure ON DELETE CASCADE,
  professional text NOT NULL,
  profession   exco.profession NOT NULL,
  PRIMARY KEY (structure, professional)
);
CREATE INDEX ON exco.structure_member (professional);
COMMENT ON TABLE exco.structure_member IS
  'a health professional taking part in a structure; the structure''s composition is checked at the end of the transaction that changes its members or kind (exco.check_structure)';
COMMENT ON COLUMN exco.structure_member.professional IS
  'a stable identifier of the professional (RPPS number): the same professional in several structures has the same identifier';
COMMENT ON COLUMN exco.structure_member.structure IS 'the structure';
COMMENT ON COLUMN exco.structure_member.profession IS 'the professional''s profession';

-- Checked at the end of the transaction (a deferred constraint trigger), so a structure's members
-- can be inserted one by one; a pg_dump restore inserts all members in one COPY, so it passes.
CREATE FUNCTION exco.check_structure() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  sid bigint;
  s exco.structure;
  members exco.profession[];
  problem text;
BEGIN
  IF TG_TABLE_NAME = 'structure' THEN
    sid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    sid := OLD.structure;
  ELSE
    sid := NEW.structure;
  END IF;
  SELECT * INTO s FROM exco.structure WHERE id = sid;
  IF NOT FOUND THEN
    RETURN NULL;  -- the structure was deleted with its members
  END IF;
  SELECT coalesce(array_agg(m.profession), '{}') INTO members
    FROM exco.structure_member m WHERE m.structure = sid;
  problem := exco.structure_problem(s.kind, members);
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'structure "%" is not a valid %: %', s.name, s.kind, problem
      USING ERRCODE = 'check_violation',
            DETAIL = format('Structure id %s, members %s, checked at the end of the transaction.', sid, members),
            HINT = 'Insert the missing members in the same transaction, or change the structure''s kind.';
  END IF;
  RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION exco.check_structure() IS
  'deferred constraint trigger of exco.structure_member (and of exco.structure''s kind): the structure''s members must make a valid structure of its kind (exco.structure_problem), else 23514 naming the structure and the reason';

CREATE CONSTRAINT TRIGGER check_structure
  AFTER INSERT OR UPDATE OR DELETE ON exco.structure_member
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION exco.check_structure();
COMMENT ON TRIGGER check_structure ON exco.structure_member IS
  'checks the composition of the structure at the end of the transaction: see exco.check_structure()';
CREATE CONSTRAINT TRIGGER check_structure_kind
  AFTER UPDATE OF kind ON exco.structure
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION exco.check_structure();
COMMENT ON TRIGGER check_structure_kind ON exco.structure IS
  'checks the composition of a structure whose kind changes, at the end of the transaction: see exco.check_structure()';

CREATE TABLE exco.assistant_contract (
  id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  gp                  text NOT NULL,
  commune             text NOT NULL REFERENCES exco.commune,
  share               exco.assistant_share NOT NULL,
  signed_on           date NOT NULL,
  ends_on             date,
  sector              exco.sector NOT NULL,
  coordinated         boolean NOT NULL,
  mt_patients         integer NOT NULL,
  file_active         integer,
  newly_installed     boolean NOT NULL DEFAULT false,
  over_20pct_under_16 boolean NOT NULL DEFAULT false,
  underserved_zone    boolean NOT NULL DEFAULT false,
  CONSTRAINT assistant_contract_ends_after_signature CHECK (ends_on > signed_on),
  -- A contract signed on infinity was accepted (the aid amounts in force there are the latest) and
  -- ran at no finite date; -infinity is refused by the trigger (no aid amounts known then).
  CONSTRAINT assistant_contract_signed_finite CHECK (isfinite(signed_on)),
  CONSTRAINT assistant_contract_file_active_not_negative CHECK (file_active >= 0)
);
CREATE INDEX ON exco.assistant_contract (commune);
COMMENT ON TABLE exco.assistant_contract IS
  'a GP''s contract for the medical-assistant aid: time share, signing date, the situation at signing (sector, coordinated practice or commitment to join within 2 years, MT patients and file active, waivers, under-served zone); ends_on is the first day it no longer runs (NULL: running)';
COMMENT ON COLUMN exco.assistant_contract.id IS 'identifier';
COMMENT ON COLUMN exco.assistant_contract.gp IS 'the GP (a stable identifier such as the RPPS number)';
COMMENT ON COLUMN exco.assistant_contract.commune IS 'INSEE code of the commune where the GP practises';
COMMENT ON COLUMN exco.assistant_contract.share IS 'time share of the medical assistant';
COMMENT ON COLUMN exco.assistant_contract.signed_on IS 'signing date: year 1 starts that day, and the aid amounts in force that day apply';
COMMENT ON COLUMN exco.assistant_contract.ends_on IS 'first day the contract no longer runs (exclusive end); NULL: running';
COMMENT ON COLUMN exco.assistant_contract.sector IS 'the GP''s convention sector at signing';
COMMENT ON COLUMN exco.assistant_contract.coordinated IS 'in coordinated practice, or committed to join it within 2 years, at signing';
COMMENT ON COLUMN exco.assistant_contract.mt_patients IS 'adult patients who declared the GP as their MT, at signing (the starting count of the commitment)';
COMMENT ON COLUMN exco.assistant_contract.file_active IS 'distinct patients seen in the year before signing (the starting count of the file-active commitment); NULL: not given';
COMMENT ON COLUMN exco.assistant_contract.newly_installed IS 'the GP is newly installed (waives the 640 MT patients)';
COMMENT ON COLUMN exco.assistant_contract.over_20pct_under_16 IS 'more than 20 % of the GP''s patients are under 16 (waives the 640 MT patients)';
COMMENT ON COLUMN exco.assistant_contract.underserved_zone IS 'the GP practises in an under-served zone (needed for a full-time assistant)';

CREATE FUNCTION exco.check_assistant_contract() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  unmet text[];
BEGIN
  unmet := exco.assistant_eligible(NEW.sector, NEW.coordinated, NEW.mt_patients, NEW.share,
                                   NEW.underserved_zone, NEW.newly_installed, NEW.over_20pct_under_16);
  IF cardinality(unmet) > 0 THEN
    RAISE EXCEPTION 'GP % is not eligible to the medical-assistant aid: %', NEW.gp, array_to_string(unmet, '; ')
      USING ERRCODE = 'check_violation',
            DETAIL = format('Medical-assistant contract id %s signed on %s.', NEW.id, NEW.signed_on),
            HINT = 'Correct the situation at signing, or do not record the contract.';
  END IF;
  PERFORM exco.assistant_aid(NEW.share, 1, NEW.signed_on);  -- 22023 when no amounts apply
  RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION exco.check_assistant_contract() IS
  'BEFORE INSERT OR UPDATE trigger of exco.assistant_contract: the GP meets every condition of exco.assistant_eligible (else 23514 listing the unmet ones), and aid amounts apply on the signing date (else 22023)';
CREATE TRIGGER check_assistant_contract
  BEFORE INSERT OR UPDATE ON exco.assistant_contract
  FOR EACH ROW EXECUTE FUNCTION exco.check_assistant_contract();
COMMENT ON TRIGGER check_assistant_contract ON exco.assistant_contract IS
  'refuses a contract the aid does not apply to: see exco.check_assistant_contract()';

CREATE TABLE exco.etp_programme (
  id                    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name                  text NOT NULL,
  structure             bigint NOT NULL REFERENCES exco.structure,
  coordinator           exco.profession NOT NULL,
  members               exco.profession[] NOT NULL,
  built_in              integer NOT NULL,
  professionals_trained integer NOT NULL DEFAULT 0
    CONSTRAINT etp_programme_trained_not_negative CHECK (professionals_trained >= 0),
  theme                 text
);
CREATE INDEX ON exco.etp_programme (structure);
COMMENT ON TABLE exco.etp_programme IS
  'an ETP programme run by a structure: its coordinator''s profession, the professions of the professionals who deliver it (one element each), the year it was built (its 1 000 € and the training of professionals_trained are paid that year)';
COMMENT ON COLUMN exco.etp_programme.id IS 'identifier';
COMMENT ON COLUMN exco.etp_programme.name IS 'name of the programme';
COMMENT ON COLUMN exco.etp_programme.structure IS 'the structure that runs it and is paid (its commune gives the département and region)';
COMMENT ON COLUMN exco.etp_programme.coordinator IS 'profession of the coordinator';
COMMENT ON COLUMN exco.etp_programme.members IS 'profession of each professional who delivers it, one element each: at least 2 different professions';
COMMENT ON COLUMN exco.etp_programme.built_in IS 'calendar year the programme was built: its 1 000 and the training are paid that year';
COMMENT ON COLUMN exco.etp_programme.professionals_trained IS 'professionals trained when it was built (1 000 each)';
COMMENT ON COLUMN exco.etp_programme.theme IS 'disease or theme (diabetes, heart failure and hypertension, asthma and COPD were the priorities)';

CREATE FUNCTION exco.check_etp_programme() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  problem text := exco.etp_programme_problem(NEW.coordinator, NEW.members);
BEGIN
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'ETP programme "%" is not valid: %', NEW.name, problem
      USING ERRCODE = 'check_violation',
            DETAIL = format('ETP programme id %s, members %s.', NEW.id, NEW.members),
            HINT = 'List in members the profession of every professional who delivers the programme.';
  END IF;
  RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION exco.check_etp_programme() IS
  'BEFORE INSERT OR UPDATE trigger of exco.etp_programme: at least 2 members of different professions (exco.etp_programme_problem), else 23514 naming the programme and the reason';
CREATE TRIGGER check_etp_programme
  BEFORE INSERT OR UPDATE ON exco.etp_programme
  FOR EACH ROW EXECUTE FUNCTION exco.check_etp_programme();
COMMENT ON TRIGGER check_etp_programme ON exco.etp_programme IS
  'refuses an invalid ETP programme: see exco.check_etp_programme()';

CREATE TABLE exco.etp_patient (
  programme   bigint NOT NULL REFERENCES exco.etp_programme ON DELETE CASCADE,
  -- 2008: the ENMR experiments (LFSS-2008-44, doc/rules.md §7.3) start on 1 January 2008, so no
  -- file active is older; 9999: the last year a date has four digits. A year such as -5 or
  -- 2147483647 is a typo that would make its programme's pay look like a real year's (23514).
  year        integer NOT NULL CONSTRAINT etp_patient_year_range CHECK (year BETWEEN 2008 AND 9999),
  patient     text NOT NULL,
  sessions    integer NOT NULL CONSTRAINT etp_patient_sessions_not_negative CHECK (sessions >= 0),
  dropped_out boolean NOT NULL DEFAULT false,
  PRIMARY KEY (programme, year, patient)
);
COMMENT ON TABLE exco.etp_patient IS
  'a patient in the file active of an ETP programme for a calendar year: sessions attended, whether the patient dropped out';
COMMENT ON COLUMN exco.etp_patient.programme IS 'the programme';
COMMENT ON COLUMN exco.etp_patient.year IS 'calendar year of the file active, 2008 (start of the ENMR experiments) to 9999';
COMMENT ON COLUMN exco.etp_patient.patient IS 'a stable identifier of the patient within the programme';
COMMENT ON COLUMN exco.etp_patient.sessions IS 'sessions attended that year (the educational diagnosis is not a session)';
COMMENT ON COLUMN exco.etp_patient.dropped_out IS 'the patient dropped out of the programme';

SELECT pg_catalog.pg_extension_config_dump('exco.structure', '');
SELECT pg_catalog.pg_extension_config_dump('exco.structure_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('exco.structure_member', '');
SELECT pg_catalog.pg_extension_config_dump('exco.assistant_contract', '');
SELECT pg_catalog.pg_extension_config_dump('exco.assistant_contract_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('exco.etp_programme', '');
SELECT pg_catalog.pg_extension_config_dump('exco.etp_programme_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('exco.etp_patient', '');

-- Money per region and département on a date. One item per CPTS contract, assistant contract, ETP
-- programme and GP, then summed; an item whose amount exco does not know (a gap in a scale, no
-- amounts in force) makes the total NULL, and is counted in *_unknown; *_known sums the others.
-- LANGUAGE sql with a standard body, STABLE, PARALLEL SAFE, not STRICT, like the *_at report
-- functions of 60_views.sql (bound when created, inlined into the caller; a NULL as_of is an
-- error, 22004, exco.report_date_given). An infinite as_of has no calendar year: etp_year and forfait_year are NULL,
-- no ETP row, and a medical-assistant contract without an end has an unknown contract year (its
-- aid NULL, counted in assistant_aid_unknown) instead of the error of extract(year FROM infinity).
CREATE FUNCTION exco.territory_money_at(as_of date)
  RETURNS TABLE (region text, region_name text, departement text, departement_name text,
                 cpts_contracts_running bigint, cpts_ceiling_this_year numeric,
                 cpts_ceiling_this_year_known numeric, cpts_ceiling_unknown bigint,
                 assistant_contracts_running bigint, assistant_aid_this_contract_year numeric,
                 assistant_aid_this_contract_year_known numeric, assistant_aid_unknown bigint,
                 etp_year integer, etp_programmes bigint, etp_programmes_below_minimum bigint,
                 etp_pay numeric, etp_pay_known numeric, etp_pay_unknown bigint,
                 forfait_year integer, gps_in_structures bigint, gps_at_risk bigint,
                 forfait_structure_at_risk numeric, forfait_structure_at_risk_known numeric,
                 forfait_structure_unknown bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH item AS (
    SELECT c.region, c.cpam_departement AS departement, 'cpts'::text AS scheme,
           CASE WHEN NOT g.gap THEN exco.contract_ceiling(c.tier, sc.effective_from, c.missions) END AS amount,
           false AS below_minimum
      FROM exco.contract c
      JOIN exco.scale sc ON sc.scale = c.scale
     CROSS JOIN LATERAL (
       SELECT EXISTS (SELECT FROM unnest('{fonctionnement}'::exco.mission[] || c.missions) AS l
                       WHERE exco.ceiling_gap(l, c.tier, c.scale) IS NOT NULL) AS gap) g
     -- Runs on as_of iff signed_on <= as_of < ends_on and not terminated (doc/rules.md §5), as in the
     -- other reports: status 'ended' is today's word for a contract whose 5 years are over, and it
     -- ran on the dates before its ends_on.
     WHERE c.status <> 'terminated' AND c.signed_on <= territory_money_at.as_of AND territory_money_at.as_of < c.ends_on
    UNION ALL
    SELECT m.region, m.departement, 'assistant',
           CASE WHEN k.known THEN exco.assistant_aid(a.share, y.contract_year, a.signed_on) END,
           false
      FROM exco.assistant_contract a
      JOIN exco.commune m ON m.code = a.commune
     CROSS JOIN LATERAL (
       SELECT CASE WHEN isfinite(territory_money_at.as_of)
                   THEN extract(year FROM age(territory_money_at.as_of, a.signed_on))::integer + 1 END
                AS contract_year) y
     CROSS JOIN LATERAL (
       SELECT EXISTS (SELECT FROM exco.assistant_aid_amount x
                       WHERE x.share = a.share AND x.contract_year = least(y.contract_year, 3)
                         AND x.effective_from = (SELECT max(z.effective_from) FROM exco.assistant_aid_amount z
                                                  WHERE z.effective_from <= a.signed_on)) AS known) k
     WHERE a.signed_on <= territory_money_at.as_of AND (a.ends_on IS NULL OR territory_money_at.as_of < a.ends_on)
    UNION ALL
    SELECT m.region, m.departement, 'etp',
           CASE WHEN f.file_active >= 50 THEN
             (SELECT exco.etp_programme_pay(p.sessions, p.dropped_out,
                       CASE WHEN g.built_in = f.year THEN g.professionals_trained ELSE 0 END,
                       g.built_in = f.year)
                FROM exco.etp_patient p WHERE p.programme = g.id AND p.year = f.year)
           ELSE 0.00 END,
           f.file_active < 50
      FROM exco.etp_programme g
      JOIN exco.structure s ON s.id = g.structure
      JOIN exco.commune m ON m.code = s.commune
      JOIN (SELECT p.programme, p.year, count(*) AS file_active FROM exco.etp_patient p
             WHERE isfinite(territory_money_at.as_of)
               AND p.year = extract(year FROM territory_money_at.as_of)::integer - 1
             GROUP BY p.programme, p.year) f ON f.programme = g.id
    UNION ALL
    SELECT m.region, m.departement, 'forfait',
           CASE WHEN EXISTS (SELECT FROM exco.forfait_structure x WHERE x.effective_from <= territory_money_at.as_of)
                THEN exco.forfait_structure_at_risk(gp.kinds, territory_money_at.as_of) END,
           false
      FROM (SELECT sm.professional, array_agg(s.kind) AS kinds, min(s.id) AS first_structure
              FROM exco.structure_member sm JOIN exco.structure s ON s.id = sm.structure
             WHERE sm.profession = 'medecin_generaliste'
             GROUP BY sm.professional) gp
      JOIN exco.structure s ON s.id = gp.first_structure
      JOIN exco.commune m ON m.code = s.commune
  ), area AS (
    SELECT region, departement,
           count(*) FILTER (WHERE scheme = 'cpts') AS cpts_contracts,
           sum(amount) FILTER (WHERE scheme = 'cpts') AS cpts_ceiling_known,
           count(*) FILTER (WHERE scheme = 'cpts' AND amount IS NULL) AS cpts_ceiling_unknown,
           count(*) FILTER (WHERE scheme = 'assistant') AS assistant_contracts,
           sum(amount) FILTER (WHERE scheme = 'assistant') AS assistant_aid_known,
           count(*) FILTER (WHERE scheme = 'assistant' AND amount IS NULL) AS assistant_aid_unknown,
           count(*) FILTER (WHERE scheme = 'etp') AS etp_programmes,
           count(*) FILTER (WHERE scheme = 'etp' AND below_minimum) AS etp_programmes_below_minimum,
           sum(amount) FILTER (WHERE scheme = 'etp') AS etp_pay_known,
           count(*) FILTER (WHERE scheme = 'etp' AND amount IS NULL) AS etp_pay_unknown,
           count(*) FILTER (WHERE scheme = 'forfait') AS gps,
           count(*) FILTER (WHERE scheme = 'forfait' AND amount > 0) AS gps_at_risk,
           sum(amount) FILTER (WHERE scheme = 'forfait') AS forfait_at_risk_known,
           count(*) FILTER (WHERE scheme = 'forfait' AND amount IS NULL) AS forfait_at_risk_unknown
      FROM item
     GROUP BY GROUPING SETS ((region), (region, departement))
  )
  SELECT a.region, r.name AS region_name, a.departement, d.name AS departement_name,
         a.cpts_contracts AS cpts_contracts_running,
         CASE WHEN a.cpts_ceiling_unknown = 0 THEN coalesce(a.cpts_ceiling_known, 0.00) END AS cpts_ceiling_this_year,
         coalesce(a.cpts_ceiling_known, 0.00) AS cpts_ceiling_this_year_known,
         a.cpts_ceiling_unknown,
         a.assistant_contracts AS assistant_contracts_running,
         CASE WHEN a.assistant_aid_unknown = 0 THEN coalesce(a.assistant_aid_known, 0.00) END AS assistant_aid_this_contract_year,
         coalesce(a.assistant_aid_known, 0.00) AS assistant_aid_this_contract_year_known,
         a.assistant_aid_unknown,
         CASE WHEN isfinite(territory_money_at.as_of) THEN extract(year FROM territory_money_at.as_of)::integer - 1 END
           AS etp_year,
         a.etp_programmes,
         a.etp_programmes_below_minimum,
         CASE WHEN a.etp_pay_unknown = 0 THEN coalesce(a.etp_pay_known, 0.00) END AS etp_pay,
         coalesce(a.etp_pay_known, 0.00) AS etp_pay_known,
         a.etp_pay_unknown,
         CASE WHEN isfinite(territory_money_at.as_of) THEN extract(year FROM territory_money_at.as_of)::integer END
           AS forfait_year,
         a.gps AS gps_in_structures,
         a.gps_at_risk,
         CASE WHEN a.forfait_at_risk_unknown = 0 THEN coalesce(a.forfait_at_risk_known, 0.00) END AS forfait_structure_at_risk,
         coalesce(a.forfait_at_risk_known, 0.00) AS forfait_structure_at_risk_known,
         a.forfait_at_risk_unknown AS forfait_structure_unknown
    FROM area a
    LEFT JOIN exco.region r ON r.code = a.region
    LEFT JOIN exco.departement d ON d.code = a.departement
   WHERE exco.report_date_given(territory_money_at.as_of);
END;
COMMENT ON FUNCTION exco.territory_money_at(date) IS
  'money per region (departement NULL) and per département on a date: yearly ceilings of the CPTS contracts running that day (CPAM département); medical-assistant aid of the contract year running that day (year 3 and later: a ceiling); ETP module-2 pay of the calendar year before (etp_year; programmes under 50 patients in file active pay 0 and are counted apart); forfait structure at risk that year for the GPs who are members of a recorded structure (département of their first structure). Each total is NULL when an item is unknown; *_known sums the known items, *_unknown counts the others';

CREATE VIEW exco.territory_money AS
SELECT region, region_name, departement, departement_name,
       current_date AS as_of,
       cpts_contracts_running, cpts_ceiling_this_year, cpts_ceiling_this_year_known,
       cpts_ceiling_unknown, assistant_contracts_running, assistant_aid_this_contract_year,
       assistant_aid_this_contract_year_known, assistant_aid_unknown, etp_year,
       etp_programmes, etp_programmes_below_minimum, etp_pay,
       etp_pay_known, etp_pay_unknown, forfait_year,
       gps_in_structures, gps_at_risk, forfait_structure_at_risk,
       forfait_structure_at_risk_known, forfait_structure_unknown
  FROM exco.territory_money_at(current_date);
COMMENT ON VIEW exco.territory_money IS
  'exco.territory_money_at(current_date), with as_of: money per region (departement NULL) and per département, as of today: yearly ceilings of the CPTS contracts running today (CPAM département); medical-assistant aid of the contract year running today (year 3 and later: a ceiling); ETP module-2 pay of the last complete calendar year (etp_year; programmes under 50 patients in file active pay 0 and are counted apart); forfait structure at risk this year for the GPs who are members of a recorded structure (département of their first structure). Each total is NULL when an item is unknown; *_known sums the known items, *_unknown counts the others';
COMMENT ON COLUMN exco.territory_money.region IS 'INSEE code of the region';
COMMENT ON COLUMN exco.territory_money.region_name IS 'name of the region';
COMMENT ON COLUMN exco.territory_money.departement IS 'INSEE code of the département; NULL on the region''s own row';
COMMENT ON COLUMN exco.territory_money.departement_name IS 'name of the département; NULL on the region''s own row';
COMMENT ON COLUMN exco.territory_money.as_of IS 'the day the row is computed for: current_date';
COMMENT ON COLUMN exco.territory_money.cpts_contracts_running IS 'CPTS contracts signed and running on as_of (CPAM département)';
COMMENT ON COLUMN exco.territory_money.cpts_ceiling_this_year IS 'sum of their yearly ceilings; NULL when a contract''s scale has a gap (see cpts_ceiling_unknown)';
COMMENT ON COLUMN exco.territory_money.cpts_ceiling_this_year_known IS 'sum of the yearly ceilings exco knows';
COMMENT ON COLUMN exco.territory_money.cpts_ceiling_unknown IS 'running contracts whose ceiling is unknown (a gap in their scale)';
COMMENT ON COLUMN exco.territory_money.assistant_contracts_running IS 'medical-assistant contracts running on as_of (the GP''s commune)';
COMMENT ON COLUMN exco.territory_money.assistant_aid_this_contract_year IS 'sum of the aid of each contract''s year running on as_of (year 3 and later: a ceiling); NULL when an amount is unknown';
COMMENT ON COLUMN exco.territory_money.assistant_aid_this_contract_year_known IS 'sum of the aid amounts exco knows';
COMMENT ON COLUMN exco.territory_money.assistant_aid_unknown IS 'running contracts whose aid amount is unknown';
COMMENT ON COLUMN exco.territory_money.etp_year IS 'calendar year of the ETP columns: the year before as_of';
COMMENT ON COLUMN exco.territory_money.etp_programmes IS 'ETP programmes with patients in etp_year (the structure''s commune)';
COMMENT ON COLUMN exco.territory_money.etp_programmes_below_minimum IS 'of them, programmes with fewer than 50 patients in file active: they pay 0';
COMMENT ON COLUMN exco.territory_money.etp_pay IS 'ENMR module-2 pay of the programmes for etp_year; NULL when an amount is unknown';
COMMENT ON COLUMN exco.territory_money.etp_pay_known IS 'sum of the ETP pay exco knows';
COMMENT ON COLUMN exco.territory_money.etp_pay_unknown IS 'programmes whose pay is unknown';
COMMENT ON COLUMN exco.territory_money.forfait_year IS 'calendar year of the forfait structure columns: the year of as_of';
COMMENT ON COLUMN exco.territory_money.gps_in_structures IS 'GPs members of a recorded structure, counted in the département of their first structure';
COMMENT ON COLUMN exco.territory_money.gps_at_risk IS 'of them, GPs whose structures do not validate the indicator "prise en charge coordonnée"';
COMMENT ON COLUMN exco.territory_money.forfait_structure_at_risk IS 'sum of the forfait structure euros at risk for those GPs in forfait_year; NULL when the amounts in force are unknown';
COMMENT ON COLUMN exco.territory_money.forfait_structure_at_risk_known IS 'sum of the euros at risk exco knows';
COMMENT ON COLUMN exco.territory_money.forfait_structure_unknown IS 'GPs whose amount at risk is unknown (no forfait structure amounts in force)';

-- ==== src/sql/95_grants.sql
-- Privileges (doc/security.md). Runs last, after every table and view exists.
--
-- The scales are public law (the ACI CPTS and its amendments, published in the Journal
-- officiel): every role may read them, so the C functions that read them (exco.ceiling,
-- exco.scale_ceiling, exco.scale_on, exco.contract_ceiling, exco.payment_schedule) work for a role
-- that has only USAGE on schema exco. Writing them stays with the owner.
GRANT SELECT ON exco.scale, exco.scale_amount, exco.scale_sheet TO PUBLIC;

-- Every view runs with the privileges and the row-level security policies of the role that
-- queries it (security_invoker), not of its owner: a role sees through a view exactly the rows
-- it may read in the tables, so a policy that restricts an analyst to a region
-- (doc/security.md) also restricts the views. A role reading a view therefore needs SELECT on
-- the tables the view reads (doc/security.md lists the grants). Every view of schema exco,
-- whichever part created it.
DO $$
DECLARE
  v regclass;
BEGIN
  FOR v IN SELECT c.oid::regclass FROM pg_catalog.pg_class c
           WHERE c.relnamespace OPERATOR(pg_catalog.=) 'exco'::regnamespace
             AND c.relkind OPERATOR(pg_catalog.=) 'v'
           ORDER BY c.relname
  LOOP
    EXECUTE pg_catalog.format('ALTER VIEW %s SET (security_invoker = true)', v);
  END LOOP;
END
$$;
