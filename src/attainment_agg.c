/*
 * attainment_agg.c — exco.weighted_attainment(rate, weight), the attainment of a mission: the
 * weighted mean of its indicators' rates (doc/rules.md §4.5), as a parallel-safe aggregate.
 *
 * The aggregate accumulates Σ rate × weight and Σ weight exactly in 128-bit fixed point
 * (rates in units of 1e-20, weights in units of 1e-8), reading numeric's stored digits
 * directly, with no allocation per row. A value with more decimals than that, or a sum that
 * would overflow, goes to an exact numeric accumulator instead: the result never depends on
 * which path a row took. The mean is rounded as a rate is (attainment.h).
 */
#include "agg_serial.h"
#include "attainment.h"

#include "utils/builtins.h"

#define WEIGHT_NDIGITS	2		/* weights in units of 1e-8 on the fast path */
#define WEIGHT_SCALE	8

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

#define ATTAINMENT_SERIAL_VERSION 2

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

/*
 * Digits after the decimal point a rate or a weight may have. numeric caps a product's scale at
 * 16383 and rounds beyond: 0.5 × 1e-16383 came back as 1e-16383, and weighted_attainment(0.5,
 * 1e-16383) as 1. With both scales at most 1000, every product and mean here is exact.
 */
#define ATTAINMENT_MAX_DECIMALS 1000

static void
check_decimals(Numeric n, const char *what, const char *hint)
{
	int32		decimals = DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(n)));

	if (decimals > ATTAINMENT_MAX_DECIMALS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %d digits after the decimal point, more than the %d exco computes exactly",
						what, decimals, ATTAINMENT_MAX_DECIMALS),
				 errhint("Round it to %d decimals or fewer%s.", ATTAINMENT_MAX_DECIMALS, hint)));
}

/* See attainment.h. */
void
attainment_check_weight(Numeric weight, bool isnull)
{
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("indicator weight must not be NULL"),
				 errhint("Give every indicator a weight; a weight of 0 leaves it out of the mean.")));
	num_check_finite(weight, "indicator weight");
	if (num_sign(weight) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator weight must not be negative: %s", num_str(weight)),
				 errhint("Weights need not sum to 1, but each must be 0 or more.")));
	check_decimals(weight, "indicator weight", " (weights need not sum to 1: multiply them all by a power of 10)");
}

/* See attainment.h. */
void
attainment_check_rate(Numeric rate)
{
	if (numeric_is_nan(rate) || num_sign(rate) < 0 || num_cmp(rate, int64_to_numeric(1)) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attainment rate must be between 0 and 1: %s", num_str(rate)),
				 errhint("Compute rates with exco.attainment(), which clamps them to [0, 1].")));
	check_decimals(rate, "attainment rate", " (exco.attainment() gives rates with at most 20)");
}

/* See attainment.h. */
void
attainment_zero_weight(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("total weight of the indicators is zero"),
			 errhint("A mission's attainment is the weighted mean of its indicators' rates: give at least one indicator a positive weight.")));
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
		attainment_check_weight(NULL, true);
	weight_d = PG_GETARG_DATUM(2);

	/*
	 * Check both values before touching the state. A value read on the fast path and in range
	 * passes the checks; any other goes through them (and raises when out of range).
	 */
	fast_w = numeric_scaled(weight_d, WEIGHT_NDIGITS, &w);
	if (!fast_w || w < 0)
		attainment_check_weight(DatumGetNumeric(weight_d), false);
	if (!rate_null)				/* a missing measure is rate 0 (doc/rules.md §4.5) */
	{
		fast_r = numeric_scaled(rate_d, RATE_NDIGITS, &r);
		if (!fast_r || r < 0 || r > RATE_ONE)
			attainment_check_rate(DatumGetNumeric(rate_d));
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
 * The serialized state, the same bytes on every architecture (a state may be written by one
 * server and read by another): a version byte (2), Σ rate × weight and Σ weight as two big-endian
 * int64 halves each, then each exact remainder as a 4-byte big-endian length (0: none) and the
 * numeric in its binary send format (numeric_send: count, weight, sign, scale and base-10000
 * digits as big-endian 16-bit integers; never numeric's in-memory bytes), written and read by
 * agg_serial.c. Version 1 (0.1.0, only ever read by the server that wrote it within one query)
 * copied the in-memory bytes; a state of another version is refused.
 */
#define ATTAINMENT_SERIAL_FIXED (1 + 2 * EXCO_SERIAL_INT128)
#define WHAT "weighted_attainment"

PG_FUNCTION_INFO_V1(attainment_serialize);
Datum
attainment_serialize(PG_FUNCTION_ARGS)
{
	AttainmentState *state;
	bytea	   *slow_rw;
	bytea	   *slow_w;
	bytea	   *result;
	Size		len;
	char	   *p;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "attainment_serialize called in non-aggregate context");
	state = (AttainmentState *) PG_GETARG_POINTER(0);

	slow_rw = exco_serial_numeric(state->slow_rw);
	slow_w = exco_serial_numeric(state->slow_w);
	len = ATTAINMENT_SERIAL_FIXED + exco_serial_numeric_size(slow_rw) + exco_serial_numeric_size(slow_w);
	result = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	p = VARDATA(result);
	*p++ = ATTAINMENT_SERIAL_VERSION;
	p = exco_serial_put_int128(p, state->rw);
	p = exco_serial_put_int128(p, state->w);
	p = exco_serial_put_numeric(p, slow_rw);
	p = exco_serial_put_numeric(p, slow_w);
	Assert(p == VARDATA(result) + len);
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(attainment_deserialize);
Datum
attainment_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *sstate;
	const char *p;
	const char *end;
	AttainmentState *state;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "attainment_deserialize called in non-aggregate context");
	sstate = PG_GETARG_BYTEA_PP(0);
	p = VARDATA_ANY(sstate);
	end = p + VARSIZE_ANY_EXHDR(sstate);
	if (end - p < ATTAINMENT_SERIAL_FIXED + 8 || *p != ATTAINMENT_SERIAL_VERSION)
		elog(ERROR, "invalid serialized " WHAT " state");
	p++;

	/*
	 * In the current (per-input-tuple) context, not the aggregate context: the combine function
	 * copies what it keeps into its own state, so this one is freed with the input tuple. In the
	 * aggregate context, a spilling hash aggregate kept every partial state it read (those of
	 * the rows it spilled too) until the end of the batch: 52 MB at work_mem = 64kB over 400 000
	 * groups (sql/attainment_parallel.sql).
	 */
	state = (AttainmentState *) palloc0(sizeof(AttainmentState));
	p = exco_serial_read_int128(p, end, &state->rw, WHAT);
	p = exco_serial_read_int128(p, end, &state->w, WHAT);
	p = exco_serial_read_numeric(p, end, &state->slow_rw, WHAT);
	p = exco_serial_read_numeric(p, end, &state->slow_w, WHAT);
	if (p != end)
		elog(ERROR, "invalid serialized " WHAT " state");
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
			attainment_zero_weight();
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
		attainment_zero_weight();
	PG_RETURN_NUMERIC(ratio_round(rw, w));
}
