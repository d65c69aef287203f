/*
 * fuzz_calendar.c — libFuzzer target for exco's fast calendar (src/calendar_core.h) against
 * PostgreSQL's own algorithms (date2j and j2date, copied from src/backend/utils/adt/datetime.c,
 * PostgreSQL licence) and a month addition written plainly on them: for every date of years
 * 1..9999 and 0..1200 months, the same year, month, day, date and clamped month end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_core.h"

#define POSTGRES_EPOCH_JDATE 2451545	/* date2j(2000, 1, 1) */

static int
date2j(int y, int m, int d)
{
	int			julian;
	int			century;

	if (m > 2)
	{
		m += 1;
		y += 4800;
	}
	else
	{
		m += 13;
		y += 4799;
	}
	century = y / 100;
	julian = y * 365 - 32167;
	julian += y / 4 - century + century / 4;
	julian += 7834 * m / 256 + d;
	return julian;
}

static void
j2date(int jd, int *year, int *month, int *day)
{
	unsigned int julian;
	unsigned int quad;
	unsigned int extra;
	int			y;

	julian = jd;
	julian += 32044;
	quad = julian / 146097;
	extra = (julian - quad * 146097) * 4 + 3;
	julian += 60 + quad * 3 + extra / 146097;
	quad = julian / 1461;
	julian -= quad * 1461;
	y = julian * 4 / 1461;
	julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
	y += quad * 4;
	*year = y - 4800;
	quad = julian * 2141 / 65536;
	*day = julian - 7834 * quad / 256;
	*month = (quad + 10) % 12 + 1;
}

static int
is_leap(int y)
{
	return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t		raw;
	uint16_t	mraw = 0;
	int32_t		d;
	int			months;
	int			y,
				m,
				dd,
				ry,
				rm,
				rd,
				m0,
				last;
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (size < 4)
		return 0;
	memcpy(&raw, data, 4);
	if (size >= 6)
		memcpy(&mraw, data + 4, 2);
	/* a date of years 1..9999, months 0..1200 */
	d = FAST_DATE_MIN + (int32_t) ((uint32_t) raw % (uint32_t) (FAST_DATE_MAX - FAST_DATE_MIN + 1));
	months = mraw % (FAST_MONTHS_MAX + 1);
	if (!fast_add_months_applies(d, months))
		abort();

	fast_ymd(d, &y, &m, &dd);
	j2date(d + POSTGRES_EPOCH_JDATE, &ry, &rm, &rd);
	if (y != ry || m != rm || dd != rd)
		abort();
	if (fast_date(y, m, dd) != d || date2j(y, m, dd) - POSTGRES_EPOCH_JDATE != d)
		abort();
	if (fast_month_days(y, m) != mdays[m - 1] + (m == 2 && is_leap(y)))
		abort();

	/* the reference month addition: same day, clamped to the month's last day */
	m0 = ry * 12 + (rm - 1) + months;
	ry = m0 / 12;
	rm = m0 % 12 + 1;
	last = mdays[rm - 1] + (rm == 2 && is_leap(ry));
	if (rd > last)
		rd = last;
	if (fast_add_months(y, m, dd, months) != date2j(ry, rm, rd) - POSTGRES_EPOCH_JDATE)
		abort();
	return 0;
}
