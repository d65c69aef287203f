/*
 * report.c — what the reporting views need from the scales, without raising: the reason a
 * ceiling is unknown (a gap of a partial scale, an unknown scale, a NULL mission), or the ceiling
 * when it is known (doc/rules.md §8).
 *
 * The scalar functions of scale.c raise for a gap, which is right for a direct call; a report
 * shows NULL and the reason instead, so that one contract under a partial scale never breaks the
 * whole report. These read the same per-call-site scale cache as exco.ceiling (scale.h): no SPI
 * query per row.
 */
#include "scale.h"

#include "catalog/pg_type_d.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "lib/stringinfo.h"

/* Whether line m can have share s at all (exco.scale_amount's scale_amount_share_fits_line). */
static bool
share_fits(ExcoMission m, ExcoShare s)
{
	if (m == MISSION_FONCTIONNEMENT)
		return s == SHARE_FIXED;
	return s != SHARE_DEDICATED || m == MISSION_ACCES_SOINS;
}

/*
 * Whether the scale gives the ceiling of line m for tier t: the cell is known and has every
 * fixed/variable share the line can have (the conditions under which exco_scale_cell does not
 * raise).
 */
static bool
cell_known(const ExcoScale *scale, ExcoMission m, Tier t)
{
	const ExcoScaleCell *c = &scale->cell[m][t - 1];
	int			s;

	if (!c->known)
		return false;
	for (s = SHARE_FIXED; s <= SHARE_VARIABLE; s++)
		if (share_fits(m, (ExcoShare) s) && !c->has[s])
			return false;
	return true;
}

/*
 * Why the scale named name (scale: its entry, NULL when unknown) does not give line m for tier t,
 * palloc'd; NULL when it does. Shared with the payment schedule of the reports (payment.c).
 */
char *
exco_ceiling_gap_reason(const ExcoScale *scale, const char *name, ExcoMission m, Tier t)
{
	if (scale == NULL)
		return psprintf("scale %s does not exist", name);
	if (cell_known(scale, m, t))
		return NULL;
	return psprintf("scale %s does not give %s for tier %d", name, exco_mission_labels[m], (int) t);
}

/* exco.ceiling_gap(line, t, scale) → text: NULL when the scale gives the line for the tier. */
PG_FUNCTION_INFO_V1(report_ceiling_gap);
Datum
report_ceiling_gap(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	ExcoMission m = exco_mission_index(&cache->missions, PG_GETARG_OID(0));
	Tier		t = PG_GETARG_TIER(1);
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(2));
	char	   *reason = exco_ceiling_gap_reason(exco_scale_find_named(cache, name), name, m, t);

	if (reason == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(reason));
}

/* exco.variable_ceiling_or_null(line, t, scale) → numeric: the variable ceiling, NULL on a gap. */
PG_FUNCTION_INFO_V1(report_variable_ceiling);
Datum
report_variable_ceiling(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	ExcoMission m = exco_mission_index(&cache->missions, PG_GETARG_OID(0));
	Tier		t = PG_GETARG_TIER(1);
	const ExcoScale *scale = exco_scale_find_named(cache, text_to_cstring(PG_GETARG_TEXT_PP(2)));
	ExcoCeiling c;

	if (scale == NULL || !cell_known(scale, m, t))
		PG_RETURN_NULL();
	exco_scale_cell(scale, m, t, &c);
	PG_RETURN_DATUM(exco_cents_numeric(c.variable));
}

/*
 * The lines of a contract (fonctionnement and each listed mission, once), the number of NULL
 * elements and the lines the scale does not give. Returns the scale, NULL when unknown. *dims:
 * the dimensions of a list that is not one-dimensional (exco_mission_list_dims), else NULL; such
 * a list has no lines (never flattened and summed).
 */
