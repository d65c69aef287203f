-- One shard: exco, schema fed with the three tables partitioned by region, one local partition
-- per region of this shard (fed.contract_r11 ...), the rows of those regions. psql variables:
-- regions (quoted list), contracts.
SET client_min_messages = warning;
CREATE EXTENSION exco;
CREATE SCHEMA fed;
\set sch fed
\set part 'PARTITION BY LIST (region)'
\ir tables.sql
SELECT format('CREATE TABLE fed.%I PARTITION OF fed.%I FOR VALUES IN (%L)', t || '_r' || r, t, r)
FROM unnest(ARRAY[:regions]) AS r, unnest('{contract,mission,measure}'::text[]) AS t
ORDER BY r, t \gexec
\ir data.sql
ANALYZE;
