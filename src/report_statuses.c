/*
 * report_statuses.c — the aggregate exco.mission_status_object(mission, status) → jsonb behind
 * exco.contract_overview.mission_statuses: {"<mission>": "<deadline status>" or null, ...}, the
 * same jsonb as jsonb_object_agg(mission, status) (keys in jsonb order; for a mission given twice
 * the last status wins; no row: NULL), built in one pass.
 *
 * exco.overdue_status_count(mission, status) → bigint counts the overdue statuses of the same
 * pairs (start_overdue, deploy_overdue: exco.mission_status.overdue), exco.late_status_count the
 * late ones (started_late, deployed_late: exco.mission_status.late). All three have the same
 * transition function and arguments, so PostgreSQL keeps one state for them when a query calls
 * them on the same inputs: each row's status is computed once.
 *
 * Why not jsonb_object_agg: it turns each key and each value into a jsonb of its own before adding
 * it (a type look-up and an allocation per pair), which was half of the report's time; writing
 * the object as text and reading it back (jsonb_in) costs about as much. Here the state keeps the
 * enum OIDs of the pairs (a few per contract), and the final function looks each label up once
 * per call site (a small cache in fn_extra), then builds the object with pushJsonbValue.
 */
#include "postgres.h"

#include "fmgr.h"
#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "utils/jsonb.h"
#include "utils/syscache.h"

typedef struct StatusPair
{
	Oid			mission;		/* exco.mission enum OID */
	Oid			status;			/* exco.deadline_status enum OID, InvalidOid for NULL */
} StatusPair;

typedef struct StatusState
{
	int			n;
	int			cap;
	StatusPair *pair;
} StatusState;

/* Enum labels already looked up by this call site (the labels of the two enums: 15). */
#define LABEL_CACHE_SIZE 32

typedef struct LabelCache
{
	int			n;
	Oid			oid[LABEL_CACHE_SIZE];
	char	   *label[LABEL_CACHE_SIZE];
} LabelCache;

/* exco.mission_status_object_step(state, mission, status): adds one pair. */
PG_FUNCTION_INFO_V1(report_status_object_step);
Datum
report_status_object_step(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	StatusState *st;

	/* Only PostgreSQL's aggregate machinery can call it (it takes and returns internal). */
	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "exco.mission_status_object_step called in non-aggregate context");
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mission must not be null in exco.mission_status_object"),
				 errhint("A mission is the key of the object: give each row's mission.")));

	if (PG_ARGISNULL(0))
	{
		st = (StatusState *) MemoryContextAlloc(aggcxt, sizeof(StatusState));
		st->n = 0;
		st->cap = 8;
		st->pair = (StatusPair *) MemoryContextAlloc(aggcxt, st->cap * sizeof(StatusPair));
	}
	else
	{
		st = (StatusState *) PG_GETARG_POINTER(0);
		if (st->n == st->cap)
		{
			st->cap *= 2;
			st->pair = (StatusPair *) repalloc(st->pair, st->cap * sizeof(StatusPair));
		}
	}
	st->pair[st->n].mission = PG_GETARG_OID(1);
	st->pair[st->n].status = PG_ARGISNULL(2) ? InvalidOid : PG_GETARG_OID(2);
	st->n++;
	PG_RETURN_POINTER(st);
}

/* The label of enum value oid, from the call site's cache (looked up in pg_enum once). */
static const char *
enum_label(FunctionCallInfo fcinfo, Oid oid)
{
	LabelCache *cache = (LabelCache *) fcinfo->flinfo->fn_extra;
	HeapTuple	tup;
	char	   *label;
	int			i;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(LabelCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	for (i = 0; i < cache->n; i++)
		if (cache->oid[i] == oid)
			return cache->label[i];

	tup = SearchSysCache1(ENUMOID, ObjectIdGetDatum(oid));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid internal value for enum: %u", oid)));
	label = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt,
								NameStr(((Form_pg_enum) GETSTRUCT(tup))->enumlabel));
	ReleaseSysCache(tup);
	if (cache->n < LABEL_CACHE_SIZE)
	{
		cache->oid[cache->n] = oid;
		cache->label[cache->n] = label;
		cache->n++;
	}
	return label;
}

static void
push_string(JsonbParseState **ps, JsonbIteratorToken token, const char *s)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = strlen(s);
	pushJsonbValue(ps, token, &v);
}

/* exco.mission_status_object_final(state) → jsonb; NULL without rows. The state is not changed. */
PG_FUNCTION_INFO_V1(report_status_object_final);
Datum
report_status_object_final(PG_FUNCTION_ARGS)
{
	StatusState *st;
	JsonbParseState *ps = NULL;
	JsonbValue	null_value;
	JsonbValue *res;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (StatusState *) PG_GETARG_POINTER(0);
	null_value.type = jbvNull;
	pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < st->n; i++)
	{
		push_string(&ps, WJB_KEY, enum_label(fcinfo, st->pair[i].mission));
		if (st->pair[i].status == InvalidOid)
			pushJsonbValue(&ps, WJB_VALUE, &null_value);
		else
			push_string(&ps, WJB_VALUE, enum_label(fcinfo, st->pair[i].status));
	}
	res = pushJsonbValue(&ps, WJB_END_OBJECT, NULL);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(res));
}

/*
 * Whether a deadline status label is overdue (open past its deadline on the date: start_overdue,
 * deploy_overdue; exco.mission_status.overdue) or late (finished after its deadline: started_late,
 * deployed_late; exco.mission_status.late). Up to 0.2.0 "late" counted the four.
 */
static bool
overdue_label(const char *label)
{
	return strcmp(label, "start_overdue") == 0 || strcmp(label, "deploy_overdue") == 0;
}

static bool
late_label(const char *label)
{
	return strcmp(label, "started_late") == 0 || strcmp(label, "deployed_late") == 0;
}

/* How many statuses of the state the label test accepts; 0 without rows. */
static int64
count_statuses(FunctionCallInfo fcinfo, bool (*accept) (const char *))
{
	StatusState *st;
	int64		n = 0;
	int			i;

	if (PG_ARGISNULL(0))
		return 0;
	st = (StatusState *) PG_GETARG_POINTER(0);
	for (i = 0; i < st->n; i++)
		if (st->pair[i].status != InvalidOid && accept(enum_label(fcinfo, st->pair[i].status)))
			n++;
	return n;
}

/* exco.late_status_count_final(state) → bigint: the late statuses; 0 without rows. */
PG_FUNCTION_INFO_V1(report_status_late_final);
Datum
report_status_late_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(count_statuses(fcinfo, late_label));
}

/* exco.overdue_status_count_final(state) → bigint: the overdue statuses; 0 without rows. */
PG_FUNCTION_INFO_V1(report_status_overdue_final);
Datum
report_status_overdue_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(count_statuses(fcinfo, overdue_label));
}
