/*
 * contract_rules_territory.c — the contract against its CPTS's territory (doc/rules.md §2, §5):
 * rule 3, the CPAM that signs; rule 4, the population at signature and the size tier.
 *
 * Reference mode (the cpts role mapped): the CPTS's seat, its territory's départements and its
 * population are read from exco.cpts, exco.cpts_commune and exco.commune through one kept SPI
 * plan. User mode (no cpts): the seat's département is a column of the row.
 */
#include "contract_rules.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

/* What the exco.cpts lookup tells about a CPTS. */
typedef struct CptsInfo
{
	char	   *name;
	char	   *seat_dep;
	bool		population_null;
	int64		population;
	int64		ndeps;
	char	   *only_dep;		/* the territory's département when ndeps = 1 */
	char	   *deps;			/* "01, 02" */
} CptsInfo;

static SPIPlanPtr plan_cpts = NULL;

static bool
lookup_cpts(int64 cpts, CptsInfo *info)
{
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(cpts)};
	HeapTuple	t;
	TupleDesc	d;
	bool		isnull;

	exco_prepare_once(&plan_cpts,
					  "SELECT p.name, s.departement,"
					  " (SELECT pg_catalog.sum(c.population)::pg_catalog.int8"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c"
					  "     ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  "  WHERE cc.cpts OPERATOR(pg_catalog.=) p.id),"
					  " (SELECT pg_catalog.count(DISTINCT c.departement)"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c"
					  "     ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  "  WHERE cc.cpts OPERATOR(pg_catalog.=) p.id),"
					  " (SELECT pg_catalog.min(c.departement)"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c"
					  "     ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  "  WHERE cc.cpts OPERATOR(pg_catalog.=) p.id),"
					  " (SELECT pg_catalog.string_agg(DISTINCT c.departement, ', ' ORDER BY c.departement)"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c"
					  "     ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  "  WHERE cc.cpts OPERATOR(pg_catalog.=) p.id)"
					  " FROM exco.cpts p JOIN exco.commune s ON s.code OPERATOR(pg_catalog.=) p.seat"
					  " WHERE p.id OPERATOR(pg_catalog.=) $1",
					  1, argtypes);
	if (exco_spi_run(plan_cpts, args, NULL) == 0)
		return false;
	t = SPI_tuptable->vals[0];
	d = SPI_tuptable->tupdesc;
	info->name = SPI_getvalue(t, d, 1);
	info->seat_dep = SPI_getvalue(t, d, 2);
	info->population = DatumGetInt64(SPI_getbinval(t, d, 3, &info->population_null));
	info->ndeps = DatumGetInt64(SPI_getbinval(t, d, 4, &isnull));
	info->only_dep = SPI_getvalue(t, d, 5);
	info->deps = SPI_getvalue(t, d, 6);
	return true;
}

/* Population at signature, when NULL: the sum of the territory's communes now. */
static void
fill_population(ContractCheck *ck, CptsInfo *info)
{
	Oid			pt = ck->cfg->typ[R_POPULATION];

	if (info->population_null)
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("population is NULL and CPTS \"%s\" has no communes to sum", info->name),
				 errhint("Add the CPTS's communes to exco.cpts_commune, or give the population at signature."),
				 errtable(ck->td->tg_relation)));
	if ((pt == INT4OID && info->population > PG_INT32_MAX) ||
		(pt == INT2OID && info->population > PG_INT16_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("population " INT64_FORMAT " of CPTS \"%s\" is out of range for type %s",
						info->population, info->name, format_type_be(pt)),
				 errtable(ck->td->tg_relation)));
	exco_contract_fill(ck, R_POPULATION,
					   pt == INT8OID ? Int64GetDatum(info->population) :
					   pt == INT4OID ? Int32GetDatum((int32) info->population) :
					   Int16GetDatum((int16) info->population));
}

/*
 * Rule 3 in reference mode (doc/rules.md §5): the CPAM of the seat's département when the
 * territory spans several; of the territory's only département when it lies in one.
 */
static void
check_cpam_reference(ContractCheck *ck, CptsInfo *info)
{
	const char *expected = info->ndeps == 1 ? info->only_dep : info->seat_dep;
	char	   *cpam;

	if (ck->null[R_CPAM])
	{
		exco_contract_fill_text(ck, R_CPAM, expected);
		return;
	}
	cpam = exco_contract_text(ck, R_CPAM);
	if (strcmp(cpam, expected) == 0)
		return;
	if (info->ndeps == 1)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("CPAM département %s is not %s, the only département of the territory of CPTS \"%s\"",
						cpam, expected, info->name),
				 errhint("The CPAM of the territory's département signs the contract (doc/rules.md §5)."),
				 errtable(ck->td->tg_relation)));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("CPAM département %s is not %s, the département of the seat of CPTS \"%s\"",
					cpam, expected, info->name),
			 info->ndeps > 1 ?
			 errdetail("The territory spans départements %s.", info->deps) :
			 errdetail("The territory has no communes yet."),
			 errhint("When the territory spans several départements, the CPAM of the seat's département signs (doc/rules.md §5)."),
			 errtable(ck->td->tg_relation)));
}

