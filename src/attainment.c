/*
 * attainment.c — indicator attainment (DOMAIN.md §4.5): the rate of one indicator, and the
 * weighted mean of a mission's rates as a parallel-safe aggregate.
 *
 *   exco.attainment(measured, starting, objective [, lower_is_better]) → numeric in [0, 1]
 *   exco.weighted_attainment(rate, weight) → numeric in [0, 1]   (aggregate)
 *
 * Rates are exact rationals rounded half up to RATE_SCALE (20) decimal places, trailing zeros
 * trimmed: 15/20 is 0.75, 119/169 is 0.70414201183431952663. The same rounding ends the
 * aggregate, so rates and means read alike and compare exactly.
 *
 * The aggregate accumulates Σ rate × weight and Σ weight exactly in 128-bit fixed point
 * (rates in units of 1e-20, weights in units of 1e-8), reading numeric's stored digits
 * directly, with no allocation per row. A value with more decimals than that, or a sum that
 * would overflow, goes to an exact numeric accumulator instead: the result never depends on
 * which path a row took.
 */
#include "exco.h"

#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#ifndef HAVE_INT128
#error "exco needs a compiler with a 128-bit integer type"
#endif

#define RATE_SCALE		20		/* decimal places of a rate */
#define RATE_NDIGITS	5		/* the same, in numeric's base-10000 digits */
#define WEIGHT_NDIGITS	2		/* weights in units of 1e-8 on the fast path */
#define WEIGHT_SCALE	8
#define RATE_ONE	((int128) 100000000 * (int128) 100000000 * (int128) 10000)	/* 1e20 */

/* ---------------------------------------------------------------------------------------
 * Numeric helpers
 * ---------------------------------------------------------------------------------------
 */

static Numeric
num_const(const char *s)
{
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

static char *
num_str(Numeric n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
}

static Numeric
num_add(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(a), NumericGetDatum(b)));
}

static Numeric
num_sub(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_sub, NumericGetDatum(a), NumericGetDatum(b)));
}

static Numeric
num_mul(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_mul, NumericGetDatum(a), NumericGetDatum(b)));
}

static int
num_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static int
num_sign(Numeric a)
{
	return num_cmp(a, int64_to_numeric(0));
}

/* Raise 22023 unless n is a finite number; what names the argument. */
static void
check_finite(Numeric n, const char *what)
{
	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number: %s", what, num_str(n))));
}

static Numeric
num_trim(Numeric n)
{
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(n)));
}

/*
 * a / b rounded half up to RATE_SCALE decimal places, trailing zeros trimmed; a >= 0, b > 0.
 * Computed in integers, so the rounding is exact (no double rounding):
 * q = floor((2·a·1e20 + b) / (2·b)), rate = q · 1e-20.
 */
static Numeric
ratio_round(Numeric a, Numeric b)
{
	Numeric		two = int64_to_numeric(2);
	Numeric		a2 = num_mul(num_mul(a, two), num_const("100000000000000000000"));
	Numeric		q;

	q = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc,
											NumericGetDatum(num_add(a2, b)),
											NumericGetDatum(num_mul(b, two))));
	return num_trim(num_mul(q, num_const("0.00000000000000000001")));
}

/* int128 v · 10^-scale as a numeric, trailing zeros trimmed. */
static Numeric
int128_to_numeric(int128 v, int scale)
{
	char		digits[48];
	char		buf[96];
	int			nd = 0;
	int			pos = 0;
	uint128		u = v < 0 ? -(uint128) v : (uint128) v;
	int			i;

	do
	{
		digits[nd++] = '0' + (int) (u % 10);
		u /= 10;
	} while (u != 0);
	while (nd <= scale)
		digits[nd++] = '0';
	if (v < 0)
		buf[pos++] = '-';
	for (i = nd - 1; i >= 0; i--)
	{
		buf[pos++] = digits[i];
		if (i == scale && scale > 0)
			buf[pos++] = '.';
	}
	buf[pos] = '\0';
	return num_trim(num_const(buf));
}

