/*
 * etp.c — patient education (ETP) programmes (doc/rules.md §7.3): a programme's validity and the
 * pay of the 2010–2012 ENMR "module 2" experiment (art. 44 LFSS 2008), per patient and per
 * programme. Open cases decided in doc/schemes.md.
 *
 * The module-2 amounts are fixed in C: they belong to a closed experiment whose figures can no
 * longer change, which is what makes exco.etp_patient_pay IMMUTABLE (a present-day ARS ETP
 * forfait is another scheme, with its own data).
 */
#include "schemes.h"
#include "scale.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

#define ETP_BUILD_CENTS		100000	/* 1 000 € to build the programme */
#define ETP_TRAINING_CENTS	100000	/* 1 000 € per professional trained */
#define ETP_PACKAGE_CENTS	25000	/* 250 €: educational diagnosis and the first 4 sessions */
#define ETP_LONG_CENTS		30000	/* 300 €: more than 4 sessions */
#define ETP_DROPOUT_CENTS	10000	/* 100 €: dropped out after the first session */
#define ETP_FILE_ACTIVE_MIN 50		/* patients in file active, at least */

/* The four pays of one patient, in cents; patient_level() gives the index. */
enum
{
	PAY_NONE,
	PAY_DROPOUT,
	PAY_PACKAGE,
	PAY_LONG
};
static const int64 pay_cents[4] = {0, ETP_DROPOUT_CENTS, ETP_PACKAGE_CENTS, ETP_LONG_CENTS};

/*
 * Pay for one patient. No session: nothing (the pay starts with the first session). More than 4
 * sessions: 300 €, whether or not the patient stopped later. Dropped out after 1 to 3 sessions:
 * 100 €. Otherwise (1 to 4 sessions, or dropped out once the 4 were done): 250 €.
 */
static int
patient_level(int32 sessions, bool dropped_out)
{
	if (sessions < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of ETP sessions of a patient must not be negative: %d", sessions)));
	if (sessions == 0)
		return PAY_NONE;
	if (sessions > 4)
		return PAY_LONG;
	if (dropped_out && sessions < 4)
		return PAY_DROPOUT;
	return PAY_PACKAGE;
}

/*
 * exco.etp_patient_pay(sessions, dropped_out). The four possible results are built once per call
 * site (fn_extra, under fn_mcxt, which lives as long as the query) and returned as they are: a
 * function result is read-only to its callers, as numeric_larger returns one of its arguments.
 */
typedef struct EtpPayCache
{
	Numeric		pay[4];			/* 0, 100, 250, 300 euros, by patient_level() */
} EtpPayCache;

PG_FUNCTION_INFO_V1(etp_patient_pay);
Datum
etp_patient_pay(PG_FUNCTION_ARGS)
{
	EtpPayCache *cache = (EtpPayCache *) fcinfo->flinfo->fn_extra;
	int			level = patient_level(PG_GETARG_INT32(0), PG_GETARG_BOOL(1));

	if (unlikely(cache == NULL))
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		int			i;

		cache = palloc(sizeof(EtpPayCache));
		for (i = 0; i < 4; i++)
			cache->pay[i] = DatumGetNumeric(exco_cents_numeric(pay_cents[i]));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = cache;
	}
	PG_RETURN_NUMERIC(cache->pay[level]);
}

static char *
programme_reason(FunctionCallInfo fcinfo)
{
	LabelCache *cache = exco_label_cache(fcinfo);
	int			n,
				i,
				professions = 0;
	int		   *prof;
	bool		seen[PROF_COUNT] = {false};

	(void) exco_label_index(cache, &exco_profession_set, PG_GETARG_OID(0));
	prof = exco_label_array(cache, &exco_profession_set, PG_GETARG_ARRAYTYPE_P(1), &n,
							"the member list of an ETP programme");
	for (i = 0; i < n; i++)
	{
		professions += !seen[prof[i]];
		seen[prof[i]] = true;
	}
	if (n == 0)
		return pstrdup("an ETP programme is delivered by at least 2 health professionals of different professions: it has no member");
	if (professions < 2)
		return psprintf("an ETP programme is delivered by at least 2 health professionals of different professions: its %d %s of one profession",
						n, n == 1 ? "member is" : "members are");
	return NULL;
}

/* exco.etp_programme_valid(coordinator, members) */
PG_FUNCTION_INFO_V1(etp_programme_valid);
Datum
etp_programme_valid(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(programme_reason(fcinfo) == NULL);
}

/* exco.etp_programme_problem(coordinator, members): NULL when valid, else the reason. */
PG_FUNCTION_INFO_V1(etp_programme_problem);
Datum
etp_programme_problem(PG_FUNCTION_ARGS)
{
	char	   *reason = programme_reason(fcinfo);

	if (reason == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(reason));
}

