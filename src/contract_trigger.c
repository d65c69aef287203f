/*
 * contract_trigger.c — exco.validate_contract() and exco.validate_contract_mission(): BEFORE ROW
 * triggers that keep a CPTS contract consistent with DOMAIN.md §2, §3 and §5 and with the
 * financing scales of SCALES.md.
 *
 * validate_contract works on exco.contract and on a user's own contract table: its trigger
 * arguments map the roles it knows (signed_on, tier, missions, ...) to the table's columns,
 * "role=column" (see doc/contract.md). Without arguments every role maps to the column of the
 * same name when the table has one. A role that is not mapped skips the checks that need it.
 *
 * Lookups go through SPI with plans prepared once per backend (SPI_keepplan) and parameters,
 * never built strings. A rejection is an ERROR: the statement writes nothing.
 */
#include "exco.h"
#include "scale.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

/* Length of an ACI contract (DOMAIN.md §5). */
#define CONTRACT_MONTHS 60

/*
 * Protocol checks shared by exco's trigger functions: called by the trigger manager, BEFORE,
 * FOR EACH ROW, on INSERT or UPDATE. Wording and SQLSTATE follow core's
 * suppress_redundant_updates_trigger and ri_triggers.c.
 */
TriggerData *
exco_trigger_check(FunctionCallInfo fcinfo, const char *funcname)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager", funcname)));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_BEFORE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE", funcname)));
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired FOR EACH ROW", funcname)));
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event) && !TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired for INSERT or UPDATE", funcname)));
	return td;
}

/* Prepare a plan once per backend and keep it. */
void
exco_prepare_once(SPIPlanPtr *plan, const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	p;

	if (*plan)
		return;
	p = SPI_prepare(sql, nargs, argtypes);
	if (p == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(p))
		elog(ERROR, "SPI_keepplan failed");
	*plan = p;
}

/* Run a kept plan; returns the number of rows. */
uint64
exco_spi_run(SPIPlanPtr plan, Datum *values, const char *nulls)
{
	int			rc = SPI_execute_plan(plan, values, nulls, false, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

/* The OID of type exco.<name>. */
Oid
exco_type_oid(const char *name)
{
	Oid			nsp = get_namespace_oid("exco", false);
	Oid			typ = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									  CStringGetDatum(name), ObjectIdGetDatum(nsp));

	if (!OidIsValid(typ))
		elog(ERROR, "type exco.%s does not exist", name);
	return typ;
}

/* ---------------------------------------------------------------------------------------- */
/* validate_contract                                                                         */

typedef enum Role
{
	R_ID = 0,
	R_CPTS,
	R_SIGNED_ON,
	R_ENDS_ON,
	R_CPAM,
	R_SEAT_DEP,
	R_SCALE,
	R_POPULATION,
	R_TIER,
	R_MISSIONS,
	R_COUNT
} Role;

static const char *const role_names[R_COUNT] = {
	"id", "cpts", "signed_on", "ends_on", "cpam_departement", "seat_departement",
	"scale", "population", "tier", "missions",
};

/* The column mapping of one trigger, parsed once per query (fn_extra). */
typedef struct ContractConfig
{
	Oid			tgoid;
	int			att[R_COUNT];	/* attribute number, 0 when the role is not mapped */
	Oid			typ[R_COUNT];
	bool		is_reference;	/* the trigger is on exco.contract itself */
	Oid			tier_type;
	Oid			mission_type;
	MissionCache missions;
	ExcoScaleCache *scales;		/* the scales, read once per statement (scale.c) */
} ContractConfig;

static bool
is_int_type(Oid t)
{
	return t == INT2OID || t == INT4OID || t == INT8OID;
}

static bool
is_text_type(Oid t)
{
	return t == TEXTOID || t == VARCHAROID;
}

static int64
int_value(Datum d, Oid t)
{
	switch (t)
	{
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		default:
			return DatumGetInt64(d);
	}
}

/* Check that column att of the trigger's table has a type the role accepts. */
static void
check_role_type(ContractConfig *cfg, Role r, const char *colname, Oid typ)
{
	bool		ok = false;
	const char *want = "";

	switch (r)
	{
		case R_ID:
			ok = true;
			want = "";
			break;
		case R_CPTS:
		case R_POPULATION:
			ok = is_int_type(typ);
			want = "smallint, integer or bigint";
			break;
		case R_SIGNED_ON:
		case R_ENDS_ON:
			ok = typ == DATEOID;
			want = "date";
			break;
		case R_CPAM:
		case R_SEAT_DEP:
		case R_SCALE:
			ok = is_text_type(typ);
			want = "text or varchar";
			break;
		case R_TIER:
			ok = typ == cfg->tier_type || typ == INT2OID || typ == INT4OID;
			want = "exco.tier, smallint or integer";
			break;
		case R_MISSIONS:
			ok = typ == get_array_type(cfg->mission_type);
			want = "exco.mission[]";
			break;
		default:
			elog(ERROR, "unknown role %d", (int) r);
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" given for %s is of type %s, not %s",
						colname, role_names[r], format_type_be(typ), want),
				 errhint("Map another column with the trigger argument '%s=column'.",
						 role_names[r])));
}

