/*
 * attainment.c — the attainment rate of one indicator (doc/rules.md §4.5):
 *
 *   exco.attainment(measured, starting, objective [, lower_is_better]) → numeric in [0, 1]
 *
 * Two paths with the same rules and results: a fast one on 128-bit integers read straight from
 * numeric's stored digits, for levels of up to 16 decimals below 1e17, and the exact numeric
 * one for everything else (which also raises the errors). The rounding is in attainment.h.
 */
#include "attainment.h"
#include "rate_core.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

/*
 * a / b rounded half up to RATE_SCALE decimal places, trailing zeros trimmed; a >= 0, b > 0.
 * Computed in integers, so the rounding is exact (no double rounding): with A / B = a·1e20 / b,
 * t = trunc(A / B), r = A mod B, q = t + 1 when r >= B - r (the remainder is half of B or more),
 * rate = q · 1e-20. For levels of more than ~131 000 integer digits, a·1e20 would leave numeric's
 * range (22003): then A = a, B = b·1e-20 (the same quotient), exact as long as b·1e-20 keeps
 * every digit of b, which is checked.
 */
Numeric
ratio_round(Numeric a, Numeric b)
{
	Numeric		huge = num_const("1e131000");
	Numeric		scale = num_const("100000000000000000000");
	Numeric		unscale = num_const("0.00000000000000000001");
	Numeric		A;
	Numeric		B;
	Numeric		t;
	Numeric		r;

	if (num_cmp(a, huge) < 0 && num_cmp(b, huge) < 0)
	{
		A = num_mul(a, scale);
		B = b;
	}
	else
	{
		A = a;
		B = num_mul(b, unscale);
		if (num_cmp(num_mul(B, scale), b) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("attainment levels have too many digits to divide exactly: %s", num_str(b))));
	}
	t = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc, NumericGetDatum(A), NumericGetDatum(B)));
	r = DatumGetNumeric(DirectFunctionCall2(numeric_mod, NumericGetDatum(A), NumericGetDatum(B)));
	if (num_cmp(r, num_sub(B, r)) >= 0)
		t = num_add(t, int64_to_numeric(1));
	return num_trim(num_mul(t, unscale));
}

/*
 * Fast path of exco.attainment: the three levels read as integers at a common scale, the rate
 * computed by rate_core.c with the same formula as ratio_round(), and the result numeric written
 * directly in numeric's short on-disk format, exactly as numeric.c's make_result() writes it
 * (positive sign, weight in [-5, -1], dscale <= 20: the short header always applies). A profile
 * of the attainment_agg benchmark showed ratio_round's numeric calls (parsing its constants,
 * five multiplications and divisions, trim_scale, each result palloc'd) as most of the query.
 */
#define NUMERIC_SHORT_HDR			0x8000
#define NUMERIC_SHORT_DSCALE_SHIFT	7
#define NUMERIC_SHORT_WEIGHT_SIGN	0x0040
#define NUMERIC_SHORT_WEIGHT_MASK	0x003F

/*
 * The rate whose base-10000 digits after the point are dg[0..4] (rate = Σ dg[i] · 10000^-(i+1)),
 * as a numeric with trailing zeros trimmed. 0 and 1 (dg all 0, or 10000 carried out of dg[0])
 * are the caller's.
 */
static Numeric
rate_numeric_digits(const int16 *dg)
{
	int			first = 0;
	int			last = RATE_NDIGITS - 1;
	int			dscale;
	int			weight;
	int			ndigits;
	int			len;
	Numeric		result;
	uint16		header;
	int			i;

	while (first < RATE_NDIGITS && dg[first] == 0)
		first++;
	Assert(first < RATE_NDIGITS);
	while (last > first && dg[last] == 0)
		last--;
	/* 4 decimals per digit kept, less the trailing zeros of the last one */
	dscale = 4 * (last + 1);
	for (i = dg[last]; i % 10 == 0; i /= 10)
		dscale--;
	weight = -1 - first;
	ndigits = last - first + 1;
	len = VARHDRSZ + sizeof(uint16) + ndigits * sizeof(int16);
	result = (Numeric) palloc(len);
	SET_VARSIZE(result, len);
	header = NUMERIC_SHORT_HDR | (dscale << NUMERIC_SHORT_DSCALE_SHIFT) |
		NUMERIC_SHORT_WEIGHT_SIGN | (weight & NUMERIC_SHORT_WEIGHT_MASK);
	memcpy(VARDATA(result), &header, sizeof(uint16));
	memcpy(VARDATA(result) + sizeof(uint16), &dg[first], ndigits * sizeof(int16));
	return result;
}

