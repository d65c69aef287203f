-- One shard: exco, schema fed with the three tables partitioned by region, one local partition
-- per region of this shard (fed.contract_r11 ...), the rows of those regions. psql variables:
-- regions (quoted list), contracts.
SET client_min_messages = warning;
CREATE EXTENSION exco;
SELECT exco.create_tables();
CREATE SCHEMA fed;
\set sch fed
\set part 'PARTITION BY LIST (region)'
\ir tables.sql
SELECT format('CREATE TABLE fed.%I PARTITION OF fed.%I FOR VALUES IN (%L)', t || '_r' || r, t, r)
FROM unnest(ARRAY[:regions]) AS r, unnest('{contract,mission,measure}'::text[]) AS t
ORDER BY r, t \gexec
-- Statistics of the tier of each contract partition's populations (4 values), so that the
-- coordinator's remote estimates see 4 groups per region, not one per population, and ship the
-- GROUP BY region, exco.tier_of(population).
SELECT format('CREATE STATISTICS fed.%I ON (exco.tier_of(population)) FROM fed.%I', 'contract_r' || r || '_tier', 'contract_r' || r)
FROM unnest(ARRAY[:regions]) AS r ORDER BY r \gexec
\ir data.sql
ANALYZE;
