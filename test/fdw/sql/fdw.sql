-- exco across postgres_fdw shards (run by test/t/040_fdw.pl; set-up in test/fdw/load.sh).
-- fed.* are partitioned by region (18 regions), their partitions foreign tables on 3 shards
-- (region number n on shard n mod 3); one.* hold the same rows on this node. For each query of
-- test/fdw/queries.sql: what is shipped (pg_temp.shipped: the plan on two regions of two shards
-- with each shard's Remote SQL, in a form that is the same on PostgreSQL 15, 17 and 18; and the plan
-- nodes of the whole query, counted), and the sharded answer equal to the single-node answer
-- (EXCEPT ALL both ways empty). How the figures were checked is said at each.
SET enable_partitionwise_aggregate = on;
SET enable_partitionwise_join = on;
\set VERBOSITY terse

-- The plan's nodes, counted: node type (Async when async_capable), and for a foreign scan what it
-- covers (Relations: a join or an aggregate shipped whole; else the table), partition and alias
-- numbers removed: fed.measure_r11 measure_5 reads fed.measure measure.
CREATE FUNCTION pg_temp.plan_nodes(q text) RETURNS TABLE (node text, n bigint) LANGUAGE plpgsql AS $$
DECLARE p jsonb;
BEGIN
  EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) ' || q INTO p;
  RETURN QUERY
  SELECT regexp_replace(regexp_replace(
           concat_ws(' ', CASE WHEN (x ->> 'Async Capable')::boolean THEN 'Async' END,
                     x ->> 'Partial Mode', x ->> 'Node Type', coalesce(x ->> 'Relations', x ->> 'Relation Name')),
           '_r[0-9]{2}', '', 'g'), '_[0-9]+\)', ')', 'g') AS node,
         count(*)
  FROM jsonb_path_query(p, 'strict $.**') WITH ORDINALITY AS j(x, k)
  WHERE jsonb_typeof(x) = 'object' AND x ? 'Node Type'
  GROUP BY 1 ORDER BY min(k);
