/*
 * payment.c — exco.payment_schedule: the payments of one line of a CPTS contract over its five
 * contract years (doc/rules.md §4.4, §8.3), in int64 cents.
 *
 * Contract year i (1..5) runs from anniversary A(i-1) to A(i), A(i) = signature + 12 i months
 * (clamped to the month's end, so a contract signed on 29 February has its years end on 28
 * February, or 29 in leap years); a year includes A(i-1), not A(i). A(5) is the contract's
 * ends_on, the first day it no longer runs.
 *
 * fonctionnement, yearly amount F:
 *   year 1: advance of F (100 %) at signature;
 *   years 2..5: advance of 75 % of F at A(i-1), balance F - advance at A(i).
 * a mission started on S, in contract year k, fixed envelope X, variable ceiling V:
 *   year k: due = X x d / D (d = days from S to A(k), D = days of year k), advance = 75 % of that
 *           at S, balance = due - advance at A(k);
 *   years k+1..5: advance of 75 % of X at A(i-1), balance X - advance at A(i);
 *   years k..5: variable = V x attainment[i] at A(i) (not prorated), or variable_pending with
 *           a NULL amount while attainment[i] is not known.
 * Each amount is rounded to the cent half away from zero from the exact value, and a balance is
 * what is due minus the advance, so the rows of a year add up exactly to the year's due.
 */
#include "scale.h"
#include "numeric_util.h"

#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#define CONTRACT_YEARS 5

/* num / den rounded half away from zero, for num >= 0, den > 0. */
static int64
div_round(int64 num, int64 den)
{
	return (2 * num + den) / (2 * den);
}

/*
 * Where the rows go. reason: NULL for exco.payment_schedule (4 columns); for
 * exco.payment_schedule_report (a fifth, unknown_reason), why every amount is unknown (NULL) or
 * NULL when they are known.
 */
typedef struct ScheduleOut
{
	Tuplestorestate *store;
	TupleDesc	desc;
	const char *reason;
} ScheduleOut;

/* The kinds of rows, as text datums made once per backend (TopMemoryContext): a row's kind. */
typedef enum ScheduleKind
{
	KIND_ADVANCE,
	KIND_BALANCE,
	KIND_VARIABLE,
	KIND_VARIABLE_PENDING,
	KIND_COUNT
} ScheduleKind;

static Datum
kind_text(ScheduleKind kind)
{
	static const char *const labels[KIND_COUNT] = {"advance", "balance", "variable", "variable_pending"};
	static Datum texts[KIND_COUNT];

	if (texts[kind] == (Datum) 0)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		texts[kind] = CStringGetTextDatum(labels[kind]);
		MemoryContextSwitchTo(old);
	}
	return texts[kind];
}

static void
emit(ScheduleOut *out, int year, DateADT due_on, ScheduleKind kind, int64 cents, bool null_amount)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, null_amount || out->reason != NULL, out->reason == NULL};

	values[0] = Int32GetDatum(year);
	values[1] = DateADTGetDatum(due_on);
	values[2] = kind_text(kind);
	values[3] = nulls[3] ? (Datum) 0 : exco_cents_numeric(cents);
	values[4] = out->reason != NULL ? CStringGetTextDatum(out->reason) : (Datum) 0;
	tuplestore_putvalues(out->store, out->desc, values, nulls);
}

/*
 * The tuplestore of this call's rows. Its row type is the one the caller expects when it gives one
 * (a function in FROM: the executor built it once), else built from the function's declaration.
 */
static void
srf_init(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
						rsinfo->expectedDesc != NULL ? MAT_SRF_USE_EXPECTED_DESC : 0);
}

/* attainment[i] for contract year i, when known. */
typedef struct YearAttainment
{
	Datum		rate[CONTRACT_YEARS];
	bool		known[CONTRACT_YEARS];
} YearAttainment;

/*
 * Read the attainment argument: one dimension, element [i] for contract year i (the subscripts
 * are honoured: '[3:4]={0.5,1}' gives years 3 and 4), within years 1..5, each in [0, 1] or NULL.
 */
static void
read_attainment(ArrayType *arr, YearAttainment *att)
{
	Datum	   *elems;
	bool	   *enulls;
	int			n;
	int			first;
	int			i;
	Datum		zero = NumericGetDatum(int64_to_numeric(0));
	Datum		one = NumericGetDatum(int64_to_numeric(1));

	if (ARR_NDIM(arr) == 0)
		return;					/* '{}': nothing known */
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attainment must be a one-dimensional array, not %d-dimensional", ARR_NDIM(arr))));
	deconstruct_array(arr, NUMERICOID, -1, false, TYPALIGN_INT, &elems, &enulls, &n);
	first = ARR_LBOUND(arr)[0];
	if (first < 1 || n > CONTRACT_YEARS || first - 1 + n > CONTRACT_YEARS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attainment has subscripts [%d:%d], but a contract has years 1 to %d",
						first, first + n - 1, CONTRACT_YEARS),
				 errhint("Give attainment[i] for contract year i, NULL while not known.")));
	for (i = 0; i < n; i++)
	{
		int			year = first + i;

		if (enulls[i])
			continue;
		if (numeric_is_nan(DatumGetNumeric(elems[i])) ||
			DatumGetBool(DirectFunctionCall2(numeric_lt, elems[i], zero)) ||
			DatumGetBool(DirectFunctionCall2(numeric_gt, elems[i], one)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("attainment %s of contract year %d is outside [0, 1]",
							num_str(DatumGetNumeric(elems[i])), year)));
		att->rate[year - 1] = elems[i];
		att->known[year - 1] = true;
	}
}

