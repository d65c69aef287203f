/*
 * numeric_core.c — numeric's stored digits read in place, compared, or read as a 128-bit integer,
 * without the server (see numeric_core.h).
 */
#include "numeric_core.h"

#include <string.h>

static int16_t
digit_at(const ExcoNumericDigits *n, int i)
{
	int16_t		dg;

	memcpy(&dg, n->digits + i * (int) sizeof(int16_t), sizeof(int16_t));
	return dg;
}

/*
 * The header of numeric's on-disk format (stable since PostgreSQL 8.3 and shared with
 * pg_upgrade): short (sign, weight and display scale in one word) or long (sign and display
 * scale, then the weight). Zero digits at either end are dropped, in case a producer left any,
 * so that the first digit gives the magnitude.
 */
bool
exco_numeric_digits_raw(const char *data, int len, ExcoNumericDigits *out)
{
	uint16_t	header;

	if (len < (int) sizeof(uint16_t))
		return false;
	memcpy(&header, data, sizeof(uint16_t));
	if ((header & 0xC000) == 0xC000)	/* NaN, +Infinity, -Infinity */
		return false;
	if (header & 0x8000)		/* short header */
	{
		out->negative = (header & 0x2000) != 0;
		out->weight = (header & 0x0040) ? (int) (~0x003F | (header & 0x003F)) : (int) (header & 0x003F);
		out->digits = data + sizeof(uint16_t);
		out->ndigits = (len - (int) sizeof(uint16_t)) / (int) sizeof(int16_t);
	}
	else
	{
		int16_t		w;

		if (len < 2 * (int) sizeof(uint16_t))
			return false;
		out->negative = (header & 0x4000) != 0;
		memcpy(&w, data + sizeof(uint16_t), sizeof(int16_t));
		out->weight = w;
		out->digits = data + 2 * sizeof(uint16_t);
		out->ndigits = (len - 2 * (int) sizeof(uint16_t)) / (int) sizeof(int16_t);
	}
	while (out->ndigits > 0 && digit_at(out, out->ndigits - 1) == 0)
		out->ndigits--;
	while (out->ndigits > 0 && digit_at(out, 0) == 0)
	{
		out->digits += sizeof(int16_t);
		out->ndigits--;
		out->weight--;
	}
	return true;
}

int
exco_numeric_digits_cmp(const ExcoNumericDigits *a, const ExcoNumericDigits *b)
{
	int			sa = a->ndigits == 0 ? 0 : a->negative ? -1 : 1;
	int			sb = b->ndigits == 0 ? 0 : b->negative ? -1 : 1;
	int			n = a->ndigits > b->ndigits ? a->ndigits : b->ndigits;
	int			i;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa == 0)
		return 0;
	/* Same sign, both non-zero: the larger magnitude has the larger weight, then digits. */
	if (a->weight != b->weight)
		return a->weight > b->weight ? sa : -sa;
	for (i = 0; i < n; i++)
	{
		int			da = i < a->ndigits ? digit_at(a, i) : 0;
		int			db = i < b->ndigits ? digit_at(b, i) : 0;

		if (da != db)
			return da > db ? sa : -sa;
	}
	return 0;
}

/*
 * Read a numeric datum as an integer in units of 10000^-fracdigits, from its stored digits.
 * Returns false, leaving *out alone, for NaN and infinities, for a value with more fractional
 * digits than that, and for one too large for 36 decimal digits. data and len are the
 * varlena's payload (the short-header form too, read without copying it); bytes that are not
 * a numeric (too short, a digit outside 0..9999) also give false.
 */
bool
exco_numeric_scaled_raw(const char *data, int len, int fracdigits, __int128 *out)
{
	ExcoNumericDigits n;
	int			last;
	__int128	v = 0;
	int			i;

	if (!exco_numeric_digits_raw(data, len, &n))
		return false;
	if (n.ndigits == 0)
	{
		*out = 0;
		return true;
	}
	/* digit i is worth 10000^(weight - i); scaled, 10000^(weight - i + fracdigits) */
	last = n.weight - (n.ndigits - 1) + fracdigits;
	if (last < 0 || n.weight + fracdigits > 8)
		return false;
	for (i = 0; i < n.ndigits; i++)
	{
		int16_t		dg = digit_at(&n, i);

		if (dg < 0 || dg >= 10000)
			return false;
		v = v * 10000 + dg;
	}
	for (i = 0; i < last; i++)
		v *= 10000;
	*out = n.negative ? -v : v;
	return true;
}
