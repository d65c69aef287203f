/*
 * fuzz_rate.c — libFuzzer target for exco.attainment's integer fast path (src/rate_core.c)
 * against the rate computed directly from its definition in 128-bit arithmetic: clamp to [0, 1]
 * of (m - s) / (o - s), rounded half up to 20 decimals as q = floor((2·num·1e20 + den) /
 * (2·den)), with the rules for objective = starting level and a stated direction. Levels
 * are drawn up to ±2e17 so that the fast path's own range limit (1e17) is crossed too, and
 * both of its divisions (64-bit long division, 128-bit q) are reached.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rate_core.h"

#define E20 ((__int128) 100000000 * (__int128) 100000000 * (__int128) 10000)
#define E17 ((__int128) 100000000 * (__int128) 1000000000)

static __int128
level(const uint8_t *p)
{
	int64_t		v;

	memcpy(&v, p, 8);
	/* mostly small levels (where rates are interesting), sometimes near the range limit */
	if ((v & 3) != 0)
		return (__int128) (v % 1000000);
	return (__int128) (v % (int64_t) 200000000000000000LL);
}

/* The reference: q in units of 1e-20, or -1 when the fast path must decline. */
static __int128
reference_q(__int128 m, __int128 s, __int128 o, int direction)
{
	int			goal = (o > s) - (o < s);
	__int128	num,
				den;

	if (m >= E17 || m <= -E17 || s >= E17 || s <= -E17 || o >= E17 || o <= -E17)
		return -1;
	if (direction != 0 && goal != 0 && goal != direction)
		return -1;
	if (goal == 0)
	{
		int			c = (m > o) - (m < o);

		return (c == 0 || (direction != 0 && c == direction)) ? E20 : 0;
	}
	num = goal > 0 ? m - s : s - m;
	den = goal > 0 ? o - s : s - o;
	if (num <= 0)
		return 0;
	if (num >= den)
		return E20;
	return (2 * num * E20 + den) / (2 * den);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	__int128	m,
				s,
				o,
				want,
				got = 0;
	int			direction;
	int16_t		dg[RATE_CORE_NDIGITS];
	RateFast	r;
	int			i;

	if (size < 25)
		return 0;
	m = level(data);
	s = level(data + 8);
	o = level(data + 16);
	direction = (int) (data[24] % 3) - 1;

	want = reference_q(m, s, o, direction);
	r = exco_rate_fast(m, s, o, direction, dg);
	if (r == RATE_FAST_NO)
	{
		if (want != -1)
			abort();
		return 0;
	}
	if (r == RATE_FAST_ONE)
		got = E20;
	else if (r == RATE_FAST_DIGITS)
	{
		for (i = 0; i < RATE_CORE_NDIGITS; i++)
		{
			if (dg[i] < 0 || dg[i] > 9999)
				abort();
			got = got * 10000 + dg[i];
		}
		if (got <= 0 || got >= E20)
			abort();			/* 0 and 1 are returned as such, never as digits */
	}
	if (got != want)
		abort();
	return 0;
}