static void
map_role(ContractConfig *cfg, TupleDesc desc, Role r, const char *colname, bool required)
{
	int			att = SPI_fnumber(desc, colname);

	if (att == SPI_ERROR_NOATTRIBUTE || att <= 0)
	{
		if (!required)
			return;
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" given for %s does not exist", colname, role_names[r]),
				 errhint("validate_contract's arguments are 'role=column' with a column of the table.")));
	}
	check_role_type(cfg, r, colname, TupleDescAttr(desc, att - 1)->atttypid);
	cfg->att[r] = att;
	cfg->typ[r] = TupleDescAttr(desc, att - 1)->atttypid;
}

static ContractConfig *
contract_config(FunctionCallInfo fcinfo, TriggerData *td)
{
	ContractConfig *cfg = (ContractConfig *) fcinfo->flinfo->fn_extra;
	Trigger    *tg = td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Oid			nsp;
	int			i,
				r;

	if (cfg && cfg->tgoid == tg->tgoid)
		return cfg;
	if (cfg == NULL)
		cfg = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ContractConfig));
	else
	{
		ExcoScaleCache *scales = cfg->scales;	/* valid for any trigger: keep it */

		memset(cfg, 0, sizeof(ContractConfig));
		cfg->scales = scales;
	}
	cfg->tier_type = exco_type_oid("tier");
	cfg->mission_type = exco_type_oid("mission");
	nsp = get_namespace_oid("exco", false);
	cfg->is_reference = RelationGetRelid(td->tg_relation) == get_relname_relid("contract", nsp);

	if (tg->tgnargs == 0)
	{
		for (r = 0; r < R_COUNT; r++)
			map_role(cfg, desc, (Role) r, role_names[r], false);
	}
	for (i = 0; i < tg->tgnargs; i++)
	{
		const char *arg = tg->tgargs[i];
		const char *eq = strchr(arg, '=');
		char	   *role = eq ? pnstrdup(arg, eq - arg) : pstrdup(arg);
		const char *col = eq ? eq + 1 : arg;

		for (r = 0; r < R_COUNT; r++)
			if (strcmp(role, role_names[r]) == 0)
				break;
		if (r == R_COUNT)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("validate_contract: unknown role \"%s\" in trigger argument \"%s\"",
							role, arg),
					 errhint("The roles are id, cpts, signed_on, ends_on, cpam_departement, seat_departement, scale, population, tier and missions.")));
		if (cfg->att[r] != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("validate_contract: role \"%s\" is mapped twice", role)));
		if (*col == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("validate_contract: trigger argument \"%s\" names no column", arg),
					 errhint("Leave a role out to skip its checks.")));
		map_role(cfg, desc, (Role) r, col, true);
	}
	cfg->tgoid = tg->tgoid;
	fcinfo->flinfo->fn_extra = cfg;
	return cfg;
}

/* One row's mapped values. */
typedef struct ContractRow
{
	Datum		val[R_COUNT];
	bool		null[R_COUNT];	/* also true when the role is not mapped */
} ContractRow;

