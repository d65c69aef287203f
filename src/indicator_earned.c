/*
 * indicator_earned.c — what indicators earned (doc/rules.md §4.5), for the reports.
 *
 * The aggregate exco.earned_by_year(as_of, signed_on, started_on, weight,
 * contract_year, earned, unknown) → numeric[]: what a contract mission's indicators earned in each
 * of its five contract years, known on as_of (doc/rules.md §4.5), from the rows of its indicators
 * joined to their measures (one row per measure; an indicator without any, one row with a NULL
 * contract_year). exco.payments_at reads it once per contract mission.
 *
 * It gives, for contract year k (from A(k-1) to A(k), A(i) = signed_on + i years), what
 * exco.mission_variable_at gives as earned, without expanding each indicator to its five years:
 *   - the year is listed once the mission started before A(k) and the year is over on as_of
 *     (A(k) <= as_of: every indicator counts, a missing measure earning 0), or has begun on as_of
 *     and has a measure (A(k-1) <= as_of: only the measured indicators count);
 *   - element k is the sum of the earned amounts of the year's measures, NULL when the year is not
 *     listed, when one of its measured rows is unknown (unknown, or a NULL earned), or when it is
 *     over and an indicator's weight is NaN or infinite (exco.indicator_unknown_reason: every
 *     year of such an indicator is unknown, measured or not).
 * signed_on, started_on and as_of are the group's: the same on every row (22023 otherwise). A NULL
 * started_on is a mission not started: every element NULL. The sums are exact: int128 units of
 * 1e-4 euros, numeric for an amount with more decimals; shown in cents (two decimals) when whole.
 *
 * Parallel: workers' states are combined (exco.earned_by_year_combine), serialized in between
 * in the same bytes on every architecture (agg_serial.h); the planner may split a large report's
 * aggregation among its workers.
 */
#include "indicator_earned.h"

#include "fmgr.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"

#include "agg_serial.h"
#include "calendar.h"
#include "numeric_util.h"

#define CONTRACT_YEARS 5
#define SUM_MAX ((int128) (((uint128) 1 << 126) - 1))	/* far inside int128 both ways */

typedef struct EarnedState
{
	DateADT		as_of;
	DateADT		signed_on;
	bool		started;		/* started_on is not NULL */
	DateADT		started_on;
	DateADT		ann[CONTRACT_YEARS + 1];	/* A(0) = signed_on .. A(5) = ends_on */
	bool		weight_unknown; /* an indicator's weight is not a finite number */
	bool		measured[CONTRACT_YEARS];	/* a measure listed in year k */
	bool		unknown[CONTRACT_YEARS];	/* one of them unknown */
	int128		sum[CONTRACT_YEARS];	/* the year's sum, in 1e-4 euros */
	Numeric		rest[CONTRACT_YEARS];	/* and of the amounts that do not fit it (NULL: 0) */
} EarnedState;

static void
check_same(const char *what, DateADT first, DateADT here)
{
	if (first != here)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s differs within a group of exco.earned_by_year: %s, then %s",
						what, exco_date_str(first), exco_date_str(here)),
				 errhint("Group by contract and mission: as_of, signed_on and started_on are the contract mission's.")));
}

static void
refuse_null(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s must not be null in exco.earned_by_year", what)));
}

/* Add n to year y's numeric part (kept in the aggregate's context; the previous one freed). */
static void
add_rest(EarnedState *st, int y, Numeric n, MemoryContext aggcxt)
{
	Numeric		old = st->rest[y];
	MemoryContext oldcxt = MemoryContextSwitchTo(aggcxt);

	st->rest[y] = num_add(old != NULL ? old : int64_to_numeric(0), n);
	MemoryContextSwitchTo(oldcxt);
	if (old != NULL)
		pfree(old);
}

/* Add v units of 1e-4 euros to year y's sum: in int128, or in numeric when it would overflow. */
static void
add_units(EarnedState *st, int y, int128 v, MemoryContext aggcxt)
{
	if (v >= 0 ? st->sum[y] <= SUM_MAX - v : st->sum[y] >= -SUM_MAX - v)
		st->sum[y] += v;
	else
		add_rest(st, y, int128_to_numeric(v, 4), aggcxt);
}

