-- Benchmark 1, tier: exco.tier(population) over BENCH_ROWS populations, against
--   sql_case the tiers written as a CASE                     goal marginal ratio <= 0.5
--   plpgsql  the tiers written as a PL/pgSQL function        goal marginal ratio <= 0.1
-- and the floor: the same query with the function replaced by reading its argument,
-- sum((pop >= 0)::int) (tier_vs_floor, no goal). Marginal ratio = (exco - floor) / (baseline - floor).
-- Populations are uniform in 0..400 000, so every tier occurs.

\warn == tier: generating :rows populations
SELECT setseed(0.1) \g /dev/null
CREATE TABLE bench.pop AS
  SELECT (random() * 400000)::bigint AS pop FROM generate_series(1, :rows);
VACUUM (FREEZE, ANALYZE) bench.pop;
SELECT pg_prewarm('bench.pop') \g /dev/null

-- What a user would write without exco: same rules (DOMAIN.md §2), same markings as exco.tier,
-- so the planner treats both alike (parallel plans, no inlining difference).
CREATE FUNCTION bench.tier_plpgsql(population bigint) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF population < 0 THEN
    RAISE EXCEPTION 'population must not be negative: %', population USING ERRCODE = '22023';
  ELSIF population < 40000 THEN
    RETURN 1;
  ELSIF population < 80000 THEN
    RETURN 2;
  ELSIF population <= 175000 THEN
    RETURN 3;
  ELSE
    RETURN 4;
  END IF;
END $$;

SELECT bench.check('tier',
  (SELECT sum(exco.tier(pop)::int) FROM bench.pop), 'sql_case',
  (SELECT sum(CASE WHEN pop < 40000 THEN 1 WHEN pop < 80000 THEN 2 WHEN pop <= 175000 THEN 3 ELSE 4 END)
     FROM bench.pop));

\warn == tier: timing
SELECT bench.time_queries(
  ARRAY['tier/exco', 'tier/floor', 'tier/sql_case', 'tier/plpgsql'],
  ARRAY[$q$SELECT sum(exco.tier(pop)::int) FROM bench.pop$q$,
        $q$SELECT sum((pop >= 0)::int) FROM bench.pop$q$,
        $q$SELECT sum(CASE WHEN pop < 40000 THEN 1 WHEN pop < 80000 THEN 2
                           WHEN pop <= 175000 THEN 3 ELSE 4 END) FROM bench.pop$q$,
        $q$SELECT sum(bench.tier_plpgsql(pop)) FROM bench.pop$q$]);

SELECT bench.compare('tier_vs_floor', 'tier/exco', 'floor', 'tier/floor', NULL);
SELECT bench.compare('tier_vs_case', 'tier/exco', 'sql_case', 'tier/sql_case', 0.5, 'tier/floor');
SELECT bench.compare('tier_vs_plpgsql', 'tier/exco', 'plpgsql', 'tier/plpgsql', 0.1, 'tier/floor');

DROP TABLE bench.pop;
