-- exco 0.1.0 install script, assembled from src/sql/*.sql by the Makefile.
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

-- The tier of a population, and the population range of a tier.
CREATE FUNCTION exco.tier(population bigint) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier(bigint) IS
  'size tier of a CPTS territory of this population: 1 below 40 000, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); negative -> 22023';
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
-- Financing scales (barèmes) as versioned data: doc/rules.md §8, doc/rules.md §4.
-- Tables only here; the shipped rows and the C functions that read them follow in this file's
-- later sections and in 35_payment.sql.

CREATE TYPE exco.share AS ENUM ('fixed', 'variable', 'dedicated');
COMMENT ON TYPE exco.share IS
  'share of a financing line: fixed (means), variable (results), dedicated (the SNP compensation envelope of acces_soins, not free to spend)';

CREATE TABLE exco.scale (
  scale          text PRIMARY KEY,
  effective_from date NOT NULL UNIQUE,
  complete       boolean NOT NULL,
  source         text
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

-- plpgsql trigger function: fired only by INSERT/COPY on the view, which never runs in a parallel
-- worker; it cannot be called from a query at all ("trigger functions can only be called as
-- triggers"), so the PARALLEL SAFE marking (that every exco function carries) cannot be exercised
-- in parallel mode. VOLATILE: it writes.
CREATE FUNCTION exco.scale_sheet_insert() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  s exco.scale;
  t integer;
  v numeric;
  old numeric;
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
  'INSTEAD OF INSERT trigger of exco.scale_sheet: creates the scale if new, adds the given cells, refuses to overwrite a different figure (23505)';
CREATE TRIGGER scale_sheet_insert INSTEAD OF INSERT ON exco.scale_sheet
  FOR EACH ROW EXECUTE FUNCTION exco.scale_sheet_insert();

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
  status           exco.contract_status NOT NULL DEFAULT 'signed'
);
CREATE INDEX ON exco.contract (cpts);
COMMENT ON TABLE exco.contract IS
  'the 5-year tripartite ACI contract of a CPTS with its ARS (region) and CPAM (département); population and tier at signature; the missions it signs up for';

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
  value         numeric NOT NULL,
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
-- Contract validation triggers (doc/rules.md §2, §3, §5; doc/rules.md §8), doc/contract.md.
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
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for a CPTS contract table: signing date present; ends_on = signed_on + 5 years (filled when NULL); CPAM département of the territory / the seat (filled when NULL); tier matches population (population filled from the territory, tier from population, when NULL); socle missions present (crises_sanitaires when the scale pays it; scale filled when NULL). Arguments ''role=column'' map the roles id, cpts, signed_on, ends_on, cpam_departement, seat_departement, scale, population, tier, missions; none = same-named columns. See doc/contract.md';

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
-- Indicator results, variable money and the reporting views dashboards read as they are
-- (doc/rules.md §2–§5, doc/rules.md §8). The views never fail because a contract hits a gap in a partial
-- scale: the amount is NULL and a *_gap column says which cell is unknown; the scalar functions
-- (exco.ceiling, exco.payment_schedule ...) still raise for a direct call.

-- Which cell of a scale is unknown, or NULL when the scale gives it. SQL, STABLE (reads the scale
-- tables), PARALLEL SAFE (read only), STRICT.
CREATE FUNCTION exco.ceiling_gap(line exco.mission, t exco.tier, scale text) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM exco.scale s WHERE s.scale = $3)
      THEN format('scale %s does not exist', $3)
    WHEN NOT EXISTS (SELECT 1 FROM exco.scale_amount a
                      WHERE a.scale = $3 AND a.line = $1 AND a.tier OPERATOR(exco.=) $2
                        AND a.share = 'fixed')
      OR ($1 <> 'fonctionnement' AND NOT EXISTS (
           SELECT 1 FROM exco.scale_amount a
            WHERE a.scale = $3 AND a.line = $1 AND a.tier OPERATOR(exco.=) $2 AND a.share = 'variable'))
      THEN format('scale %s does not give %s for tier %s', $3, $1, $2)
  END
$$;
COMMENT ON FUNCTION exco.ceiling_gap(exco.mission, exco.tier, text) IS
  'NULL when the scale gives this line for this tier, else the reason (unknown scale, unknown cell of a partial scale); what the views show instead of failing';

-- A mission's variable money for a contract year: the sum of its indicators' earned amounts,
-- capped by the mission's variable ceiling for the contract's tier and scale (doc/rules.md §8).
-- PL/pgSQL: a thin check around exco.scale_ceiling (C). STABLE (reads the scales), STRICT,
-- PARALLEL SAFE (read only).
CREATE FUNCTION exco.variable_due(line exco.mission, t exco.tier, scale text, earned numeric)
  RETURNS numeric
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
BEGIN
  IF earned < 0 THEN
    RAISE EXCEPTION 'earned amount must not be negative: %', earned
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'earned is the sum of the indicators'' amounts earned for the year.';
  END IF;
  RETURN least(earned, (exco.scale_ceiling(line, t, scale)).variable);
END
$$;
COMMENT ON FUNCTION exco.variable_due(exco.mission, exco.tier, text, numeric) IS
  'variable money due for a mission and a contract year: the indicators'' earned amounts, capped by the variable ceiling of the line for the tier under the scale; 22023 for a negative amount or an unknown cell';

-- What one indicator earned in one contract year, from its measure.
-- continuous: rate = exco.attainment(value, starting, objective), earned = rate × amount (cents,
-- half away from zero); stepped: earned = exco.step_amount(value, thresholds, amounts), rate =
-- earned / the top amount. A contract year counts once the mission has started before the year's
-- end, and the year is over (signature + N years <= current_date) or measured; a missing measure
-- earns 0 and is flagged (measured = false). A measure of a year before the mission started earns
-- nothing: the payment schedule pays no variable part for such a year.
CREATE VIEW exco.indicator_result AS
SELECT i.contract, i.mission, i.id AS indicator, i.code, i.kind, y.contract_year,
       (c.signed_on + make_interval(years => y.contract_year))::date AS year_ends_on,
       m.value,
       m.value IS NOT NULL AS measured,
       i.weight,
       CASE WHEN m.value IS NULL THEN 0
            WHEN i.kind = 'continuous' THEN
              CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                   ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END
            ELSE trim_scale(round(
                   CASE WHEN i.lower_is_better IS NULL THEN exco.step_amount(m.value, i.thresholds, i.amounts)
                        ELSE exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better) END
                   / nullif((SELECT max(a) FROM unnest(i.amounts) AS a), 0), 20))
       END AS rate,
       round(CASE WHEN m.value IS NULL THEN 0
            WHEN i.kind = 'continuous' THEN
              i.amount * CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                              ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END
            WHEN i.lower_is_better IS NULL THEN exco.step_amount(m.value, i.thresholds, i.amounts)
            ELSE exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better)
       END, 2) AS earned
FROM exco.indicator i
JOIN exco.contract c ON c.id = i.contract
JOIN exco.contract_mission cm ON cm.contract = i.contract AND cm.mission = i.mission
CROSS JOIN LATERAL generate_series(1, 5) AS y(contract_year)
LEFT JOIN exco.measure m ON m.indicator = i.id AND m.contract_year = y.contract_year
WHERE cm.started_on < (c.signed_on + make_interval(years => y.contract_year))::date
  AND (m.value IS NOT NULL OR (c.signed_on + make_interval(years => y.contract_year))::date <= current_date);
COMMENT ON VIEW exco.indicator_result IS
  'per indicator and contract year (years the mission had started in, once over or measured): the measure, the attainment rate and the euro amount earned; a missing measure earns 0 (measured = false)';

-- Per contract mission and year: attainment (weighted mean of the rates), euros earned, the
-- variable ceiling and the variable due (earned capped by the ceiling), with the gap reason when
-- the contract's scale does not give the ceiling.
CREATE VIEW exco.mission_variable AS
SELECT r.contract, r.mission, r.contract_year,
       count(*) AS indicators,
       count(*) FILTER (WHERE NOT r.measured) AS missing_measures,
       CASE WHEN sum(r.weight) > 0 THEN exco.weighted_attainment(r.rate, r.weight) END AS attainment,
       sum(r.earned) AS earned,
       g.gap AS ceiling_gap,
       CASE WHEN g.gap IS NULL THEN (exco.scale_ceiling(r.mission, c.tier, c.scale)).variable END AS variable_ceiling,
       CASE WHEN g.gap IS NULL THEN exco.variable_due(r.mission, c.tier, c.scale, sum(r.earned)) END AS variable_due
FROM exco.indicator_result r
JOIN exco.contract c ON c.id = r.contract
CROSS JOIN LATERAL (SELECT exco.ceiling_gap(r.mission, c.tier, c.scale) AS gap) g
GROUP BY r.contract, r.mission, r.contract_year, c.tier, c.scale, g.gap;
COMMENT ON VIEW exco.mission_variable IS
  'per contract mission and contract year: indicators, missing measures, weighted attainment, euros earned, variable ceiling and variable due (earned capped by the ceiling); NULL ceiling and due with ceiling_gap when the scale does not give the cell';

-- One row per contract mission: deadlines and status as of today.
CREATE VIEW exco.mission_status AS
SELECT cm.contract, c.cpts, p.name AS cpts_name, cm.mission, exco.is_socle(cm.mission) AS socle,
       c.signed_on,
       exco.start_deadline(cm.mission, c.signed_on) AS start_by,
       exco.deploy_deadline(cm.mission, c.signed_on) AS deploy_by,
       cm.started_on, cm.deployed_on,
       exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, current_date) AS status,
       exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, current_date)
         IN ('start_overdue', 'started_late', 'deploy_overdue', 'deployed_late') AS late
FROM exco.contract_mission cm
JOIN exco.contract c ON c.id = cm.contract
JOIN exco.cpts p ON p.id = c.cpts;
COMMENT ON VIEW exco.mission_status IS
  'one row per contract mission: start and deployment deadlines, dates, status as of current_date and whether it is late';

-- One row per contract.
CREATE VIEW exco.contract_overview AS
SELECT c.id AS contract, p.name AS cpts, c.region, r.name AS region_name,
       c.cpam_departement AS departement, d.name AS departement_name,
       c.population, c.tier, c.scale, c.signed_on, c.ends_on, c.status,
       CASE WHEN g.gaps IS NULL THEN exco.contract_ceiling(c.tier, sc.effective_from, c.missions) END AS yearly_ceiling,
       g.gaps AS ceiling_gap,
       c.missions,
       ms.statuses AS mission_statuses,
       coalesce(ms.late, 0) AS late_missions
FROM exco.contract c
JOIN exco.cpts p ON p.id = c.cpts
JOIN exco.region r ON r.code = c.region
JOIN exco.departement d ON d.code = c.cpam_departement
JOIN exco.scale sc ON sc.scale = c.scale
LEFT JOIN LATERAL (
  SELECT format('scale %s does not give %s for tier %s', c.scale, string_agg(l::text, ', ' ORDER BY l), c.tier) AS gaps
  FROM unnest('{fonctionnement}'::exco.mission[] || c.missions) AS l
  WHERE exco.ceiling_gap(l, c.tier, c.scale) IS NOT NULL
  HAVING count(*) > 0) g ON true
LEFT JOIN LATERAL (
  SELECT jsonb_object_agg(s.mission, s.status ORDER BY s.mission) AS statuses,
         count(*) FILTER (WHERE s.late) AS late
  FROM exco.mission_status s WHERE s.contract = c.id) ms ON true;
COMMENT ON VIEW exco.contract_overview IS
  'one row per contract: CPTS, region, CPAM département, population and tier at signature, scale, yearly ceiling (fonctionnement + its missions, NULL with ceiling_gap when the scale does not give a cell), missions and their deadline status today, number of late missions';

-- Payment schedule rows of every contract line (fonctionnement and each contract mission).
-- The variable part uses attainment = variable due / variable ceiling for the years known, so the
-- variable row pays the mission's variable due; later years are variable_pending.
CREATE VIEW exco.payments AS
WITH line AS (
  SELECT c.id AS contract, c.signed_on, c.tier, c.scale, 'fonctionnement'::exco.mission AS line,
         c.signed_on AS started_on
  FROM exco.contract c
  UNION ALL
  SELECT c.id, c.signed_on, c.tier, c.scale, cm.mission, cm.started_on
  FROM exco.contract c JOIN exco.contract_mission cm ON cm.contract = c.id
)
SELECT l.contract, l.line, s.contract_year, s.due_on, s.kind, s.amount, g.gap AS ceiling_gap
FROM line l
CROSS JOIN LATERAL (SELECT exco.ceiling_gap(l.line, l.tier, l.scale) AS gap) g
CROSS JOIN LATERAL (
  SELECT array_agg(CASE WHEN mv.variable_ceiling > 0 THEN round(mv.variable_due / mv.variable_ceiling, 20)
                        WHEN mv.variable_ceiling = 0 THEN 0 END
                   ORDER BY y.n) AS rates
  FROM generate_series(1, 5) AS y(n)
  LEFT JOIN exco.mission_variable mv
    ON mv.contract = l.contract AND mv.mission = l.line AND mv.contract_year = y.n) a
CROSS JOIN LATERAL (
  SELECT * FROM exco.payment_schedule(l.signed_on, l.tier, l.line, l.started_on, a.rates, l.scale)
  WHERE g.gap IS NULL
  UNION ALL
  SELECT NULL::integer, NULL::date, 'unknown'::text, NULL::numeric
  WHERE g.gap IS NOT NULL) s;
COMMENT ON VIEW exco.payments IS
  'payment schedule rows of every contract line (fonctionnement and each mission): contract year, due date, kind (advance, balance, variable, variable_pending) and amount; one row of kind unknown with ceiling_gap when the scale does not give the line''s ceiling';

-- Per region and département (the CPTS seat's): CPTS per tier, population covered and its share of
-- the region's (or département's) population, yearly ceilings, variable money earned, late missions.
CREATE VIEW exco.regional_summary AS
WITH cpts_pop AS (
  SELECT p.id, s.region, s.departement, sum(cc_c.population)::bigint AS population
  FROM exco.cpts p
  JOIN exco.commune s ON s.code = p.seat
  LEFT JOIN exco.cpts_commune cc ON cc.cpts = p.id
  LEFT JOIN exco.commune cc_c ON cc_c.code = cc.commune
  GROUP BY p.id, s.region, s.departement
), cpts_row AS (
  SELECT cp.*, exco.tier(coalesce(cp.population, 0)) AS tier,
         o.contract, o.yearly_ceiling, o.ceiling_gap, o.late_missions,
         (SELECT sum(mv.variable_due) FROM exco.mission_variable mv WHERE mv.contract = o.contract) AS variable_due
  FROM cpts_pop cp
  LEFT JOIN exco.contract c ON c.cpts = cp.id AND c.status = 'signed'
  LEFT JOIN exco.contract_overview o ON o.contract = c.id
), area_pop AS (
  SELECT region, departement, sum(population) AS population
  FROM exco.commune GROUP BY GROUPING SETS ((region), (region, departement))
)
SELECT r.region, rg.name AS region_name, r.departement, d.name AS departement_name,
       r.cpts, r.tier_1, r.tier_2, r.tier_3, r.tier_4, r.population_covered,
       round(100.0 * r.population_covered / nullif(ap.population, 0), 1) AS population_share_pct,
       r.contracts, r.yearly_ceiling, r.contracts_with_gap, r.variable_due, r.late_missions
FROM (
  SELECT region, departement,
         count(*) AS cpts,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '1') AS tier_1,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '2') AS tier_2,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '3') AS tier_3,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '4') AS tier_4,
         coalesce(sum(population), 0) AS population_covered,
         count(contract) AS contracts,
         sum(yearly_ceiling) AS yearly_ceiling,
         count(*) FILTER (WHERE ceiling_gap IS NOT NULL) AS contracts_with_gap,
         coalesce(sum(variable_due), 0) AS variable_due,
         coalesce(sum(late_missions), 0) AS late_missions
  FROM cpts_row
  GROUP BY GROUPING SETS ((region), (region, departement))
) r
JOIN exco.region rg ON rg.code = r.region
LEFT JOIN exco.departement d ON d.code = r.departement
JOIN area_pop ap ON ap.region = r.region AND ap.departement IS NOT DISTINCT FROM r.departement;
COMMENT ON VIEW exco.regional_summary IS
  'per region (departement NULL) and per département of the CPTS seats: CPTS count per tier, population covered and its share of the area''s population (%), signed contracts, sum of their yearly ceilings (contracts whose scale has a gap are counted apart), variable money due, late missions';
