/*
 * calendar_core.h — the pure part of exco's calendar (no PostgreSQL header: it is compiled into
 * exco.so through calendar.h and, alone, into the fuzz target test/fuzz/fuzz_calendar.c).
 *
 * A fast proleptic Gregorian calendar for years 1..9999 (H. Hinnant's days_from_civil /
 * civil_from_days). PostgreSQL's j2date()/date2j() are out-of-line calls with several
 * divisions; a profile of exco.deadline_status showed them, with the month addition around
 * them, at ~28 % of the query. Days are counted from 2000-01-01, as PostgreSQL's DateADT.
 * These agree with j2date/date2j on every day of years 1..9999 (sql test perf_paths, and
 * make fuzz against PostgreSQL's algorithms).
 */
#ifndef EXCO_CALENDAR_CORE_H
#define EXCO_CALENDAR_CORE_H

#include <stdbool.h>
#include <stdint.h>

#define FAST_DATE_MIN	(-730119)	/* 0001-01-01 - 2000-01-01 */
#define FAST_DATE_MAX	2921939		/* 9999-12-31 - 2000-01-01 */
#define FAST_MONTHS_MAX 1200		/* results stay below year 10100: always valid dates */
#define UNIX_TO_PG_DAYS 10957		/* 2000-01-01 - 1970-01-01 */

/* Days of month m (1-12) of year y (proleptic Gregorian). */
static inline int
fast_month_days(int y, int m)
{
	static const int8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap = (y % 4 == 0) && (y % 100 != 0 || y % 400 == 0);

	return days[m - 1] + (m == 2 && leap);
}

/* The year, month (1-12) and day of d; d within [FAST_DATE_MIN, FAST_DATE_MAX]. */
static inline void
fast_ymd(int32_t d, int *year, int *month, int *day)
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
static inline int32_t
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
static inline int32_t
fast_add_months(int year, int month, int day, int months)
{
	int			m0 = year * 12 + month - 1 + months;
	int			y = m0 / 12;
	int			m = m0 % 12 + 1;
	int			last = fast_month_days(y, m);

	return fast_date(y, m, day > last ? last : day);
}

/* Whether the fast path applies to d + months. */
static inline bool
fast_add_months_applies(int32_t d, int months)
{
	return d >= FAST_DATE_MIN && d <= FAST_DATE_MAX && months >= 0 && months <= FAST_MONTHS_MAX;
}

#endif							/* EXCO_CALENDAR_CORE_H */
