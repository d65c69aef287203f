/*
 * weighted.c — the weighted attainment of a mission (doc/rules.md §4.5) as two plain functions
 * that any engine can combine with sum(), for where the aggregate's internal state cannot
 * travel (postgres_fdw partial aggregates, Citus workers):
 *
 *   exco.weighted_rate(rate, weight) → rate × weight, exact; a NULL rate (missing measure) is 0
 *   exco.weighted_mean(Σ rate × weight, Σ weight) → the mean, rounded half up to 20 decimals
 *
 * so that exco.weighted_mean(sum(exco.weighted_rate(r, w)), sum(w)) = exco.weighted_attainment(r, w)
 * exactly: weighted_rate raises the aggregate's errors for the same rows (same SQLSTATEs, same
 * messages), numeric sums are exact, and weighted_mean rounds the exact quotient the way the
 * aggregate's final function does (half up at 20 decimals, trailing zeros trimmed).
 */
#include "exco.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#define NUM(d)		DatumGetNumeric(d)
#define CMP(a, b)	DatumGetInt32(DirectFunctionCall2(numeric_cmp, (a), (b)))

static const char *
num_text(Datum n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, n));
}

static Datum
num_const(const char *s)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(s), ObjectIdGetDatum(InvalidOid),
							   Int32GetDatum(-1));
}

static bool
num_finite(Datum n)
{
	return !numeric_is_nan(NUM(n)) && !numeric_is_inf(NUM(n));
}

/* The checks of exco.weighted_attainment's transition function, in its order: weight, rate. */
static void
check_weight(Datum w, bool isnull)
{
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("indicator weight must not be NULL"),
				 errhint("Give every indicator a weight; a weight of 0 leaves it out of the mean.")));
	if (!num_finite(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator weight must be a finite number: %s", num_text(w))));
	if (CMP(w, NumericGetDatum(int64_to_numeric(0))) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator weight must not be negative: %s", num_text(w)),
				 errhint("Weights need not sum to 1, but each must be 0 or more.")));
}

static void
check_rate(Datum r)
{
	if (numeric_is_nan(NUM(r)) || CMP(r, NumericGetDatum(int64_to_numeric(0))) < 0 ||
		CMP(r, NumericGetDatum(int64_to_numeric(1))) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attainment rate must be between 0 and 1: %s", num_text(r)),
				 errhint("Compute rates with exco.attainment(), which clamps them to [0, 1].")));
}

/* exco.weighted_rate(rate, weight): not STRICT (a NULL rate is 0, a NULL weight an error). */
PG_FUNCTION_INFO_V1(weighted_rate);
Datum
weighted_rate(PG_FUNCTION_ARGS)
{
	Datum		w = PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1);

	check_weight(w, PG_ARGISNULL(1));
	if (PG_ARGISNULL(0))		/* a missing measure is rate 0 (doc/rules.md §4.5) */
		PG_RETURN_NUMERIC(int64_to_numeric(0));
	check_rate(PG_GETARG_DATUM(0));
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_mul, PG_GETARG_DATUM(0), w));
}

/*
 * a / b rounded half up to 20 decimal places, trailing zeros trimmed; a >= 0, b > 0. In integers,
 * as the aggregate's final function: q = floor((2·a·1e20 + b) / (2·b)), mean = q · 1e-20.
 */
static Datum
mean_round(Datum a, Datum b)
{
	Datum		two = NumericGetDatum(int64_to_numeric(2));
	Datum		e20 = num_const("100000000000000000000");
	Datum		a2 = DirectFunctionCall2(numeric_mul, DirectFunctionCall2(numeric_mul, a, two), e20);
	Datum		q;

	q = DirectFunctionCall2(numeric_div_trunc, DirectFunctionCall2(numeric_add, a2, b),
							DirectFunctionCall2(numeric_mul, b, two));
	return DirectFunctionCall1(numeric_trim_scale, DirectFunctionCall2(numeric_mul, q,
																		 num_const("0.00000000000000000001")));
}

/* exco.weighted_mean(sum_rate_weight, sum_weight): STRICT (sums over no rows are NULL). */
PG_FUNCTION_INFO_V1(weighted_mean);
Datum
weighted_mean(PG_FUNCTION_ARGS)
{
	Datum		rw = PG_GETARG_DATUM(0);
	Datum		w = PG_GETARG_DATUM(1);
	Datum		zero = NumericGetDatum(int64_to_numeric(0));

	if (!num_finite(w) || CMP(w, zero) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sum of the weights must be a finite number, 0 or more: %s", num_text(w)),
				 errhint("Pass sum(weight) over the rows whose exco.weighted_rate(rate, weight) are summed.")));
	if (CMP(w, zero) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("total weight of the indicators is zero"),
				 errhint("A mission's attainment is the weighted mean of its indicators' rates: give at least one indicator a positive weight.")));
	if (!num_finite(rw) || CMP(rw, zero) < 0 || CMP(rw, w) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sum of rate × weight must be between 0 and the sum of the weights %s: %s",
						num_text(w), num_text(rw)),
				 errhint("Pass sum(exco.weighted_rate(rate, weight)): each rate is in [0, 1], so the sum cannot exceed sum(weight).")));
	PG_RETURN_DATUM(mean_round(rw, w));
}
