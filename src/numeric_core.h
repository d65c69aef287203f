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

#endif							/* EXCO_NUMERIC_CORE_H */