/* fonctionnement, yearly amount f: the whole of year 1 at signature, then 75 % and balance. */
static void
emit_fonctionnement(ScheduleOut *out, const DateADT *ann, int64 f)
{
	int			i;

	emit(out, 1, ann[0], KIND_ADVANCE, f, false);
	for (i = 2; i <= CONTRACT_YEARS; i++)
	{
		int64		adv = div_round(3 * f, 4);

		emit(out, i, ann[i - 1], KIND_ADVANCE, adv, false);
		emit(out, i, ann[i], KIND_BALANCE, f - adv, false);
	}
}

/* A mission started on started_on: fixed share prorated in its first year, variable share. */
static void
emit_mission(ScheduleOut *out, const DateADT *ann, DateADT started_on, const ExcoCeiling *c,
			 const YearAttainment *att)
{
	int			i;

	for (i = 1; i <= CONTRACT_YEARS; i++)
	{
		int64		due,
					adv;

		if (started_on >= ann[i])
			continue;			/* the mission had not started in that year */
		if (started_on > ann[i - 1])
		{
			/* the start year: prorated by days from the start to the anniversary */
			int64		d = ann[i] - started_on;
			int64		days = ann[i] - ann[i - 1];

			due = div_round(c->fixed * d, days);
			adv = div_round(3 * c->fixed * d, 4 * days);
			emit(out, i, started_on, KIND_ADVANCE, adv, false);
		}
		else
		{
			due = c->fixed;
			adv = div_round(3 * c->fixed, 4);
			emit(out, i, ann[i - 1], KIND_ADVANCE, adv, false);
		}
		emit(out, i, ann[i], KIND_BALANCE, due - adv, false);

		if (att->known[i - 1])
		{
			Datum		v = DirectFunctionCall2(numeric_mul,
												NumericGetDatum(int64_to_numeric(c->variable)),
												att->rate[i - 1]);

			v = DirectFunctionCall2(numeric_round, v, Int32GetDatum(0));
			emit(out, i, ann[i], KIND_VARIABLE, DatumGetInt64(DirectFunctionCall1(numeric_int8, v)), false);
		}
		else
			emit(out, i, ann[i], KIND_VARIABLE_PENDING, 0, true);
	}
}

/*
 * Refuse a start before the signature, or (for a mission) on or after the contract's end:
 * ends_on = A(5), the first day the contract no longer runs (doc/rules.md §5).
 */
static void
check_start(ExcoMission m, DateADT signed_on, DateADT started_on, DateADT ends_on)
{
	if (started_on < signed_on)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mission %s started on %s, before the contract was signed on %s",
						exco_mission_labels[m], exco_date_str(started_on),
						exco_date_str(signed_on))));
	if (started_on >= ends_on && m != MISSION_FONCTIONNEMENT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mission %s started on %s, when its contract no longer runs",
						exco_mission_labels[m], exco_date_str(started_on)),
				 errdetail("The contract signed on %s ends on %s, the first day it no longer runs; its last day is %s.",
						   exco_date_str(signed_on), exco_date_str(ends_on),
						   exco_date_str(ends_on - 1))));
}

/*
 * exco.payment_schedule(signed_on, t, line, started_on, attainment, scale).
 * Not strict: NULL started_on = mission not started, NULL attainment = not yet known, NULL scale =
 * the scale in force at signature. NULL signed_on, t or line: no rows.
 */