/*
 * Add an earned amount to year y's sum, exactly: in int128 units of 1e-4 euros when it has at most
 * four decimals (an earned amount has two), else in numeric.
 */
static void
add_earned(EarnedState *st, int y, Datum earned, MemoryContext aggcxt)
{
	int128		v;

	if (numeric_scaled(earned, 1, &v))
		add_units(st, y, v, aggcxt);
	else
		add_rest(st, y, DatumGetNumeric(earned), aggcxt);
}

static void
check_started(bool first, bool here)
{
	if (first != here)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("started_on differs within a group of exco.earned_by_year: NULL and not NULL"),
				 errhint("Group by contract and mission: as_of, signed_on and started_on are the contract mission's.")));
}

/*
 * exco.earned_by_year_step(state, as_of, signed_on, started_on, weight, contract_year, earned,
 * unknown): adds one indicator row (contract_year NULL) or one measure.
 */
PG_FUNCTION_INFO_V1(earned_by_year_step);
Datum
earned_by_year_step(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	EarnedState *st;
	int			k;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "exco.earned_by_year_step called in non-aggregate context");
	if (PG_ARGISNULL(1))
		refuse_null("as_of");
	if (PG_ARGISNULL(2))
		refuse_null("signed_on");

	if (PG_ARGISNULL(0))
	{
		int			i;

		st = (EarnedState *) MemoryContextAllocZero(aggcxt, sizeof(EarnedState));
		st->as_of = PG_GETARG_DATEADT(1);
		st->signed_on = PG_GETARG_DATEADT(2);
		exco_check_signing_date(st->signed_on);
		st->started = !PG_ARGISNULL(3);
		st->started_on = st->started ? PG_GETARG_DATEADT(3) : 0;
		for (i = 0; i <= CONTRACT_YEARS; i++)
			st->ann[i] = exco_add_months(st->signed_on, 12 * i);
	}
	else
	{
		st = (EarnedState *) PG_GETARG_POINTER(0);
		check_same("as_of", st->as_of, PG_GETARG_DATEADT(1));
		check_same("signed_on", st->signed_on, PG_GETARG_DATEADT(2));
		check_started(st->started, !PG_ARGISNULL(3));
		if (st->started)
			check_same("started_on", st->started_on, PG_GETARG_DATEADT(3));
	}

	if (!PG_ARGISNULL(4) && exco_weight_unknown(PG_GETARG_DATUM(4)))
		st->weight_unknown = true;
	if (PG_ARGISNULL(5) || !st->started)
		PG_RETURN_POINTER(st);	/* an indicator row without a measure, or a mission not started */

	k = PG_GETARG_INT32(5);
	if (k < 1 || k > CONTRACT_YEARS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("contract year %d is outside 1 to %d", k, CONTRACT_YEARS)));
	/* listed: the mission had started before the year's end, and the year has begun on as_of */
	if (!(st->started_on < st->ann[k] && st->ann[k - 1] <= st->as_of))
		PG_RETURN_POINTER(st);
	st->measured[k - 1] = true;
	if (PG_ARGISNULL(6) || PG_ARGISNULL(7) || PG_GETARG_BOOL(7))
		st->unknown[k - 1] = true;
	else if (!st->unknown[k - 1])
		add_earned(st, k - 1, PG_GETARG_DATUM(6), aggcxt);
	PG_RETURN_POINTER(st);
}

/*
 * exco.earned_by_year_combine(state, state): the states of one group from two parallel workers.
 * A state comes to it deserialized in a short-lived context: kept, it is copied into the
 * aggregate's.
 */
