-- exco.tier: the CPTS size tier (doc/rules.md §2), a one-byte base type written 1..4.
-- All functions here are IMMUTABLE STRICT PARALLEL SAFE: they depend on their arguments only.

CREATE TYPE exco.tier;

CREATE FUNCTION exco.tier_in(cstring) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_out(exco.tier) RETURNS cstring
  AS 'MODULE_PATHNAME', 'tier_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_recv(internal) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_send(exco.tier) RETURNS bytea
  AS 'MODULE_PATHNAME', 'tier_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE exco.tier (
  INPUT = exco.tier_in,
  OUTPUT = exco.tier_out,
  RECEIVE = exco.tier_recv,
  SEND = exco.tier_send,
  INTERNALLENGTH = 1,
  PASSEDBYVALUE,
  ALIGNMENT = char,
  STORAGE = plain
);
COMMENT ON TYPE exco.tier IS
  'CPTS size tier (taille) 1..4; input also accepts T1..T4 and ''taille 1''..''taille 4''';
COMMENT ON FUNCTION exco.tier_in(cstring) IS 'text input of exco.tier';
COMMENT ON FUNCTION exco.tier_out(exco.tier) IS 'text output of exco.tier: 1..4';
COMMENT ON FUNCTION exco.tier_recv(internal) IS 'binary input of exco.tier (format-version byte, tier byte)';
COMMENT ON FUNCTION exco.tier_send(exco.tier) IS 'binary output of exco.tier (format-version byte, tier byte)';

-- Comparison. LEAKPROOF: they cannot fail and reveal nothing about their arguments.
CREATE FUNCTION exco.tier_eq(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_ne(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_lt(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_le(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_gt(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_ge(exco.tier, exco.tier) RETURNS boolean
  AS 'MODULE_PATHNAME', 'tier_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_cmp(exco.tier, exco.tier) RETURNS integer
  AS 'MODULE_PATHNAME', 'tier_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_hash(exco.tier) RETURNS integer
  AS 'MODULE_PATHNAME', 'tier_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION exco.tier_hash_extended(exco.tier, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'tier_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION exco.tier_eq(exco.tier, exco.tier) IS 'implementation of = for exco.tier';
COMMENT ON FUNCTION exco.tier_ne(exco.tier, exco.tier) IS 'implementation of <> for exco.tier';
COMMENT ON FUNCTION exco.tier_lt(exco.tier, exco.tier) IS 'implementation of < for exco.tier';
COMMENT ON FUNCTION exco.tier_le(exco.tier, exco.tier) IS 'implementation of <= for exco.tier';
COMMENT ON FUNCTION exco.tier_gt(exco.tier, exco.tier) IS 'implementation of > for exco.tier';
COMMENT ON FUNCTION exco.tier_ge(exco.tier, exco.tier) IS 'implementation of >= for exco.tier';
COMMENT ON FUNCTION exco.tier_cmp(exco.tier, exco.tier) IS 'btree comparison support for exco.tier';
COMMENT ON FUNCTION exco.tier_hash(exco.tier) IS 'hash support for exco.tier';
COMMENT ON FUNCTION exco.tier_hash_extended(exco.tier, bigint) IS 'extended (seeded) hash support for exco.tier';

CREATE OPERATOR exco.= (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_eq,
  COMMUTATOR = OPERATOR(exco.=), NEGATOR = OPERATOR(exco.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR exco.<> (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_ne,
  COMMUTATOR = OPERATOR(exco.<>), NEGATOR = OPERATOR(exco.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR exco.< (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_lt,
  COMMUTATOR = OPERATOR(exco.>), NEGATOR = OPERATOR(exco.>=),
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR exco.<= (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_le,
  COMMUTATOR = OPERATOR(exco.>=), NEGATOR = OPERATOR(exco.>),
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR exco.> (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_gt,
  COMMUTATOR = OPERATOR(exco.<), NEGATOR = OPERATOR(exco.<=),
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR exco.>= (
  LEFTARG = exco.tier, RIGHTARG = exco.tier, FUNCTION = exco.tier_ge,
  COMMUTATOR = OPERATOR(exco.<=), NEGATOR = OPERATOR(exco.<),
  RESTRICT = scalargesel, JOIN = scalargejoinsel);

CREATE OPERATOR CLASS exco.tier_ops DEFAULT FOR TYPE exco.tier USING btree AS
  OPERATOR 1 exco.<,
  OPERATOR 2 exco.<=,
  OPERATOR 3 exco.=,
  OPERATOR 4 exco.>=,
  OPERATOR 5 exco.>,
  FUNCTION 1 exco.tier_cmp(exco.tier, exco.tier);
CREATE OPERATOR CLASS exco.tier_hash_ops DEFAULT FOR TYPE exco.tier USING hash AS
  OPERATOR 1 exco.=,
  FUNCTION 1 exco.tier_hash(exco.tier),
  FUNCTION 2 exco.tier_hash_extended(exco.tier, bigint);

-- Casts to and from integer: the tier number (not a population). Explicit only.
CREATE FUNCTION exco.tier_from_int4(integer) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exco.tier_to_int4(exco.tier) RETURNS integer
  AS 'MODULE_PATHNAME', 'tier_to_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION exco.tier_from_int4(integer) IS
  'cast integer -> exco.tier: the tier number 1..4 (22003 otherwise); not a population';
COMMENT ON FUNCTION exco.tier_to_int4(exco.tier) IS 'cast exco.tier -> integer: the tier number';
CREATE CAST (integer AS exco.tier) WITH FUNCTION exco.tier_from_int4(integer);
CREATE CAST (exco.tier AS integer) WITH FUNCTION exco.tier_to_int4(exco.tier);

-- The tier of a population, and the population range of a tier. exco.tier_of takes integer,
-- bigint and numeric (sum(bigint) is numeric); with bigint and numeric alone an integer literal
-- would match both and be ambiguous.
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
-- Deprecated alias, kept for 0.2.0 only.
CREATE FUNCTION exco.tier(population bigint) RETURNS exco.tier
  AS 'MODULE_PATHNAME', 'tier_of_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier(bigint) IS
  'deprecated since 0.2.0, removed in the next release: use exco.tier_of(population), which cannot be read as a cast to exco.tier';
CREATE FUNCTION exco.tier_bounds(exco.tier) RETURNS int8range
  AS 'MODULE_PATHNAME', 'tier_bounds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.tier_bounds(exco.tier) IS
  'population range of a tier: [0,40000), [40000,80000), [80000,175001), [175001,)';
