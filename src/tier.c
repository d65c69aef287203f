/*
 * tier.c — exco.tier, the CPTS size tier (doc/rules.md §2), as a one-byte base type.
 *
 * Text form: 1..4; input also accepts T1..T4 and "taille 1".."taille 4", case-insensitive,
 * surrounding blanks ignored. Binary form: a format-version byte, then the tier byte.
 * The text and binary forms depend on the literal alone.
 */
#include "exco.h"
#include "numeric_util.h"
#include "tier_core.h"

#include "catalog/pg_type_d.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

PG_MODULE_MAGIC;

/*
 * Population bounds (doc/rules.md §2, literal reading of "entre … et …"):
 * tier 1 = [0, 40 000), tier 2 = [40 000, 80 000), tier 3 = [80 000, 175 000],
 * tier 4 = (175 000, ∞).
 */
#define TIER2_FROM 40000
#define TIER3_FROM 80000
#define TIER3_TO   175000

Tier
exco_tier_of_population(int64 population)
{
	if (population < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("population must not be negative: " INT64_FORMAT, population),
				 errhint("A CPTS population is the sum of its communes' populations.")));
	if (population < TIER2_FROM)
		return 1;
	if (population < TIER3_FROM)
		return 2;
	if (population <= TIER3_TO)
		return 3;
	return 4;
}

PG_FUNCTION_INFO_V1(tier_in);
Datum
tier_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Tier		t = (Tier) exco_tier_parse(str);

	if (t == 0)
	{
#if PG_VERSION_NUM >= 160000
		ereturn(fcinfo->context, (Datum) 0,
#else
		ereport(ERROR,
#endif
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type tier: \"%s\"", str),
				 errhint("A tier is 1, 2, 3 or 4, also written T1..T4 or \"taille 1\"..\"taille 4\".")));
	}
	PG_RETURN_TIER(t);
}

PG_FUNCTION_INFO_V1(tier_out);
Datum
tier_out(PG_FUNCTION_ARGS)
{
	Tier		t = PG_GETARG_TIER(0);
	char	   *s = palloc(2);

	s[0] = '0' + t;
	s[1] = '\0';
	PG_RETURN_CSTRING(s);
}

PG_FUNCTION_INFO_V1(tier_recv);
Datum
tier_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			t;

	if (exco_tier_check_binary(version, TIER_MIN) == TIER_BINARY_BAD_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type tier", version),
				 errhint("This build of exco reads format version %d.", TIER_SEND_VERSION)));
	t = pq_getmsgbyte(buf);
	if (exco_tier_check_binary(version, t) != TIER_BINARY_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type tier: %d", t)));
	PG_RETURN_TIER((Tier) t);
}

PG_FUNCTION_INFO_V1(tier_send);
Datum
tier_send(PG_FUNCTION_ARGS)
{
	Tier		t = PG_GETARG_TIER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TIER_SEND_VERSION);
	pq_sendbyte(&buf, t);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Comparison support: one-byte values, so the comparisons are trivial. */
#define TIER_CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_TIER(0) op PG_GETARG_TIER(1)); \
}

TIER_CMP_FN(tier_eq, ==)
TIER_CMP_FN(tier_ne, !=)
TIER_CMP_FN(tier_lt, <)
TIER_CMP_FN(tier_le, <=)
TIER_CMP_FN(tier_gt, >)
TIER_CMP_FN(tier_ge, >=)

PG_FUNCTION_INFO_V1(tier_cmp);
Datum
tier_cmp(PG_FUNCTION_ARGS)
{
	Tier		a = PG_GETARG_TIER(0);
	Tier		b = PG_GETARG_TIER(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(tier_hash);
Datum
tier_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_TIER(0));
}

PG_FUNCTION_INFO_V1(tier_hash_extended);
Datum
tier_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_TIER(0), PG_GETARG_INT64(1));
}

/* Casts to and from integer (the tier number, not a population). */
PG_FUNCTION_INFO_V1(tier_from_int4);
Datum
tier_from_int4(PG_FUNCTION_ARGS)
{
	int32		i = PG_GETARG_INT32(0);

	if (i < TIER_MIN || i > TIER_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("tier out of range: %d", i),
				 errhint("A tier is 1, 2, 3 or 4; to get the tier of a population, call exco.tier_of(population).")));
	PG_RETURN_TIER((Tier) i);
}

PG_FUNCTION_INFO_V1(tier_to_int4);
Datum
tier_to_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_TIER(0));
}

/*
 * exco.tier_of(population bigint) (and the deprecated exco.tier(bigint)): the tier of a CPTS
 * territory's population.
 */
PG_FUNCTION_INFO_V1(tier_of_population);
Datum
tier_of_population(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIER(exco_tier_of_population(PG_GETARG_INT64(0)));
}

/* exco.tier_of(population integer): as bigint (an integer literal would be ambiguous). */
PG_FUNCTION_INFO_V1(tier_of_population_int4);
Datum
tier_of_population_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIER(exco_tier_of_population((int64) PG_GETARG_INT32(0)));
}

/*
 * exco.tier_of(population numeric): sum(bigint) is numeric. A population is a whole number of
 * inhabitants, not negative; one beyond bigint is tier 4.
 */
PG_FUNCTION_INFO_V1(tier_of_population_numeric);
Datum
tier_of_population_numeric(PG_FUNCTION_ARGS)
{
	Numeric		n = PG_GETARG_NUMERIC(0);
	Numeric		whole;

	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("population must be a finite number: %s", num_str(n))));
	whole = DatumGetNumeric(DirectFunctionCall2(numeric_trunc, NumericGetDatum(n), Int32GetDatum(0)));
	if (num_cmp(whole, n) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("population must be a whole number: %s", num_str(n)),
				 errhint("A CPTS population is a number of inhabitants, the sum of its communes' populations.")));
	if (num_sign(n) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("population must not be negative: %s", num_str(n)),
				 errhint("A CPTS population is the sum of its communes' populations.")));
	if (num_cmp(n, int64_to_numeric(PG_INT64_MAX)) > 0)
		PG_RETURN_TIER(TIER_MAX);
	PG_RETURN_TIER(exco_tier_of_population(DatumGetInt64(DirectFunctionCall1(numeric_int8,
																			 NumericGetDatum(n)))));
}

/* exco.tier_bounds(tier): the population range of a tier, as an int8range. */
PG_FUNCTION_INFO_V1(tier_bounds);
Datum
tier_bounds(PG_FUNCTION_ARGS)
{
	Tier		t = PG_GETARG_TIER(0);
	TypeCacheEntry *typcache = lookup_type_cache(INT8RANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lower = {0};
	RangeBound	upper = {0};
	static const int64 from[TIER_MAX + 1] = {0, 0, TIER2_FROM, TIER3_FROM, TIER3_TO + 1};
	static const int64 to[TIER_MAX + 1] = {0, TIER2_FROM, TIER3_FROM, TIER3_TO + 1, 0};

	lower.val = Int64GetDatum(from[t]);
	lower.inclusive = true;
	lower.lower = true;
	upper.val = Int64GetDatum(to[t]);
	upper.infinite = (t == TIER_MAX);
	upper.inclusive = false;
	upper.lower = false;

#if PG_VERSION_NUM >= 160000
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false, NULL));
#else
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false));
#endif
}
