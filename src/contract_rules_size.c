/*
 * contract_rules_size.c — rule 4 of exco.validate_contract(): the size tier matches the population
 * at signature (doc/rules.md §2); a NULL tier is filled from it. Reads the row alone. An integer
 * tier column must hold a tier (1..4): 259 is not "tier 3 in one byte", it is out of range.
 */
#include "contract_rules.h"

#include "catalog/pg_type.h"

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
