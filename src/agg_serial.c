/*
 * agg_serial.c — the serialized states of exco's parallel aggregates (agg_serial.h), shared by
 * exco.weighted_attainment (attainment_agg.c) and exco.earned_by_year (indicator_earned.c).
 */
#include "agg_serial.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"

static void
invalid(const char *what)
{
	elog(ERROR, "invalid serialized %s state", what);
}

char *
exco_serial_put_int32(char *p, int32 v)
{
	uint32		n = pg_hton32((uint32) v);

	memcpy(p, &n, 4);
	return p + 4;
}

char *
exco_serial_put_int128(char *p, int128 v)
{
	uint64		hi = pg_hton64((uint64) (v >> 64));
	uint64		lo = pg_hton64((uint64) v);

	memcpy(p, &hi, 8);
	memcpy(p + 8, &lo, 8);
	return p + 16;
}

const char *
exco_serial_read_int32(const char *p, const char *end, int32 *v, const char *what)
{
	uint32		n;

	if (end - p < 4)
		invalid(what);
	memcpy(&n, p, 4);
	*v = (int32) pg_ntoh32(n);
	return p + 4;
}

const char *
exco_serial_read_int128(const char *p, const char *end, int128 *v, const char *what)
{
	uint64		hi,
				lo;

	if (end - p < 16)
		invalid(what);
	memcpy(&hi, p, 8);
	memcpy(&lo, p + 8, 8);
	*v = (int128) (((uint128) pg_ntoh64(hi) << 64) | pg_ntoh64(lo));
	return p + 16;
}

bytea *
exco_serial_numeric(Numeric n)
{
	if (n == NULL)
		return NULL;
	return DatumGetByteaPP(DirectFunctionCall1(numeric_send, NumericGetDatum(n)));
}

Size
exco_serial_numeric_size(const bytea *sent)
{
	return 4 + (sent == NULL ? 0 : VARSIZE_ANY_EXHDR(sent));
}

char *
exco_serial_put_numeric(char *p, const bytea *sent)
{
	uint32		size = sent == NULL ? 0 : VARSIZE_ANY_EXHDR(sent);
	uint32		nsize = pg_hton32(size);

	memcpy(p, &nsize, 4);
	if (size > 0)
		memcpy(p + 4, VARDATA_ANY(sent), size);
	return p + 4 + size;
}

const char *
exco_serial_read_numeric(const char *p, const char *end, Numeric *out, const char *what)
{
	uint32		size;
	StringInfoData buf;

	if (end - p < 4)
		invalid(what);
	memcpy(&size, p, 4);
	size = pg_ntoh32(size);
	p += 4;
	if (size == 0)
	{
		*out = NULL;
		return p;
	}
	if (size > (uint32) (end - p))
		invalid(what);
	/* read only: numeric_recv reads buf.len bytes from the cursor, no terminator needed */
	buf.data = (char *) p;
	buf.len = (int) size;
	buf.maxlen = (int) size;
	buf.cursor = 0;
	*out = DatumGetNumeric(DirectFunctionCall3(numeric_recv, PointerGetDatum(&buf),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	if (buf.cursor != buf.len)
		invalid(what);
	return p + size;
}