static const ExcoScale *
contract_lines(FunctionCallInfo fcinfo, ExcoScaleCache *cache, bool *listed, int *nulls,
			   bool *gap, char **dims)
{
	Tier		t = PG_GETARG_TIER(0);
	const ExcoScale *scale = exco_scale_find_named(cache, text_to_cstring(PG_GETARG_TEXT_PP(1)));
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
	Datum	   *elems;
	bool	   *enulls;
	int			n,
				i;

	*nulls = 0;
	*dims = exco_mission_list_dims(arr);
	if (*dims != NULL)
	{
		for (i = 0; i < MISSION_COUNT; i++)
			gap[i] = false;
		return scale;
	}
	deconstruct_array(arr, ARR_ELEMTYPE(arr), sizeof(Oid), true, TYPALIGN_INT,
					  &elems, &enulls, &n);
	for (i = 0; i < n; i++)
	{
		if (enulls[i])
			(*nulls)++;
		else
			listed[exco_mission_index(&cache->missions, DatumGetObjectId(elems[i]))] = true;
	}
	listed[MISSION_FONCTIONNEMENT] = true;
	for (i = 0; i < MISSION_COUNT; i++)
		gap[i] = scale != NULL && listed[i] && !cell_known(scale, (ExcoMission) i, t);
	return scale;
}

/*
 * exco.contract_ceiling_gap(t, scale, missions) → text: why the contract's yearly ceiling is
 * unknown (NULL mission elements, an unknown scale, the lines the scale does not give), or NULL.
 */
PG_FUNCTION_INFO_V1(report_contract_ceiling_gap);
Datum
report_contract_ceiling_gap(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	bool		listed[MISSION_COUNT] = {false};
	bool		gap[MISSION_COUNT];
	int			nulls,
				i,
				ngaps = 0;
	char	   *dims;
	const ExcoScale *scale = contract_lines(fcinfo, cache, listed, &nulls, gap, &dims);
	StringInfoData buf;

	initStringInfo(&buf);
	if (dims != NULL)
		appendStringInfo(&buf, "the mission list is %d-dimensional %s, not a list",
						 ARR_NDIM(PG_GETARG_ARRAYTYPE_P(2)), dims);
	if (nulls > 0)
		appendStringInfo(&buf, "the mission list contains NULL");
	if (scale == NULL)
		appendStringInfo(&buf, "%sscale %s does not exist", buf.len > 0 ? "; " : "",
						 text_to_cstring(PG_GETARG_TEXT_PP(1)));
	else
	{
		for (i = 0; i < MISSION_COUNT; i++)
			if (gap[i])
			{
				if (ngaps++ == 0)
					appendStringInfo(&buf, "%sscale %s does not give %s", buf.len > 0 ? "; " : "",
									 scale->name, exco_mission_labels[i]);
				else
					appendStringInfo(&buf, ", %s", exco_mission_labels[i]);
			}
		if (ngaps > 0)
			appendStringInfo(&buf, " for tier %d", (int) PG_GETARG_TIER(0));
	}
	if (buf.len == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(buf.data));
}

/*
 * exco.contract_ceiling_or_null(t, scale, missions) → numeric: fonctionnement plus each listed
 * mission once, fixed + variable (as exco.contract_ceiling), or NULL when contract_ceiling_gap
 * gives a reason.
 */
PG_FUNCTION_INFO_V1(report_contract_ceiling);
Datum
report_contract_ceiling(PG_FUNCTION_ARGS)
{
	ExcoScaleCache *cache = exco_scale_cache(fcinfo);
	bool		listed[MISSION_COUNT] = {false};
	bool		gap[MISSION_COUNT];
	int			nulls,
				i;
	int64		total = 0;
	char	   *dims;
	const ExcoScale *scale = contract_lines(fcinfo, cache, listed, &nulls, gap, &dims);

	if (scale == NULL || nulls > 0 || dims != NULL)
		PG_RETURN_NULL();
	for (i = 0; i < MISSION_COUNT; i++)
	{
		ExcoCeiling c;

		if (!listed[i])
			continue;
		if (gap[i])
			PG_RETURN_NULL();
		exco_scale_cell(scale, (ExcoMission) i, PG_GETARG_TIER(0), &c);
		total += c.fixed + c.variable;
	}
	PG_RETURN_DATUM(exco_cents_numeric(total));
}
