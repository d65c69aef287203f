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
       'amounts confirmed (DOC-AM-2019, the 2019 practical sheet on medical assistants); the date is the signature of amendment 7, the sources do not give its publication'
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
