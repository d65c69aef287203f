-- Indicator attainment (doc/rules.md §4.5) and stepped indicators (doc/rules.md §8.4, "Indicators in real
-- contracts"). Reference: doc/attainment.md.
--
-- exco.attainment and exco.step_amount are IMMUTABLE STRICT PARALLEL SAFE: they depend on
-- their arguments only, and a NULL argument (an unknown measure, level or direction) gives NULL.
-- The aggregate's support functions are justified one by one below.

CREATE FUNCTION exco.attainment(measured numeric, starting numeric, objective numeric)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'attainment_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.attainment(numeric, numeric, numeric) IS
  'attainment rate of an indicator: (measured - starting) / (objective - starting) clamped to [0, 1], rounded to 20 decimals; rising or falling indicators; objective = starting: 1 only when measured = objective';

CREATE FUNCTION exco.attainment(measured numeric, starting numeric, objective numeric,
                                lower_is_better boolean)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'attainment_rate_directed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.attainment(numeric, numeric, numeric, boolean) IS
  'attainment rate of an indicator whose direction is stated: as exco.attainment(measured, starting, objective), and when objective = starting, 1 at or beyond it in that direction; an objective on the wrong side of the starting level is an error';

CREATE FUNCTION exco.step_amount(measured numeric, thresholds numeric[], amounts numeric[])
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'step_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.step_amount(numeric, numeric[], numeric[]) IS
  'amount earned by a stepped indicator: the amount of the highest threshold reached (thresholds ascending: measured >= threshold; descending: measured <= threshold; a single threshold: >=), 0 short of the first';

CREATE FUNCTION exco.step_amount(measured numeric, thresholds numeric[], amounts numeric[],
                                 lower_is_better boolean)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'step_amount_directed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.step_amount(numeric, numeric[], numeric[], boolean) IS
  'amount earned by a stepped indicator whose direction is stated (needed for a single threshold where lower is better); thresholds that do not follow the direction are an error';

-- exco.weighted_attainment(rate, weight): Σ rate × weight / Σ weight, with an internal state.
-- The support functions take or return `internal`, so SQL cannot call them directly; each
-- checks AggCheckCallContext anyway. All are IMMUTABLE (they depend on their arguments
-- only) and PARALLEL SAFE (the aggregate runs in partial mode in workers).
--
-- NOT STRICT: a NULL rate is a missing measure and counts as rate 0 with its weight
-- (doc/rules.md §4.5), and the first call receives a NULL state.
CREATE FUNCTION exco.weighted_attainment_accum(internal, numeric, numeric) RETURNS internal
  AS 'MODULE_PATHNAME', 'attainment_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_accum(internal, numeric, numeric) IS
  'transition function of exco.weighted_attainment';

-- NOT STRICT: PostgreSQL requires it of a combine function whose state is internal; either
-- state may be NULL (a worker that saw no rows).
CREATE FUNCTION exco.weighted_attainment_combine(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'attainment_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_combine(internal, internal) IS
  'combine function of exco.weighted_attainment (parallel aggregation)';

CREATE FUNCTION exco.weighted_attainment_serialize(internal) RETURNS bytea
  AS 'MODULE_PATHNAME', 'attainment_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_serialize(internal) IS
  'serialization function of exco.weighted_attainment (parallel aggregation)';

CREATE FUNCTION exco.weighted_attainment_deserialize(bytea, internal) RETURNS internal
  AS 'MODULE_PATHNAME', 'attainment_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_deserialize(bytea, internal) IS
  'deserialization function of exco.weighted_attainment (parallel aggregation)';

-- NOT STRICT: with no rows the state is NULL and the result is NULL, as for avg().
CREATE FUNCTION exco.weighted_attainment_final(internal) RETURNS numeric
  AS 'MODULE_PATHNAME', 'attainment_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION exco.weighted_attainment_final(internal) IS
  'final function of exco.weighted_attainment: the weighted mean, rounded to 20 decimals';

CREATE AGGREGATE exco.weighted_attainment(rate numeric, weight numeric) (
  SFUNC = exco.weighted_attainment_accum,
  STYPE = internal,
  SSPACE = 48,
  FINALFUNC = exco.weighted_attainment_final,
  COMBINEFUNC = exco.weighted_attainment_combine,
  SERIALFUNC = exco.weighted_attainment_serialize,
  DESERIALFUNC = exco.weighted_attainment_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE exco.weighted_attainment(numeric, numeric) IS
  'attainment of a mission: weighted mean of its indicators'' rates (each in [0, 1]); a NULL rate (missing measure) counts as 0 with its weight; NULL or negative weight, zero total weight, a rate or weight with more than 1000 decimals (exact up to there) are errors; no rows gives NULL';
