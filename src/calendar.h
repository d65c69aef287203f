/*
 * calendar.h — dates for exco's rules (calendar.c): month arithmetic with PostgreSQL's
 * clamping, the finiteness check of a signing date, and dates in messages. Used by the
 * deadline, payment and contract code; it uses nothing of exco.
 *
 * The inline functions are a fast calendar for the common range. PostgreSQL's j2date()/date2j()
 * are out-of-line calls with several divisions; a profile of exco.deadline_status showed them,
 * with the month addition around them, at ~28 % of the query. These versions (H. Hinnant's
 * days_from_civil / civil_from_days, proleptic Gregorian like PostgreSQL's) agree with
 * j2date/date2j on every day of years 1..9999 (checked against date + interval over that range,
 * see doc/bench.md); outside it, exco_add_months takes PostgreSQL's path, with its range errors.
 */
#ifndef EXCO_CALENDAR_H
#define EXCO_CALENDAR_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"

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

/* Whether exco_add_months(d, months) takes the fast path. */
static inline bool
fast_add_months_applies(DateADT d, int months)
{
	return d >= FAST_DATE_MIN && d <= FAST_DATE_MAX && months >= 0 && months <= FAST_MONTHS_MAX;
}

/*
 * d + months, as PostgreSQL's date + interval 'N months': the same day of the month, clamped to
 * the month's last day (2019-08-31 + 6 months = 2020-02-29). 22023 for an infinite date, 22008
 * out of range.
 */
extern DateADT exco_add_months(DateADT d, int months);

/* Raise 22023 unless the signing date d is finite (-infinity and infinity are not dates). */
extern void exco_check_signing_date(DateADT d);

/* A date in the session's DateStyle, for error messages. */
extern const char *exco_date_str(DateADT d);

#endif							/* EXCO_CALENDAR_H */