PG_FUNCTION_INFO_V1(earned_by_year_combine);
Datum
earned_by_year_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	EarnedState *a;
	const EarnedState *b;
	int			y;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "exco.earned_by_year_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0));
	b = (const EarnedState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		/* the copy in the aggregate's context: this call's is reset after the input row */
		MemoryContext oldcxt = MemoryContextSwitchTo(aggcxt);

		a = (EarnedState *) palloc(sizeof(EarnedState));
		*a = *b;
		for (y = 0; y < CONTRACT_YEARS; y++)
			if (b->rest[y] != NULL)
				a->rest[y] = DatumGetNumeric(datumCopy(NumericGetDatum(b->rest[y]), false, -1));
		MemoryContextSwitchTo(oldcxt);
		PG_RETURN_POINTER(a);
	}
	a = (EarnedState *) PG_GETARG_POINTER(0);
	check_same("as_of", a->as_of, b->as_of);
	check_same("signed_on", a->signed_on, b->signed_on);
	check_started(a->started, b->started);
	if (a->started)
		check_same("started_on", a->started_on, b->started_on);
	a->weight_unknown |= b->weight_unknown;
	for (y = 0; y < CONTRACT_YEARS; y++)
	{
		a->measured[y] |= b->measured[y];
		a->unknown[y] |= b->unknown[y];
		add_units(a, y, b->sum[y], aggcxt);
		if (b->rest[y] != NULL)
			add_rest(a, y, b->rest[y], aggcxt);
	}
	PG_RETURN_POINTER(a);
}

/*
 * The serialized state, the same bytes on every architecture (agg_serial.h): a version byte (1);
 * as_of, signed_on, started_on and the anniversaries A(0)..A(5) as big-endian int32 days; one
 * byte each for started, weight_unknown and each year's measured and unknown; each year's sum
 * as a big-endian int128; each year's numeric part in its send format (length 0: none).
 */
#define EARNED_SERIAL_VERSION 1
#define EARNED_SERIAL_DATES (3 + CONTRACT_YEARS + 1)
#define EARNED_SERIAL_FIXED (1 + EARNED_SERIAL_DATES * EXCO_SERIAL_INT32 + 2 + 2 * CONTRACT_YEARS \
							 + CONTRACT_YEARS * EXCO_SERIAL_INT128)
#define WHAT "exco.earned_by_year"

/* The state's dates, in their serialized order. */
static void
state_dates(EarnedState *st, DateADT **dates)
{
	int			i;

	dates[0] = &st->as_of;
	dates[1] = &st->signed_on;
	dates[2] = &st->started_on;
	for (i = 0; i <= CONTRACT_YEARS; i++)
		dates[3 + i] = &st->ann[i];
}

/* exco.earned_by_year_serialize(state) → bytea, for a parallel worker's state. */
PG_FUNCTION_INFO_V1(earned_by_year_serialize);
Datum
earned_by_year_serialize(PG_FUNCTION_ARGS)
{
	EarnedState *st;
	DateADT    *dates[EARNED_SERIAL_DATES];
	bytea	   *rest[CONTRACT_YEARS];
	Size		len = EARNED_SERIAL_FIXED;
	bytea	   *out;
	char	   *p;
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "exco.earned_by_year_serialize called in non-aggregate context");
	st = (EarnedState *) PG_GETARG_POINTER(0);
	for (i = 0; i < CONTRACT_YEARS; i++)
	{
		rest[i] = exco_serial_numeric(st->rest[i]);
		len += exco_serial_numeric_size(rest[i]);
	}
	out = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(out, VARHDRSZ + len);
	p = VARDATA(out);
	*p++ = EARNED_SERIAL_VERSION;
	state_dates(st, dates);
	for (i = 0; i < EARNED_SERIAL_DATES; i++)
		p = exco_serial_put_int32(p, *dates[i]);
	*p++ = st->started;
	*p++ = st->weight_unknown;
	for (i = 0; i < CONTRACT_YEARS; i++)
	{
		*p++ = st->measured[i];
		*p++ = st->unknown[i];
	}
	for (i = 0; i < CONTRACT_YEARS; i++)
		p = exco_serial_put_int128(p, st->sum[i]);
	for (i = 0; i < CONTRACT_YEARS; i++)
		p = exco_serial_put_numeric(p, rest[i]);
	Assert(p == VARDATA(out) + len);
	PG_RETURN_BYTEA_P(out);
}