/*
 * Read a numeric datum as an integer in units of 10000^-fracdigits, straight from its stored
 * digits (the on-disk format of numeric, stable since PostgreSQL 8.3 and shared with
 * pg_upgrade). Returns false, leaving *out alone, for NaN and infinities, for a value with
 * more fractional digits than that, and for one too large for 36 decimal digits. Reads the
 * short-header (packed) form without copying it.
 */
static bool
numeric_scaled(Datum d, int fracdigits, int128 *out)
{
	struct varlena *p = (struct varlena *) PG_DETOAST_DATUM_PACKED(d);
	const char *data = VARDATA_ANY(p);
	int			len = VARSIZE_ANY_EXHDR(p);
	uint16		header;
	int			weight;
	bool		negative;
	const char *digits;
	int			ndigits;
	int			last;
	int128		v = 0;
	int			i;

	memcpy(&header, data, sizeof(uint16));
	if ((header & 0xC000) == 0xC000)	/* NaN, +Infinity, -Infinity */
		return false;
	if (header & 0x8000)		/* short header: sign, dscale and weight in one word */
	{
		negative = (header & 0x2000) != 0;
		weight = (header & 0x0040) ? (int) (~0x003F | (header & 0x003F)) : (int) (header & 0x003F);
		digits = data + sizeof(uint16);
		ndigits = (len - (int) sizeof(uint16)) / (int) sizeof(int16);
	}
	else
	{
		int16		w;

		negative = (header & 0x4000) != 0;
		memcpy(&w, data + sizeof(uint16), sizeof(int16));
		weight = w;
		digits = data + 2 * sizeof(uint16);
		ndigits = (len - 2 * (int) sizeof(uint16)) / (int) sizeof(int16);
	}

	/* Drop zero digits at the end, in case a producer left any. */
	while (ndigits > 0)
	{
		int16		dg;

		memcpy(&dg, digits + (ndigits - 1) * sizeof(int16), sizeof(int16));
		if (dg != 0)
			break;
		ndigits--;
	}
	if (ndigits == 0)
	{
		*out = 0;
		return true;
	}
	/* digit i is worth 10000^(weight - i); scaled, 10000^(weight - i + fracdigits) */
	last = weight - (ndigits - 1) + fracdigits;
	if (last < 0 || weight + fracdigits > 8)
		return false;
	for (i = 0; i < ndigits; i++)
	{
		int16		dg;

		memcpy(&dg, digits + i * sizeof(int16), sizeof(int16));
		v = v * 10000 + dg;
	}
	for (i = 0; i < last; i++)
		v *= 10000;
	*out = negative ? -v : v;
	return true;
}

/*
 * Fast path of exco.attainment: the three levels read as integers at a common scale, the rate
 * computed with the same integer formula as ratio_round(), and the result numeric written
 * directly in numeric's short on-disk format, exactly as numeric.c's make_result() writes it
 * (positive sign, weight in [-5, -1], dscale <= 20: the short header always applies). A profile
 * of the attainment_agg benchmark showed ratio_round's numeric calls (parsing its constants,
 * five multiplications and divisions, trim_scale, each result palloc'd) as most of the query.
 */
#define NUMERIC_SHORT_HDR			0x8000
#define NUMERIC_SHORT_DSCALE_SHIFT	7
#define NUMERIC_SHORT_WEIGHT_SIGN	0x0040
#define NUMERIC_SHORT_WEIGHT_MASK	0x003F
#define FAST_LEVEL_MAX ((int128) 100000000 * (int128) 1000000000)	/* 1e17: 2·diff·1e20 fits */

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

