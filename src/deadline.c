/*
 * deadline.c — the deadlines of a mission (exco.start_deadline, exco.deploy_deadline) and
 * exco.deadline_status, its state against them (doc/rules.md §3). Months from mission.c, dates
 * from calendar.c.
 */
#include "exco.h"

#include "utils/builtins.h"
#include "utils/lsyscache.h"

/*
 * exco.start_deadline(m, signed_on) and exco.deploy_deadline(m, signed_on): the signature plus
 * the mission's months (mission.c), NULL for a mission without deadlines; an infinite signing
 * date is 22023 for every mission.
 */
PG_FUNCTION_INFO_V1(mission_start_deadline);
Datum
mission_start_deadline(PG_FUNCTION_ARGS)
{
	ExcoMission m = exco_mission_index(exco_mission_cache(fcinfo), PG_GETARG_OID(0));

	exco_check_signing_date(PG_GETARG_DATEADT(1));
	if (exco_start_months(m) < 0)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(exco_add_months(PG_GETARG_DATEADT(1), exco_start_months(m)));
}

PG_FUNCTION_INFO_V1(mission_deploy_deadline);
Datum
mission_deploy_deadline(PG_FUNCTION_ARGS)
{
	ExcoMission m = exco_mission_index(exco_mission_cache(fcinfo), PG_GETARG_OID(0));

	exco_check_signing_date(PG_GETARG_DATEADT(1));
	if (exco_deploy_months(m) < 0)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(exco_add_months(PG_GETARG_DATEADT(1), exco_deploy_months(m)));
}

/* exco.deadline_status labels, in the SQL enum's order. */
typedef enum DeadlineStatus
{
	DS_FREE = 0,
	DS_NOT_STARTED,
	DS_START_OVERDUE,
	DS_IN_PROGRESS,
	DS_STARTED_LATE,
	DS_DEPLOY_OVERDUE,
	DS_DEPLOYED_ON_TIME,
	DS_DEPLOYED_LATE,
	DS_COUNT
} DeadlineStatus;

static const char *const status_labels[DS_COUNT] = {
	"free", "not_started", "start_overdue", "in_progress", "started_late",
	"deploy_overdue", "deployed_on_time", "deployed_late",
};

/*
 * Per-call-site state, in fn_extra under fn_mcxt: the status OIDs, a direct map from the
 * mission enum OIDs (created together, so close to each other) to missions, and the deadlines of the last (signed_on, mission) (rows of one contract come
 * together in most tables: its missions share the signing date).
 */
typedef struct DeadlineCache
{
	MissionCache missions;
	Oid			status_oid[DS_COUNT];
	Oid			map_base;		/* map[oid - map_base] = mission + 1, 0 when not known */
	int8		map[64];
	bool		have_deadlines;
	ExcoMission dl_mission;
	DateADT		dl_signed_on;
	DateADT		dl_start_by;
	DateADT		dl_deploy_by;
} DeadlineCache;

/*
 * Both deadlines of socle mission m, from one decomposition of signed_on, or from the last row's
 * when it had the same signing date and mission. Outside the fast range, exco_add_months raises
 * the range errors, for both deadlines, as it always did.
 */
static void
deadlines_of(DeadlineCache *cache, ExcoMission m, DateADT signed_on, DateADT *start_by,
			 DateADT *deploy_by)
{
	int			sm = exco_start_months(m);
	int			dm = exco_deploy_months(m);

	if (cache->have_deadlines && cache->dl_signed_on == signed_on && cache->dl_mission == m)
	{
		*start_by = cache->dl_start_by;
		*deploy_by = cache->dl_deploy_by;
		return;
	}
	if (likely(fast_add_months_applies(signed_on, sm) && fast_add_months_applies(signed_on, dm)))
	{
		int			year,
					month,
					day;

		fast_ymd(signed_on, &year, &month, &day);
		*start_by = fast_add_months(year, month, day, sm);
		*deploy_by = fast_add_months(year, month, day, dm);
	}
	else
	{
		*start_by = exco_add_months(signed_on, sm);
		*deploy_by = exco_add_months(signed_on, dm);
	}
	cache->have_deadlines = true;
	cache->dl_signed_on = signed_on;
	cache->dl_mission = m;
	cache->dl_start_by = *start_by;
	cache->dl_deploy_by = *deploy_by;
}

