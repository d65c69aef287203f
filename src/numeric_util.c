/*
 * numeric_util.c — helpers over numeric (see numeric_util.h).
 */
#include "numeric_util.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

Numeric
num_const(const char *s)
{
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

char *
num_str(Numeric n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
}

Numeric
num_add(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(a), NumericGetDatum(b)));
}

Numeric
num_sub(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_sub, NumericGetDatum(a), NumericGetDatum(b)));
}

Numeric
num_mul(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_mul, NumericGetDatum(a), NumericGetDatum(b)));
}

int
num_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

int
num_sign(Numeric a)
{
	return num_cmp(a, int64_to_numeric(0));
}

Numeric
num_trim(Numeric n)
{
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(n)));
}

void
num_check_finite(Numeric n, const char *what)
{
	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number: %s", what, num_str(n))));
}

#ifdef HAVE_INT128
Numeric
int128_to_numeric(int128 v, int scale)
{
	char		digits[48];
	char		buf[96];
	int			nd = 0;
	int			pos = 0;
	uint128		u = v < 0 ? -(uint128) v : (uint128) v;
	int			i;

	do
	{
		digits[nd++] = '0' + (int) (u % 10);
		u /= 10;
	} while (u != 0);
	while (nd <= scale)
		digits[nd++] = '0';
	if (v < 0)
		buf[pos++] = '-';
	for (i = nd - 1; i >= 0; i--)
	{
		buf[pos++] = digits[i];
		if (i == scale && scale > 0)
			buf[pos++] = '.';
	}
	buf[pos] = '\0';
	return num_trim(num_const(buf));
}

/*
 * Read a numeric datum as an integer in units of 10000^-fracdigits, straight from its stored
 * digits (the on-disk format of numeric, stable since PostgreSQL 8.3 and shared with
 * pg_upgrade). Returns false, leaving *out alone, for NaN and infinities, for a value with
 * more fractional digits than that, and for one too large for 36 decimal digits. Reads the
 * short-header (packed) form without copying it.
 */
bool
numeric_scaled(Datum d, int fracdigits, int128 *out)
{
	struct varlena *p = (struct varlena *) PG_DETOAST_DATUM_PACKED(d);
	const char *data = VARDATA_ANY(p);
	int			len = VARSIZE_ANY_EXHDR(p);
	uint16		header;
	int			weight;
	bool		negative;
	const char *digits;
	int			ndigits;
	int			last;
	int128		v = 0;
	int			i;

	memcpy(&header, data, sizeof(uint16));
	if ((header & 0xC000) == 0xC000)	/* NaN, +Infinity, -Infinity */
		return false;
	if (header & 0x8000)		/* short header: sign, dscale and weight in one word */
	{
		negative = (header & 0x2000) != 0;
		weight = (header & 0x0040) ? (int) (~0x003F | (header & 0x003F)) : (int) (header & 0x003F);
		digits = data + sizeof(uint16);
		ndigits = (len - (int) sizeof(uint16)) / (int) sizeof(int16);
	}
	else
	{
		int16		w;

		negative = (header & 0x4000) != 0;
		memcpy(&w, data + sizeof(uint16), sizeof(int16));
		weight = w;
		digits = data + 2 * sizeof(uint16);
		ndigits = (len - 2 * (int) sizeof(uint16)) / (int) sizeof(int16);
	}

	/* Drop zero digits at the end, in case a producer left any. */
	while (ndigits > 0)
	{
		int16		dg;

		memcpy(&dg, digits + (ndigits - 1) * sizeof(int16), sizeof(int16));
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
		int16		dg;

		memcpy(&dg, digits + i * sizeof(int16), sizeof(int16));
		v = v * 10000 + dg;
	}
	for (i = 0; i < last; i++)
		v *= 10000;
	*out = negative ? -v : v;
	return true;
}
#endif