/* q · 1e-20 as a numeric, trailing zeros trimmed; 0 <= q <= 1e20. */
static Numeric
rate_numeric(int128 q)
{
	int16		dg[RATE_NDIGITS];
	uint64		hi,
				lo;
	int			i;

	if (q <= 0 || q >= RATE_ONE)
		return int64_to_numeric(q <= 0 ? 0 : 1);
	/* one 128-bit division (a library call), then 64-bit ones the compiler turns into multiplications */
	hi = (uint64) (q / 100000000);	/* < 1e12: digits 0..2 */
	lo = (uint64) (q - (int128) hi * 100000000);	/* < 1e8: digits 3..4 */
	dg[4] = (int16) (lo % 10000);
	dg[3] = (int16) (lo / 10000);
	for (i = 2; i >= 0; i--)
	{
		dg[i] = (int16) (hi % 10000);
		hi /= 10000;
	}
	return rate_numeric_digits(dg);
}

/*
 * num / den rounded half up to RATE_SCALE decimals; 0 < num < den < 2^63 / 10000. Long
 * division in base 10000 gives the numeric's digits directly, with 64-bit arithmetic.
 */
static Numeric
rate_numeric_div(uint64 num, uint64 den)
{
	int16		dg[RATE_NDIGITS];
	uint64		r = num;
	int			i;

	for (i = 0; i < RATE_NDIGITS; i++)
	{
		r *= 10000;
		dg[i] = (int16) (r / den);
		r %= den;
	}
	if (r >= den - r)			/* remainder >= den / 2: round up, carrying */
	{
		for (i = RATE_NDIGITS - 1; i >= 0; i--)
		{
			if (++dg[i] < 10000)
				break;
			dg[i] = 0;
		}
		if (i < 0)
			return int64_to_numeric(1);
	}
	for (i = 0; i < RATE_NDIGITS; i++)
		if (dg[i] != 0)
			return rate_numeric_digits(dg);
	return int64_to_numeric(0);
}

/*
 * The rate by the fast path, or NULL when a level is NaN or infinite, has more than 16
 * decimals, or is 1e17 or more in units of its scale: the caller then takes the numeric path,
 * which raises the errors. Same rules and results as attainment_rate_core below.
 */
static Numeric
attainment_rate_fast(Datum measured, Datum starting, Datum objective, int direction)
{
	int128		m,
				s,
				o;
	int			fd;
	int			goal;
	int128		num,
				den,
				q;

	for (fd = 1; fd <= 4; fd++)
		if (numeric_scaled(measured, fd, &m) && numeric_scaled(starting, fd, &s) &&
			numeric_scaled(objective, fd, &o))
			break;
	if (fd > 4 ||
		m >= FAST_LEVEL_MAX || m <= -FAST_LEVEL_MAX || s >= FAST_LEVEL_MAX ||
		s <= -FAST_LEVEL_MAX || o >= FAST_LEVEL_MAX || o <= -FAST_LEVEL_MAX)
		return NULL;

	goal = (o > s) - (o < s);
	if (direction != 0 && goal != 0 && goal != direction)
		return NULL;			/* the numeric path raises the error */
	if (goal == 0)
	{
		int			c = (m > o) - (m < o);

		return int64_to_numeric(c == 0 || (direction != 0 && c == direction) ? 1 : 0);
	}
	if ((m - s) * goal <= 0)
		return int64_to_numeric(0);
	if ((m - o) * goal >= 0)
		return int64_to_numeric(1);
	num = goal > 0 ? m - s : s - m;
	den = goal > 0 ? o - s : s - o;
	if (den < (int128) (PG_INT64_MAX / 10000))
		return rate_numeric_div((uint64) num, (uint64) den);
	/* as ratio_round: q = floor((2·num·1e20 + den) / (2·den)) */
	q = (2 * num * RATE_ONE + den) / (2 * den);
	return rate_numeric(q);
}

/* ---------------------------------------------------------------------------------------
 * exco.attainment
 * ---------------------------------------------------------------------------------------
 */