static void
read_row(ContractConfig *cfg, HeapTuple tuple, TupleDesc desc, ContractRow *row)
{
	int			r;
	Datum	   *values = palloc(desc->natts * sizeof(Datum));
	bool	   *isnull = palloc(desc->natts * sizeof(bool));

	/* One pass over the tuple: heap_getattr per role would walk it again for each column. */
	heap_deform_tuple(tuple, desc, values, isnull);
	for (r = 0; r < R_COUNT; r++)
	{
		row->null[r] = true;
		row->val[r] = (Datum) 0;
		if (cfg->att[r])
		{
			row->val[r] = values[cfg->att[r] - 1];
			row->null[r] = isnull[cfg->att[r] - 1];
		}
	}
	pfree(values);
	pfree(isnull);
}

/* "contract id=7", or "contract ref=C-01" with the key column, or "contract" without one. */
static char *
contract_who(ContractConfig *cfg, HeapTuple tuple, TupleDesc desc)
{
	StringInfoData s;
	char	   *v;

	initStringInfo(&s);
	appendStringInfoString(&s, "contract");
	if (cfg->att[R_ID])
	{
		v = SPI_getvalue(tuple, desc, cfg->att[R_ID]);
		appendStringInfo(&s, " %s=%s",
						 quote_identifier(NameStr(TupleDescAttr(desc, cfg->att[R_ID] - 1)->attname)),
						 v ? v : "NULL");
	}
	return s.data;
}

/* Did role r change between OLD and NEW (always true on INSERT)? */
static bool
role_changed(ContractConfig *cfg, Role r, TriggerData *td, ContractRow *new)
{
	bool		oldnull;
	Datum		old;
	Form_pg_attribute a;

	if (!TRIGGER_FIRED_BY_UPDATE(td->tg_event) || !cfg->att[r])
		return true;
	old = heap_getattr(td->tg_trigtuple, cfg->att[r], RelationGetDescr(td->tg_relation), &oldnull);
	if (oldnull || new->null[r])
		return oldnull != new->null[r];
	a = TupleDescAttr(RelationGetDescr(td->tg_relation), cfg->att[r] - 1);
	return !datumIsEqual(old, new->val[r], a->attbyval, a->attlen);
}

static char *
text_value(ContractRow *row, Role r)
{
	return TextDatumGetCString(row->val[r]);
}

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
static SPIPlanPtr plan_contract_missions = NULL;

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
					  " (SELECT sum(c.population)::bigint FROM exco.cpts_commune cc"
					  "   JOIN exco.commune c ON c.code = cc.commune WHERE cc.cpts = p.id),"
					  " (SELECT count(DISTINCT c.departement) FROM exco.cpts_commune cc"
					  "   JOIN exco.commune c ON c.code = cc.commune WHERE cc.cpts = p.id),"
					  " (SELECT min(c.departement) FROM exco.cpts_commune cc"
					  "   JOIN exco.commune c ON c.code = cc.commune WHERE cc.cpts = p.id),"
					  " (SELECT string_agg(DISTINCT c.departement, ', ' ORDER BY c.departement)"
					  "   FROM exco.cpts_commune cc JOIN exco.commune c ON c.code = cc.commune"
					  "  WHERE cc.cpts = p.id)"
					  " FROM exco.cpts p JOIN exco.commune s ON s.code = p.seat WHERE p.id = $1",
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

/*
 * The scale of a contract: by name, or the one in force on a date (latest effective_from on or
 * before it). *crises: the scale has amounts for the crises_sanitaires line, which makes that
 * mission socle for its contracts. Returns the scale's name, NULL when there is none.
 */
static const char *
lookup_scale(ContractConfig *cfg, MemoryContext mcxt, const char *name, DateADT on, bool *crises)
{
	ExcoScaleCache *cache = exco_scale_cache_in(&cfg->scales, mcxt);
	const ExcoScale *scale = name ? exco_scale_find_named(cache, name) : exco_scale_find_on(cache, on);
	int			t;

	if (scale == NULL)
		return NULL;
	*crises = false;
	for (t = TIER_MIN; t <= TIER_MAX; t++)
		if (scale->cell[MISSION_CRISES_SANITAIRES][t - 1].known)
			*crises = true;
	return scale->name;
}

