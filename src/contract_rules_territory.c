/*
 * contract_rules_territory.c — the contract against its CPTS's territory (doc/rules.md §2, §5):
 * rule 3, the CPAM and the ARS that sign; the population at signature.
 *
 * The facts rule 3 depends on are stored with the contract: seat_departement (the département of
 * the CPTS's seat) and territory_departements (the départements of its communes), as they were
 * at signature. The CPAM is checked against these columns of the row, so a territory that
 * changes after signing never makes a stored contract invalid.
 *
 * Every write that signs or changes the facts is checked against the territory as it is now
 * (reference mode, the cpts role mapped: exco.cpts, exco.cpts_commune, exco.commune, and the ARS
 * region from exco.departement): an INSERT, and an UPDATE that changes the CPTS, a fact or the
 * population. A NULL fact is filled from it; a given one must agree with it, else 23514 naming
 * the fact. A restore never runs this check: pg_dump creates the trigger after the data (the
 * tables are ordinary tables, exco.create_tables()). An UPDATE of other columns keeps the stored
 * facts, whatever moved since. doc/contract.md, "What is checked when".
 */
#include "contract_rules.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "access/xact.h"
#include "utils/datum.h"

/* What the CPAM is checked against: the territory's départements and the seat's. */
typedef struct Territory
{
	const char *cpts_name;		/* NULL when the facts come from the row */
	const char *seat_dep;
	bool		known;			/* the territory's départements are known */
	int			ndeps;
	const char *only_dep;		/* the territory's département when ndeps = 1 */
	StringInfoData deps;		/* "01, 02" */
	Datum		deps_array;		/* text[], in the caller's context; valid when known */
	bool		population_null;
	int64		population;
} Territory;

/* Read a text[] of départements (sorted, distinct, as the lookup writes them) into t. */
static void
territory_from_array(Territory *t, Datum arr)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	deconstruct_array(DatumGetArrayTypeP(arr), TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	initStringInfo(&t->deps);
	t->known = true;
	t->ndeps = 0;
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			continue;
		appendStringInfo(&t->deps, "%s%s", t->ndeps ? ", " : "", TextDatumGetCString(elems[i]));
		if (t->ndeps++ == 0)
			t->only_dep = TextDatumGetCString(elems[i]);
	}
}

static SPIPlanPtr plan_cpts = NULL;

/* The CPTS's name, seat département, population and départements, today. */
static void
lookup_cpts(ContractCheck *ck, int64 cpts, Territory *t)
{
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(cpts)};
	HeapTuple	tup;
	TupleDesc	d;
	bool		isnull;
	Datum		arr;
	MemoryContext old;

	exco_spi_connect(&ck->spi);
	exco_prepare_once(&plan_cpts,
					  "SELECT p.name, s.departement,"
					  " (SELECT pg_catalog.sum(c.population)::pg_catalog.int8"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c"
					  "     ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  "  WHERE cc.cpts OPERATOR(pg_catalog.=) p.id),"
					  " (SELECT pg_catalog.array_agg(DISTINCT c.departement ORDER BY c.departement)"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c"
					  "     ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  "  WHERE cc.cpts OPERATOR(pg_catalog.=) p.id)"
					  " FROM exco.cpts p JOIN exco.commune s ON s.code OPERATOR(pg_catalog.=) p.seat"
					  " WHERE p.id OPERATOR(pg_catalog.=) $1",
					  1, argtypes);
	if (exco_spi_run(plan_cpts, args, NULL) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("CPTS " INT64_FORMAT " does not exist in exco.cpts", cpts),
				 errtable(ck->td->tg_relation)));
	tup = SPI_tuptable->vals[0];
	d = SPI_tuptable->tupdesc;
	old = MemoryContextSwitchTo(ck->callerctx);
	t->cpts_name = SPI_getvalue(tup, d, 1);
	t->seat_dep = SPI_getvalue(tup, d, 2);
	t->population = DatumGetInt64(SPI_getbinval(tup, d, 3, &t->population_null));
	arr = SPI_getbinval(tup, d, 4, &isnull);
	t->deps_array = isnull ? PointerGetDatum(construct_empty_array(TEXTOID)) :
		datumCopy(arr, false, -1);
	territory_from_array(t, t->deps_array);
	MemoryContextSwitchTo(old);
}

