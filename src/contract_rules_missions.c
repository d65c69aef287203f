/*
 * contract_rules_missions.c — the contract's scale and missions (doc/rules.md §3, §8): rule 5, the
 * socle missions of its scale are among its missions (the scale filled with the one in force at
 * signature when NULL); rule 6, on UPDATE of exco.contract, its rows in exco.contract_mission
 * still fit its signing date and its missions.
 */
#include "contract_rules.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

uint32
exco_mission_mask(MissionCache *cache, Oid mission_type, Datum arr)
{
	ArrayType  *a = DatumGetArrayTypeP(arr);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	uint32		mask = 0;

	exco_mission_list_check(a, NULL, NULL);
	deconstruct_array(a, mission_type, sizeof(Oid), true, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (!nulls[i])
			mask |= 1u << exco_mission_index(cache, DatumGetObjectId(elems[i]));
	return mask;
}

/*
 * The scale of a contract: by name, or the one in force on a date (latest effective_from on or
 * before it). *crises: the scale has amounts for the crises_sanitaires line, which makes that
 * mission socle for its contracts. Returns the scale's name, NULL when there is none.
 */
static const char *
lookup_scale(ContractCheck *ck, const char *name, DateADT on, bool *crises)
{
	ExcoScaleCache *cache = exco_scale_cache_in(&ck->cfg->scales, ck->fcinfo->flinfo->fn_mcxt);
	const ExcoScale *scale = name ? exco_scale_find_named(cache, name) : exco_scale_find_on(cache, on);
	int			t;

	*crises = false;
	if (scale == NULL)
		return NULL;
	for (t = TIER_MIN; t <= TIER_MAX; t++)
		if (scale->cell[MISSION_CRISES_SANITAIRES][t - 1].known)
			*crises = true;
	return scale->name;
}

/* The row's scale, or the one in force at signature (filled when the column is NULL). */
static const char *
contract_scale(ContractCheck *ck, bool *crises)
{
	const char *scale;

	*crises = false;
	if (!ck->null[R_SCALE])
	{
		char	   *given = exco_contract_text(ck, R_SCALE);

		scale = lookup_scale(ck, given, 0, crises);
		if (scale == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("scale \"%s\" does not exist in exco.scale", given),
					 errtable(ck->td->tg_relation)));
		return scale;
	}
	if (!ck->has_signed)
		return NULL;
	scale = lookup_scale(ck, NULL, ck->signed_on, crises);
	if (scale == NULL && ck->cfg->att[R_SCALE])
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("no financing scale is in force on signing date %s",
						exco_date_str(ck->signed_on)),
				 errhint("The first CPTS scale, aci-cpts-2019, is in force from 2019-08-25 (doc/rules.md §8): check the signing date or load the scale into exco.scale."),
				 errtable(ck->td->tg_relation)));
	if (scale && ck->cfg->att[R_SCALE])
		exco_contract_fill_text(ck, R_SCALE, scale);
	return scale;
}

/*
 * Whether crises_sanitaires is checked: it is socle by the rows of exco.scale_amount, another
 * table, so it is checked at every INSERT and when an UPDATE changes the scale, the missions or
 * the signing date, not on an unrelated UPDATE (a scale completed since signing). A restore never
 * fires the trigger (pg_dump creates it after the data).
 */
static bool
check_crises(ContractCheck *ck)
{
	if (ck->is_update)
		return exco_role_changed(ck, R_SCALE) || exco_role_changed(ck, R_MISSIONS) ||
			exco_role_changed(ck, R_SIGNED_ON);
	return true;
}

/*
 * A list of missions with more than one dimension (22023, exco_mission_list_check: the words of
 * exco.contract_ceiling; exco.contract's CHECK contract_missions_one_dimension comes after this
 * trigger) or a NULL element: refused on every table, with the code and the words of
 * exco.contract_ceiling, which would raise on it later (22004).
 */
static void
refuse_null_mission(ContractCheck *ck)
{
	ArrayType  *a = DatumGetArrayTypeP(ck->val[R_MISSIONS]);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	exco_mission_list_check(a, exco_role_column(ck, R_MISSIONS), ck->td->tg_relation);
	if (!ARR_HASNULL(a))
		return;
	deconstruct_array(a, ck->cfg->mission_type, sizeof(Oid), true, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the mission list of a contract must not contain NULL (element %d)", i + 1),
					 errdetail("Column \"%s\" holds a NULL mission.", exco_role_column(ck, R_MISSIONS)),
					 errhint("List each mission the contract signs up for once, without NULL."),
					 errtable(ck->td->tg_relation)));
}

