-- Financing scales (barèmes) as versioned data: SCALES.md, DOMAIN.md §4.
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
