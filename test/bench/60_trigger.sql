-- Benchmark 6, trigger: 100 000 contract rows inserted (one INSERT ... SELECT) into a user table
-- guarded by exco.validate_contract(), against the same insert into the same table without the
-- trigger                                                                  goal ratio <= 1.3
-- Each run starts from an empty table (TRUNCATE, not timed). The user table has the columns of
-- exco.contract and a primary key, no foreign keys. The rows are valid contracts: tier =
-- exco.tier(population), 5 years, scale 'aci-cpts-2019' (signed 2019-08-25 .. 2022-03-31), the
-- socle missions of that scale plus optional ones.
-- The trigger itself is created in test/bench/trigger_setup.sql (its arguments are exco's to
-- define): fix it there.

SELECT bench.has_function('validate_contract') AS has_trigger \gset
\if :has_trigger

\warn == trigger: generating 100 000 contracts
SELECT setseed(0.6) \g /dev/null
CREATE TABLE bench.contract_src AS
  SELECT i AS id, 1 + i % 5000 AS cpts, signed_on, (signed_on + interval '5 years')::date AS ends_on,
         '84' AS region, '01' AS cpam_departement, 'aci-cpts-2019' AS scale,
         population, exco.tier(population) AS tier,
         CASE WHEN random() < 0.5 THEN '{acces_soins,parcours,prevention}'::exco.mission[]
              ELSE '{acces_soins,parcours,prevention,qualite,accompagnement}'::exco.mission[] END AS missions,
         'signed'::exco.contract_status AS status
    FROM (SELECT i, DATE '2019-08-25' + (random() * (DATE '2022-03-31' - DATE '2019-08-25'))::integer AS signed_on,
                 (5000 + random() * 300000)::bigint AS population
            FROM generate_series(1, 100000) i) g;

CREATE TABLE bench.contract_plain (
  id               bigint PRIMARY KEY,
  cpts             bigint NOT NULL,
  signed_on        date NOT NULL,
  ends_on          date NOT NULL,
  region           text NOT NULL,
  cpam_departement text NOT NULL,
  scale            text NOT NULL,
  population       bigint NOT NULL,
  tier             exco.tier NOT NULL,
  missions         exco.mission[] NOT NULL,
  status           exco.contract_status NOT NULL DEFAULT 'signed'
);
CREATE TABLE bench.contract_checked (LIKE bench.contract_plain INCLUDING ALL);

\ir trigger_setup.sql

VACUUM (FREEZE, ANALYZE) bench.contract_src;
SELECT pg_prewarm('bench.contract_src') \g /dev/null

\warn == trigger: timing
SELECT bench.time_queries(
  ARRAY['trigger/exco', 'trigger/no_trigger'],
  ARRAY['INSERT INTO bench.contract_checked SELECT * FROM bench.contract_src',
        'INSERT INTO bench.contract_plain SELECT * FROM bench.contract_src'],
  ARRAY['TRUNCATE bench.contract_checked', 'TRUNCATE bench.contract_plain']);

SELECT bench.compare('trigger', 'trigger/exco', 'no_trigger', 'trigger/no_trigger', 1.3);

DROP TABLE bench.contract_src, bench.contract_plain, bench.contract_checked;

\else
SELECT bench.skip('trigger', 'exco.validate_contract not installed');
\endif