/* Which missions an exco.mission[] holds, as a bitmask of ExcoMission. */
static uint32
mission_mask(MissionCache *cache, Oid mission_type, Datum arr)
{
	ArrayType  *a = DatumGetArrayTypeP(arr);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	uint32		mask = 0;

	deconstruct_array(a, mission_type, sizeof(Oid), true, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (!nulls[i])
			mask |= 1u << exco_mission_index(cache, DatumGetObjectId(elems[i]));
	return mask;
}

static void
set_fill(ContractConfig *cfg, Datum *values, bool *nulls, bool *repl, Role r, Datum v,
		 ContractRow *row)
{
	values[cfg->att[r] - 1] = v;
	nulls[cfg->att[r] - 1] = false;
	repl[cfg->att[r] - 1] = true;
	row->val[r] = v;
	row->null[r] = false;
}

/* A text Datum allocated in ctx (the caller's context, which outlives SPI_finish). */
static Datum
upper_text(MemoryContext ctx, const char *str)
{
	MemoryContext old = MemoryContextSwitchTo(ctx);
	Datum		d = CStringGetTextDatum(str);

	MemoryContextSwitchTo(old);
	return d;
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

static Tier
tier_of_datum(Datum d, Oid typ)
{
	if (typ == INT2OID)
		return (Tier) DatumGetInt16(d);
	if (typ == INT4OID)
		return (Tier) DatumGetInt32(d);
	return DatumGetTier(d);
}

/* Within contract_validate: the contract's name for messages, and SPI on demand. */
#define WHO (who ? who : (who = contract_who(cfg, tuple, desc)))
#define SPI_NEED() \
	do { \
		if (!spi) \
		{ \
			if ((rc = SPI_connect()) != SPI_OK_CONNECT) \
				elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc)); \
			spi = true; \
		} \
	} while (0)