/*
 * The rate of one indicator (DOMAIN.md §4.5). direction: +1 the indicator must rise, -1 it
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

	check_finite(measured, "measured value");
	check_finite(starting, "starting level");
	check_finite(objective, "objective");

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

/* ---------------------------------------------------------------------------------------
 * exco.weighted_attainment(rate, weight): Σ rate × weight / Σ weight
 * ---------------------------------------------------------------------------------------
 */

typedef struct AttainmentState
{
	int128		rw;				/* Σ rate × weight, units of 1e-(RATE_SCALE + WEIGHT_SCALE) */
	int128		w;				/* Σ weight, units of 1e-WEIGHT_SCALE */
	Numeric		slow_rw;		/* exact remainder of Σ rate × weight, NULL when none */
	Numeric		slow_w;			/* exact remainder of Σ weight, NULL when none */
} AttainmentState;

#define ATTAINMENT_SERIAL_VERSION 1

/* acc (in cxt) + add, exact; acc may be NULL. */
static Numeric
slow_add(MemoryContext cxt, Numeric acc, Numeric add)
{
	MemoryContext old;
	Numeric		sum;
	Numeric		kept;

	sum = acc == NULL ? add : num_add(acc, add);
	old = MemoryContextSwitchTo(cxt);
	kept = (Numeric) PG_DETOAST_DATUM_COPY(NumericGetDatum(sum));
	MemoryContextSwitchTo(old);
	if (acc != NULL)
		pfree(acc);
	return kept;
}

static void
rate_out_of_range(Numeric rate)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("attainment rate must be between 0 and 1: %s", num_str(rate)),
			 errhint("Compute rates with exco.attainment(), which clamps them to [0, 1].")));
}

static void
weight_negative(Numeric weight)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("indicator weight must not be negative: %s", num_str(weight)),
			 errhint("Weights need not sum to 1, but each must be 0 or more.")));
}

PG_FUNCTION_INFO_V1(attainment_accum);
Datum
attainment_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	AttainmentState *state;
	bool		rate_null = PG_ARGISNULL(1);
	Datum		rate_d = rate_null ? (Datum) 0 : PG_GETARG_DATUM(1);
	Datum		weight_d;
	int128		r = 0;
	int128		w = 0;
	int128		p;
	int128		sum;
	bool		fast_r = true;
	bool		fast_w;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "attainment_accum called in non-aggregate context");

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("indicator weight must not be NULL"),
				 errhint("Give every indicator a weight; a weight of 0 leaves it out of the mean.")));
	weight_d = PG_GETARG_DATUM(2);

	/* Check both values before touching the state. */
	fast_w = numeric_scaled(weight_d, WEIGHT_NDIGITS, &w);
	if (fast_w && w < 0)
		weight_negative(DatumGetNumeric(weight_d));
	if (!fast_w)
	{
		Numeric		wn = DatumGetNumeric(weight_d);

		check_finite(wn, "indicator weight");
		if (num_sign(wn) < 0)
			weight_negative(wn);
	}
	if (!rate_null)				/* a missing measure is rate 0 (DOMAIN.md §4.5) */
	{
		fast_r = numeric_scaled(rate_d, RATE_NDIGITS, &r);
		if (fast_r)
		{
			if (r < 0 || r > RATE_ONE)
				rate_out_of_range(DatumGetNumeric(rate_d));
		}
		else
		{
			Numeric		rn = DatumGetNumeric(rate_d);

			if (numeric_is_nan(rn) || num_sign(rn) < 0 || num_cmp(rn, int64_to_numeric(1)) > 0)
				rate_out_of_range(rn);
		}
	}

	if (PG_ARGISNULL(0))
		state = (AttainmentState *) MemoryContextAllocZero(aggcontext, sizeof(AttainmentState));
	else
		state = (AttainmentState *) PG_GETARG_POINTER(0);

	/* __builtin_*_overflow store a wrapped result on overflow: only keep sum when it fits */
	if (fast_w && !__builtin_add_overflow(state->w, w, &sum))
		state->w = sum;
	else
		state->slow_w = slow_add(aggcontext, state->slow_w, DatumGetNumeric(weight_d));

	if (rate_null || (fast_r && r == 0))
		PG_RETURN_POINTER(state);
	if (fast_r && fast_w && !__builtin_mul_overflow(r, w, &p) &&
		!__builtin_add_overflow(state->rw, p, &sum))
		state->rw = sum;
	else
		state->slow_rw = slow_add(aggcontext, state->slow_rw,
								  num_mul(DatumGetNumeric(rate_d), DatumGetNumeric(weight_d)));
	PG_RETURN_POINTER(state);
}

