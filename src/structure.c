/*
 * structure.c — coordinated-practice structures (doc/rules.md §1) and the forfait structure's
 * "prise en charge coordonnée" indicator (doc/rules.md §7.1). Decisions where the texts give no
 * rule (CPTS, ESS, RCP, other pluriprofessional organisations; which professions are paramedical)
 * are in doc/schemes.md.
 *
 * The rule is pure (counts in, reason out: structure_reason); the SQL functions map the enum
 * arrays to C indexes and call it. The forfait amounts are dated rows of exco.forfait_structure,
 * read once per call site and snapshot (scheme_data.c).
 */
#include "schemes.h"
#include "scale.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

/*
 * Paramedical professions: the auxiliaires médicaux of the Code de la santé publique (part 4,
 * book III). Physicians, midwives and dentists are medical professions (book I), pharmacists a
 * profession of pharmacy (book II): not paramedical.
 */
bool
exco_is_paramedical(Profession p)
{
	switch (p)
	{
		case PROF_INFIRMIER:
		case PROF_MASSEUR_KINESITHERAPEUTE:
		case PROF_ORTHOPHONISTE:
		case PROF_ORTHOPTISTE:
		case PROF_PEDICURE_PODOLOGUE:
		case PROF_DIETETICIEN:
		case PROF_ERGOTHERAPEUTE:
			return true;
		default:
			return false;
	}
}

typedef struct Composition
{
	int			members;
	int			gps;
	int			specialists;
	int			paramedical;
	int			professions;	/* distinct */
} Composition;

static void
compose(const int *prof, int n, Composition *c)
{
	bool		seen[PROF_COUNT] = {false};
	int			i;

	memset(c, 0, sizeof(*c));
	c->members = n;
	for (i = 0; i < n; i++)
	{
		c->gps += prof[i] == PROF_MEDECIN_GENERALISTE;
		c->specialists += prof[i] == PROF_MEDECIN_SPECIALISTE;
		c->paramedical += exco_is_paramedical((Profession) prof[i]);
		if (!seen[prof[i]])
			c->professions++;
		seen[prof[i]] = true;
	}
}

static char *
count_text(int n)
{
	return n == 0 ? pstrdup("none") : psprintf("%d", n);
}

/* NULL when a structure of this kind with these members is valid, else the reason. */
static char *
structure_reason(StructureKind kind, const Composition *c)
{
	switch (kind)
	{
		case KIND_ESP:
			if (c->members < 2)
				return psprintf("an ESP needs at least 2 health professionals: it has %s", count_text(c->members));
			if (c->gps < 1)
				return pstrdup("an ESP needs at least 1 GP (medecin_generaliste): it has none");
			return NULL;
		case KIND_MSP:
			if (c->gps < 2)
				return psprintf("an MSP needs at least 2 GPs (medecin_generaliste): it has %s", count_text(c->gps));
			if (c->paramedical < 1)
				return pstrdup("an MSP needs at least 1 paramedical professional (infirmier, masseur_kinesitherapeute, orthophoniste, orthoptiste, pedicure_podologue, dieteticien, ergotherapeute): it has none");
			return NULL;
		case KIND_CPTS:
			if (c->members < 2)
				return psprintf("a CPTS needs at least 2 health professionals: it has %s", count_text(c->members));
			return NULL;
		case KIND_ESS:
			if (c->members < 2)
				return psprintf("an ESS needs at least 2 health professionals: it has %s", count_text(c->members));
			if (c->specialists < 1)
				return pstrdup("an ESS needs at least 1 specialist physician (medecin_specialiste): it has none");
			return NULL;
		case KIND_RCP:
			if (c->professions < 2 && c->gps + c->specialists < 3)
				return psprintf("an RCP needs at least 2 different professions, or at least 3 physicians: it has %d %s and %d %s",
								c->professions, c->professions == 1 ? "profession" : "professions",
								c->gps + c->specialists,
								c->gps + c->specialists == 1 ? "physician" : "physicians");
			return NULL;
		case KIND_OTHER_PLURI:
			if (c->professions < 2)
				return psprintf("a pluriprofessional organisation needs at least 2 different professions: it has %d",
								c->professions);
			return NULL;
		case KIND_COUNT:
			break;
	}
	elog(ERROR, "unexpected structure kind %d", (int) kind);
	return NULL;				/* keep the compiler quiet */
}

