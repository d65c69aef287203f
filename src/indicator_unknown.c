/*
 * indicator_unknown.c — exco.indicator_unknown_reason(continuous, starting, objective,
 * lower_is_better, amount, weight, value) → text: why the rules cannot read one indicator's
 * measure (NULL when they can), the one check behind exco.indicator_measure_result (and so
 * exco.indicator_result_at and exco.payments_at). Rows stored before 0.3.0's CHECK constraints
 * may hold such values; the reports show the reason instead of failing (doc/rules.md §4.5).
 */
#include "indicator_earned.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "numeric_util.h"

/*
 * The argument's stored digits, read in place (nothing copied: a report calls this for every
 * measure); false when it is NULL, NaN or infinite.
 */
static bool
arg_digits(FunctionCallInfo fcinfo, int arg, ExcoNumericDigits *out)
{
	return !PG_ARGISNULL(arg) && numeric_digits(PG_GETARG_DATUM(arg), out);
}

/* Whether the argument is NaN or infinite (false for NULL). */
static bool
arg_not_finite(FunctionCallInfo fcinfo, int arg)
{
	ExcoNumericDigits d;

	return !PG_ARGISNULL(arg) && !arg_digits(fcinfo, arg, &d);
}

/* A level in a message: its text, or empty for NULL (as format('%s', NULL)). */
static const char *
level_str(FunctionCallInfo fcinfo, int arg)
{
	return PG_ARGISNULL(arg) ? "" : num_str(PG_GETARG_NUMERIC(arg));
}

/*
 * exco.indicator_unknown_reason(continuous, starting, objective, lower_is_better, amount, weight,
 * value), in this order: a weight NaN or +Infinity (measured or not: the mission's weighted
 * attainment would raise 22023 for it); then, for a measure (value not NULL), a value that is not
 * a finite number; then, for a continuous indicator, an amount that is NaN, a starting level or
 * objective that is not a finite number, lower_is_better contradicting the levels. A NULL
 * argument is not a reason (a NULL continuous: the continuous checks apply).
 */
PG_FUNCTION_INFO_V1(indicator_unknown_reason);
Datum
indicator_unknown_reason(PG_FUNCTION_ARGS)
{
	ExcoNumericDigits starting;
	ExcoNumericDigits objective;

	if (!PG_ARGISNULL(5) && exco_weight_unknown(PG_GETARG_DATUM(5)))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("weight %s is not a finite number", level_str(fcinfo, 5))));
	if (PG_ARGISNULL(6))
		PG_RETURN_NULL();
	if (arg_not_finite(fcinfo, 6))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("measure %s is not a finite number", level_str(fcinfo, 6))));
	if (!PG_ARGISNULL(0) && !PG_GETARG_BOOL(0))
		PG_RETURN_NULL();		/* stepped: its thresholds and amounts are checked when written */
	if (arg_not_finite(fcinfo, 4) && numeric_is_nan(PG_GETARG_NUMERIC(4)))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("amount %s is not a finite number", level_str(fcinfo, 4))));
	if (arg_not_finite(fcinfo, 1) || arg_not_finite(fcinfo, 2))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("starting level %s or objective %s is not a finite number",
								level_str(fcinfo, 1), level_str(fcinfo, 2))));
	if (arg_digits(fcinfo, 1, &starting) && arg_digits(fcinfo, 2, &objective) && !PG_ARGISNULL(3))
	{
		int			goal = exco_numeric_digits_cmp(&objective, &starting);
		bool		lower = PG_GETARG_BOOL(3);

		if ((lower && goal > 0) || (!lower && goal < 0))
			PG_RETURN_TEXT_P(cstring_to_text(psprintf("objective %s is %s starting level %s, but lower_is_better is %s",
									level_str(fcinfo, 2), goal > 0 ? "above" : "below",
									level_str(fcinfo, 1), lower ? "true" : "false")));
	}
	PG_RETURN_NULL();
}

/*
 * A weight the mission's attainment cannot use: NaN or +Infinity (weights are not negative; the
 * SQL rule this replaced read weight IN ('NaN', 'Infinity')). False for NULL.
 */
bool
exco_weight_unknown(Datum weight)
{
	ExcoNumericDigits d;
	Numeric		w;

	if (numeric_digits(weight, &d))
		return false;
	w = DatumGetNumeric(weight);
	return numeric_is_nan(w) || num_sign(w) > 0;
}
