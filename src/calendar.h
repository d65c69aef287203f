/*
 * calendar.h — dates for exco's rules (calendar.c): month arithmetic with PostgreSQL's
 * clamping, the finiteness check of a signing date, and dates in messages. Used by the
 * deadline, payment and contract code; it uses nothing of exco.
 *
 * The fast calendar of the common range is calendar_core.h (no server header, fuzzed); outside
 * that range, exco_add_months takes PostgreSQL's path, with its range errors.
 */
#ifndef EXCO_CALENDAR_H
#define EXCO_CALENDAR_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "calendar_core.h"

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
