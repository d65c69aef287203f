-- exco.tier: the CPTS size tier (doc/rules.md §2).
\set VERBOSITY sqlstate
-- Comparison operators live in schema exco: qualified, they work with any search_path ...
SELECT '2'::exco.tier OPERATOR(exco.<) 'T3'::exco.tier AS qualified_lt;
-- ... and a session (or ALTER DATABASE ... SET search_path) that includes exco writes them plainly.
SET search_path = public, exco;


-- Text input: every accepted spelling, blanks and case ignored; output is the digit.
SELECT s, s::exco.tier AS tier
FROM unnest(ARRAY['1', '2', '3', '4', 'T1', 't2', ' T3 ', 'T4', 'taille 1', 'TAILLE 2',
                  '  Taille   3  ', 'taille 4']) AS s;

-- Anything else is 22P02 naming the literal.
\set VERBOSITY default
SELECT '0'::exco.tier;
SELECT '5'::exco.tier;
SELECT 'T'::exco.tier;
SELECT 'T12'::exco.tier;
SELECT 'taille'::exco.tier;
SELECT 'taille3'::exco.tier;
SELECT 'tier 3'::exco.tier;
SELECT ''::exco.tier;
SELECT '3.0'::exco.tier;
\set VERBOSITY sqlstate
SELECT 'x'::exco.tier;

-- exco.tier_of(population): every edge of doc/rules.md §2 (tier 1 = [0, 40 000), 2 = [40 000,
-- 80 000), 3 = [80 000, 175 000], 4 above), as bigint and as numeric: both columns agree.
SELECT pop, exco.tier_of(pop) AS tier, exco.tier_of(pop::numeric) AS tier_numeric
FROM unnest(ARRAY[0, 1, 39999, 40000, 40001, 79999, 80000, 80001, 174999, 175000,
                  175001, 9223372036854775807]::bigint[]) AS pop;
-- An int literal is a population (integer overload), never a tier number.
SELECT exco.tier_of(3) AS tier_of_3_inhabitants;
-- sum(bigint) is numeric: 30 000 + 50 000 = 80 000 inhabitants, tier 3 (80 000 is its lower edge).
CREATE TABLE tier_of_communes (population bigint);
INSERT INTO tier_of_communes VALUES (30000), (50000);
SELECT exco.tier_of(sum(population)) AS tier_of_sum FROM tier_of_communes;
DROP TABLE tier_of_communes;
-- numeric: a whole value with decimals is fine (40000.000 = 40 000: tier 2); beyond bigint is
-- still a population (1e30: tier 4).
SELECT exco.tier_of(40000.000) AS tier_of_40000_000, exco.tier_of(1e30) AS tier_of_1e30;
\set VERBOSITY default
SELECT exco.tier_of(-1);
SELECT exco.tier_of(80000.5);
SELECT exco.tier_of(-1::numeric);
SELECT exco.tier_of('NaN'::numeric);
\set VERBOSITY sqlstate
SELECT exco.tier_of('Infinity'::numeric);
SELECT exco.tier_of(-1::bigint);
SELECT exco.tier_of(NULL::bigint) IS NULL AS strict_bigint, exco.tier_of(NULL::numeric) IS NULL AS strict_numeric;
-- Markings: IMMUTABLE (v), STRICT, PARALLEL SAFE (s), for every overload.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace AND p.proname IN ('tier_of', 'tier')
ORDER BY 1::text;
-- The deprecated alias still answers, and says it is deprecated.
SELECT exco.tier(152000) AS deprecated_tier,
       obj_description('exco.tier(bigint)'::regprocedure, 'pg_proc') LIKE 'deprecated%' AS says_deprecated;

-- The population range of every tier, and each range agrees with exco.tier_of() at its edges.
SELECT t, exco.tier_bounds(t) AS bounds,
       exco.tier_of(lower(exco.tier_bounds(t))) = t AS lower_edge_ok,
       upper(exco.tier_bounds(t)) IS NULL OR exco.tier_of(upper(exco.tier_bounds(t)) - 1) = t AS upper_edge_ok
FROM unnest('{1,2,3,4}'::exco.tier[]) AS t;

-- Casts to and from integer (the tier number).
SELECT i::exco.tier AS tier, i::exco.tier::integer AS back FROM generate_series(1, 4) AS i;
\set VERBOSITY default
SELECT 0::exco.tier;
SELECT 5::exco.tier;
\set VERBOSITY sqlstate
SELECT (-7)::exco.tier;
-- No implicit cast: an integer is not silently a tier.
SELECT exco.tier_bounds(2);

-- Comparison operators.
SELECT a, b, a < b AS lt, a <= b AS le, a = b AS eq, a <> b AS ne, a >= b AS ge, a > b AS gt
FROM unnest('{1,2,4}'::exco.tier[]) AS a, unnest('{2,4}'::exco.tier[]) AS b ORDER BY a, b;

-- btree and hash opclasses: sort, index, hash join, hash aggregate.
CREATE TABLE tier_t (id int, t exco.tier);
INSERT INTO tier_t SELECT i, (1 + (i * 7) % 4)::exco.tier FROM generate_series(1, 1000) AS i;
CREATE INDEX tier_t_btree ON tier_t USING btree (t);
CREATE INDEX tier_t_hash ON tier_t USING hash (t);
ANALYZE tier_t;
SELECT t, count(*) FROM tier_t GROUP BY t ORDER BY t DESC;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM tier_t WHERE t = '3';
SELECT count(*) FROM tier_t WHERE t = '3';
SELECT count(*) FROM tier_t WHERE t > 'T2';
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM tier_t a JOIN tier_t b ON a.t = b.t WHERE a.id < 10;
SELECT count(*) FROM tier_t a JOIN tier_t b ON a.t = b.t WHERE a.id < 10;
RESET enable_mergejoin;
RESET enable_nestloop;

-- Binary COPY round trip.
CREATE TABLE tier_copy (LIKE tier_t);
\copy tier_t TO 'results/tier.bin' WITH (FORMAT binary)
\copy tier_copy FROM 'results/tier.bin' WITH (FORMAT binary)
SELECT count(*) AS same FROM tier_t JOIN tier_copy USING (id, t);
SELECT exco.tier_send('4') AS wire;
-- A bytea field with the same bytes as a tier reads back as that tier ...
CREATE TABLE tier_bad (t exco.tier);
\copy (SELECT '\x0103'::bytea) TO 'results/tier_ok.bin' WITH (FORMAT binary)
\copy tier_bad FROM 'results/tier_ok.bin' WITH (FORMAT binary)
SELECT t FROM tier_bad;
-- ... and a wrong format-version byte or an out-of-range tier byte is refused.
\set VERBOSITY default
\copy (SELECT '\x0203'::bytea) TO 'results/tier_v2.bin' WITH (FORMAT binary)
\copy tier_bad FROM 'results/tier_v2.bin' WITH (FORMAT binary)
\copy (SELECT '\x0109'::bytea) TO 'results/tier_9.bin' WITH (FORMAT binary)
\copy tier_bad FROM 'results/tier_9.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
SELECT count(*) AS still_one_row FROM tier_bad;
DROP TABLE tier_t, tier_copy, tier_bad;