/* A fast-path result as a numeric. */
static Numeric
rate_fast_numeric(RateFast r, const int16 *dg)
{
	if (r == RATE_FAST_DIGITS)
		return rate_numeric_digits(dg);
	return int64_to_numeric(r == RATE_FAST_ONE ? 1 : 0);
}

/* See attainment.h. */
Numeric
rate_numeric(int128 q)
{
	int16_t		dg[RATE_CORE_NDIGITS];

	return rate_fast_numeric(exco_rate_q_digits(q, dg), dg);
}

/*
 * The rate by the fast path (rate_core.c), or NULL when a level is NaN or infinite, has more
 * than 16 decimals, or is 1e17 or more in units of its scale: the caller then takes the numeric
 * path, which raises the errors. Same rules and results as attainment_rate_core below.
 */
static Numeric
attainment_rate_fast(Datum measured, Datum starting, Datum objective, int direction)
{
	int128		m,
				s,
				o;
	int			fd;
	int16_t		dg[RATE_CORE_NDIGITS];
	RateFast	r;

	for (fd = 1; fd <= 4; fd++)
		if (numeric_scaled(measured, fd, &m) && numeric_scaled(starting, fd, &s) &&
			numeric_scaled(objective, fd, &o))
			break;
	if (fd > 4)
		return NULL;
	r = exco_rate_fast(m, s, o, direction, dg);
	if (r == RATE_FAST_NO)
		return NULL;
	return rate_fast_numeric(r, dg);
}

/* ---------------------------------------------------------------------------------------
 * exco.attainment
 * ---------------------------------------------------------------------------------------
 */

/*
 * The rate of one indicator (doc/rules.md §4.5). direction: +1 the indicator must rise, -1 it
 * must fall, 0 infer it from objective vs starting level. Objective equal to starting level:
 * measured = objective gives 1; a measure on either side gives 0 when the direction is
 * inferred (it is unknown), else 1 beyond the objective in the given direction.
 */
static Numeric
attainment_rate_core(Numeric measured, Numeric starting, Numeric objective, int direction)
{
	int			goal;
	Numeric		num;
	Numeric		den;

	num_check_finite(measured, "measured value");
	num_check_finite(starting, "starting level");
	num_check_finite(objective, "objective");

	goal = num_cmp(objective, starting);
	if (direction != 0 && goal != 0 && goal != direction)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("objective %s is %s starting level %s, but lower_is_better is %s",
						num_str(objective), goal > 0 ? "above" : "below", num_str(starting),
						direction < 0 ? "true" : "false"),
				 errhint("An indicator that must fall has an objective below its starting level.")));

	if (goal == 0)
	{
		int			c = num_cmp(measured, objective);

		if (c == 0 || (direction != 0 && c == direction))
			return int64_to_numeric(1);
		return int64_to_numeric(0);
	}

	/* Clamp before dividing: at or short of the start is 0, at or beyond the objective 1. */
	if (num_cmp(measured, starting) * goal <= 0)
		return int64_to_numeric(0);
	if (num_cmp(measured, objective) * goal >= 0)
		return int64_to_numeric(1);

	/* Strictly between: both differences have the sign of goal; divide their magnitudes. */
	if (goal > 0)
	{
		num = num_sub(measured, starting);
		den = num_sub(objective, starting);
	}
	else
	{
		num = num_sub(starting, measured);
		den = num_sub(starting, objective);
	}
	return ratio_round(num, den);
}

PG_FUNCTION_INFO_V1(attainment_rate);
Datum
attainment_rate(PG_FUNCTION_ARGS)
{
	Numeric		r = attainment_rate_fast(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1),
										 PG_GETARG_DATUM(2), 0);

	if (r != NULL)
		PG_RETURN_NUMERIC(r);
	PG_RETURN_NUMERIC(attainment_rate_core(PG_GETARG_NUMERIC(0), PG_GETARG_NUMERIC(1),
										   PG_GETARG_NUMERIC(2), 0));
}

PG_FUNCTION_INFO_V1(attainment_rate_directed);
Datum
attainment_rate_directed(PG_FUNCTION_ARGS)
{
	Numeric		r = attainment_rate_fast(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1),
										 PG_GETARG_DATUM(2), PG_GETARG_BOOL(3) ? -1 : 1);

	if (r != NULL)
		PG_RETURN_NUMERIC(r);
	PG_RETURN_NUMERIC(attainment_rate_core(PG_GETARG_NUMERIC(0), PG_GETARG_NUMERIC(1),
										   PG_GETARG_NUMERIC(2),
										   PG_GETARG_BOOL(3) ? -1 : 1));
}

