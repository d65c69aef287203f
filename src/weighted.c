/*
 * weighted.c — the weighted attainment of a mission (doc/rules.md §4.5) as two plain functions
 * that any engine can combine with sum(), for where the aggregate's internal state cannot
 * travel (postgres_fdw partial aggregates, Citus workers):
 *
 *   exco.weighted_rate(rate, weight) → rate × weight, exact; a NULL rate (missing measure) is 0
 *   exco.weighted_mean(Σ rate × weight, Σ weight) → the mean, rounded half up to 20 decimals
 *
 * so that exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) = exco.weighted_attainment(r, w)
 * exactly: weighted_rate applies the aggregate's own row checks (attainment.h), so it raises the
 * same errors for the same rows; numeric sums are exact; and weighted_mean rounds the exact
 * quotient with the aggregate's own ratio_round() and raises its zero-weight error.
 */
#include "exco.h"
#include "attainment.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

static bool
num_finite(Numeric n)
{
	return !numeric_is_nan(n) && !numeric_is_inf(n);
}

/* exco.weighted_rate(rate, weight): not STRICT (a NULL rate is 0, a NULL weight an error). */
PG_FUNCTION_INFO_V1(weighted_rate);
Datum
weighted_rate(PG_FUNCTION_ARGS)
{
	Numeric		w = PG_ARGISNULL(1) ? NULL : PG_GETARG_NUMERIC(1);

	attainment_check_weight(w, PG_ARGISNULL(1));
	if (PG_ARGISNULL(0))		/* a missing measure is rate 0 (doc/rules.md §4.5) */
		PG_RETURN_NUMERIC(int64_to_numeric(0));
	attainment_check_rate(PG_GETARG_NUMERIC(0));
	PG_RETURN_NUMERIC(num_mul(PG_GETARG_NUMERIC(0), w));
}

/* exco.weighted_mean(sum_rate_weight, sum_weight): STRICT (sums over no rows are NULL). */
PG_FUNCTION_INFO_V1(weighted_mean);
Datum
weighted_mean(PG_FUNCTION_ARGS)
{
	Numeric		rw = PG_GETARG_NUMERIC(0);
	Numeric		w = PG_GETARG_NUMERIC(1);

	if (!num_finite(w) || num_sign(w) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sum of the weights must be a finite number, 0 or more: %s", num_str(w)),
				 errhint("Pass sum(weight) over the rows whose exco.weighted_rate(rate, weight) are summed.")));
	if (num_sign(w) == 0)
		attainment_zero_weight();
	if (!num_finite(rw) || num_sign(rw) < 0 || num_cmp(rw, w) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sum of rate × weight must be between 0 and the sum of the weights %s: %s",
						num_str(w), num_str(rw)),
				 errhint("Pass sum(exco.weighted_rate(rate, weight)): each rate is in [0, 1], so the sum cannot exceed sum(weight).")));
	PG_RETURN_NUMERIC(ratio_round(rw, w));
}