/* Population at signature, when NULL: the sum of the territory's communes now. */
static void
fill_population(ContractCheck *ck, Territory *t)
{
	Oid			pt = ck->cfg->typ[R_POPULATION];

	if (t->population_null)
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("population is NULL and CPTS \"%s\" has no communes to sum", t->cpts_name),
				 errhint("Add the CPTS's communes to exco.cpts_commune, or give the population at signature."),
				 errtable(ck->td->tg_relation)));
	if ((pt == INT4OID && t->population > PG_INT32_MAX) ||
		(pt == INT2OID && t->population > PG_INT16_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("population " INT64_FORMAT " of CPTS \"%s\" is out of range for type %s",
						t->population, t->cpts_name, format_type_be(pt)),
				 errtable(ck->td->tg_relation)));
	exco_contract_fill(ck, R_POPULATION,
					   pt == INT8OID ? Int64GetDatum(t->population) :
					   pt == INT4OID ? Int32GetDatum((int32) t->population) :
					   Int16GetDatum((int16) t->population));
}

/*
 * Rule 3 (doc/rules.md §5): the CPAM of the territory's only département when it lies in one;
 * of the seat's département when it spans several (or is not known). A NULL CPAM is filled.
 */
static void
check_cpam(ContractCheck *ck, Territory *t)
{
	bool		one = t->known && t->ndeps == 1;
	const char *expected = one ? t->only_dep : t->seat_dep;
	char	   *cpam;

	if (ck->null[R_CPAM])
	{
		exco_contract_fill_text(ck, R_CPAM, expected);
		return;
	}
	cpam = exco_contract_text(ck, R_CPAM);
	if (strcmp(cpam, expected) == 0)
		return;
	if (one)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 t->cpts_name ?
				 errmsg("CPAM département %s is not %s, the only département of the territory of CPTS \"%s\"",
						cpam, expected, t->cpts_name) :
				 errmsg("CPAM département %s is not %s, the only département of the CPTS's territory",
						cpam, expected),
				 errhint("The CPAM of the territory's département signs the contract (doc/rules.md §5)."),
				 errtable(ck->td->tg_relation)));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 t->cpts_name ?
			 errmsg("CPAM département %s is not %s, the département of the seat of CPTS \"%s\"",
					cpam, expected, t->cpts_name) :
			 errmsg("CPAM département %s is not %s, the département of the CPTS's seat",
					cpam, expected),
			 !t->known ? 0 : t->ndeps > 1 ?
			 errdetail("The territory spans départements %s.", t->deps.data) :
			 errdetail("The territory has no communes."),
			 t->known ?
			 errhint("When the territory spans several départements, the CPAM of the seat's département signs (doc/rules.md §5).") :
			 errhint("The CPAM of the seat's département signs the contract (doc/rules.md §5)."),
			 errtable(ck->td->tg_relation)));
}

/* The facts the row carries: its seat département and, when mapped, its territory's. */
static void
territory_of_row(ContractCheck *ck, Territory *t)
{
	memset(t, 0, sizeof(Territory));
	t->seat_dep = exco_contract_text(ck, R_SEAT_DEP);
	if (ck->cfg->att[R_TERRITORY_DEPS] && !ck->null[R_TERRITORY_DEPS])
		territory_from_array(t, ck->val[R_TERRITORY_DEPS]);
}

static SPIPlanPtr plan_region = NULL;

/*
 * The region of département dep in exco.departement, NULL when there is none. The last answer is
 * kept for the rest of the command, so a bulk INSERT of one CPAM's contracts reads it once.
 */
