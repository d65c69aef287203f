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
#include "step_core.h"

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

static int
step_cmp(uintptr_t a, uintptr_t b, void *ctx)
{
	return dnum_cmp((Datum) a, (Datum) b);
}

/* Raise the error of a problem step_core.c found. */
static void
step_problem(StepCheck c, const Datum *th, const Datum *am, int nt, int na, int direction)
{
	int			i = c.index;

	switch (c.problem)
	{
		case STEP_OK:
			return;
		case STEP_LENGTHS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds and amounts must have the same length: %d thresholds, %d amounts",
							nt, na),
					 errhint("Each threshold pays the amount at the same position.")));
			break;
		case STEP_FIRST_TWO_EQUAL:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds must be strictly ascending or strictly descending: element 2 (%s) equals element 1 (%s)",
							dnum_str(th[1]), dnum_str(th[0]))));
			break;
		case STEP_WRONG_DIRECTION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds are %s (element 1 = %s, element 2 = %s) but lower_is_better is %s",
							c.order > 0 ? "ascending" : "descending", dnum_str(th[0]), dnum_str(th[1]),
							direction < 0 ? "true" : "false"),
					 errhint("When lower is better, list the thresholds from the highest (first level) to the lowest (best level).")));
			break;
		case STEP_NOT_MONOTONE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds must be strictly %s, as elements 1 and 2 are: element %d (%s) is not %s element %d (%s)",
							c.order > 0 ? "ascending" : "descending", i + 1, dnum_str(th[i]),
							c.order > 0 ? "above" : "below", i, dnum_str(th[i - 1]))));
			break;
		case STEP_AMOUNT_NEGATIVE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("amounts element %d must not be negative: %s", i + 1, dnum_str(am[i]))));
			break;
		case STEP_AMOUNT_DECREASES:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("amounts must not decrease from one level to the next: element %d (%s) is less than element %d (%s)",
							i + 1, dnum_str(am[i]), i, dnum_str(am[i - 1])),
					 errhint("A better level pays at least as much as the level before it.")));
			break;
	}
}

/*
 * direction: +1 higher is better, -1 lower is better, 0 infer it from the thresholds
 * (a single threshold: higher is better). The rules are step_core.c's.
 */
static Datum
step_amount_core(Datum measured, ArrayType *tarr, ArrayType *aarr, int direction)
{
	Datum	   *th;
	Datum	   *am;
	int			nt;
	int			na;
	Datum		zero = NumericGetDatum(int64_to_numeric(0));
	StepCheck	c;
	int			level;

	if (numeric_is_nan(DatumGetNumeric(measured)) || numeric_is_inf(DatumGetNumeric(measured)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("measured value must be a finite number: %s", dnum_str(measured))));

	th = step_elements(tarr, "thresholds", &nt);
	am = step_elements(aarr, "amounts", &na);
	c = exco_step_check((const uintptr_t *) th, nt, (const uintptr_t *) am, na, (uintptr_t) zero,
						direction, step_cmp, NULL);
	step_problem(c, th, am, nt, na, direction);

	/* The highest level reached pays. */
	level = exco_step_level((uintptr_t) measured, (const uintptr_t *) th, nt, c.order, step_cmp, NULL);
	return level >= 0 ? am[level] : zero;
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
