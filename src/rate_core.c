/*
 * rate_core.c — the integer fast path of exco.attainment, without the server (see rate_core.h).
 */
#include "rate_core.h"

#define RATE_ONE_Q	((__int128) 100000000 * (__int128) 100000000 * (__int128) 10000)	/* 1e20 */
#define FAST_LEVEL_MAX ((__int128) 100000000 * (__int128) 1000000000)	/* 1e17: 2·diff·1e20 fits */

RateFast
exco_rate_q_digits(__int128 q, int16_t dg[RATE_CORE_NDIGITS])
{
	uint64_t	hi,
				lo;
	int			i;

	if (q <= 0)
		return RATE_FAST_ZERO;
	if (q >= RATE_ONE_Q)
		return RATE_FAST_ONE;
	/* one 128-bit division (a library call), then 64-bit ones the compiler turns into multiplications */
	hi = (uint64_t) (q / 100000000);	/* < 1e12: digits 0..2 */
	lo = (uint64_t) (q - (__int128) hi * 100000000);	/* < 1e8: digits 3..4 */
	dg[4] = (int16_t) (lo % 10000);
	dg[3] = (int16_t) (lo / 10000);
	for (i = 2; i >= 0; i--)
	{
		dg[i] = (int16_t) (hi % 10000);
		hi /= 10000;
	}
	return RATE_FAST_DIGITS;
}

RateFast
exco_rate_div_digits(uint64_t num, uint64_t den, int16_t dg[RATE_CORE_NDIGITS])
{
	uint64_t	r = num;
	int			i;

	for (i = 0; i < RATE_CORE_NDIGITS; i++)
	{
		r *= 10000;
		dg[i] = (int16_t) (r / den);
		r %= den;
	}
	if (r >= den - r)			/* remainder >= den / 2: round up, carrying */
	{
		for (i = RATE_CORE_NDIGITS - 1; i >= 0; i--)
		{
			if (++dg[i] < 10000)
				break;
			dg[i] = 0;
		}
		if (i < 0)
			return RATE_FAST_ONE;
	}
	for (i = 0; i < RATE_CORE_NDIGITS; i++)
		if (dg[i] != 0)
			return RATE_FAST_DIGITS;
	return RATE_FAST_ZERO;
}

RateFast
exco_rate_fast(__int128 m, __int128 s, __int128 o, int direction, int16_t dg[RATE_CORE_NDIGITS])
{
	int			goal;
	__int128	num,
				den;

	if (m >= FAST_LEVEL_MAX || m <= -FAST_LEVEL_MAX || s >= FAST_LEVEL_MAX ||
		s <= -FAST_LEVEL_MAX || o >= FAST_LEVEL_MAX || o <= -FAST_LEVEL_MAX)
		return RATE_FAST_NO;
	goal = (o > s) - (o < s);
	if (direction != 0 && goal != 0 && goal != direction)
		return RATE_FAST_NO;	/* the numeric path raises the error */
	if (goal == 0)
	{
		int			c = (m > o) - (m < o);

		return (c == 0 || (direction != 0 && c == direction)) ? RATE_FAST_ONE : RATE_FAST_ZERO;
	}
	if ((m - s) * goal <= 0)
		return RATE_FAST_ZERO;
	if ((m - o) * goal >= 0)
		return RATE_FAST_ONE;
	num = goal > 0 ? m - s : s - m;
	den = goal > 0 ? o - s : s - o;
	if (den < (__int128) (INT64_MAX / 10000))
		return exco_rate_div_digits((uint64_t) num, (uint64_t) den, dg);
	/* as ratio_round: q = floor((2·num·1e20 + den) / (2·den)) */
	return exco_rate_q_digits((2 * num * RATE_ONE_Q + den) / (2 * den), dg);
}