static char *
structure_problem_args(FunctionCallInfo fcinfo)
{
	LabelCache *cache = exco_label_cache(fcinfo);
	StructureKind kind = (StructureKind) exco_label_index(cache, &exco_kind_set, PG_GETARG_OID(0));
	int			n;
	int		   *prof = exco_label_array(cache, &exco_profession_set, PG_GETARG_ARRAYTYPE_P(1), &n,
										"the member list of a structure");
	Composition c;

	compose(prof, n, &c);
	return structure_reason(kind, &c);
}

/* exco.structure_valid(kind, members) */
PG_FUNCTION_INFO_V1(structure_valid);
Datum
structure_valid(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(structure_problem_args(fcinfo) == NULL);
}

/* exco.structure_problem(kind, members): NULL when valid, else the reason. */
PG_FUNCTION_INFO_V1(structure_problem);
Datum
structure_problem(PG_FUNCTION_ARGS)
{
	char	   *reason = structure_problem_args(fcinfo);

	if (reason == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(reason));
}

/* exco.is_paramedical(p) */
PG_FUNCTION_INFO_V1(profession_is_paramedical);
Datum
profession_is_paramedical(PG_FUNCTION_ARGS)
{
	Profession	p = (Profession) exco_label_index(exco_label_cache(fcinfo), &exco_profession_set,
												  PG_GETARG_OID(0));

	PG_RETURN_BOOL(exco_is_paramedical(p));
}

/*
 * Whether taking part in one of these kinds validates the volet-1 indicator "prise en charge
 * coordonnée": every kind but ESS (doc/rules.md §7.1: ESS are not recognised, as of Sept 2022).
 */
static bool
kinds_validate(LabelCache *cache, ArrayType *arr)
{
	int			n,
				i;
	int		   *kinds = exco_label_array(cache, &exco_kind_set, arr, &n,
										 "the list of coordinated-practice kinds");

	for (i = 0; i < n; i++)
		if (kinds[i] != KIND_ESS)
			return true;
	return false;
}

PG_FUNCTION_INFO_V1(structure_coordination_validated);
Datum
structure_coordination_validated(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(kinds_validate(exco_label_cache(fcinfo), PG_GETARG_ARRAYTYPE_P(0)));
}

/*
 * exco.forfait_structure_at_risk(kinds, on_date): 0.00 when the kinds validate the indicator,
 * else the indicator's amount plus the volet-2 maximum in force on the date.
 */
PG_FUNCTION_INFO_V1(structure_forfait_at_risk);
Datum
structure_forfait_at_risk(PG_FUNCTION_ARGS)
{
	SchemeData *data;
	DateADT		on_date = PG_GETARG_DATEADT(1);
	int			i;

	data = exco_scheme_data(fcinfo);
	if (kinds_validate(&data->labels, PG_GETARG_ARRAYTYPE_P(0)))
		PG_RETURN_DATUM(exco_cents_numeric(0));
	for (i = data->nforfait - 1; i >= 0; i--)
		if (data->forfait[i].effective_from <= on_date)
			PG_RETURN_DATUM(exco_cents_numeric(data->forfait[i].indicator_cents +
											   data->forfait[i].volet2_cents));
	if (data->nforfait == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no forfait structure amounts are known on %s: exco.forfait_structure is empty",
						exco_date_str(on_date)),
				 errhint("Insert the amounts in force into exco.forfait_structure (see doc/schemes.md).")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("no forfait structure amounts are known on %s: the first known are in force from %s",
					exco_date_str(on_date), exco_date_str(data->forfait[0].effective_from)),
			 errhint("exco ships the amounts of amendment 9 of the GP convention (years of practice from 2022); insert earlier ones into exco.forfait_structure.")));
	PG_RETURN_NULL();			/* keep the compiler quiet */
}