PG_FUNCTION_INFO_V1(contract_validate);
Datum
contract_validate(PG_FUNCTION_ARGS)
{
	TriggerData *td = exco_trigger_check(fcinfo, "validate_contract");
	ContractConfig *cfg = contract_config(fcinfo, td);
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	HeapTuple	tuple = is_update ? td->tg_newtuple : td->tg_trigtuple;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	MemoryContext callerctx = CurrentMemoryContext;
	int			natts = desc->natts;
	Datum	   *values = palloc0(natts * sizeof(Datum));
	bool	   *nulls = palloc0(natts * sizeof(bool));
	bool	   *repl = palloc0(natts * sizeof(bool));
	bool		any_fill = false;
	ContractRow row;
	char	   *who = NULL;	/* the contract, named for messages: built on first use */
	bool		spi = false;	/* connected to SPI (only when a lookup needs it) */
	DateADT		signed_on = 0;
	bool		has_signed;
	int			rc;

	read_row(cfg, tuple, desc, &row);

	/* Rule 1: a contract is dated by its signature. */
	if (cfg->att[R_SIGNED_ON] && row.null[R_SIGNED_ON])
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("%s: the signing date (%s) is missing", WHO,
						quote_identifier(NameStr(TupleDescAttr(desc, cfg->att[R_SIGNED_ON] - 1)->attname))),
				 errhint("Every rule of the contract runs from its signature: give the date it was signed."),
				 errtable(td->tg_relation)));
	has_signed = !row.null[R_SIGNED_ON];
	if (has_signed)
	{
		signed_on = DatumGetDateADT(row.val[R_SIGNED_ON]);
		if (DATE_NOT_FINITE(signed_on))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: the signing date must be a real date, not %s", WHO,
							exco_date_str(signed_on)),
					 errtable(td->tg_relation)));
	}

	/* Rule 2: the contract lasts 5 years; a NULL end is filled. */
	if (has_signed && cfg->att[R_ENDS_ON])
	{
		DateADT		ends = exco_add_months(signed_on, CONTRACT_MONTHS);

		if (row.null[R_ENDS_ON])
		{
			set_fill(cfg, values, nulls, repl, R_ENDS_ON, DateADTGetDatum(ends), &row);
			any_fill = true;
		}
		else if (DatumGetDateADT(row.val[R_ENDS_ON]) != ends)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: ends on %s, but a contract signed on %s ends on %s (signature + 5 years)",
							WHO, exco_date_str(DatumGetDateADT(row.val[R_ENDS_ON])),
							exco_date_str(signed_on), exco_date_str(ends)),
					 errhint("An ACI contract lasts 5 years (DOMAIN.md §5); leave the end date NULL to have it computed."),
					 errtable(td->tg_relation)));
	}

	/* Reference mode: the CPTS, its seat and territory from exco.cpts and exco.commune. */
	if (!row.null[R_CPTS])
	{
		int64		cpts = int_value(row.val[R_CPTS], cfg->typ[R_CPTS]);
		bool		need_pop = cfg->att[R_POPULATION] && row.null[R_POPULATION];
		bool		need_cpam = cfg->att[R_CPAM] &&
			(row.null[R_CPAM] || role_changed(cfg, R_CPTS, td, &row) ||
			 role_changed(cfg, R_CPAM, td, &row));
		CptsInfo	info;

		if (need_pop || need_cpam)
			SPI_NEED();
		if ((need_pop || need_cpam) && !lookup_cpts(cpts, &info))
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("%s: CPTS " INT64_FORMAT " does not exist in exco.cpts", WHO, cpts),
					 errtable(td->tg_relation)));

		/* Population at signature: when NULL, the sum of the territory's communes now. */
		if (need_pop)
		{
			Oid			pt = cfg->typ[R_POPULATION];

			if (info.population_null)
				ereport(ERROR,
						(errcode(ERRCODE_NOT_NULL_VIOLATION),
						 errmsg("%s: population is NULL and CPTS \"%s\" has no communes to sum",
								WHO, info.name),
						 errhint("Add the CPTS's communes to exco.cpts_commune, or give the population at signature."),
						 errtable(td->tg_relation)));
			if ((pt == INT4OID && info.population > PG_INT32_MAX) ||
				(pt == INT2OID && info.population > PG_INT16_MAX))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("%s: population " INT64_FORMAT " of CPTS \"%s\" is out of range for type %s",
								WHO, info.population, info.name, format_type_be(pt))));
			set_fill(cfg, values, nulls, repl, R_POPULATION,
					 pt == INT8OID ? Int64GetDatum(info.population) :
					 pt == INT4OID ? Int32GetDatum((int32) info.population) :
					 Int16GetDatum((int16) info.population), &row);
			any_fill = true;
		}

		/*
		 * CPAM (DOMAIN.md §5): the CPAM of the seat's département when the territory spans
		 * several; of the territory's only département when it lies in one. A NULL CPAM is
		 * filled. On UPDATE, checked only when cpts or the CPAM changes: the territory may
		 * have changed since signature.
		 */
		if (need_cpam)
		{
			const char *expected = info.ndeps == 1 ? info.only_dep : info.seat_dep;

			if (row.null[R_CPAM])
			{
				set_fill(cfg, values, nulls, repl, R_CPAM, upper_text(callerctx, expected), &row);
				any_fill = true;
			}
			else
			{
				char	   *cpam = text_value(&row, R_CPAM);

				if (strcmp(cpam, expected) != 0)
				{
					if (info.ndeps == 1)
						ereport(ERROR,
								(errcode(ERRCODE_CHECK_VIOLATION),
								 errmsg("%s: CPAM département %s is not %s, the only département of the territory of CPTS \"%s\"",
										WHO, cpam, expected, info.name),
								 errhint("The CPAM of the territory's département signs the contract (DOMAIN.md §5)."),
								 errtable(td->tg_relation)));
					else
						ereport(ERROR,
								(errcode(ERRCODE_CHECK_VIOLATION),
								 errmsg("%s: CPAM département %s is not %s, the département of the seat of CPTS \"%s\"",
										WHO, cpam, expected, info.name),
								 info.ndeps > 1 ?
								 errdetail("The territory spans départements %s.", info.deps) :
								 errdetail("The territory has no communes yet."),
								 errhint("When the territory spans several départements, the CPAM of the seat's département signs (DOMAIN.md §5)."),
								 errtable(td->tg_relation)));
				}
			}
		}
	}
	else if (cfg->att[R_CPAM] && !row.null[R_SEAT_DEP] &&
			 (row.null[R_CPAM] || role_changed(cfg, R_CPAM, td, &row) ||
			  role_changed(cfg, R_SEAT_DEP, td, &row)))
	{
		/* User mode: the seat's département is a column of the row. */
		char	   *seat = text_value(&row, R_SEAT_DEP);

		if (row.null[R_CPAM])
		{
			set_fill(cfg, values, nulls, repl, R_CPAM, upper_text(callerctx, seat), &row);
			any_fill = true;
		}
		else if (strcmp(text_value(&row, R_CPAM), seat) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: CPAM département %s is not %s, the département of the CPTS's seat",
							WHO, text_value(&row, R_CPAM), seat),
					 errhint("The CPAM of the seat's département signs the contract (DOMAIN.md §5)."),
					 errtable(td->tg_relation)));
	}

	/* Rule: the tier matches the population at signature (DOMAIN.md §2); NULL tier filled. */
	if (cfg->att[R_POPULATION] && !row.null[R_POPULATION])
	{
		int64		pop = int_value(row.val[R_POPULATION], cfg->typ[R_POPULATION]);
		Tier		expected;

		if (pop < 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: population " INT64_FORMAT " is negative", WHO, pop),
					 errhint("A CPTS population is the sum of its communes' populations."),
					 errtable(td->tg_relation)));
		expected = exco_tier_of_population(pop);
		if (cfg->att[R_TIER] && row.null[R_TIER])
		{
			set_fill(cfg, values, nulls, repl, R_TIER, tier_datum(expected, cfg->typ[R_TIER]), &row);
			any_fill = true;
		}
		else if (cfg->att[R_TIER] && tier_of_datum(row.val[R_TIER], cfg->typ[R_TIER]) != expected)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: tier %d does not match population " INT64_FORMAT ", which is tier %d",
							WHO, (int) tier_of_datum(row.val[R_TIER], cfg->typ[R_TIER]), pop,
							(int) expected),
					 errhint("Tiers: 1 below 40 000 inhabitants, 2 below 80 000, 3 up to 175 000, 4 above (DOMAIN.md §2); leave the tier NULL to have it computed."),
					 errtable(td->tg_relation)));
	}

	/*
	 * Scale and socle missions. The scale is the row's, or the one in force at signature. A
	 * scale with amounts for crises_sanitaires makes that mission socle (amendment 2).
	 */
	if (cfg->att[R_MISSIONS] || (cfg->att[R_SCALE] && row.null[R_SCALE] && has_signed))
	{
		bool		crises = false;
		const char *scale = NULL;

		if (!row.null[R_SCALE])
		{
			char	   *given = text_value(&row, R_SCALE);

			scale = lookup_scale(cfg, fcinfo->flinfo->fn_mcxt, given, 0, &crises);
			if (scale == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
						 errmsg("%s: scale \"%s\" does not exist in exco.scale", WHO, given),
						 errtable(td->tg_relation)));
		}
		else if (has_signed)
		{
			scale = lookup_scale(cfg, fcinfo->flinfo->fn_mcxt, NULL, signed_on, &crises);
			if (scale == NULL && cfg->att[R_SCALE])
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("%s: no financing scale is in force on its signing date %s",
								WHO, exco_date_str(signed_on)),
						 errhint("The first CPTS scale, aci-cpts-2019, is in force from 2019-08-25 (SCALES.md); check the signing date or load the scale into exco.scale."),
						 errtable(td->tg_relation)));
			if (scale && cfg->att[R_SCALE])
			{
				set_fill(cfg, values, nulls, repl, R_SCALE, upper_text(callerctx, scale), &row);
				any_fill = true;
			}
		}

		if (cfg->att[R_MISSIONS])
		{
			uint32		have = row.null[R_MISSIONS] ? 0 :
				mission_mask(&cfg->missions, cfg->mission_type, row.val[R_MISSIONS]);
			StringInfoData missing;
			int			m;

			initStringInfo(&missing);
			for (m = 0; m < MISSION_COUNT; m++)
			{
				if (!exco_is_socle((ExcoMission) m) || (have & (1u << m)))
					continue;
				if (m == MISSION_CRISES_SANITAIRES && !crises)
					continue;
				appendStringInfo(&missing, "%s%s", missing.len ? ", " : "", exco_mission_labels[m]);
			}
			if (missing.len)
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("%s: socle mission%s missing from missions: %s",
								WHO, strchr(missing.data, ',') ? "s" : "", missing.data),
						 crises ?
						 errhint("Under scale %s every contract signs up for acces_soins, parcours, prevention and crises_sanitaires.", scale) :
						 scale ?
						 errhint("Under scale %s every contract signs up for acces_soins, parcours and prevention.", scale) :
						 errhint("Every contract signs up for acces_soins, parcours and prevention."),
						 errtable(td->tg_relation)));
		}
	}

	/*
	 * Reference mode, UPDATE: the contract's mission rows must still fit its signing date and
	 * its missions. The row is locked by this UPDATE, and validate_contract_mission locks it
	 * FOR SHARE, so no mission row can slip in concurrently.
	 */
	if (cfg->is_reference && is_update && !row.null[R_ID] && is_int_type(cfg->typ[R_ID]) &&
		(role_changed(cfg, R_SIGNED_ON, td, &row) || role_changed(cfg, R_MISSIONS, td, &row)))
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		args[1] = {Int64GetDatum(int_value(row.val[R_ID], cfg->typ[R_ID]))};
		uint32		have = (!cfg->att[R_MISSIONS] || row.null[R_MISSIONS]) ? ~0u :
			mission_mask(&cfg->missions, cfg->mission_type, row.val[R_MISSIONS]);
		uint64		n,
					i;

		SPI_NEED();
		exco_prepare_once(&plan_contract_missions,
						  "SELECT mission, started_on FROM exco.contract_mission"
						  " WHERE contract = $1 ORDER BY mission",
						  1, argtypes);
		n = exco_spi_run(plan_contract_missions, args, NULL);
		for (i = 0; i < n; i++)
		{
			HeapTuple	t = SPI_tuptable->vals[i];
			bool		isnull;
			ExcoMission m = exco_mission_index(&cfg->missions,
											   DatumGetObjectId(SPI_getbinval(t, SPI_tuptable->tupdesc, 1, &isnull)));
			Datum		started = SPI_getbinval(t, SPI_tuptable->tupdesc, 2, &isnull);

			if (!(have & (1u << m)))
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("%s: mission %s has a row in exco.contract_mission but is no longer in missions",
								WHO, exco_mission_labels[m]),
						 errhint("Delete the mission's row from exco.contract_mission first."),
						 errtable(td->tg_relation)));
			if (has_signed && !isnull && DatumGetDateADT(started) < signed_on)
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("%s: mission %s started on %s, before the new signing date %s",
								WHO, exco_mission_labels[m], exco_date_str(DatumGetDateADT(started)),
								exco_date_str(signed_on)),
						 errhint("A mission starts on or after the signature; fix the mission's dates in exco.contract_mission first."),
						 errtable(td->tg_relation)));
		}
	}

	if (spi)
		SPI_finish();

	if (any_fill)
		tuple = heap_modify_tuple(tuple, desc, values, nulls, repl);
	return PointerGetDatum(tuple);
}

