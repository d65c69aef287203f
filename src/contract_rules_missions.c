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
exco_mission_mask(MissionCache *cache, Datum arr, const char *column, Relation rel, int *null_at)
{
	ArrayType  *a = DatumGetArrayTypeP(arr);
	bits8	   *bitmap = ARR_NULLBITMAP(a);
	const char *p;
	int			n,
				i;
	uint32		mask = 0;

	exco_mission_list_check(a, column, rel);
	n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	/* ARR_DATA_PTR, without the signed/unsigned ?: of PostgreSQL's macro that -Wextra flags */
	p = (const char *) a + (bitmap ? (Size) a->dataoffset : ARR_OVERHEAD_NONULLS(ARR_NDIM(a)));
	if (null_at)
		*null_at = 0;
	for (i = 0; i < n; i++)
	{
		Oid			e;

		if (bitmap && !(bitmap[i / 8] & (1 << (i % 8))))
		{
			if (null_at && *null_at == 0)
				*null_at = i + 1;
			continue;
		}
		memcpy(&e, p, sizeof(Oid));	/* enum OIDs: 4 bytes each, int-aligned, no padding */
		p += sizeof(Oid);
		mask |= 1u << exco_mission_index(cache, e);
	}
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
 * The row's missions, read once. A list with more than one dimension (22023,
 * exco_mission_list_check: the words of exco.contract_ceiling; exco.contract's CHECK
 * contract_missions_one_dimension comes after this trigger) or with a NULL element is refused on
 * every table, with the code and the words of exco.contract_ceiling, which would raise on it
 * later (22004).
 */
static uint32
row_missions(ContractCheck *ck)
{
	int			null_at;
	uint32		mask = exco_mission_mask(&ck->cfg->missions, ck->val[R_MISSIONS],
										 exco_role_column(ck, R_MISSIONS), ck->td->tg_relation,
										 &null_at);

	if (null_at)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the mission list of a contract must not contain NULL (element %d)", null_at),
				 errdetail("Column \"%s\" holds a NULL mission.", exco_role_column(ck, R_MISSIONS)),
				 errhint("List each mission the contract signs up for once, without NULL."),
				 errtable(ck->td->tg_relation)));
	return mask;
}

/* Rule 5: scale and socle missions. A scale that pays crises_sanitaires makes it socle. */
void
exco_rule_missions(ContractCheck *ck)
{
	ContractConfig *cfg = ck->cfg;
	bool		crises;
	const char *scale;
	uint32		have = 0;
	uint32		lacking = 0;
	StringInfoData missing;
	int			m;

	if (cfg->att[R_MISSIONS] && !ck->null[R_MISSIONS])
		have = row_missions(ck);
	if (!cfg->att[R_MISSIONS] && !(cfg->att[R_SCALE] && ck->null[R_SCALE] && ck->has_signed))
		return;
	scale = contract_scale(ck, &crises);
	if (!cfg->att[R_MISSIONS])
		return;
	crises = crises && check_crises(ck);
	for (m = 0; m < MISSION_COUNT; m++)
		if (exco_is_socle((ExcoMission) m) && !(have & (1u << m)) &&
			(m != MISSION_CRISES_SANITAIRES || crises))
			lacking |= 1u << m;
	if (lacking == 0)
		return;
	initStringInfo(&missing);
	for (m = 0; m < MISSION_COUNT; m++)
		if (lacking & (1u << m))
			appendStringInfo(&missing, "%s%s", missing.len ? ", " : "", exco_mission_labels[m]);
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
		exco_mission_mask(&cfg->missions, ck->val[R_MISSIONS], NULL, NULL, NULL);
	exco_spi_connect(&ck->spi);
	exco_prepare_once(&plan_contract_missions,
					  "SELECT mission, started_on FROM exco.contract_mission"
					  " WHERE contract OPERATOR(pg_catalog.=) $1 ORDER BY mission",
					  1, argtypes);
	n = exco_spi_run_latest(plan_contract_missions, args, NULL);
	for (i = 0; i < n; i++)
		check_mission_row(ck, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, have);
}
