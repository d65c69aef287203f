/*
 * numeric_core.h — the pure part of exco's numeric reading (numeric_core.c, no PostgreSQL
 * header: fuzzed alone by test/fuzz/fuzz_rate.c). numeric_util.c calls it on a datum.
 */
#ifndef EXCO_NUMERIC_CORE_H
#define EXCO_NUMERIC_CORE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The numeric whose varlena payload is data[0..len) as an integer in units of
 * 10000^-fracdigits; false for NaN, infinities, more fractional digits, more than 36 decimal
 * digits, or bytes that are not a numeric.
 */
extern bool exco_numeric_scaled_raw(const char *data, int len, int fracdigits, __int128 *out);

/*
 * A finite numeric's stored digits, read in place: digits[i] (int16, possibly unaligned) is
 * worth 10000^(weight - i), the first and the last not zero; ndigits 0 is zero.
 */
typedef struct ExcoNumericDigits
{
	const char *digits;
	int			ndigits;
	int			weight;
	bool		negative;
} ExcoNumericDigits;

/*
 * Read the numeric whose varlena payload is data[0..len) as its digits (nothing copied); false
 * for NaN, infinities, or bytes too short to be a numeric.
 */
extern bool exco_numeric_digits_raw(const char *data, int len, ExcoNumericDigits *out);

/* -1, 0 or 1 as a is below, equal to or above b: numeric's own order of finite values. */
extern int	exco_numeric_digits_cmp(const ExcoNumericDigits *a, const ExcoNumericDigits *b);

#endif							/* EXCO_NUMERIC_CORE_H */
