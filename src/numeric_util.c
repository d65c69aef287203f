/*
 * numeric_util.c — helpers over numeric (see numeric_util.h).
 */
#include "numeric_util.h"
#include "numeric_core.h"

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

bool
numeric_digits(Datum d, ExcoNumericDigits *out)
{
	struct varlena *p = (struct varlena *) PG_DETOAST_DATUM_PACKED(d);

	return exco_numeric_digits_raw(VARDATA_ANY(p), VARSIZE_ANY_EXHDR(p), out);
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

bool
numeric_scaled(Datum d, int fracdigits, int128 *out)
{
	struct varlena *p = (struct varlena *) PG_DETOAST_DATUM_PACKED(d);
	__int128	v;				/* PostgreSQL's int128 may be less aligned than __int128 */

	if (!exco_numeric_scaled_raw(VARDATA_ANY(p), VARSIZE_ANY_EXHDR(p), fracdigits, &v))
		return false;
	*out = v;
	return true;
}
#endif