/*
 * The status of mission m as of as_of. started/deployed are NULL when not known; a start or
 * deployment after as_of has not happened yet as of that date, so it is ignored: the status is
 * what a report run on as_of would have shown.
 */
static DeadlineStatus
deadline_status_of(DeadlineCache *cache, ExcoMission m, DateADT signed_on, DateADT *started,
				   DateADT *deployed, DateADT as_of)
{
	DateADT		start_by,
				deploy_by;

	exco_check_signing_date(signed_on);
	if (started && *started < signed_on)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mission %s started on %s, before the contract was signed on %s",
						exco_mission_labels[m], exco_date_str(*started), exco_date_str(signed_on))));
	if (deployed && !started)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mission %s deployed on %s without a start date",
						exco_mission_labels[m], exco_date_str(*deployed)),
				 errhint("A mission is started before it is deployed: give its start date.")));
	if (deployed && *deployed < *started)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mission %s deployed on %s, before it started on %s",
						exco_mission_labels[m], exco_date_str(*deployed), exco_date_str(*started))));

	if (!exco_is_socle(m))
		return DS_FREE;

	if (started && *started > as_of)
		started = NULL;
	if (deployed && *deployed > as_of)
		deployed = NULL;

	deadlines_of(cache, m, signed_on, &start_by, &deploy_by);

	if (!started)
		return as_of <= start_by ? DS_NOT_STARTED : DS_START_OVERDUE;
	if (!deployed)
	{
		if (as_of > deploy_by)
			return DS_DEPLOY_OVERDUE;
		return *started > start_by ? DS_STARTED_LATE : DS_IN_PROGRESS;
	}
	return (*started <= start_by && *deployed <= deploy_by) ? DS_DEPLOYED_ON_TIME : DS_DEPLOYED_LATE;
}

/*
 * exco.deadline_status(m, signed_on, started_on, deployed_on, as_of).
 * Not strict: started_on and deployed_on are NULL while the mission has not started or deployed.
 */
PG_FUNCTION_INFO_V1(deadline_status);
Datum
deadline_status(PG_FUNCTION_ARGS)
{
	DeadlineCache *cache = (DeadlineCache *) fcinfo->flinfo->fn_extra;
	DateADT		started,
				deployed;
	Oid			moid;
	ExcoMission m;
	DeadlineStatus s;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(4))
		PG_RETURN_NULL();

	if (cache == NULL)
	{
		Oid			rettype = get_func_rettype(fcinfo->flinfo->fn_oid);
		int			i;

		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(DeadlineCache));
		for (i = 0; i < DS_COUNT; i++)
		{
			cache->status_oid[i] = exco_enum_oid(rettype, status_labels[i]);
			if (!OidIsValid(cache->status_oid[i]))
				elog(ERROR, "enum %s has no label \"%s\"", format_type_be(rettype), status_labels[i]);
		}
		fcinfo->flinfo->fn_extra = cache;
	}

	moid = PG_GETARG_OID(0);
	if (moid - cache->map_base < lengthof(cache->map) && cache->map[moid - cache->map_base] > 0)
		m = (ExcoMission) (cache->map[moid - cache->map_base] - 1);
	else
	{
		m = exco_mission_index(&cache->missions, moid);
		if (cache->missions.n == 1)		/* the first mission seen: centre the map on it */
			cache->map_base = moid > lengthof(cache->map) / 2 ? moid - lengthof(cache->map) / 2 : 0;
		if (moid - cache->map_base < lengthof(cache->map))
			cache->map[moid - cache->map_base] = (int8) (m + 1);
	}
	if (!PG_ARGISNULL(2))
		started = PG_GETARG_DATEADT(2);
	if (!PG_ARGISNULL(3))
		deployed = PG_GETARG_DATEADT(3);

	s = deadline_status_of(cache, m, PG_GETARG_DATEADT(1),
						   PG_ARGISNULL(2) ? NULL : &started,
						   PG_ARGISNULL(3) ? NULL : &deployed,
						   PG_GETARG_DATEADT(4));
	PG_RETURN_OID(cache->status_oid[s]);
}
