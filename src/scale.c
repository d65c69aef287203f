/*
 * scale.c — financing scales as versioned data (doc/rules.md §4, §8): the scale in force on
 * a date, the ceiling of a line for a tier, a contract's yearly maximum.
 *
 * The scale tables are read by SPI once per statement (see ExcoScaleCache), amounts
 * are int64 cents inside and numeric at the SQL boundary.
 *
 * What a cell means: a scale knows (line, tier) when it has at least one row for it; a cell with
 * no row is a gap, and asking for it is an error naming the scale, line and tier (never a guess,
 * never 0). In a known cell, a share the line cannot have (variable or dedicated of
 * fonctionnement, dedicated of any line but acces_soins: the table's CHECK) is 0; a fixed or
 * variable share the line can have but the scale does not give is an error too; a missing SNP
 * envelope (dedicated) of acces_soins is unknown: NULL, outside the total, so the total is known.
 */
#include "scale.h"
#include "spi_util.h"

#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

static const char *const share_labels[SHARE_COUNT] = {"fixed", "variable", "dedicated"};

Datum
exco_cents_numeric(int64 cents)
{
	return NumericGetDatum(int64_div_fast_to_numeric(cents, 2));
}

/* Whether line m can have share s at all (exco.scale_amount's scale_amount_share_fits_line). */
static bool
share_fits_line(ExcoMission m, ExcoShare s)
{
	if (m == MISSION_FONCTIONNEMENT)
		return s == SHARE_FIXED;
	return s != SHARE_DEDICATED || m == MISSION_ACCES_SOINS;
}

static int
label_index(const char *label, const char *const *labels, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(label, labels[i]) == 0)
			return i;
	return -1;
}

#define SCALE_QUERY \
	"SELECT s.scale, s.effective_from, s.complete, a.line::pg_catalog.text," \
	"       a.tier::pg_catalog.int4, a.share::pg_catalog.text," \
	"       (a.amount OPERATOR(pg_catalog.*) 100)::pg_catalog.int8" \
	"  FROM exco.scale s LEFT JOIN exco.scale_amount a ON a.scale OPERATOR(pg_catalog.=) s.scale" \
	" ORDER BY s.effective_from, s.scale"

/*
 * The last scales read in this backend and the stamp they were read under: a call site whose own
 * copy is stale copies these when the stamp is the same (the same statement, its data and its
 * role), so the scales are read once per statement, not once per call site. Kept in their own
 * context; only this file points into it, and only while copying.
 */
static ExcoReadStamp last_read;
static MemoryContext last_cxt = NULL;
static int	last_nscales = 0;
static ExcoScale *last_scales = NULL;

/* The kept plan of SCALE_QUERY (names qualified: the same under any search_path). */
static SPIPlanPtr scale_plan = NULL;

/* Copy n scales into cxt (their names too). */
static ExcoScale *
copy_scales(MemoryContext cxt, const ExcoScale *from, int n)
{
	ExcoScale  *to = MemoryContextAlloc(cxt, sizeof(ExcoScale) * Max(n, 1));
	int			i;

	if (n > 0)
		memcpy(to, from, sizeof(ExcoScale) * n);
	for (i = 0; i < n; i++)
		to[i].name = MemoryContextStrdup(cxt, from[i].name);
	return to;
}

/* Read every scale into cache->cxt, by SPI. */
static void
read_scales(ExcoScaleCache *cache)
{
	uint64		i;
	int			ret;
	ExcoScale  *cur = NULL;

	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));
	exco_prepare_once(&scale_plan, SCALE_QUERY, 0, NULL);
	ret = SPI_execute_plan(scale_plan, NULL, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading exco.scale failed: %s", SPI_result_code_string(ret));

	cache->scales = MemoryContextAllocZero(cache->cxt,
										   sizeof(ExcoScale) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *name = SPI_getvalue(tup, desc, 1);
		bool		isnull;
		char	   *line,
				   *share;
		int			m,
					s,
					t;

		if (cur == NULL || strcmp(cur->name, name) != 0)
		{
			cur = &cache->scales[cache->nscales++];
			cur->name = MemoryContextStrdup(cache->cxt, name);
			cur->effective_from = DatumGetDateADT(SPI_getbinval(tup, desc, 2, &isnull));
			cur->complete = DatumGetBool(SPI_getbinval(tup, desc, 3, &isnull));
		}
		line = SPI_getvalue(tup, desc, 4);
		if (line == NULL)
			continue;			/* a scale without any amount yet */
		share = SPI_getvalue(tup, desc, 6);
		t = DatumGetInt32(SPI_getbinval(tup, desc, 5, &isnull));
		m = label_index(line, exco_mission_labels, MISSION_COUNT);
		s = label_index(share, share_labels, SHARE_COUNT);
		/* A label added to the enums after this code was written: no rule uses it, skip it. */
		if (m < 0 || s < 0 || t < TIER_MIN || t > TIER_MAX)
			continue;
		cur->cell[m][t - 1].known = true;
		cur->cell[m][t - 1].has[s] = true;
		cur->cell[m][t - 1].cents[s] = DatumGetInt64(SPI_getbinval(tup, desc, 7, &isnull));
	}
	SPI_finish();
}