/* into (in cxt) += from. */
static void
state_merge(MemoryContext cxt, AttainmentState *into, const AttainmentState *from)
{
	int128		sum;

	if (__builtin_add_overflow(into->w, from->w, &sum))
		into->slow_w = slow_add(cxt, into->slow_w, int128_to_numeric(from->w, WEIGHT_SCALE));
	else
		into->w = sum;
	if (__builtin_add_overflow(into->rw, from->rw, &sum))
		into->slow_rw = slow_add(cxt, into->slow_rw,
								 int128_to_numeric(from->rw, RATE_SCALE + WEIGHT_SCALE));
	else
		into->rw = sum;
	if (from->slow_w != NULL)
		into->slow_w = slow_add(cxt, into->slow_w, from->slow_w);
	if (from->slow_rw != NULL)
		into->slow_rw = slow_add(cxt, into->slow_rw, from->slow_rw);
}

PG_FUNCTION_INFO_V1(attainment_combine);
Datum
attainment_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	AttainmentState *state1;
	AttainmentState *state2;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "attainment_combine called in non-aggregate context");

	state1 = PG_ARGISNULL(0) ? NULL : (AttainmentState *) PG_GETARG_POINTER(0);
	state2 = PG_ARGISNULL(1) ? NULL : (AttainmentState *) PG_GETARG_POINTER(1);

	if (state2 == NULL)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	if (state1 == NULL)
		state1 = (AttainmentState *) MemoryContextAllocZero(aggcontext, sizeof(AttainmentState));
	state_merge(aggcontext, state1, state2);
	PG_RETURN_POINTER(state1);
}

/*
 * The serialized state: a version byte, Σ rate × weight and Σ weight as two big-endian int64
 * halves each, then each exact remainder as a 4-byte big-endian length (0: none) and the
 * numeric's bytes. Written and read in place, with no intermediate buffer: with 100 000 groups,
 * a parallel plan serializes and deserializes one state per group and worker.
 */
#define ATTAINMENT_SERIAL_FIXED (1 + 4 * 8)

static char *
put_int128(char *p, int128 v)
{
	uint64		hi = pg_hton64((uint64) (v >> 64));
	uint64		lo = pg_hton64((uint64) v);

	memcpy(p, &hi, 8);
	memcpy(p + 8, &lo, 8);
	return p + 16;
}

static const char *
read_int128(const char *p, int128 *v)
{
	uint64		hi,
				lo;

	memcpy(&hi, p, 8);
	memcpy(&lo, p + 8, 8);
	*v = (int128) (((uint128) pg_ntoh64(hi) << 64) | pg_ntoh64(lo));
	return p + 16;
}

static char *
put_numeric(char *p, Numeric n)
{
	uint32		size = n == NULL ? 0 : VARSIZE(n);
	uint32		nsize = pg_hton32(size);

	memcpy(p, &nsize, 4);
	if (size > 0)
		memcpy(p + 4, n, size);
	return p + 4 + size;
}

