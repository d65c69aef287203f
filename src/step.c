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

#include "access/tupmacs.h"
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
 * The fast path, for what stepped indicators look like: a few levels, no NULL. The values are
 * compared on their stored digits (numeric_digits, exco_numeric_digits_cmp: numeric's order,
 * without the fmgr call and the copy of a short-header value at each comparison), the arrays
 * are read in place, the measured value once. The rules are the same step_core.c functions, on
 * indices into the values read. Whatever it cannot read that way (NaN or infinity, NULL
 * elements, other dimensions, more than STEP_FAST_LEVELS levels) or finds invalid goes to the
 * general path below, which gives the same answers and raises the errors.
 */
#define STEP_FAST_LEVELS	16

typedef struct StepFast
{
	ExcoNumericDigits v[2 + 2 * STEP_FAST_LEVELS];	/* 0 zero, 1 measured, thresholds, amounts */
	Datum		amount[STEP_FAST_LEVELS];	/* the amounts as stored, to return one */
} StepFast;

static int
step_fast_cmp(uintptr_t a, uintptr_t b, void *ctx)
{
	const ExcoNumericDigits *v = ((const StepFast *) ctx)->v;

	return exco_numeric_digits_cmp(&v[a], &v[b]);
}

/* Read arr's elements into f->v[first..] (and their datums into keep); false if it cannot. */
static bool
step_fast_read(ArrayType *arr, StepFast *f, int first, Datum *keep, int *n)
{
	char	   *p;
	int			i;

	if (ARR_NDIM(arr) != 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != NUMERICOID)
		return false;
	*n = ARR_DIMS(arr)[0];
	if (*n > STEP_FAST_LEVELS)
		return false;
	p = (char *) arr + ARR_OVERHEAD_NONULLS(1);	/* ARR_DATA_PTR without a null bitmap */
	for (i = 0; i < *n; i++)
	{
		Datum		d = PointerGetDatum(p);

		/* an element of an array is never toasted: read in place */
		if (!exco_numeric_digits_raw(VARDATA_ANY(p), VARSIZE_ANY_EXHDR(p), &f->v[first + i]))
			return false;
		if (keep)
			keep[i] = d;
		p = att_addlength_pointer(p, -1, p);
		p = (char *) att_align_nominal(p, TYPALIGN_INT);
	}
	return true;
}

/*
 * An array argument as the fast path reads it: in place when it is stored with a 4-byte header,
 * copied into buf when it has the 1-byte header of a small value read from a table (where
 * PG_GETARG_ARRAYTYPE_P would palloc a copy), NULL otherwise (toasted or too large: the general
 * path detoasts it). buf keeps the array's own alignment: its offsets were computed from an
 * aligned start.
 */
typedef union StepArrayBuf
{
	ArrayType	array;
	double		align;
	char		bytes[256];
} StepArrayBuf;

static ArrayType *
step_array_arg(Datum d, StepArrayBuf *buf)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	if (VARATT_IS_SHORT(v))
	{
		Size		len = VARSIZE_SHORT(v) - VARHDRSZ_SHORT;

		if (len + VARHDRSZ > sizeof(buf->bytes))
			return NULL;
		SET_VARSIZE(buf->bytes, len + VARHDRSZ);
		memcpy(buf->bytes + VARHDRSZ, VARDATA_SHORT(v), len);
		return &buf->array;
	}
	if (VARATT_IS_EXTENDED(v))
		return NULL;
	return (ArrayType *) v;
}

/*
 * The level reached (0-based, its amount in *amount), -1 for none, or STEP_UNDECIDED when the
 * fast path cannot decide: the caller then takes the general path.
 */
#define STEP_UNDECIDED (-2)

static int
step_amount_fast(Datum measured, Datum thresholds, Datum amounts, int direction, Datum *amount)
{
	StepFast	f;
	StepArrayBuf tbuf;
	StepArrayBuf abuf;
	ArrayType  *tarr = step_array_arg(thresholds, &tbuf);
	ArrayType  *aarr = step_array_arg(amounts, &abuf);
	uintptr_t	th[STEP_FAST_LEVELS];
	uintptr_t	am[STEP_FAST_LEVELS];
	int			nt;
	int			na;
	int			i;
	StepCheck	c;
	int			level;

	f.v[0].ndigits = 0;
	if (tarr == NULL || aarr == NULL ||
		!numeric_digits(measured, &f.v[1]) ||
		!step_fast_read(tarr, &f, 2, NULL, &nt) ||
		!step_fast_read(aarr, &f, 2 + nt, f.amount, &na) ||
		nt == 0)
		return STEP_UNDECIDED;
	for (i = 0; i < nt; i++)
		th[i] = 2 + i;
	for (i = 0; i < na; i++)
		am[i] = 2 + nt + i;
	c = exco_step_check(th, nt, am, na, 0, direction, step_fast_cmp, &f);
	if (c.problem != STEP_OK)
		return STEP_UNDECIDED;
	level = exco_step_level(1, th, nt, c.order, step_fast_cmp, &f);
	if (level >= 0)
	{
		/* The amount as stored; copied when it lies in abuf, on this stack. */
		*amount = f.amount[level];
		if (aarr == &abuf.array)
			*amount = PointerGetDatum(PG_DETOAST_DATUM_COPY(*amount));
	}
	return level;
}

/*
 * direction: +1 higher is better, -1 lower is better, 0 infer it from the thresholds
 * (a single threshold: higher is better). The rules are step_core.c's.
 */
static Datum
step_amount_core(Datum measured, Datum thresholds, Datum amounts, int direction)
{
	ArrayType  *tarr;
	ArrayType  *aarr;
	Datum	   *th;
	Datum	   *am;
	int			nt;
	int			na;
	Datum		zero;
	StepCheck	c;
	int			level;
	Datum		amount;

	level = step_amount_fast(measured, thresholds, amounts, direction, &amount);
	if (level >= 0)
		return amount;
	zero = NumericGetDatum(int64_to_numeric(0));
	if (level == -1)
		return zero;

	/* The general path: numeric comparisons, every error. */
	measured = PointerGetDatum(PG_DETOAST_DATUM(measured));
	tarr = DatumGetArrayTypeP(thresholds);
	aarr = DatumGetArrayTypeP(amounts);

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
	return step_amount_core(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_DATUM(2), 0);
}

PG_FUNCTION_INFO_V1(step_amount_directed);
Datum
step_amount_directed(PG_FUNCTION_ARGS)
{
	return step_amount_core(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_DATUM(2),
							PG_GETARG_BOOL(3) ? -1 : 1);
}