END $$;
-- Rows the shards sent: the actual rows of every foreign scan of the query, run. Actual Rows is
-- read as numeric: PostgreSQL 18 writes it with two decimals ("222.00", the mean over loops).
CREATE FUNCTION pg_temp.rows_fetched(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE p jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || q INTO p;
  RETURN (SELECT round(sum((x ->> 'Actual Rows')::numeric * (x ->> 'Actual Loops')::numeric))::bigint
          FROM jsonb_path_query(p, 'strict $.**') AS j(x)
          WHERE jsonb_typeof(x) = 'object' AND x ->> 'Node Type' = 'Foreign Scan');
END $$;
-- What ships to the shards, in a form that each PostgreSQL release prints alike and that still
-- changes when what ships changes: the plan's nodes as a tree (node type, Async when
-- async_capable, Partial or Finalize), and under each foreign scan its Remote SQL with
--   * the table aliases renamed r1, r2, ... in the order the FROM clause declares them (postgres_fdw
--     numbers them from a per-query counter that each release advances differently: r11 on 15,
--     r9 on 17, r10 on 18 for the same table);
--   * an equality of two columns written with the smaller first (17 and 18 write r22.id =
--     r9.contract where 15 writes r9.contract = r22.id);
--   * the conditions AND-ed in one pair of parentheses (a join's ON list) sorted.
-- Everything else (tables, columns, functions, constants, GROUP BY, what is left out) is kept as
-- the shard receives it. EXPLAIN's Output lines (the coordinator's side) are left out.
CREATE FUNCTION pg_temp.sort_ands(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
-- s: the text between a pair of parentheses. Each parenthesised group in it is canonicalised first;
-- then, when s is conditions joined by AND, each one in parentheses, they are sorted.
DECLARE n int := length(s); i int := 1; j int; d int; c text; q boolean; part text := '';
        parts text[] := '{}';
BEGIN
  WHILE i <= n LOOP
    c := substr(s, i, 1);
    IF c = '''' THEN                                   -- a literal, to its closing quote
      j := strpos(substr(s, i + 1), '''');
      part := part || substr(s, i, j + 1); i := i + j + 1;
    ELSIF c = '(' THEN                                 -- a group, to its closing parenthesis
      j := i + 1; d := 1; q := false;
      WHILE d > 0 LOOP
        c := substr(s, j, 1);
        IF c = '''' THEN q := NOT q;
        ELSIF NOT q AND c = '(' THEN d := d + 1;
        ELSIF NOT q AND c = ')' THEN d := d - 1;
        END IF;
        j := j + 1;
      END LOOP;
      part := part || '(' || pg_temp.sort_ands(substr(s, i + 1, j - i - 2)) || ')'; i := j;
    ELSIF substr(s, i, 5) = ' AND ' THEN
      parts := parts || part; part := ''; i := i + 5;
    ELSE
      part := part || c; i := i + 1;
    END IF;
  END LOOP;
  parts := parts || part;
  IF cardinality(parts) > 1 AND NOT EXISTS (SELECT FROM unnest(parts) p WHERE p !~ '^\(.*\)$') THEN
    parts := ARRAY(SELECT p FROM unnest(parts) p ORDER BY p COLLATE "C");
  END IF;
  RETURN array_to_string(parts, ' AND ');
END $$;
CREATE FUNCTION pg_temp.remote_sql(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE a text; k int := 0; m text[];
BEGIN
  FOR a IN SELECT x[1] FROM regexp_matches(s, '\m[a-z_]+\.[a-z_0-9]+ (r[0-9]+)\M', 'g') AS x LOOP
    k := k + 1;
    s := regexp_replace(s, '\m' || a || '\M', '#' || k || '#', 'g');
  END LOOP;
  s := regexp_replace(s, '#([0-9]+)#', 'r\1', 'g');
  FOR m IN SELECT regexp_matches(s, '\((r[0-9]+\.[a-z_]+) = (r[0-9]+\.[a-z_]+)\)', 'g') LOOP
    IF m[1] COLLATE "C" > m[2] THEN
      s := replace(s, format('(%s = %s)', m[1], m[2]), format('(%s = %s)', m[2], m[1]));
    END IF;
  END LOOP;
  RETURN pg_temp.sort_ands(s);
END $$;
CREATE FUNCTION pg_temp.plan_tree(n jsonb, depth int) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE c jsonb;
BEGIN
  RETURN NEXT repeat('  ', depth) || concat_ws(' ', CASE WHEN (n ->> 'Async Capable')::boolean THEN 'Async' END,
                                              nullif(n ->> 'Partial Mode', 'Simple'), n ->> 'Node Type');
  IF n ? 'Remote SQL' THEN
    RETURN NEXT repeat('  ', depth + 1) || 'Remote SQL: ' || pg_temp.remote_sql(n ->> 'Remote SQL');
  END IF;
  FOR c IN SELECT jsonb_array_elements(coalesce(n -> 'Plans', '[]')) LOOP
    RETURN QUERY SELECT pg_temp.plan_tree(c, depth + 1);
  END LOOP;
END $$;
CREATE FUNCTION pg_temp.shipped(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE p jsonb;
BEGIN
  EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) ' || q INTO p;
  RETURN QUERY SELECT pg_temp.plan_tree(p -> 0 -> 'Plan', 0);
END $$;
-- The form on fixed text: the Remote SQL of one region of q_today as PostgreSQL 15 and 17 print it
-- (aliases r12/r25 and r10/r23, the equality on id written either way) are one, and the same SQL on
-- another table or with one join condition fewer is not.
SELECT pg_temp.remote_sql(v15) AS normalised, pg_temp.remote_sql(v15) = pg_temp.remote_sql(v17) AS same_15_17,
       pg_temp.remote_sql(v15) = pg_temp.remote_sql(replace(v17, 'fed.mission_r11', 'fed.mission_r84')) AS same_other_table,
       pg_temp.remote_sql(v15) = pg_temp.remote_sql(replace(v17, '((r23.id = r10.contract)) AND ', '')) AS same_one_condition_fewer
FROM (VALUES ('SELECT r25.region, r12.mission FROM (fed.mission_r11 r12 INNER JOIN fed.contract_r11 r25 ON (((r12.region = r25.region)) AND ((r12.contract = r25.id)) AND ((r25.region = ANY (''{11,84}''::text[])))))',
              'SELECT r23.region, r10.mission FROM (fed.mission_r11 r10 INNER JOIN fed.contract_r11 r23 ON (((r10.region = r23.region)) AND ((r23.id = r10.contract)) AND ((r23.region = ANY (''{11,84}''::text[])))))')) AS t(v15, v17);
-- fed.<view> against one.<view>: rows, rows of fed not in one, rows of one not in fed.
CREATE FUNCTION pg_temp.same(v text) RETURNS TABLE (query text, answer_rows bigint, fed_not_one bigint, one_not_fed bigint)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT %L, (SELECT count(*) FROM fed.%I), (SELECT count(*) FROM (TABLE fed.%I EXCEPT ALL TABLE one.%I) d),
            (SELECT count(*) FROM (TABLE one.%I EXCEPT ALL TABLE fed.%I) d)', v, v, v, v, v, v, v);
END $$;

-- ============================================================ the set-up
-- The servers' options (hosts and ports vary from run to run and are left out).
SELECT srvname, array_agg(o ORDER BY o) FILTER (WHERE o !~ '^(host|port)=') AS options
FROM pg_foreign_server, unnest(srvoptions) AS o GROUP BY srvname ORDER BY srvname;
-- Partitions per shard: 6 regions × 3 tables each.
SELECT s.srvname, count(*) AS foreign_partitions, string_agg(DISTINCT substring(c.relname from '_r(..)$'), ' ') AS regions
FROM pg_foreign_table f JOIN pg_foreign_server s ON s.oid = f.ftserver JOIN pg_class c ON c.oid = f.ftrelid
WHERE c.relnamespace = 'fed'::regnamespace
GROUP BY s.srvname ORDER BY s.srvname;
-- The same rows on the shards as here: 4 000 contracts, 4 × 4 000 + 1 333 (qualite, id mod 3 = 0)
-- + 800 (accompagnement, id mod 5 = 0) = 18 133 missions, 4 000 × 10 × 5 = 200 000 measures.
SELECT (SELECT count(*) FROM fed.contract) AS contracts, (SELECT count(*) FROM fed.mission) AS missions,
       (SELECT count(*) FROM fed.measure) AS measures,
       (SELECT count(*) FROM (TABLE fed.measure EXCEPT ALL TABLE one.measure) d) AS measures_not_here,
       (SELECT count(*) FROM (TABLE fed.mission EXCEPT ALL TABLE one.mission) d) AS missions_not_here,
       (SELECT count(*) FROM (TABLE fed.contract EXCEPT ALL TABLE one.contract) d) AS contracts_not_here;

-- ============================================================ shipped: tiers
SELECT pg_temp.shipped($$SELECT * FROM fed.q_tiers WHERE region IN ('11', '84')$$) AS shipped;
SELECT * FROM pg_temp.plan_nodes('SELECT * FROM fed.q_tiers');
SELECT * FROM pg_temp.same('q_tiers');

-- ============================================================ shipped: deadline statuses on a date
SELECT pg_temp.shipped($$SELECT * FROM fed.q_deadlines WHERE region IN ('11', '84')$$) AS shipped;
SELECT * FROM pg_temp.plan_nodes('SELECT * FROM fed.q_deadlines');
SELECT * FROM pg_temp.same('q_deadlines');

-- ============================================================ shipped: the attainment aggregate
SELECT pg_temp.shipped($$SELECT * FROM fed.q_attainment WHERE region IN ('11', '84')$$) AS shipped;
SELECT * FROM pg_temp.plan_nodes('SELECT * FROM fed.q_attainment');
SELECT * FROM pg_temp.same('q_attainment');

-- ============================================================ shipped: the per-département summary
-- The additive sums per département: three aggregates per region, each shipped whole (with its
-- join), 18 × 3 = 54 foreign scans; the summary adds region and France rows on the coordinator.
SELECT pg_temp.shipped($$SELECT * FROM fed.q_departement_sums WHERE region IN ('11', '84')$$) AS shipped;
SELECT * FROM pg_temp.plan_nodes('SELECT * FROM fed.q_summary');
SELECT * FROM pg_temp.same('q_departement_sums');
SELECT * FROM pg_temp.same('q_summary');
-- 101 départements, 18 regions, 1 France row.
SELECT level, count(*) FROM fed.q_summary GROUP BY level ORDER BY level;
-- The France row checked against direct queries on one node (no summary, no weighted_mean): the
-- contracts signed by 2024-06-30, their missions, measures, and the aggregate's attainment.
SELECT s.contracts = (SELECT count(*) FROM one.contract WHERE signed_on <= '2024-06-30') AS contracts_ok,
       s.tier_1 + s.tier_2 + s.tier_3 + s.tier_4 = s.contracts AS tiers_add_up,
       s.missions = (SELECT count(*) FROM one.mission m JOIN one.contract c ON c.id = m.contract
                      WHERE c.signed_on <= '2024-06-30') AS missions_ok,
       s.measures = 50 * s.contracts AS measures_ok,
       s.attainment = (SELECT exco.weighted_attainment(exco.attainment(x.value, x.starting, x.objective), x.weight)
                         FROM one.measure x JOIN one.contract c ON c.id = x.contract
                        WHERE c.signed_on <= '2024-06-30') AS attainment_ok
FROM fed.q_summary s WHERE level = 'france';
-- For the record: France and two regions (checked above, and equal to one node's).
SELECT * FROM fed.q_summary WHERE level = 'france' OR (level = 'region' AND region IN ('11', '84'))
ORDER BY level, region;

-- ============================================================ not shipped 1: a STABLE function
-- exco.scale_ceiling is computed here for every contract: the 222 + 222 contract rows of the two
-- regions travel (ids 5, 23, ... 3 983 and 15, 33, ... 3 993), all 4 000 for the whole query. The
-- rewrite ships the count per region and tier (18 × 4 = 72 rows) and applies the ceiling here.
SELECT pg_temp.shipped($$SELECT * FROM fed.q_ceiling WHERE region IN ('11', '84')$$) AS shipped;
SELECT pg_temp.shipped($$SELECT * FROM fed.q_ceiling_rewrite WHERE region IN ('11', '84')$$) AS shipped;
SELECT pg_temp.rows_fetched('SELECT * FROM fed.q_ceiling') AS rows_fetched,
       pg_temp.rows_fetched('SELECT * FROM fed.q_ceiling_rewrite') AS rows_fetched_rewrite;
SELECT * FROM pg_temp.same('q_ceiling');
SELECT * FROM pg_temp.same('q_ceiling_rewrite');
-- The ceilings by hand: 50 000, 60 000, 75 000, 90 000 € a year for tiers 1 to 4 (aci-cpts-2019,
-- doc/rules.md §8.1) times the contracts of each tier.
SELECT bool_and(c.fonctionnement = t.expected) AS ceiling_is_tiers_times_amounts
FROM fed.q_ceiling c
JOIN (SELECT region, sum(contracts * (ARRAY[50000, 60000, 75000, 90000])[tier::integer]) AS expected
      FROM fed.q_tiers GROUP BY region) t USING (region);

-- ============================================================ not shipped 2: current_date
SELECT pg_temp.shipped($$SELECT * FROM fed.q_today WHERE region IN ('11', '84')$$) AS shipped;
SELECT * FROM pg_temp.same('q_today');

-- ============================================================ not shipped 3: GROUP BY without the partition key
-- Grouped by mission across regions: partial aggregates run here, every measure travels.
-- (Shown on the two regions: the view's query with a WHERE on region.)
SELECT pg_temp.shipped($$SELECT mission, exco.weighted_attainment(exco.attainment(value, starting, objective), weight) AS attainment
FROM fed.measure WHERE region IN ('11', '84') GROUP BY mission$$) AS shipped;
SELECT * FROM pg_temp.plan_nodes('SELECT * FROM fed.q_by_mission');
-- The rewrite: per region and mission on the shards, exco.weighted_mean here (18 × 4 = 72 rows).
SELECT pg_temp.shipped($$SELECT mission, exco.weighted_mean(sum(srw), sum(sw)) AS attainment
FROM (SELECT region, mission, sum(exco.weighted_rate(exco.attainment(value, starting, objective), weight)) AS srw,
             sum(weight) AS sw
      FROM fed.measure WHERE region IN ('11', '84') GROUP BY region, mission) s
GROUP BY mission$$) AS shipped;
SELECT * FROM pg_temp.plan_nodes('SELECT * FROM fed.q_by_mission_rewrite');
SELECT pg_temp.rows_fetched('SELECT * FROM fed.q_by_mission') AS rows_fetched,
       pg_temp.rows_fetched('SELECT * FROM fed.q_by_mission_rewrite') AS rows_fetched_rewrite;
-- The weighted_mean identity across shards: the rewrite on the shards equals the aggregate on one
-- node, digit for digit.
SELECT count(*) AS missions,
       count(*) FILTER (WHERE f.attainment::text = o.attainment::text) AS same_digits
FROM fed.q_by_mission_rewrite f JOIN one.q_by_mission o USING (mission);
SELECT * FROM pg_temp.same('q_by_mission');

-- ============================================================ scales on every node
-- The fingerprint: 64 hex digits, the same whatever DateStyle (dates are hashed as YYYY-MM-DD).
SELECT length(exco.scale_fingerprint()) AS hex_digits, exco.scale_fingerprint() ~ '^[0-9a-f]+$' AS hex;
SELECT exco.scale_fingerprint() AS fp_default \gset
SET DateStyle = 'German, DMY';
SELECT exco.scale_fingerprint() = :'fp_default' AS same_under_german_datestyle;
RESET DateStyle;
-- Every shard installed the same exco: same fingerprint as here.
SELECT node, exco.scale_fingerprint_check(node, fingerprint) AS same FROM shard_scale_state ORDER BY node;
-- An amendment loaded here only: the check warns for each shard.
INSERT INTO exco.scale (scale, effective_from, complete, source)
VALUES ('fdw-test-amendment', '2031-01-01', false, 'postgres_fdw test only');
SELECT node, exco.scale_fingerprint_check(node, fingerprint) AS same FROM shard_scale_state ORDER BY node;
-- Loaded on every shard too (here through the shards' exco.scale; the README loads the same
-- amendment file on every server with psql): the same fingerprint everywhere again.
INSERT INTO scales_shard0.scale SELECT * FROM exco.scale WHERE scale = 'fdw-test-amendment';
INSERT INTO scales_shard1.scale SELECT * FROM exco.scale WHERE scale = 'fdw-test-amendment';
SELECT node, exco.scale_fingerprint_check(node, fingerprint) AS same FROM shard_scale_state ORDER BY node;
INSERT INTO scales_shard2.scale SELECT * FROM exco.scale WHERE scale = 'fdw-test-amendment';
SELECT node, exco.scale_fingerprint_check(node, fingerprint) AS same FROM shard_scale_state ORDER BY node;
SELECT count(DISTINCT fingerprint) AS fingerprints, count(*) AS shards FROM shard_scale_state
WHERE fingerprint = exco.scale_fingerprint();