/*
 * The aggregate exco.etp_programme_pay(sessions, dropped_out, professionals_trained, built) over
 * the patient rows of one programme and year. trained and built are the programme's (-1: not
 * seen yet) and must be the same on every row.
 */
typedef struct EtpState
{
	int64		patients;
	int64		cents;
	int32		trained;
	int32		built;
} EtpState;

static void
same_programme(EtpState *s, int32 trained, int32 built)
{
	if (s->trained >= 0 && s->trained != trained)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("professionals_trained differs between the patient rows of one ETP programme: %d and %d",
						s->trained, trained),
				 errhint("Pass the programme's figures on every patient row of the group: they are paid once per programme.")));
	if (s->built >= 0 && s->built != built)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("programme_built differs between the patient rows of one ETP programme"),
				 errhint("Pass the programme's figures on every patient row of the group: they are paid once per programme.")));
	s->trained = trained;
	s->built = built;
}

static EtpState *
etp_state(FunctionCallInfo fcinfo, int argno, const char *fn)
{
	MemoryContext aggcxt;
	EtpState   *s;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fn);
	if (!PG_ARGISNULL(argno))
		return (EtpState *) PG_GETARG_POINTER(argno);
	s = MemoryContextAlloc(aggcxt, sizeof(EtpState));
	s->patients = s->cents = 0;
	s->trained = s->built = -1;
	return s;
}

static void
not_null(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s of an ETP patient row must not be NULL", what)));
}

PG_FUNCTION_INFO_V1(etp_programme_accum);
Datum
etp_programme_accum(PG_FUNCTION_ARGS)
{
	EtpState   *s = etp_state(fcinfo, 0, "etp_programme_accum");
	int32		trained;

	not_null(fcinfo, 1, "sessions");
	not_null(fcinfo, 2, "dropped_out");
	not_null(fcinfo, 3, "professionals_trained");
	not_null(fcinfo, 4, "programme_built");
	trained = PG_GETARG_INT32(3);
	if (trained < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of professionals trained must not be negative: %d", trained)));
	same_programme(s, trained, PG_GETARG_BOOL(4) ? 1 : 0);
	s->cents += pay_cents[patient_level(PG_GETARG_INT32(1), PG_GETARG_BOOL(2))];
	s->patients++;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(etp_programme_combine);
Datum
etp_programme_combine(PG_FUNCTION_ARGS)
{
	EtpState   *a;
	EtpState   *b;

	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));	/* NULL or the first state, as it is */
	b = (EtpState *) PG_GETARG_POINTER(1);
	a = etp_state(fcinfo, 0, "etp_programme_combine");
	if (b->trained >= 0)
		same_programme(a, b->trained, b->built);
	a->patients += b->patients;
	a->cents += b->cents;
	PG_RETURN_POINTER(a);
}

/*
 * Serialized state: the struct as it is. It only travels between a parallel worker and its
 * leader, which run the same build on the same machine.
 */
PG_FUNCTION_INFO_V1(etp_programme_serialize);
Datum
etp_programme_serialize(PG_FUNCTION_ARGS)
{
	bytea	   *out;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "etp_programme_serialize called in non-aggregate context");
	out = palloc(VARHDRSZ + sizeof(EtpState));
	SET_VARSIZE(out, VARHDRSZ + sizeof(EtpState));
	memcpy(VARDATA(out), PG_GETARG_POINTER(0), sizeof(EtpState));
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(etp_programme_deserialize);
Datum
etp_programme_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	EtpState   *s;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "etp_programme_deserialize called in non-aggregate context");
	if (VARSIZE_ANY_EXHDR(b) != sizeof(EtpState))
		elog(ERROR, "invalid serialized etp_programme_pay state: %zu bytes", VARSIZE_ANY_EXHDR(b));
	s = palloc(sizeof(EtpState));
	memcpy(s, VARDATA_ANY(b), sizeof(EtpState));
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(etp_programme_final);
Datum
etp_programme_final(PG_FUNCTION_ARGS)
{
	EtpState   *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (EtpState *) PG_GETARG_POINTER(0);
	if (s->patients < ETP_FILE_ACTIVE_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an ETP programme with %lld patients in file active is below the minimum of %d",
						(long long) s->patients, ETP_FILE_ACTIVE_MIN),
				 errhint("Module 2 paid only programmes with at least 50 patients in file active: leave the smaller ones out of the query (HAVING count(*) >= 50 in a subquery) and count them apart.")));
	PG_RETURN_DATUM(exco_cents_numeric(s->cents + (int64) s->trained * ETP_TRAINING_CENTS +
									   (s->built ? ETP_BUILD_CENTS : 0)));
}
