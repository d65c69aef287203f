-- The weighted attainment of a mission (doc/rules.md §4.5) as two plain functions whose partial
-- results are combined with sum(): what postgres_fdw can ship to each shard and Citus can push
-- to each worker, where exco.weighted_attainment's internal state cannot travel.
--   exco.weighted_mean(sum(exco.weighted_rate(rate, weight)), sum(weight))
--     = exco.weighted_attainment(rate, weight), exactly, errors included.

-- IMMUTABLE PARALLEL SAFE: depends on its arguments only. NOT STRICT, as the aggregate's
-- transition function: a NULL rate is a missing measure and counts as rate 0 (the result is 0,
-- its weight still counts in sum(weight)); a NULL weight raises 22004 as the aggregate does,
-- instead of a NULL that sum() would skip silently.
CREATE FUNCTION exco.weighted_rate(rate numeric, weight numeric) RETURNS numeric
  AS 'MODULE_PATHNAME', 'weighted_rate' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_rate(numeric, numeric) IS
  'rate × weight, exact, for exco.weighted_mean(sum(exco.weighted_rate(rate, weight)), sum(weight)); a NULL rate counts as 0; the checks of exco.weighted_attainment: NULL weight → 22004, negative or infinite weight, rate outside [0, 1], a rate or weight with more than 1000 decimals → 22023';

-- IMMUTABLE STRICT PARALLEL SAFE: sums over no rows are NULL, and the mean of no rows is NULL,
-- as the aggregate's.
CREATE FUNCTION exco.weighted_mean(sum_rate_weight numeric, sum_weight numeric) RETURNS numeric
  AS 'MODULE_PATHNAME', 'weighted_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_mean(numeric, numeric) IS
  'weighted mean sum_rate_weight / sum_weight rounded half up to 20 decimals, as exco.weighted_attainment: exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) = exco.weighted_attainment(r, w); zero total weight → 22012; a sum outside [0, sum_weight] → 22023';