/*
 * Make cache hold the scales the statement stamped now sees: a copy of the last ones read when
 * they were read under the same stamp, else read by SPI and kept as the last ones.
 */
static void
load_scales(ExcoScaleCache *cache, const ExcoReadStamp *now)
{
	MemoryContextReset(cache->cxt);
	cache->nscales = 0;
	cache->scales = NULL;

	if (last_cxt != NULL && exco_read_stamp_same(&last_read, now))
	{
		cache->scales = copy_scales(cache->cxt, last_scales, last_nscales);
		cache->nscales = last_nscales;
		return;
	}
	read_scales(cache);

	if (last_cxt == NULL)
		last_cxt = AllocSetContextCreate(TopMemoryContext, "exco last scales", ALLOCSET_SMALL_SIZES);
	last_read.valid = false;	/* not valid until copied whole */
	MemoryContextReset(last_cxt);
	last_scales = copy_scales(last_cxt, cache->scales, cache->nscales);
	last_nscales = cache->nscales;
	last_read = *now;
}

ExcoScaleCache *
exco_scale_cache(FunctionCallInfo fcinfo)
{
	return exco_scale_cache_in((ExcoScaleCache **) &fcinfo->flinfo->fn_extra, fcinfo->flinfo->fn_mcxt);
}

/*
 * The cache kept in *slot, allocated in mcxt on first use (a function's fn_extra and fn_mcxt, or
 * a slot in another per-call-site state, such as the contract trigger's).
 */
ExcoScaleCache *
exco_scale_cache_in(ExcoScaleCache **slot, MemoryContext mcxt)
{
	ExcoScaleCache *cache = *slot;
	ExcoReadStamp now;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(mcxt, sizeof(ExcoScaleCache));
		cache->cxt = AllocSetContextCreate(mcxt, "exco scale cache", ALLOCSET_SMALL_SIZES);
		*slot = cache;
	}
	exco_read_stamp_now(&now);
	if (exco_read_stamp_same(&cache->read, &now))
		return cache;
	cache->read.valid = false;	/* not valid until loaded whole */
	load_scales(cache, &now);
	cache->read = now;
	return cache;
}

/* The scale in force on a date, or NULL when none is. */
const ExcoScale *
exco_scale_find_on(ExcoScaleCache *cache, DateADT on_date)
{
	int			i;

	if (cache->nscales == 0 || on_date < cache->scales[0].effective_from)
		return NULL;
	for (i = cache->nscales - 1; i > 0; i--)
		if (cache->scales[i].effective_from <= on_date)
			break;
	return &cache->scales[i];
}

/* The scale of that name, or NULL. */
const ExcoScale *
exco_scale_find_named(ExcoScaleCache *cache, const char *name)
{
	int			i;

	for (i = 0; i < cache->nscales; i++)
		if (strcmp(cache->scales[i].name, name) == 0)
			return &cache->scales[i];
	return NULL;
}

const ExcoScale *
exco_scale_on(ExcoScaleCache *cache, DateADT on_date)
{
	const ExcoScale *scale = exco_scale_find_on(cache, on_date);

	if (scale != NULL)
		return scale;
	if (cache->nscales == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no financing scale is in force on %s: exco.scale is empty",
						exco_date_str(on_date)),
				 errhint("Load a scale into exco.scale_sheet (see doc/scale.md).")));
	if (on_date < cache->scales[0].effective_from)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no financing scale is in force on %s: the first scale, \"%s\", is in force from %s",
						exco_date_str(on_date), cache->scales[0].name,
						exco_date_str(cache->scales[0].effective_from)),
				 errhint("CPTS contracts and their scales start with the ACI of August 2019.")));
	return NULL;				/* keep the compiler quiet */
}

const ExcoScale *
exco_scale_named(ExcoScaleCache *cache, const char *name)
{
	const ExcoScale *scale = exco_scale_find_named(cache, name);

	if (scale != NULL)
		return scale;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("financing scale \"%s\" does not exist", name),
			 errhint("The scales are the rows of exco.scale.")));
	return NULL;				/* keep the compiler quiet */
}

