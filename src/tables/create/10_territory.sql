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
