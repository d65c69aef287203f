/*
 * rate_core.h — the integer fast path of exco.attainment (rate_core.c, no PostgreSQL header:
 * fuzzed alone by test/fuzz/fuzz_rate.c against the rate formula computed directly in 128 bits).
 *
 * A rate is rounded half up to 20 decimals: q = floor((2·num·1e20 + den) / (2·den)) for
 * 0 < num < den, rate = q·1e-20, returned as numeric's five base-10000 digits after the point.
 */
#ifndef EXCO_RATE_CORE_H
#define EXCO_RATE_CORE_H

#include <stdint.h>

#define RATE_CORE_NDIGITS 5

/* What a fast-path computation gives. */
typedef enum RateFast
{
	RATE_FAST_NO = -1,			/* out of the fast path's range: take the exact numeric path */
	RATE_FAST_ZERO = 0,			/* the rate is 0 */
	RATE_FAST_ONE = 1,			/* the rate is 1 */
	RATE_FAST_DIGITS = 2		/* the rate is 0.dg[0] dg[1] ... dg[4] (base 10000), not 0 */
} RateFast;

/*
 * The attainment rate of measured m, starting level s and objective o, all integers at one
 * scale; direction +1 (must rise), -1 (must fall), 0 (inferred). RATE_FAST_NO when a level is
 * 1e17 or more in magnitude, or when the objective contradicts the direction (the exact path
 * raises that error).
 */
extern RateFast exco_rate_fast(__int128 m, __int128 s, __int128 o, int direction,
							   int16_t dg[RATE_CORE_NDIGITS]);

/* q·1e-20 (0 <= q <= 1e20) as digits. */
extern RateFast exco_rate_q_digits(__int128 q, int16_t dg[RATE_CORE_NDIGITS]);

/* num / den rounded half up to 20 decimals, 0 < num < den < 2^63 / 10000, by long division. */
extern RateFast exco_rate_div_digits(uint64_t num, uint64_t den, int16_t dg[RATE_CORE_NDIGITS]);

#endif							/* EXCO_RATE_CORE_H */
