-- The three tables of the postgres_fdw test, in schema :sch, :part is 'PARTITION BY LIST (region)'
-- or empty. Every table carries the partition key, region: a contract's missions and measures
-- live on the contract's shard, so joins on (region, contract) stay on one shard.
CREATE TABLE :sch.contract (
  region      text NOT NULL,
  id          bigint NOT NULL,
  departement text NOT NULL,
  population  bigint NOT NULL,
  signed_on   date NOT NULL
) :part;
CREATE TABLE :sch.mission (
  region      text NOT NULL,
  contract    bigint NOT NULL,
  mission     exco.mission NOT NULL,
  started_on  date,
  deployed_on date
) :part;
CREATE TABLE :sch.measure (
  region        text NOT NULL,
  contract      bigint NOT NULL,
  indicator     integer NOT NULL,
  contract_year integer NOT NULL,
  mission       exco.mission NOT NULL,
  value         numeric,
  starting      numeric NOT NULL,
  objective     numeric NOT NULL,
  weight        numeric NOT NULL
) :part;
