/*
 * numeric_core.c — numeric's stored digits read as a 128-bit integer, without the server (see
 * numeric_core.h).
 */
#include "numeric_core.h"

#include <string.h>

/*
 * Read a numeric datum as an integer in units of 10000^-fracdigits, straight from its stored
 * digits (the on-disk format of numeric, stable since PostgreSQL 8.3 and shared with
 * pg_upgrade). Returns false, leaving *out alone, for NaN and infinities, for a value with
 * more fractional digits than that, and for one too large for 36 decimal digits. Reads the
 * short-header (packed) form without copying it. data and len are the varlena's payload; bytes
 * that are not a numeric (too short, a digit outside 0..9999) also give false.
 */
bool
exco_numeric_scaled_raw(const char *data, int len, int fracdigits, __int128 *out)
{
	uint16_t	header;
	int			weight;
	bool		negative;
	const char *digits;
	int			ndigits;
	int			last;
	__int128	v = 0;
	int			i;

	if (len < (int) sizeof(uint16_t))
		return false;
	memcpy(&header, data, sizeof(uint16_t));
	if ((header & 0xC000) == 0xC000)	/* NaN, +Infinity, -Infinity */
		return false;
	if (header & 0x8000)		/* short header: sign, dscale and weight in one word */
	{
		negative = (header & 0x2000) != 0;
		weight = (header & 0x0040) ? (int) (~0x003F | (header & 0x003F)) : (int) (header & 0x003F);
		digits = data + sizeof(uint16_t);
		ndigits = (len - (int) sizeof(uint16_t)) / (int) sizeof(int16_t);
	}
	else
	{
		int16_t		w;

		if (len < 2 * (int) sizeof(uint16_t))
			return false;
		negative = (header & 0x4000) != 0;
		memcpy(&w, data + sizeof(uint16_t), sizeof(int16_t));
		weight = w;
		digits = data + 2 * sizeof(uint16_t);
		ndigits = (len - 2 * (int) sizeof(uint16_t)) / (int) sizeof(int16_t);
	}

	/* Drop zero digits at the end, in case a producer left any. */
	while (ndigits > 0)
	{
		int16_t		dg;

		memcpy(&dg, digits + (ndigits - 1) * sizeof(int16_t), sizeof(int16_t));
		if (dg != 0)
			break;
		ndigits--;
	}
	if (ndigits == 0)
	{
		*out = 0;
		return true;
	}
	/* digit i is worth 10000^(weight - i); scaled, 10000^(weight - i + fracdigits) */
	last = weight - (ndigits - 1) + fracdigits;
	if (last < 0 || weight + fracdigits > 8)
		return false;
	for (i = 0; i < ndigits; i++)
	{
		int16_t		dg;

		memcpy(&dg, digits + i * sizeof(int16_t), sizeof(int16_t));
		if (dg < 0 || dg >= 10000)
			return false;
		v = v * 10000 + dg;
	}
	for (i = 0; i < last; i++)
		v *= 10000;
	*out = negative ? -v : v;
	return true;
}
