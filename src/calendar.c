/*
 * calendar.c — month arithmetic and dates in messages (see calendar.h). Contract years and
 * deadlines are counted in months from the signature (doc/rules.md §3, §4.4).
 */
#include "calendar.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

const char *
exco_date_str(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

void
exco_check_signing_date(DateADT d)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("signing date must be finite, not \"%s\"", exco_date_str(d))));
}

DateADT
exco_add_months(DateADT d, int months)
{
	int			year,
				month,
				day;
	int			m0;

	if (likely(fast_add_months_applies(d, months)))
	{
		fast_ymd(d, &year, &month, &day);
		return fast_add_months(year, month, day, months);
	}

	exco_check_signing_date(d);
	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	/* j2date counts 1 BC as year 0, 2 BC as -1: divide m0 rounding down, not towards zero */
	m0 = (year * MONTHS_PER_YEAR + month - 1) + months;
	year = m0 >= 0 ? m0 / MONTHS_PER_YEAR : -((-m0 + MONTHS_PER_YEAR - 1) / MONTHS_PER_YEAR);
	month = m0 - year * MONTHS_PER_YEAR + 1;
	if (day > day_tab[isleap(year)][month - 1])
		day = day_tab[isleap(year)][month - 1];
	if (!IS_VALID_JULIAN(year, month, day) ||
		!IS_VALID_DATE(date2j(year, month, day) - POSTGRES_EPOCH_JDATE))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range: %s + %d months", exco_date_str(d), months)));
	return date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
}
