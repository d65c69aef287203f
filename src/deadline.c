/*
 * deadline.c — month arithmetic and exco.deadline_status, the state of a mission against its
 * start and deployment deadlines (DOMAIN.md §3).
 */
#include "exco.h"

#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"

/*
 * d + months, as PostgreSQL's date + interval 'N months': the same day of the month, clamped to
 * the month's last day (2019-08-31 + 6 months = 2020-02-29).
 */
DateADT
exco_add_months(DateADT d, int months)
{
	int			year,
				month,
				day;
	int			m0;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("signing date must be finite, not \"%s\"",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))))));

	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	m0 = (year * MONTHS_PER_YEAR + month - 1) + months;
	year = m0 / MONTHS_PER_YEAR;
	month = m0 % MONTHS_PER_YEAR + 1;
	if (day > day_tab[isleap(year)][month - 1])
		day = day_tab[isleap(year)][month - 1];
	if (!IS_VALID_DATE(date2j(year, month, day) - POSTGRES_EPOCH_JDATE) ||
		!IS_VALID_JULIAN(year, month, day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range: %s + %d months",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))), months)));
	return date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
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

typedef struct DeadlineCache
{
	MissionCache missions;
	Oid			status_oid[DS_COUNT];
} DeadlineCache;

/* A date in the session's DateStyle, for error messages. */
const char *
exco_date_str(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/*
 * The status of mission m as of as_of. started/deployed are NULL when not known; a start or
 * deployment after as_of has not happened yet as of that date, so it is ignored: the status is
 * what a report run on as_of would have shown.
 */
static DeadlineStatus
deadline_status_of(ExcoMission m, DateADT signed_on, DateADT *started, DateADT *deployed,
				   DateADT as_of)
{
	DateADT		start_by,
				deploy_by;

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

	start_by = exco_add_months(signed_on, exco_start_months(m));
	deploy_by = exco_add_months(signed_on, exco_deploy_months(m));

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

	m = exco_mission_index(&cache->missions, PG_GETARG_OID(0));
	if (!PG_ARGISNULL(2))
		started = PG_GETARG_DATEADT(2);
	if (!PG_ARGISNULL(3))
		deployed = PG_GETARG_DATEADT(3);

	s = deadline_status_of(m, PG_GETARG_DATEADT(1),
						   PG_ARGISNULL(2) ? NULL : &started,
						   PG_ARGISNULL(3) ? NULL : &deployed,
						   PG_GETARG_DATEADT(4));
	PG_RETURN_OID(cache->status_oid[s]);
}
