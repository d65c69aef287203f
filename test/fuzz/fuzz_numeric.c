/*
 * fuzz_numeric.c — libFuzzer target for the reading of numeric's stored digits
 * (src/numeric_core.c). Any bytes: no crash, no overflow (UBSan), and a value read is below
 * 1e36. Then a well-formed numeric built from the input (long or short header, any weight and
 * scale that fit) reads back exactly as the integer it encodes. And the comparison on stored
 * digits (exco_numeric_digits_cmp) is an order (antisymmetric, reflexive) that agrees with the
 * integers read, on two numerics made of the two halves of the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "numeric_core.h"

#define E36 ((__int128) 1000000000000000000LL * (__int128) 1000000000000000000LL)

/* Encode |v| (base 10000 digits, weight w, negative) as a numeric payload; returns its length. */
static int
encode(char *buf, uint64_t v, int negative, int extra_weight, int short_header)
{
	int16_t		dg[8];
	int			n = 0,
				i,
				len = 0;
	int			weight;
	uint16_t	header;

	while (v != 0)
	{
		dg[n++] = (int16_t) (v % 10000);
		v /= 10000;
	}
	weight = n - 1 + extra_weight;	/* the value is Σ dg · 10000^(weight - i) */
	if (short_header)
	{
		header = 0x8000 | (negative ? 0x2000 : 0) |
			(weight < 0 ? 0x0040 : 0) | (uint16_t) (weight & 0x003F);
		memcpy(buf, &header, 2);
		len = 2;
	}
	else
	{
		int16_t		w = (int16_t) weight;

		header = negative ? 0x4000 : 0;
		memcpy(buf, &header, 2);
		memcpy(buf + 2, &w, 2);
		len = 4;
	}
	for (i = n - 1; i >= 0; i--)
	{
		memcpy(buf + len, &dg[i], 2);
		len += 2;
	}
	return len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	__int128	out;
	int			fd;

	if (size < 1)
		return 0;
	fd = data[0] % 6;
	if (exco_numeric_scaled_raw((const char *) data + 1, (int) size - 1, fd, &out) &&
		(out >= E36 || out <= -E36))
		abort();

	{
		int			half = (int) (size - 1) / 2;
		const char *pa = (const char *) data + 1;
		const char *pb = pa + half;
		int			lenb = (int) size - 1 - half;
		ExcoNumericDigits da;
		ExcoNumericDigits db;
		__int128	ia;
		__int128	ib;

		if (exco_numeric_digits_raw(pa, half, &da) && exco_numeric_digits_raw(pb, lenb, &db))
		{
			int			c = exco_numeric_digits_cmp(&da, &db);

			if (c != -exco_numeric_digits_cmp(&db, &da) || exco_numeric_digits_cmp(&da, &da) != 0)
				abort();
			if (exco_numeric_scaled_raw(pa, half, fd, &ia) && exco_numeric_scaled_raw(pb, lenb, fd, &ib) &&
				c != (ia < ib ? -1 : ia > ib ? 1 : 0))
				abort();
		}
	}

	if (size >= 11)
	{
		uint64_t	v;
		char		buf[32];
		int			len;
		int			extra = (int) (data[9] % 9) - 4;	/* weight shift: -4 .. +4 */
		int			negative = data[10] & 1;
		int			short_header = (data[10] >> 1) & 1;
		__int128	want;
		int			i;

		memcpy(&v, data + 1, 8);
		v %= 10000000000000000ULL;	/* 16 digits: 4 base-10000 digits */
		if (v == 0)
			return 0;
		while (v % 10000 == 0)
			v /= 10000;			/* a stored numeric has no trailing zero digits */
		len = encode(buf, v, negative, extra, short_header);
		/* value = v · 10000^extra; scaled by 10000^fd: v · 10000^(extra + fd) */
		if (extra + fd < 0)
		{
			if (exco_numeric_scaled_raw(buf, len, fd, &out))
				abort();		/* more fractional digits than asked: refused */
			return 0;
		}
		{
			/* refused exactly when it would exceed 9 base-10000 digits (weight + fd > 8) */
			int			n = 0;
			uint64_t	t = v;

			while (t != 0)
			{
				n++;
				t /= 10000;
			}
			if (n - 1 + extra + fd > 8)
			{
				if (exco_numeric_scaled_raw(buf, len, fd, &out))
					abort();
				return 0;
			}
		}
		want = v;
		for (i = 0; i < extra + fd; i++)
			want *= 10000;
		if (negative)
			want = -want;
		if (!exco_numeric_scaled_raw(buf, len, fd, &out))
			abort();
		if (out != want)
			abort();
	}
	return 0;
}