/* A serialized flag: 0 or 1. */
static bool
read_flag(const char **p)
{
	char		c = *(*p)++;

	if (c != 0 && c != 1)
		elog(ERROR, "invalid serialized " WHAT " state");
	return c == 1;
}

/*
 * exco.earned_by_year_deserialize(bytea, internal) → state, in the current (short-lived)
 * context: the combine function copies what it keeps.
 */
PG_FUNCTION_INFO_V1(earned_by_year_deserialize);
Datum
earned_by_year_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *in;
	const char *p;
	const char *end;
	EarnedState *st;
	DateADT    *dates[EARNED_SERIAL_DATES];
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "exco.earned_by_year_deserialize called in non-aggregate context");
	in = PG_GETARG_BYTEA_PP(0);
	p = VARDATA_ANY(in);
	end = p + VARSIZE_ANY_EXHDR(in);
	if (end - p < EARNED_SERIAL_FIXED || *p != EARNED_SERIAL_VERSION)
		elog(ERROR, "invalid serialized " WHAT " state");
	p++;
	st = (EarnedState *) palloc0(sizeof(EarnedState));
	state_dates(st, dates);
	for (i = 0; i < EARNED_SERIAL_DATES; i++)
		p = exco_serial_read_int32(p, end, dates[i], WHAT);
	st->started = read_flag(&p);
	st->weight_unknown = read_flag(&p);
	for (i = 0; i < CONTRACT_YEARS; i++)
	{
		st->measured[i] = read_flag(&p);
		st->unknown[i] = read_flag(&p);
	}
	for (i = 0; i < CONTRACT_YEARS; i++)
		p = exco_serial_read_int128(p, end, &st->sum[i], WHAT);
	for (i = 0; i < CONTRACT_YEARS; i++)
		p = exco_serial_read_numeric(p, end, &st->rest[i], WHAT);
	if (p != end)
		elog(ERROR, "invalid serialized " WHAT " state");
	PG_RETURN_POINTER(st);
}

/*
 * v units of 1e-4 euros as a numeric: in cents (two decimals, as the earned amounts are written)
 * when it is a whole number of cents that fits int64, else exact with its trailing zeros trimmed.
 */
static Numeric
units_numeric(int128 v)
{
	if (v % 100 == 0 && v / 100 >= PG_INT64_MIN && v / 100 <= PG_INT64_MAX)
		return int64_div_fast_to_numeric((int64) (v / 100), 2);
	return int128_to_numeric(v, 4);
}

/* exco.earned_by_year_final(state): the five years' earned amounts, '[1:5]={...}'. */
PG_FUNCTION_INFO_V1(earned_by_year_final);
Datum
earned_by_year_final(PG_FUNCTION_ARGS)
{
	EarnedState *st;
	Datum		elems[CONTRACT_YEARS];
	bool		nulls[CONTRACT_YEARS];
	int			dims[1] = {CONTRACT_YEARS};
	int			lbs[1] = {1};
	int			k;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();		/* no rows */
	st = (EarnedState *) PG_GETARG_POINTER(0);
	for (k = 1; k <= CONTRACT_YEARS; k++)
	{
		bool		over = st->started && st->started_on < st->ann[k] && st->ann[k] <= st->as_of;

		nulls[k - 1] = !(over || st->measured[k - 1]) || st->unknown[k - 1] ||
			(over && st->weight_unknown);
		if (nulls[k - 1])
			elems[k - 1] = (Datum) 0;
		else
		{
			Numeric		sum = units_numeric(st->sum[k - 1]);

			elems[k - 1] = NumericGetDatum(st->rest[k - 1] != NULL ? num_add(sum, st->rest[k - 1]) : sum);
		}
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 1, dims, lbs, NUMERICOID, -1, false,
											 TYPALIGN_INT));
}