PG_FUNCTION_INFO_V1(payment_schedule);
Datum
payment_schedule(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ExcoScaleCache *cache;
	ScheduleOut out;
	ExcoMission m;
	DateADT		signed_on;
	DateADT		ann[CONTRACT_YEARS + 1];
	YearAttainment att = {{0}, {false}};
	const ExcoScale *scale;
	ExcoCeiling c;
	int			i;

	srf_init(fcinfo);
	out.store = rsinfo->setResult;
	out.desc = rsinfo->setDesc;
	out.reason = NULL;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return (Datum) 0;

	cache = exco_scale_cache(fcinfo);
	m = exco_mission_index(&cache->missions, PG_GETARG_OID(2));
	signed_on = PG_GETARG_DATEADT(0);
	exco_check_signing_date(signed_on);
	for (i = 0; i <= CONTRACT_YEARS; i++)
		ann[i] = exco_add_months(signed_on, 12 * i);
	if (!PG_ARGISNULL(3))
		check_start(m, signed_on, PG_GETARG_DATEADT(3), ann[CONTRACT_YEARS]);
	if (!PG_ARGISNULL(4))
		read_attainment(PG_GETARG_ARRAYTYPE_P(4), &att);

	/* One scale for the whole contract: the one in force at signature unless one is named. */
	if (PG_ARGISNULL(5))
		scale = exco_scale_on(cache, signed_on);
	else
		scale = exco_scale_named(cache, text_to_cstring(PG_GETARG_TEXT_PP(5)));

	if (m == MISSION_FONCTIONNEMENT)
	{
		exco_scale_cell(scale, m, PG_GETARG_TIER(1), &c);
		emit_fonctionnement(&out, ann, c.fixed);
	}
	else if (!PG_ARGISNULL(3))	/* a mission not started has no payments yet */
	{
		exco_scale_cell(scale, m, PG_GETARG_TIER(1), &c);
		emit_mission(&out, ann, PG_GETARG_DATEADT(3), &c, &att);
	}
	return (Datum) 0;
}

/*
 * exco.payment_schedule_report(signed_on, t, line, started_on, attainment, scale): the rows of
 * exco.payment_schedule for the reports, which never raise for one line and never drop one. Where
 * the schedule's amounts are unknown (the named scale does not exist or does not give the line for
 * the tier; the mission started before the signature or after the contract's last running day),
 * the line keeps every row of its schedule, at the contract years and due dates the contract
 * gives (a start the rules refuse counts as a start at signature: the dates of a whole-contract
 * mission), with the same kinds, NULL amounts and the reason in unknown_reason; so does a NULL
 * tier. Not strict (as exco.payment_schedule): a NULL signing date or line gives no rows (no
 * contract years, no schedule); scale is the contract's (NULL: the one in force at signature).
 */
PG_FUNCTION_INFO_V1(payment_schedule_report);
Datum
payment_schedule_report(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ExcoScaleCache *cache;
	ScheduleOut out;
	ExcoMission m;
	Tier		t;
	DateADT		signed_on;
	DateADT		started_on;
	DateADT		ann[CONTRACT_YEARS + 1];
	YearAttainment att = {{0}, {false}};
	const ExcoScale *scale;
	char	   *name;
	ExcoCeiling c = {0, 0, 0, false};
	int			i;

	srf_init(fcinfo);
	out.store = rsinfo->setResult;
	out.desc = rsinfo->setDesc;
	out.reason = NULL;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		return (Datum) 0;		/* no signing date: no contract years; no line: no schedule */

	cache = exco_scale_cache(fcinfo);
	m = exco_mission_index(&cache->missions, PG_GETARG_OID(2));
	t = PG_ARGISNULL(1) ? 0 : PG_GETARG_TIER(1);
	signed_on = PG_GETARG_DATEADT(0);
	exco_check_signing_date(signed_on);
	for (i = 0; i <= CONTRACT_YEARS; i++)
		ann[i] = exco_add_months(signed_on, 12 * i);
	if (m != MISSION_FONCTIONNEMENT && PG_ARGISNULL(3))
		return (Datum) 0;		/* a mission not started has no payments yet */
	started_on = m == MISSION_FONCTIONNEMENT ? signed_on : PG_GETARG_DATEADT(3);
	if (!PG_ARGISNULL(4))
		read_attainment(PG_GETARG_ARRAYTYPE_P(4), &att);

	if (PG_ARGISNULL(5))
	{
		scale = exco_scale_find_on(cache, signed_on);
		name = scale != NULL ? scale->name : psprintf("in force on %s", exco_date_str(signed_on));
	}
	else
	{
		name = text_to_cstring(PG_GETARG_TEXT_PP(5));
		scale = exco_scale_find_named(cache, name);
	}
	if (PG_ARGISNULL(1))
		out.reason = pstrdup("no tier (NULL): the amounts need the contract's tier");
	else
		out.reason = exco_ceiling_gap_reason(scale, name, m, t);
	if (out.reason == NULL && started_on < signed_on)
		out.reason = psprintf("%s started on %s, before the contract was signed on %s",
							  exco_mission_labels[m], exco_date_str(started_on), exco_date_str(signed_on));
	else if (out.reason == NULL && started_on >= ann[CONTRACT_YEARS])
		out.reason = psprintf("%s started on %s, after the contract's last running day",
							  exco_mission_labels[m], exco_date_str(started_on));
	if (out.reason == NULL)
		exco_scale_cell(scale, m, t, &c);
	else if (started_on < signed_on || started_on >= ann[CONTRACT_YEARS])
		started_on = signed_on;

	if (m == MISSION_FONCTIONNEMENT)
		emit_fonctionnement(&out, ann, c.fixed);
	else
		emit_mission(&out, ann, started_on, &c, &att);
	return (Datum) 0;
}