/* Rule 5: scale and socle missions. A scale that pays crises_sanitaires makes it socle. */
void
exco_rule_missions(ContractCheck *ck)
{
	ContractConfig *cfg = ck->cfg;
	bool		crises;
	const char *scale;
	uint32		have;
	StringInfoData missing;
	int			m;

	if (cfg->att[R_MISSIONS] && !ck->null[R_MISSIONS])
		refuse_null_mission(ck);
	if (!cfg->att[R_MISSIONS] && !(cfg->att[R_SCALE] && ck->null[R_SCALE] && ck->has_signed))
		return;
	scale = contract_scale(ck, &crises);
	if (!cfg->att[R_MISSIONS])
		return;
	crises = crises && check_crises(ck);
	have = ck->null[R_MISSIONS] ? 0 :
		exco_mission_mask(&cfg->missions, cfg->mission_type, ck->val[R_MISSIONS]);
	initStringInfo(&missing);
	for (m = 0; m < MISSION_COUNT; m++)
	{
		if (!exco_is_socle((ExcoMission) m) || (have & (1u << m)))
			continue;
		if (m == MISSION_CRISES_SANITAIRES && !crises)
			continue;
		appendStringInfo(&missing, "%s%s", missing.len ? ", " : "", exco_mission_labels[m]);
	}
	if (missing.len == 0)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("socle mission%s missing from missions: %s",
					strchr(missing.data, ',') ? "s" : "", missing.data),
			 crises ?
			 errhint("Under scale %s every contract signs up for acces_soins, parcours, prevention and crises_sanitaires (doc/rules.md §3).", scale) :
			 scale ?
			 errhint("Under scale %s every contract signs up for acces_soins, parcours and prevention (doc/rules.md §3).", scale) :
			 errhint("Every contract signs up for acces_soins, parcours and prevention (doc/rules.md §3)."),
			 errtable(ck->td->tg_relation)));
}

static SPIPlanPtr plan_contract_missions = NULL;

/* One mission row of the contract against the new signing date and missions. */
static void
check_mission_row(ContractCheck *ck, HeapTuple t, TupleDesc d, uint32 have)
{
	bool		isnull;
	ExcoMission m = exco_mission_index(&ck->cfg->missions,
									   DatumGetObjectId(SPI_getbinval(t, d, 1, &isnull)));
	Datum		started = SPI_getbinval(t, d, 2, &isnull);

	if (!(have & (1u << m)))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s has a row in exco.contract_mission but is no longer in missions",
						exco_mission_labels[m]),
				 errhint("Delete the mission's row from exco.contract_mission first."),
				 errtable(ck->td->tg_relation)));
	if (ck->has_signed && !isnull && DatumGetDateADT(started) < ck->signed_on)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s started on %s, before the new signing date %s",
						exco_mission_labels[m], exco_date_str(DatumGetDateADT(started)),
						exco_date_str(ck->signed_on)),
				 errhint("A mission starts on or after the signature: fix the mission's dates in exco.contract_mission first."),
				 errtable(ck->td->tg_relation)));
}

/*
 * Rule 6 (exco.contract, UPDATE of signed_on or missions). The row is locked by this UPDATE,
 * and validate_contract_mission locks it FOR SHARE, so a mission row written concurrently is
 * either committed before this UPDATE gets its lock or waits for it. Under REPEATABLE READ and
 * SERIALIZABLE the mission rows are read with the latest snapshot (exco_spi_run_latest), so one
 * committed while this transaction waited is checked too (else both would commit).
 */
void
exco_rule_mission_rows(ContractCheck *ck)
{
	ContractConfig *cfg = ck->cfg;
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1];
	uint32		have;
	uint64		n,
				i;

	if (!cfg->is_reference || !ck->is_update || ck->null[R_ID] || !exco_is_int_type(cfg->typ[R_ID]))
		return;
	if (!exco_role_changed(ck, R_SIGNED_ON) && !exco_role_changed(ck, R_MISSIONS))
		return;
	args[0] = Int64GetDatum(exco_int_value(ck->val[R_ID], cfg->typ[R_ID]));
	have = (!cfg->att[R_MISSIONS] || ck->null[R_MISSIONS]) ? ~0u :
		exco_mission_mask(&cfg->missions, cfg->mission_type, ck->val[R_MISSIONS]);
	exco_spi_connect(&ck->spi);
	exco_prepare_once(&plan_contract_missions,
					  "SELECT mission, started_on FROM exco.contract_mission"
					  " WHERE contract OPERATOR(pg_catalog.=) $1 ORDER BY mission",
					  1, argtypes);
	n = exco_spi_run_latest(plan_contract_missions, args, NULL);
	for (i = 0; i < n; i++)
		check_mission_row(ck, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, have);
}