static char *
region_of(ContractCheck *ck, const char *dep)
{
	ContractConfig *cfg = ck->cfg;
	CommandId	cid = GetCurrentCommandId(false);
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	char	   *region;

	if (cfg->region_cid == cid && cfg->region_dep[0] && strcmp(cfg->region_dep, dep) == 0)
		return pstrdup(cfg->region_of);
	args[0] = CStringGetTextDatum(dep);
	exco_spi_connect(&ck->spi);
	exco_prepare_once(&plan_region,
					  "SELECT region FROM exco.departement WHERE code OPERATOR(pg_catalog.=) $1",
					  1, argtypes);
	if (exco_spi_run(plan_region, args, NULL) == 0)
		return NULL;
	region = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	cfg->region_dep[0] = '\0';
	if (strlen(dep) < sizeof(cfg->region_dep) && region && strlen(region) < sizeof(cfg->region_of))
	{
		strlcpy(cfg->region_dep, dep, sizeof(cfg->region_dep));
		strlcpy(cfg->region_of, region, sizeof(cfg->region_of));
		cfg->region_cid = cid;
	}
	return region;
}

/*
 * The ARS that signs is the region's (doc/rules.md §5): the region of the CPAM's département in
 * exco.departement. A NULL region is filled; a given one is checked when the facts are derived
 * (a signing) or when an UPDATE changes the region or the CPAM.
 */
static void
check_region(ContractCheck *ck, bool derived)
{
	char	   *expected;

	if (!ck->cfg->att[R_REGION] || !ck->cfg->att[R_CPAM] || ck->null[R_CPAM])
		return;
	if (!ck->null[R_REGION] && !derived &&
		!(ck->is_update && (exco_role_changed(ck, R_REGION) || exco_role_changed(ck, R_CPAM))))
		return;
	expected = region_of(ck, exco_contract_text(ck, R_CPAM));
	if (expected == NULL)
		return;					/* an unknown département: the foreign key reports it */
	if (ck->null[R_REGION])
		exco_contract_fill_text(ck, R_REGION, expected);
	else if (strcmp(exco_contract_text(ck, R_REGION), expected) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("region %s is not %s, the region of CPAM département %s",
						exco_contract_text(ck, R_REGION), expected, exco_contract_text(ck, R_CPAM)),
				 errhint("The ARS of the region of the CPAM's département signs the contract (doc/rules.md §5); leave the region NULL to have it filled."),
				 errtable(ck->td->tg_relation)));
}

/*
 * Whether the facts are checked against today's territory: at every INSERT, and at an UPDATE
 * that changes the CPTS, a fact or the population.
 */
static bool
facts_checked(ContractCheck *ck)
{
	if (!ck->is_update)
		return true;
	return exco_role_changed(ck, R_CPTS) || exco_role_changed(ck, R_SEAT_DEP) ||
		exco_role_changed(ck, R_TERRITORY_DEPS) || exco_role_changed(ck, R_POPULATION);
}

/* A given fact that the territory contradicts: 23514 naming the fact, both values and the CPTS. */
static void
fact_contradicts(ContractCheck *ck, Role r, const char *given, const char *actual,
				 const char *what, const char *cpts_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("%s %s contradicts the territory: %s of CPTS \"%s\" is %s",
					exco_role_column(ck, r), given, what, cpts_name, actual),
			 errhint("Leave %s NULL to have it filled from exco.cpts, exco.cpts_commune and exco.commune, or correct the territory first.",
					 exco_role_column(ck, r)),
			 errtable(ck->td->tg_relation)));
}

/* A given population must give the tier the territory's population gives (doc/rules.md §2). */
static void
check_population(ContractCheck *ck, Territory *t)
{
	int64		given = exco_int_value(ck->val[R_POPULATION], ck->cfg->typ[R_POPULATION]);
	Tier		tg,
				tt;

	if (t->population_null || given < 0)
		return;					/* no communes to contradict it; a negative one: rule 4 */
	tg = exco_tier_of_population(given);
	tt = exco_tier_of_population(t->population);
	if (tg != tt)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s " INT64_FORMAT " (tier %d) contradicts the territory: the communes of CPTS \"%s\" total " INT64_FORMAT " inhabitants (tier %d)",
						exco_role_column(ck, R_POPULATION), given, (int) tg, t->cpts_name,
						t->population, (int) tt),
				 errhint("The tier is the one of the population of the CPTS's communes at signature (doc/rules.md §2); leave %s NULL to have it summed.",
						 exco_role_column(ck, R_POPULATION)),
				 errtable(ck->td->tg_relation)));
}

