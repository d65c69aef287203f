-- core (issue 8, names): exco.tier_of(population) for integer, bigint and numeric; exco.tier(bigint)
-- stays one release as a deprecated alias.
CREATE FUNCTION exco.tier_of(population integer) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_of(integer) IS
  'size tier of a CPTS territory of this population: 1 below 40 000, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); negative -> 22023';
CREATE FUNCTION exco.tier_of(population bigint) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_of(bigint) IS
  'size tier of a CPTS territory of this population: 1 below 40 000, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); negative -> 22023';
CREATE FUNCTION exco.tier_of(population numeric) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_of(numeric) IS
  'size tier of a CPTS territory of this population, e.g. exco.tier_of(sum(population)): as exco.tier_of(bigint); a population that is negative, not whole or not finite -> 22023';
COMMENT ON FUNCTION exco.tier(bigint) IS
  'deprecated since 0.2.0, removed in the next release: use exco.tier_of(population), which cannot be read as a cast to exco.tier';