static const char *
read_numeric(const char *p, const char *end, MemoryContext cxt, Numeric *out)
{
	uint32		size;

	if (end - p < 4)
		elog(ERROR, "invalid serialized weighted_attainment state");
	memcpy(&size, p, 4);
	size = pg_ntoh32(size);
	p += 4;
	if (size == 0)
	{
		*out = NULL;
		return p;
	}
	if (size < VARHDRSZ + sizeof(uint16) || size > (uint32) (end - p))
		elog(ERROR, "invalid serialized weighted_attainment state");
	*out = (Numeric) MemoryContextAlloc(cxt, size);
	memcpy(*out, p, size);
	return p + size;
}

PG_FUNCTION_INFO_V1(attainment_serialize);
Datum
attainment_serialize(PG_FUNCTION_ARGS)
{
	AttainmentState *state;
	bytea	   *result;
	Size		len;
	char	   *p;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "attainment_serialize called in non-aggregate context");
	state = (AttainmentState *) PG_GETARG_POINTER(0);

	len = ATTAINMENT_SERIAL_FIXED + 4 + 4 +
		(state->slow_rw ? VARSIZE(state->slow_rw) : 0) +
		(state->slow_w ? VARSIZE(state->slow_w) : 0);
	result = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	p = VARDATA(result);
	*p++ = ATTAINMENT_SERIAL_VERSION;
	p = put_int128(p, state->rw);
	p = put_int128(p, state->w);
	p = put_numeric(p, state->slow_rw);
	p = put_numeric(p, state->slow_w);
	Assert(p == VARDATA(result) + len);
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(attainment_deserialize);
Datum
attainment_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	bytea	   *sstate;
	const char *p;
	const char *end;
	AttainmentState *state;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "attainment_deserialize called in non-aggregate context");
	sstate = PG_GETARG_BYTEA_PP(0);
	p = VARDATA_ANY(sstate);
	end = p + VARSIZE_ANY_EXHDR(sstate);
	if (end - p < ATTAINMENT_SERIAL_FIXED + 8 || *p != ATTAINMENT_SERIAL_VERSION)
		elog(ERROR, "invalid serialized weighted_attainment state");
	p++;

	state = (AttainmentState *) MemoryContextAllocZero(aggcontext, sizeof(AttainmentState));
	p = read_int128(p, &state->rw);
	p = read_int128(p, &state->w);
	p = read_numeric(p, end, aggcontext, &state->slow_rw);
	p = read_numeric(p, end, aggcontext, &state->slow_w);
	if (p != end)
		elog(ERROR, "invalid serialized weighted_attainment state");
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(attainment_final);
Datum
attainment_final(PG_FUNCTION_ARGS)
{
	AttainmentState *state;
	Numeric		rw;
	Numeric		w;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "attainment_final called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (AttainmentState *) PG_GETARG_POINTER(0);
	if (state == NULL)			/* no rows */
		PG_RETURN_NULL();

	if (state->slow_w == NULL && state->slow_rw == NULL)
	{
		int128		q;
		int128		rem;

		if (state->w == 0)
			goto zero_weight;
		/* rate · 1e20 = Σrw / Σw, rounded half up; both sums are >= 0 */
		q = state->rw / state->w;
		rem = state->rw % state->w;
		if (rem >= state->w - rem)
			q++;
		PG_RETURN_NUMERIC(rate_numeric(q));
	}

	rw = int128_to_numeric(state->rw, RATE_SCALE + WEIGHT_SCALE);
	if (state->slow_rw != NULL)
		rw = num_add(rw, state->slow_rw);
	w = int128_to_numeric(state->w, WEIGHT_SCALE);
	if (state->slow_w != NULL)
		w = num_add(w, state->slow_w);
	if (num_sign(w) == 0)
		goto zero_weight;
	PG_RETURN_NUMERIC(ratio_round(rw, w));

zero_weight:
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("total weight of the indicators is zero"),
			 errhint("A mission's attainment is the weighted mean of its indicators' rates: give at least one indicator a positive weight.")));
	PG_RETURN_NULL();			/* keep the compiler quiet */
}
