/*
 * mission.c — exco.mission: the financing lines of a CPTS contract (doc/rules.md §3) and
 * their deadlines, as month offsets from the signature (the dates are deadline.c's).
 *
 * The SQL enum is mapped to a C index by label, never by OID or sort order, so that the
 * mapping survives dump/restore and a later ALTER TYPE ... ADD VALUE.
 */
#include "exco.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/syscache.h"

const char *const exco_mission_labels[MISSION_COUNT] = {
	"fonctionnement",
	"acces_soins",
	"parcours",
	"prevention",
	"crises_sanitaires",
	"qualite",
	"accompagnement",
};

/*
 * Deadlines in months after signature (doc/rules.md §3; crises_sanitaires from the 2022
 * amendment, doc/rules.md §8.2). -1: no deadline (fonctionnement is a financing line, qualite and
 * accompagnement are optional).
 */
static const int start_months[MISSION_COUNT] = {-1, 6, 12, 12, 6, -1, -1};
static const int deploy_months[MISSION_COUNT] = {-1, 18, 24, 24, 18, -1, -1};

int
exco_start_months(ExcoMission m)
{
	return start_months[m];
}

int
exco_deploy_months(ExcoMission m)
{
	return deploy_months[m];
}

bool
exco_is_socle(ExcoMission m)
{
	return start_months[m] >= 0;
}

/* The OID of label in enum type enumtype; InvalidOid when there is none. */
Oid
exco_enum_oid(Oid enumtype, const char *label)
{
	return GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
						   ObjectIdGetDatum(enumtype), CStringGetDatum(label));
}

ExcoMission
exco_mission_index(MissionCache *cache, Oid enumval)
{
	HeapTuple	tup;
	const char *label;
	int			i;

	for (i = 0; i < cache->n; i++)
		if (cache->oids[i] == enumval)
			return (ExcoMission) cache->index[i];

	tup = SearchSysCache1(ENUMOID, ObjectIdGetDatum(enumval));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid internal value for enum: %u", enumval)));
	label = NameStr(((Form_pg_enum) GETSTRUCT(tup))->enumlabel);
	for (i = 0; i < MISSION_COUNT; i++)
		if (strcmp(label, exco_mission_labels[i]) == 0)
			break;
	if (i == MISSION_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("exco does not know the rules of mission \"%s\"", label),
				 errhint("The known missions are fonctionnement, acces_soins, parcours, prevention, crises_sanitaires, qualite and accompagnement.")));
	ReleaseSysCache(tup);

	if (cache->n < (int) lengthof(cache->oids))
	{
		cache->oids[cache->n] = enumval;
		cache->index[cache->n] = (int8) i;
		cache->n++;
	}
	return (ExcoMission) i;
}

char *
exco_mission_list_dims(ArrayType *a)
{
	StringInfoData buf;
	int			i;

	if (ARR_NDIM(a) <= 1)
		return NULL;
	initStringInfo(&buf);
	for (i = 0; i < ARR_NDIM(a); i++)
		appendStringInfo(&buf, "[%d:%d]", ARR_LBOUND(a)[i], ARR_LBOUND(a)[i] + ARR_DIMS(a)[i] - 1);
	return buf.data;
}

/*
 * A 2-D list would be flattened by deconstruct_array and summed as if it were a list: refused
 * (22023, as core's width_bucket refuses multidimensional thresholds).
 */
void
exco_mission_list_check(ArrayType *a, const char *column, Relation rel)
{
	char	   *dims = exco_mission_list_dims(a);

	if (dims == NULL)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the mission list of a contract must be a one-dimensional array, not %d-dimensional %s",
					ARR_NDIM(a), dims),
			 column ? errdetail("Column \"%s\" holds a %d-dimensional array of missions.", column, ARR_NDIM(a)) : 0,
			 errhint("Pass a one-dimensional list such as '{acces_soins,parcours}'."),
			 rel ? errtable(rel) : 0));
}

/* The per-call-site cache, in fn_extra under fn_mcxt. */
MissionCache *
exco_mission_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(MissionCache));
	return (MissionCache *) fcinfo->flinfo->fn_extra;
}

PG_FUNCTION_INFO_V1(mission_is_socle);
Datum
mission_is_socle(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(exco_is_socle(exco_mission_index(exco_mission_cache(fcinfo), PG_GETARG_OID(0))));
}