/* Rule 3 in user mode: the seat's département is a column of the row. */
static void
check_cpam_user(ContractCheck *ck)
{
	char	   *seat = exco_contract_text(ck, R_SEAT_DEP);

	if (ck->null[R_CPAM])
		exco_contract_fill_text(ck, R_CPAM, seat);
	else if (strcmp(exco_contract_text(ck, R_CPAM), seat) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("CPAM département %s is not %s, the département of the CPTS's seat",
						exco_contract_text(ck, R_CPAM), seat),
				 errhint("The CPAM of the seat's département signs the contract (doc/rules.md §5)."),
				 errtable(ck->td->tg_relation)));
}

void
exco_rule_territory(ContractCheck *ck)
{
	ContractConfig *cfg = ck->cfg;

	if (!ck->null[R_CPTS])
	{
		int64		cpts = exco_int_value(ck->val[R_CPTS], cfg->typ[R_CPTS]);
		bool		need_pop = cfg->att[R_POPULATION] && ck->null[R_POPULATION];

		/*
		 * On UPDATE the CPAM is checked only when cpts or the CPAM changes: the territory may
		 * have changed since signature.
		 */
		bool		need_cpam = cfg->att[R_CPAM] &&
			(ck->null[R_CPAM] || exco_role_changed(ck, R_CPTS) || exco_role_changed(ck, R_CPAM));
		CptsInfo	info;

		if (!need_pop && !need_cpam)
			return;
		exco_spi_connect(&ck->spi);
		if (!lookup_cpts(cpts, &info))
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("CPTS " INT64_FORMAT " does not exist in exco.cpts", cpts),
					 errtable(ck->td->tg_relation)));
		if (need_pop)
			fill_population(ck, &info);
		if (need_cpam)
			check_cpam_reference(ck, &info);
	}
	else if (cfg->att[R_CPAM] && !ck->null[R_SEAT_DEP] &&
			 (ck->null[R_CPAM] || exco_role_changed(ck, R_CPAM) ||
			  exco_role_changed(ck, R_SEAT_DEP)))
		check_cpam_user(ck);
}

/* A tier column's value: exco.tier, or an integer that must be a tier (1..4). */
static Tier
tier_of_datum(ContractCheck *ck, Datum d, Oid typ)
{
	int64		v;

	if (typ != INT2OID && typ != INT4OID)
		return DatumGetTier(d);
	v = exco_int_value(d, typ);
	if (v < TIER_MIN || v > TIER_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("tier " INT64_FORMAT " in column \"%s\" is out of range", v,
						exco_role_column(ck, R_TIER)),
				 errhint("A size tier is 1, 2, 3 or 4 (doc/rules.md §2)."),
				 errtable(ck->td->tg_relation)));
	return (Tier) v;
}

static Datum
tier_datum(Tier t, Oid typ)
{
	if (typ == INT2OID)
		return Int16GetDatum((int16) t);
	if (typ == INT4OID)
		return Int32GetDatum((int32) t);
	return TierGetDatum(t);
}

/* Rule 4: the tier matches the population at signature (doc/rules.md §2); NULL tier filled. */
void
exco_rule_tier(ContractCheck *ck)
{
	ContractConfig *cfg = ck->cfg;
	bool		has_tier = cfg->att[R_TIER] && !ck->null[R_TIER];
	Tier		given = has_tier ? tier_of_datum(ck, ck->val[R_TIER], cfg->typ[R_TIER]) : 0;
	int64		pop;
	Tier		expected;

	if (!cfg->att[R_POPULATION] || ck->null[R_POPULATION])
		return;
	pop = exco_int_value(ck->val[R_POPULATION], cfg->typ[R_POPULATION]);
	if (pop < 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("population " INT64_FORMAT " is negative", pop),
				 errhint("A CPTS population is the sum of its communes' populations."),
				 errtable(ck->td->tg_relation)));
	expected = exco_tier_of_population(pop);
	if (!cfg->att[R_TIER])
		return;
	if (ck->null[R_TIER])
	{
		exco_contract_fill(ck, R_TIER, tier_datum(expected, cfg->typ[R_TIER]));
		return;
	}
	if (given != expected)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("tier %d does not match population " INT64_FORMAT ", which is tier %d",
						(int) given, pop, (int) expected),
				 errhint("Tiers: 1 below 40 000 inhabitants, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); leave the tier NULL to have it computed."),
				 errtable(ck->td->tg_relation)));
}
