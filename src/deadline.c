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
 * Fast calendar arithmetic for the common range. PostgreSQL's j2date()/date2j() are out-of-line
 * calls with several divisions; a profile of exco.deadline_status showed them, with the month
 * addition around them, at ~28 % of the query. These inline versions (H. Hinnant's
 * days_from_civil / civil_from_days, proleptic Gregorian like PostgreSQL's) agree with
 * j2date/date2j on every day of years 1..9999 (checked against date + interval over that range,
 * see doc/bench.md); outside it, exco_add_months takes PostgreSQL's path, with its range errors.
 */
#define FAST_DATE_MIN	(-730119)	/* 0001-01-01 - 2000-01-01 */
#define FAST_DATE_MAX	2921939		/* 9999-12-31 - 2000-01-01 */
#define FAST_MONTHS_MAX 1200		/* results stay below year 10100: always valid dates */
#define UNIX_TO_PG_DAYS 10957		/* 2000-01-01 - 1970-01-01 */

/* The year, month (1-12) and day of d; d within [FAST_DATE_MIN, FAST_DATE_MAX]. */
static inline void
fast_ymd(DateADT d, int *year, int *month, int *day)
{
	int			z = d + UNIX_TO_PG_DAYS + 719468;	/* days since 0000-03-01, >= 0 here */
	int			era = z / 146097;
	int			doe = z - era * 146097;
	int			yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int			doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int			mp = (5 * doy + 2) / 153;
	int			m = mp < 10 ? mp + 3 : mp - 9;

	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = m;
	*year = yoe + era * 400 + (m <= 2);
}

/* The date of year-month-day; year >= 1. */
static inline DateADT
fast_date(int year, int month, int day)
{
	int			y = year - (month <= 2);
	int			era = y / 400;
	int			yoe = y - era * 400;
	int			doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int			doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468 - UNIX_TO_PG_DAYS;
}

/* year-month-day + months (0..FAST_MONTHS_MAX), the day clamped to the month's last day. */
static inline DateADT
fast_add_months(int year, int month, int day, int months)
{
	int			m0 = year * MONTHS_PER_YEAR + month - 1 + months;
	int			y = m0 / MONTHS_PER_YEAR;
	int			m = m0 % MONTHS_PER_YEAR + 1;
	int			last = day_tab[isleap(y)][m - 1];

	return fast_date(y, m, day > last ? last : day);
}

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

	if (likely(d >= FAST_DATE_MIN && d <= FAST_DATE_MAX &&
			   months >= 0 && months <= FAST_MONTHS_MAX))
	{
		fast_ymd(d, &year, &month, &day);
		return fast_add_months(year, month, day, months);
	}

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("signing date must be finite, not \"%s\"",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))))));

	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	/* j2date counts 1 BC as year 0, 2 BC as -1: divide m0 rounding down, not towards zero */
	m0 = (year * MONTHS_PER_YEAR + month - 1) + months;
	year = m0 >= 0 ? m0 / MONTHS_PER_YEAR : -((-m0 + MONTHS_PER_YEAR - 1) / MONTHS_PER_YEAR);
	month = m0 - year * MONTHS_PER_YEAR + 1;
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
deadline_status_of(DeadlineCache *cache, ExcoMission m, DateADT signed_on, DateADT *started,
				   DateADT *deployed, DateADT as_of)
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

	/*
	 * Both deadlines, from one decomposition of signed_on, or from the last row's when it had
	 * the same signing date and mission. Outside the fast range, exco_add_months raises the
	 * range errors, for both deadlines, as it always did.
	 */
	if (cache->have_deadlines && cache->dl_signed_on == signed_on && cache->dl_mission == m)
	{
		start_by = cache->dl_start_by;
		deploy_by = cache->dl_deploy_by;
	}
	else
	{
		int			sm = exco_start_months(m);
		int			dm = exco_deploy_months(m);

		if (likely(signed_on >= FAST_DATE_MIN && signed_on <= FAST_DATE_MAX &&
				   sm <= FAST_MONTHS_MAX && dm <= FAST_MONTHS_MAX))
		{
			int			year,
						month,
						day;

			fast_ymd(signed_on, &year, &month, &day);
			start_by = fast_add_months(year, month, day, sm);
			deploy_by = fast_add_months(year, month, day, dm);
		}
		else
		{
			start_by = exco_add_months(signed_on, sm);
			deploy_by = exco_add_months(signed_on, dm);
		}
		cache->have_deadlines = true;
		cache->dl_signed_on = signed_on;
		cache->dl_mission = m;
		cache->dl_start_by = start_by;
		cache->dl_deploy_by = deploy_by;
	}

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
