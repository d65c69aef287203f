/*
 * numeric_util.h — small helpers over PostgreSQL's numeric (numeric_util.c): arithmetic and
 * comparison through numeric.c's own functions, the text of a value for messages, and the
 * finiteness check every exco function applies to its numeric arguments. Uses nothing of exco.
 */
#ifndef EXCO_NUMERIC_UTIL_H
#define EXCO_NUMERIC_UTIL_H

#include "postgres.h"

#include "numeric_core.h"
#include "pg_compat.h"
#include "utils/numeric.h"

extern Numeric num_const(const char *s);
extern char *num_str(Numeric n);
extern Numeric num_add(Numeric a, Numeric b);
extern Numeric num_sub(Numeric a, Numeric b);
extern Numeric num_mul(Numeric a, Numeric b);
extern int	num_cmp(Numeric a, Numeric b);
extern int	num_sign(Numeric a);
extern Numeric num_trim(Numeric n);

/* Raise 22023 unless n is a finite number; what names the argument ("measured value"). */
extern void num_check_finite(Numeric n, const char *what);

/*
 * A numeric datum's stored digits, read in place (numeric_core.h), to compare with
 * exco_numeric_digits_cmp; false for NaN and infinities. The datum must outlive *out.
 */
extern bool numeric_digits(Datum d, ExcoNumericDigits *out);

#ifdef HAVE_INT128
/* v · 10^-scale as a numeric, trailing zeros trimmed. */
extern Numeric int128_to_numeric(int128 v, int scale);

/*
 * A numeric datum as an integer in units of 10000^-fracdigits, read from its stored digits;
 * false for NaN, infinities, more fractional digits, or more than 36 decimal digits.
 */
extern bool numeric_scaled(Datum d, int fracdigits, int128 *out);
#endif

#endif							/* EXCO_NUMERIC_UTIL_H */