void
exco_scale_cell(const ExcoScale *scale, ExcoMission m, Tier t, ExcoCeiling *out)
{
	const ExcoScaleCell *c = &scale->cell[m][t - 1];
	int			s;

	if (!c->known)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale \"%s\" does not give the ceiling of %s for tier %d",
						scale->name, exco_mission_labels[m], (int) t),
				 scale->complete ?
				 errhint("That line is not part of that scale.") :
				 errhint("Scale \"%s\" is partial: load the missing figures into exco.scale_sheet (see doc/scale.md).",
						 scale->name)));
	for (s = SHARE_FIXED; s <= SHARE_VARIABLE; s++)
		if (share_fits_line(m, (ExcoShare) s) && !c->has[s])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("scale \"%s\" gives no %s share of %s for tier %d",
							scale->name, share_labels[s], exco_mission_labels[m], (int) t),
					 errhint("Add the share to exco.scale_amount, with amount 0 if the line has none.")));
	out->fixed = c->cents[SHARE_FIXED];
	out->variable = c->has[SHARE_VARIABLE] ? c->cents[SHARE_VARIABLE] : 0;
	out->dedicated_known = c->has[SHARE_DEDICATED] || !share_fits_line(m, SHARE_DEDICATED);
	out->dedicated = c->has[SHARE_DEDICATED] ? c->cents[SHARE_DEDICATED] : 0;
}

/* Build an exco.ceiling row. */
static Datum
ceiling_datum(FunctionCallInfo fcinfo, ExcoScaleCache *cache, const ExcoScale *scale,
			  ExcoMission m, Tier t)
{
	ExcoCeiling c;
	Datum		values[7];
	bool		nulls[7] = {false};

	exco_scale_cell(scale, m, t, &c);

	if (cache->ceiling_desc == NULL)
	{
		TupleDesc	desc;
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "exco.ceiling: return type must be a row type");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		cache->ceiling_desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
	}

	values[0] = CStringGetTextDatum(scale->name);
	values[1] = PG_GETARG_DATUM(0);
	values[2] = TierGetDatum(t);
	values[3] = exco_cents_numeric(c.fixed);
	values[4] = exco_cents_numeric(c.variable);
	if (c.dedicated_known)
		values[5] = exco_cents_numeric(c.dedicated);
	else
		nulls[5] = true;
	values[6] = exco_cents_numeric(c.fixed + c.variable);
	return HeapTupleGetDatum(heap_form_tuple(cache->ceiling_desc, values, nulls));
}

/* exco.ceiling(line, t, on_date): under the scale in force on on_date. */
PG_FUNCTION_INFO_V1(scale_ceiling_on);
Datum
scale_ceiling_on(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	ExcoMission m = exco_mission_index(&cache->missions, PG_GETARG_OID(0));

	return ceiling_datum(fcinfo, cache, exco_scale_on(cache, PG_GETARG_DATEADT(2)), m,
						 PG_GETARG_TIER(1));
}

/* exco.scale_ceiling(line, t, scale): under the named scale. */
PG_FUNCTION_INFO_V1(scale_ceiling_named);
Datum
scale_ceiling_named(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	ExcoMission m = exco_mission_index(&cache->missions, PG_GETARG_OID(0));
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(2));

	return ceiling_datum(fcinfo, cache, exco_scale_named(cache, name), m, PG_GETARG_TIER(1));
}

/* exco.scale_on(on_date): the name of the scale in force. */
PG_FUNCTION_INFO_V1(scale_on);
Datum
scale_on(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);

	PG_RETURN_TEXT_P(cstring_to_text(exco_scale_on(cache, PG_GETARG_DATEADT(0))->name));
}

/*
 * exco.contract_ceiling(t, on_date, missions): fonctionnement plus every listed mission, each
 * once, fixed + variable (the SNP envelope is excluded: it is not free to spend).
 */
PG_FUNCTION_INFO_V1(scale_contract_ceiling);
Datum
scale_contract_ceiling(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	Tier		t = PG_GETARG_TIER(0);
	const ExcoScale *scale = exco_scale_on(cache, PG_GETARG_DATEADT(1));
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
	Datum	   *elems;
	bool	   *enulls;
	int			n,
				i;
	bool		listed[MISSION_COUNT] = {false};
	int64		total = 0;

	exco_mission_list_check(arr, NULL, NULL);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), sizeof(Oid), true, TYPALIGN_INT,
					  &elems, &enulls, &n);
	for (i = 0; i < n; i++)
	{
		if (enulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the mission list of a contract must not contain NULL (element %d)", i + 1)));
		listed[exco_mission_index(&cache->missions, DatumGetObjectId(elems[i]))] = true;
	}
	listed[MISSION_FONCTIONNEMENT] = true;

	for (i = 0; i < MISSION_COUNT; i++)
		if (listed[i])
		{
			ExcoCeiling c;

			exco_scale_cell(scale, (ExcoMission) i, t, &c);
			total += c.fixed + c.variable;
		}
	PG_RETURN_DATUM(exco_cents_numeric(total));
}
