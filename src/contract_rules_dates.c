/*
 * contract_rules_dates.c — the dates of a contract (doc/rules.md §5): rule 1, a contract is dated
 * by its signature; rule 2, it lasts 5 years.
 *
 * ends_on is the FIRST day the contract no longer runs (an exclusive end): ends_on = signed_on +
 * 5 years, and the contract runs on d iff signed_on <= d < ends_on, so its last running day is
 * ends_on - 1. A contract signed on 2020-01-15 runs until 2025-01-14 and has ends_on 2025-01-15.
 * Both rules read the row alone.
 */
#include "contract_rules.h"

#include "utils/builtins.h"

/* Length of an ACI contract (doc/rules.md §5). */
#define CONTRACT_MONTHS 60
/* 2019-08-25 and 9999-12-31 as DateADT (days from 2000-01-01). */
#define FIRST_AGREEMENT_DATE ((DateADT) 7176)
#define LAST_SIGNING_DATE ((DateADT) 2921939)

void
exco_rule_dates(ContractCheck *ck)
{
	DateADT		ends;

	/* Rule 1: a contract is dated by its signature. */
	if (ck->cfg->att[R_SIGNED_ON] && ck->null[R_SIGNED_ON])
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("null value in signing date column \"%s\"",
						exco_role_column(ck, R_SIGNED_ON)),
				 errhint("Every rule of the contract runs from its signature: give the date it was signed."),
				 errtable(ck->td->tg_relation)));
	ck->has_signed = !ck->null[R_SIGNED_ON];
	if (!ck->has_signed)
		return;
	ck->signed_on = DatumGetDateADT(ck->val[R_SIGNED_ON]);
	if (DATE_NOT_FINITE(ck->signed_on))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("signing date %s is not a finite date", exco_date_str(ck->signed_on)),
				 errhint("A contract is signed on a calendar day: give that day."),
				 errtable(ck->td->tg_relation)));
	/*
	 * Signed while an agreement is in force: ACI-2019 came into force on 2019-08-25 (doc/rules.md
	 * §8.1), so no CPTS contract is signed before; and a signing date with a four-digit year (at
	 * most 9999-12-31: its end, deadlines and contract years stay within every date function).
	 */
	if (ck->signed_on < FIRST_AGREEMENT_DATE || ck->signed_on > LAST_SIGNING_DATE)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("signing date %s is %s", exco_date_str(ck->signed_on),
						ck->signed_on < FIRST_AGREEMENT_DATE ?
						"before 2019-08-25, when the first CPTS agreement (ACI-2019) came into force" :
						"after 9999-12-31, the last signing date exco accepts"),
				 errhint("A CPTS contract is signed between 2019-08-25 and 9999-12-31 (doc/rules.md §5, §8.1): check the date."),
				 errtable(ck->td->tg_relation)));

	/* Rule 2: the contract lasts 5 years; a NULL end is filled with the exclusive end. */
	if (!ck->cfg->att[R_ENDS_ON])
		return;
	ends = exco_add_months(ck->signed_on, CONTRACT_MONTHS);
	if (ck->null[R_ENDS_ON])
		exco_contract_fill(ck, R_ENDS_ON, DateADTGetDatum(ends));
	else if (DatumGetDateADT(ck->val[R_ENDS_ON]) != ends)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("end date %s does not match signing date %s",
						exco_date_str(DatumGetDateADT(ck->val[R_ENDS_ON])),
						exco_date_str(ck->signed_on)),
				 errdetail("A contract signed on %s runs until %s inclusive; its end date, the first day it no longer runs, is %s (signing date + 5 years).",
						   exco_date_str(ck->signed_on), exco_date_str(ends - 1),
						   exco_date_str(ends)),
				 errhint("An ACI contract lasts 5 years (doc/rules.md §5): leave the end date NULL to have it computed."),
				 errtable(ck->td->tg_relation)));
}
