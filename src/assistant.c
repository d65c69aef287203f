/*
 * assistant.c — the aid of Assurance Maladie to a GP who employs a medical assistant
 * (doc/rules.md §7.2): the yearly amount by time share and contract year (dated rows of
 * exco.assistant_aid_amount), the number of MT patients or file-active patients the GP commits
 * to reach, and the eligibility conditions. Band boundaries and the waiver: doc/schemes.md.
 */
#include "schemes.h"
#include "scale.h"

#include "catalog/pg_type_d.h"
#include "utils/array.h"
#include "utils/builtins.h"

/*
 * Commitment bands (doc/rules.md §7.2). A boundary belongs to the higher band (lower bound
 * included: 872 MT patients is band 2), except the top of band 4, which the texts close with
 * "plus de 1 721": 1 721 is band 4, 1 722 band 5. Same reading as the CPTS tiers (doc/rules.md §2).
 */
#define BANDS 5
static const int mt_lower[BANDS] = {640, 872, 1107, 1502, 1722};
static const int fa_lower[BANDS] = {1223, 1521, 1854, 2476, 2945};

/* The raise committed to, per mille of the starting count, by time share and band. */
static const int raise_per_mille[ASSISTANT_SHARE_COUNT][BANDS] = {
	{200, 150, 75, 40, 0},		/* 1/3: +20 %, +15 %, +7.5 %, +4 %, keep level */
	{250, 200, 125, 60, 0},		/* 1/2: +25 %, +20 %, +12.5 %, +6 %, keep level */
	{350, 300, 200, 125, 50},	/* full: +35 %, +30 %, +20 %, +12.5 %, +5 % */
};

static int
band_of(int count, const int *lower)
{
	int			b;

	for (b = BANDS - 1; b >= 0; b--)
		if (count >= lower[b])
			return b;
	return -1;
}

/* The count committed to: the starting count raised by the band's percentage, rounded up. */
static int32
target_of(FunctionCallInfo fcinfo, const int *lower, const char *what)
{
	AssistantShare share = (AssistantShare) exco_label_index(exco_label_cache(fcinfo),
															 &exco_assistant_share_set,
															 PG_GETARG_OID(0));
	int32		count = PG_GETARG_INT32(1);
	bool		waiver = PG_GETARG_BOOL(2);
	int			band;
	int64		target;

	if (count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of %s must not be negative: %d", what, count)));
	band = band_of(count, lower);
	if (band < 0)
	{
		if (!waiver)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%d %s is below the first commitment band, which starts at %d", count, what, lower[0]),
					 errhint("The aid needs at least 640 adult MT patients unless the GP is newly installed or more than 20 %% of the patients are under 16; in those cases pass waiver => true and the first band's percentage applies.")));
		band = 0;
	}
	target = (int64) count + ((int64) count * raise_per_mille[share][band] + 999) / 1000;
	if (target > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the commitment for %d %s is out of range for type integer", count, what)));
	return (int32) target;
}

/* exco.assistant_target(share, mt_patients, waiver) */
PG_FUNCTION_INFO_V1(assistant_target);
Datum
assistant_target(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(target_of(fcinfo, mt_lower, "MT patients"));
}

/* exco.assistant_target_file_active(share, file_active, waiver) */
PG_FUNCTION_INFO_V1(assistant_target_file_active);
Datum
assistant_target_file_active(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(target_of(fcinfo, fa_lower, "file-active patients"));
}

/* The aid in cents for a share and contract year under the amounts in force on signed_on. */
static int64
aid_cents(SchemeData *data, AssistantShare share, int32 contract_year, DateADT signed_on)
{
	int			year = Min(contract_year, 3);
	DateADT		in_force;
	int			i;

	if (contract_year < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a contract year must be 1 or more: %d", contract_year),
				 errhint("Year 1 starts on the day the assistant contract is signed.")));
	if (data->naid == 0 || data->aid[0].effective_from > signed_on)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no medical-assistant aid amounts are known for a contract signed on %s",
						exco_date_str(signed_on)),
				 data->naid == 0 ?
				 errhint("exco.assistant_aid_amount is empty: insert the amounts in force (see doc/schemes.md).") :
				 errhint("The first amounts exco knows are in force from %s.",
						 exco_date_str(data->aid[0].effective_from))));
	for (i = data->naid - 1; data->aid[i].effective_from > signed_on; i--)
		;
	in_force = data->aid[i].effective_from;
	for (; i >= 0 && data->aid[i].effective_from == in_force; i--)
		if (data->aid[i].share == (int) share && data->aid[i].year == year)
			return data->aid[i].cents;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the medical-assistant aid in force from %s does not give year %d of a %s assistant",
					exco_date_str(in_force), year, exco_assistant_share_labels[share]),
			 errhint("Add the amount to exco.assistant_aid_amount.")));
	return 0;					/* keep the compiler quiet */
}

/* exco.assistant_aid(share, contract_year, signed_on) */
PG_FUNCTION_INFO_V1(assistant_aid);
Datum
assistant_aid(PG_FUNCTION_ARGS)
{
	SchemeData *data = exco_scheme_data(fcinfo);
	AssistantShare share = (AssistantShare) exco_label_index(&data->labels, &exco_assistant_share_set,
															 PG_GETARG_OID(0));
	DateADT		signed_on = PG_NARGS() > 2 ? PG_GETARG_DATEADT(2) : GetSQLCurrentDate();

	PG_RETURN_DATUM(exco_cents_numeric(aid_cents(data, share, PG_GETARG_INT32(1), signed_on)));
}

/*
 * exco.assistant_eligible(sector, coordinated, mt_patients, share, underserved_zone,
 * newly_installed, over_20pct_under_16): the unmet conditions, empty when eligible.
 */
PG_FUNCTION_INFO_V1(assistant_eligible);
Datum
assistant_eligible(PG_FUNCTION_ARGS)
{
	LabelCache *cache = exco_label_cache(fcinfo);
	Sector		sector = (Sector) exco_label_index(cache, &exco_sector_set, PG_GETARG_OID(0));
	bool		coordinated = PG_GETARG_BOOL(1);
	int32		mt = PG_GETARG_INT32(2);
	AssistantShare share = (AssistantShare) exco_label_index(cache, &exco_assistant_share_set,
															 PG_GETARG_OID(3));
	bool		underserved = PG_GETARG_BOOL(4);
	bool		waived = PG_GETARG_BOOL(5) || PG_GETARG_BOOL(6);
	Datum		unmet[4];
	int			n = 0;

	if (mt < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of MT patients must not be negative: %d", mt)));
	if (sector != SECTOR_1 && sector != SECTOR_2_OPTAM)
		unmet[n++] = CStringGetTextDatum(psprintf("sector %s: the aid needs sector 1 or sector 2 with OPTAM",
												  sector == SECTOR_2 ? "2 without OPTAM" : "3 (not conventionné)"));
	if (!coordinated)
		unmet[n++] = CStringGetTextDatum("no coordinated practice (ESP, MSP, CPTS...) and no commitment to join one within 2 years");
	if (mt < mt_lower[0] && !waived)
		unmet[n++] = CStringGetTextDatum(psprintf("%d adult MT patients: at least %d are needed, unless newly installed or more than 20 %% of the patients are under 16",
												  mt, mt_lower[0]));
	if (share == ASSIST_FULL && !underserved)
		unmet[n++] = CStringGetTextDatum("a full-time assistant is aided only in an under-served zone");
	PG_RETURN_ARRAYTYPE_P(construct_array(unmet, n, TEXTOID, -1, false, TYPALIGN_INT));
}
