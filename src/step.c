/*
 * step.c — stepped indicators (doc/rules.md §8.4, indicators in real contracts): ordered thresholds
 * in the wanted direction, each with an amount; the highest level reached pays its amount;
 * short of the first level, nothing.
 *
 *   exco.step_amount(measured, thresholds, amounts [, lower_is_better]) → numeric
 *
 * Thresholds strictly ascending: higher is better, level i is reached when measured >=
 * thresholds[i]. Strictly descending: lower is better, reached when measured <= thresholds[i].
 * A single threshold gives no direction: the three-argument form reads it as "higher is
 * better"; the four-argument form states the direction and checks the thresholds follow it.
 */
#include "exco.h"
#include "numeric_util.h"

#include "catalog/pg_type_d.h"
#include "utils/array.h"
#include "utils/builtins.h"

/* The numeric helpers, on datums. */
#define dnum_str(d)		num_str(DatumGetNumeric(d))
#define dnum_cmp(a, b)	num_cmp(DatumGetNumeric(a), DatumGetNumeric(b))

/*
 * Check one of the two arrays and return its elements; every error names the array (what)
 * and the 1-based position of the offending element.
 */
static Datum *
step_elements(ArrayType *arr, const char *what, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	int			i;

	if (ARR_NDIM(arr) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be empty", what),
				 errhint("A stepped indicator has at least one threshold, each with its amount.")));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, not %d-dimensional", what, ARR_NDIM(arr))));

	deconstruct_array(arr, NUMERICOID, -1, false, TYPALIGN_INT, &elems, &nulls, n);
	for (i = 0; i < *n; i++)
	{
		Numeric		v;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s element %d is NULL", what, i + 1)));
		v = DatumGetNumeric(elems[i]);
		if (numeric_is_nan(v) || numeric_is_inf(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s element %d must be a finite number: %s", what, i + 1,
							dnum_str(elems[i]))));
		elems[i] = NumericGetDatum(v);
	}
	return elems;
}

/*
 * direction: +1 higher is better, -1 lower is better, 0 infer it from the thresholds
 * (a single threshold: higher is better).
 */
static Datum
step_amount_core(Datum measured, ArrayType *tarr, ArrayType *aarr, int direction)
{
	Datum	   *th;
	Datum	   *am;
	int			nt;
	int			na;
	int			order;
	int			i;

	if (numeric_is_nan(DatumGetNumeric(measured)) || numeric_is_inf(DatumGetNumeric(measured)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("measured value must be a finite number: %s", dnum_str(measured))));

	th = step_elements(tarr, "thresholds", &nt);
	am = step_elements(aarr, "amounts", &na);
	if (nt != na)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("thresholds and amounts must have the same length: %d thresholds, %d amounts",
						nt, na),
				 errhint("Each threshold pays the amount at the same position.")));

	/* The order of the first two thresholds sets the direction; the rest must follow it. */
	order = nt >= 2 ? dnum_cmp(th[1], th[0]) : (direction != 0 ? direction : 1);
	if (order == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("thresholds must be strictly ascending or strictly descending: element 2 (%s) equals element 1 (%s)",
						dnum_str(th[1]), dnum_str(th[0]))));
	if (direction != 0 && order != direction)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("thresholds are %s (element 1 = %s, element 2 = %s) but lower_is_better is %s",
						order > 0 ? "ascending" : "descending", dnum_str(th[0]), dnum_str(th[1]),
						direction < 0 ? "true" : "false"),
				 errhint("When lower is better, list the thresholds from the highest (first level) to the lowest (best level).")));
	for (i = 2; i < nt; i++)
		if (dnum_cmp(th[i], th[i - 1]) != order)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds must be strictly %s, as elements 1 and 2 are: element %d (%s) is not %s element %d (%s)",
							order > 0 ? "ascending" : "descending", i + 1, dnum_str(th[i]),
							order > 0 ? "above" : "below", i, dnum_str(th[i - 1]))));

	for (i = 0; i < na; i++)
	{
		if (dnum_cmp(am[i], NumericGetDatum(int64_to_numeric(0))) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("amounts element %d must not be negative: %s", i + 1, dnum_str(am[i]))));
		if (i > 0 && dnum_cmp(am[i], am[i - 1]) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("amounts must not decrease from one level to the next: element %d (%s) is less than element %d (%s)",
							i + 1, dnum_str(am[i]), i, dnum_str(am[i - 1])),
					 errhint("A better level pays at least as much as the level before it.")));
	}

	/* The highest level reached pays. */
	for (i = nt - 1; i >= 0; i--)
		if (dnum_cmp(measured, th[i]) * order >= 0)
			return am[i];
	return NumericGetDatum(int64_to_numeric(0));
}

PG_FUNCTION_INFO_V1(step_amount);
Datum
step_amount(PG_FUNCTION_ARGS)
{
	return step_amount_core(PG_GETARG_DATUM(0), PG_GETARG_ARRAYTYPE_P(1),
							PG_GETARG_ARRAYTYPE_P(2), 0);
}

PG_FUNCTION_INFO_V1(step_amount_directed);
Datum
step_amount_directed(PG_FUNCTION_ARGS)
{
	return step_amount_core(PG_GETARG_DATUM(0), PG_GETARG_ARRAYTYPE_P(1),
							PG_GETARG_ARRAYTYPE_P(2), PG_GETARG_BOOL(3) ? -1 : 1);
}
