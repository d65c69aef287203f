-- The coordinator: exco, postgres_fdw, one server per shard (extensions 'exco': exco's IMMUTABLE
-- functions, operators, types and aggregate may be shipped; fetch_size: rows per round trip;
-- async_capable: the shards' foreign scans of one Append run concurrently; use_remote_estimate:
-- costs from the shards, without which the planner prefers joining locally), schema fed with the
-- three tables partitioned by region whose partitions are foreign tables on the shards, and
-- schema one with the same rows in plain local tables (the single-node reference).
-- psql variables: host0, host1, host2 (an address or a socket directory), port0, port1, port2,
-- fdw_user, contracts, all_regions (test/fdw/load.sh sets them).
SET client_min_messages = warning;
CREATE EXTENSION exco;
SELECT exco.create_tables();
CREATE EXTENSION postgres_fdw;
SELECT format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %L, port %L, dbname %L, extensions %L, fetch_size %L, async_capable %L, use_remote_estimate %L)',
              'shard' || i, h, p, 'exco_shard', 'exco', '10000', 'true', 'true'),
       format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L)', 'shard' || i, :'fdw_user')
FROM unnest(ARRAY[:'host0', :'host1', :'host2'], ARRAY[:'port0', :'port1', :'port2']) WITH ORDINALITY AS s(h, p, k),
     LATERAL (SELECT k - 1 AS i) AS n
\gexec

CREATE SCHEMA fed;
\set sch fed
\set part 'PARTITION BY LIST (region)'
\ir tables.sql
-- Region number n (0..17, in INSEE code order) lives on shard n mod 3.
SELECT format('CREATE FOREIGN TABLE fed.%I PARTITION OF fed.%I FOR VALUES IN (%L) SERVER %I OPTIONS (schema_name %L, table_name %L)',
              t || '_r' || r, t, r, 'shard' || (k - 1) % 3, 'fed', t || '_r' || r)
FROM unnest(ARRAY[:all_regions]) WITH ORDINALITY AS g(r, k), unnest('{contract,mission,measure}'::text[]) AS t
ORDER BY k, t \gexec

CREATE SCHEMA one;
\set sch one
\set part ''
\ir tables.sql
\set regions :all_regions
\ir data.sql
ANALYZE one.contract, one.mission, one.measure;
-- Statistics of each foreign partition (all its rows: fewer than ANALYZE's 30 000-row sample, so
-- the same on every run); the partitioned parents are left without (their sample would be random).
SELECT format('ANALYZE fed.%I', c.relname) FROM pg_foreign_table f JOIN pg_class c ON c.oid = f.ftrelid
ORDER BY c.relname \gexec

-- The suite's queries, on the shards (fed) and on one node (one).
\set sch fed
\ir queries.sql
\set sch one
\ir queries.sql

-- Scales on every node: each shard's exco.scale_state (read by exco.scale_fingerprint_check()) and
-- exco.scale (to load an amendment on a shard from here), in schema scales_shard<i>.
SELECT format('CREATE SCHEMA %I', 'scales_shard' || i),
       format('IMPORT FOREIGN SCHEMA exco LIMIT TO (scale_state, scale) FROM SERVER %I INTO %I',
              'shard' || i, 'scales_shard' || i)
FROM generate_series(0, 2) AS i \gexec
-- Every shard's scale state, for exco.scale_fingerprint_check(node, fingerprint).
CREATE VIEW public.shard_scale_state AS
SELECT 'shard0' AS node, * FROM scales_shard0.scale_state
UNION ALL SELECT 'shard1', * FROM scales_shard1.scale_state
UNION ALL SELECT 'shard2', * FROM scales_shard2.scale_state;
