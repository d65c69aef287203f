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
   'amounts confirmed (DOC-EC-2022, the 2022 regional brochure: 2 800 € volet 1 + 6 895 € volet 2 = 9 695 €); the date is the first year of practice assessed under amendment 9');

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