/*
 * Reference mode: check the facts against the CPTS as it is now and fill what is NULL (see
 * facts_checked for when). An UPDATE that moves the contract to another CPTS without giving new
 * facts re-derives them. Returns whether the facts were checked or derived from the territory.
 */
static bool
derive_from_cpts(ContractCheck *ck, const char **cpts_name)
{
	ContractConfig *cfg = ck->cfg;
	bool		facts = cfg->att[R_SEAT_DEP] != 0;
	bool		live = facts_checked(ck);
	Territory	t;

	if (facts && ck->is_update && exco_role_changed(ck, R_CPTS) &&
		!exco_role_changed(ck, R_SEAT_DEP) && !exco_role_changed(ck, R_TERRITORY_DEPS))
		ck->null[R_SEAT_DEP] = ck->null[R_TERRITORY_DEPS] = true;
	if (!facts)
		live = live || (cfg->att[R_CPAM] && (ck->null[R_CPAM] || exco_role_changed(ck, R_CPAM)));
	else
		live = live || ck->null[R_SEAT_DEP] ||
			(cfg->att[R_TERRITORY_DEPS] && ck->null[R_TERRITORY_DEPS]);
	if (!live && !(cfg->att[R_POPULATION] && ck->null[R_POPULATION]))
		return false;
	memset(&t, 0, sizeof(t));
	lookup_cpts(ck, exco_int_value(ck->val[R_CPTS], cfg->typ[R_CPTS]), &t);
	if (cfg->att[R_POPULATION] && ck->null[R_POPULATION])
		fill_population(ck, &t);
	else if (cfg->att[R_POPULATION] && live)
		check_population(ck, &t);
	if (!live)
		return false;
	*cpts_name = t.cpts_name;
	if (!facts)
	{
		if (cfg->att[R_CPAM])
			check_cpam(ck, &t); /* no place to store the facts: today's territory */
		return true;
	}
	if (ck->null[R_SEAT_DEP])
		exco_contract_fill_text(ck, R_SEAT_DEP, t.seat_dep);
	else if (strcmp(exco_contract_text(ck, R_SEAT_DEP), t.seat_dep) != 0)
		fact_contradicts(ck, R_SEAT_DEP, exco_contract_text(ck, R_SEAT_DEP), t.seat_dep,
						 "the département of the seat", t.cpts_name);
	if (cfg->att[R_TERRITORY_DEPS])
	{
		if (ck->null[R_TERRITORY_DEPS])
			exco_contract_fill(ck, R_TERRITORY_DEPS, t.deps_array);
		else
		{
			Territory	given;

			memset(&given, 0, sizeof(given));
			territory_from_array(&given, ck->val[R_TERRITORY_DEPS]);
			if (strcmp(given.deps.data, t.deps.data) != 0)
				fact_contradicts(ck, R_TERRITORY_DEPS,
								 psprintf("{%s}", given.deps.data),
								 psprintf("{%s}", t.deps.data),
								 "the set of départements of the communes (sorted)", t.cpts_name);
		}
	}
	return true;
}

void
exco_rule_territory(ContractCheck *ck)
{
	ContractConfig *cfg = ck->cfg;
	bool		derived = false;
	const char *cpts_name = NULL;
	Territory	t;

	if (cfg->att[R_CPTS] && !ck->null[R_CPTS])
	{
		derived = derive_from_cpts(ck, &cpts_name);
	}

	/* Rule 3 on the facts the row carries (filled above or given). */
	if (cfg->att[R_CPAM] && cfg->att[R_SEAT_DEP] && !ck->null[R_SEAT_DEP] &&
		(derived || ck->null[R_CPAM] || exco_role_changed(ck, R_CPAM) ||
		 exco_role_changed(ck, R_SEAT_DEP) || exco_role_changed(ck, R_TERRITORY_DEPS)))
	{
		territory_of_row(ck, &t);
		t.cpts_name = cpts_name;	/* known when the facts were just derived */
		check_cpam(ck, &t);
	}
	if (cfg->att[R_CPTS] && !ck->null[R_CPTS])
		check_region(ck, derived);
}