/* ---------------------------------------------------------------------------------------- */
/* validate_contract_mission                                                                 */

typedef struct MissionTrigConfig
{
	Oid			relid;
	int			att_contract,
				att_mission,
				att_started,
				att_deployed;
	Oid			contract_type;
	Oid			mission_type;
	MissionCache missions;
} MissionTrigConfig;

static int
mission_column(TupleDesc desc, const char *name, Oid want1, Oid want2, Oid want3)
{
	int			att = SPI_fnumber(desc, name);
	Oid			typ;

	if (att == SPI_ERROR_NOATTRIBUTE || att <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("validate_contract_mission: column \"%s\" does not exist", name),
				 errhint("The trigger is written for exco.contract_mission (contract, mission, started_on, deployed_on).")));
	typ = TupleDescAttr(desc, att - 1)->atttypid;
	if (typ != want1 && typ != want2 && typ != want3)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("validate_contract_mission: column \"%s\" is of type %s, not %s",
						name, format_type_be(typ), format_type_be(want1))));
	return att;
}

static SPIPlanPtr plan_contract_lock = NULL;

PG_FUNCTION_INFO_V1(contract_mission_validate);
Datum
contract_mission_validate(PG_FUNCTION_ARGS)
{
	TriggerData *td = exco_trigger_check(fcinfo, "validate_contract_mission");
	MissionTrigConfig *cfg = (MissionTrigConfig *) fcinfo->flinfo->fn_extra;
	HeapTuple	tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	bool		cnull,
				mnull,
				snull,
				dnull;
	Datum		contract,
				mission,
				started,
				deployed;
	ExcoMission m;
	int64		contract_id;
	char	   *who;
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1];
	int			rc;

	if (td->tg_trigger->tgnargs != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("validate_contract_mission takes no trigger arguments")));
	if (cfg == NULL || cfg->relid != RelationGetRelid(td->tg_relation))
	{
		if (cfg == NULL)
			cfg = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MissionTrigConfig));
		cfg->mission_type = exco_type_oid("mission");
		cfg->att_contract = mission_column(desc, "contract", INT8OID, INT4OID, INT2OID);
		cfg->contract_type = TupleDescAttr(desc, cfg->att_contract - 1)->atttypid;
		cfg->att_mission = mission_column(desc, "mission", cfg->mission_type, InvalidOid, InvalidOid);
		cfg->att_started = mission_column(desc, "started_on", DATEOID, InvalidOid, InvalidOid);
		cfg->att_deployed = mission_column(desc, "deployed_on", DATEOID, InvalidOid, InvalidOid);
		cfg->relid = RelationGetRelid(td->tg_relation);
		fcinfo->flinfo->fn_extra = cfg;
	}

	contract = heap_getattr(tuple, cfg->att_contract, desc, &cnull);
	mission = heap_getattr(tuple, cfg->att_mission, desc, &mnull);
	started = heap_getattr(tuple, cfg->att_started, desc, &snull);
	deployed = heap_getattr(tuple, cfg->att_deployed, desc, &dnull);
	if (cnull || mnull)
		return PointerGetDatum(tuple);	/* NOT NULL constraints report it */
	m = exco_mission_index(&cfg->missions, DatumGetObjectId(mission));
	contract_id = int_value(contract, cfg->contract_type);
	who = psprintf("mission %s of contract " INT64_FORMAT, exco_mission_labels[m], contract_id);

	if (!dnull && snull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s: deployed on %s without a start date", who,
						exco_date_str(DatumGetDateADT(deployed))),
				 errhint("A mission is started before it is deployed: give its start date."),
				 errtable(td->tg_relation)));
	if (!dnull && DatumGetDateADT(deployed) < DatumGetDateADT(started))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s: deployed on %s, before it started on %s", who,
						exco_date_str(DatumGetDateADT(deployed)),
						exco_date_str(DatumGetDateADT(started))),
				 errhint("A mission is fully deployed on or after its start date."),
				 errtable(td->tg_relation)));

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	/*
	 * FOR SHARE: a concurrent UPDATE of the contract's signed_on or missions waits for this
	 * transaction, and its validate_contract then sees this row.
	 */
	exco_prepare_once(&plan_contract_lock,
					  "SELECT signed_on, missions FROM exco.contract WHERE id = $1 FOR SHARE",
					  1, argtypes);
	args[0] = Int64GetDatum(contract_id);
	if (exco_spi_run(plan_contract_lock, args, NULL) > 0)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		bool		sgnull,
					msnull;
		Datum		sg = SPI_getbinval(t, SPI_tuptable->tupdesc, 1, &sgnull);
		Datum		ms = SPI_getbinval(t, SPI_tuptable->tupdesc, 2, &msnull);

		if (!snull && !sgnull && DatumGetDateADT(started) < DatumGetDateADT(sg))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: started on %s, before the contract was signed on %s", who,
							exco_date_str(DatumGetDateADT(started)),
							exco_date_str(DatumGetDateADT(sg))),
					 errhint("A mission starts on or after the signature of its contract."),
					 errtable(td->tg_relation)));
		if (msnull || !(mission_mask(&cfg->missions, cfg->mission_type, ms) & (1u << m)))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s: %s is not among the contract's missions %s", who,
							exco_mission_labels[m],
							msnull ? "(NULL)" : SPI_getvalue(t, SPI_tuptable->tupdesc, 2)),
					 errhint("Add the mission to the contract's missions (exco.contract.missions) first."),
					 errtable(td->tg_relation)));
	}
	/* No contract: the foreign key reports it after this trigger. */
	SPI_finish();
	return PointerGetDatum(tuple);
}
