/*
 * contract_row.c — the row plumbing of exco.validate_contract() (see contract_row.h): the trigger
 * arguments "role=column" parsed once per query, the row's mapped values, what changed on UPDATE,
 * and the fills written back with heap_modify_tuple. No rule lives here.
 */
#include "contract_row.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

const char *const exco_role_names[R_COUNT] = {
	"id", "cpts", "signed_on", "ends_on", "cpam_departement", "seat_departement",
	"scale", "population", "tier", "missions", "region", "territory_departements",
};

static bool
is_text_type(Oid t)
{
	return t == TEXTOID || t == VARCHAROID;
}

/* Does a column of type typ suit role r? *want: the types the role takes, for the message. */
static bool
role_accepts(ContractConfig *cfg, Role r, Oid typ, const char **want)
{
	switch (r)
	{
		case R_ID:
			*want = "";
			return true;
		case R_CPTS:
		case R_POPULATION:
			*want = "smallint, integer or bigint";
			return exco_is_int_type(typ);
		case R_SIGNED_ON:
		case R_ENDS_ON:
			*want = "date";
			return typ == DATEOID;
		case R_CPAM:
		case R_SEAT_DEP:
		case R_SCALE:
		case R_REGION:
			*want = "text or varchar";
			return is_text_type(typ);
		case R_TIER:
			*want = "exco.tier, smallint or integer";
			return typ == cfg->tier_type || typ == INT2OID || typ == INT4OID;
		case R_MISSIONS:
			*want = "exco.mission[]";
			return typ == get_array_type(cfg->mission_type);
		case R_TERRITORY_DEPS:
			*want = "text[]";
			return typ == TEXTARRAYOID;
		default:
			elog(ERROR, "unknown role %d", (int) r);
	}
	return false;
}

static void
map_role(ContractConfig *cfg, TupleDesc desc, Role r, const char *colname, bool required)
{
	int			att = SPI_fnumber(desc, colname);
	Form_pg_attribute a;
	const char *want;

	if (att == SPI_ERROR_NOATTRIBUTE || att <= 0)
	{
		if (!required)
			return;
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" given for %s does not exist", colname, exco_role_names[r]),
				 errhint("The arguments of validate_contract are 'role=column' with a column of the table.")));
	}
	a = TupleDescAttr(desc, att - 1);
	if (!role_accepts(cfg, r, a->atttypid, &want))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" given for %s is of type %s, not %s",
						colname, exco_role_names[r], format_type_be(a->atttypid), want),
				 errhint("Map another column with the trigger argument '%s=column'.",
						 exco_role_names[r])));
	cfg->att[r] = att;
	cfg->typ[r] = a->atttypid;
	cfg->typmod[r] = a->atttypmod;
}

/* One trigger argument, "role=column" or "role". */
static void
map_argument(ContractConfig *cfg, TupleDesc desc, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char	   *role = eq ? pnstrdup(arg, eq - arg) : pstrdup(arg);
	const char *col = eq ? eq + 1 : arg;
	int			r;

	for (r = 0; r < R_COUNT; r++)
		if (strcmp(role, exco_role_names[r]) == 0)
			break;
	if (r == R_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown role \"%s\" in trigger argument \"%s\"", role, arg),
				 errhint("The roles are id, cpts, signed_on, ends_on, cpam_departement, seat_departement, territory_departements, region, scale, population, tier and missions.")));
	if (cfg->att[r] != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("role \"%s\" is mapped twice in the trigger arguments", role)));
	if (*col == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger argument \"%s\" names no column", arg),
				 errhint("Leave a role out to skip its checks.")));
	map_role(cfg, desc, (Role) r, col, true);
}

/*
 * The roles every rule starts from: without a signing date no rule of §5 can be checked, without
 * missions none of §3. A trigger that finds no column for one of them would accept any row without
 * checking it, so it refuses its first row instead, naming the table, the role and the argument
 * that maps it (42703, as for a column an argument names and the table lacks).
 */
static void
require_role(ContractConfig *cfg, TriggerData *td, Role r, const char *example)
{
	const char *role = exco_role_names[r];

	if (cfg->att[r] != 0)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("table \"%s\" has no column for the role %s of exco.validate_contract()",
					RelationGetRelationName(td->tg_relation), role),
			 td->tg_trigger->tgnargs == 0 ?
			 errdetail("Without arguments the trigger maps each role to the column of the same name, and the table has no column \"%s\".", role) :
			 errdetail("No argument of the trigger maps the role %s.", role),
			 errhint("Map it with the trigger argument '%s=column', e.g. '%s'.", role, example),
			 errtable(td->tg_relation)));
}

ContractConfig *
exco_contract_config(FunctionCallInfo fcinfo, TriggerData *td)
{
	ContractConfig *cfg = (ContractConfig *) fcinfo->flinfo->fn_extra;
	Trigger    *tg = td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
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
	cfg->is_reference = RelationGetRelid(td->tg_relation) ==
		get_relname_relid("contract", get_namespace_oid("exco", false));

	if (tg->tgnargs == 0)
		for (r = 0; r < R_COUNT; r++)
			map_role(cfg, desc, (Role) r, exco_role_names[r], false);
	for (i = 0; i < tg->tgnargs; i++)
		map_argument(cfg, desc, tg->tgargs[i]);
	require_role(cfg, td, R_SIGNED_ON, "signed_on=date_signature");
	require_role(cfg, td, R_MISSIONS, "missions=missions_signees");
	cfg->tgoid = tg->tgoid;
	fcinfo->flinfo->fn_extra = cfg;
	return cfg;
}

void
exco_contract_read(ContractCheck *ck, FunctionCallInfo fcinfo, TriggerData *td,
				   ContractConfig *cfg)
{
	int			natts,
				r;
	Datum	   *values;
	bool	   *isnull;

	memset(ck, 0, sizeof(ContractCheck));
	ck->fcinfo = fcinfo;
	ck->td = td;
	ck->cfg = cfg;
	ck->is_update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	ck->tuple = ck->is_update ? td->tg_newtuple : td->tg_trigtuple;
	ck->desc = RelationGetDescr(td->tg_relation);
	ck->callerctx = CurrentMemoryContext;
	natts = ck->desc->natts;
	ck->values = palloc0(natts * sizeof(Datum));
	ck->nulls = palloc0(natts * sizeof(bool));
	ck->repl = palloc0(natts * sizeof(bool));

	/* One pass over the tuple: heap_getattr per role would walk it again for each column. */
	values = palloc(natts * sizeof(Datum));
	isnull = palloc(natts * sizeof(bool));
	heap_deform_tuple(ck->tuple, ck->desc, values, isnull);
	for (r = 0; r < R_COUNT; r++)
	{
		ck->null[r] = true;
		ck->val[r] = (Datum) 0;
		if (cfg->att[r])
		{
			ck->val[r] = values[cfg->att[r] - 1];
			ck->null[r] = isnull[cfg->att[r] - 1];
		}
	}
	pfree(values);
	pfree(isnull);
}

bool
exco_role_changed(ContractCheck *ck, Role r)
{
	bool		oldnull;
	Datum		old;
	Form_pg_attribute a;
	int			att = ck->cfg->att[r];

	if (!att)
		return false;
	if (!ck->is_update)
		return true;
	old = heap_getattr(ck->td->tg_trigtuple, att, ck->desc, &oldnull);
	if (oldnull || ck->null[r])
		return oldnull != ck->null[r];
	a = TupleDescAttr(ck->desc, att - 1);
	return !datumIsEqual(old, ck->val[r], a->attbyval, a->attlen);
}

const char *
exco_role_column(ContractCheck *ck, Role r)
{
	return NameStr(TupleDescAttr(ck->desc, ck->cfg->att[r] - 1)->attname);
}

void
exco_contract_fill(ContractCheck *ck, Role r, Datum v)
{
	int			att = ck->cfg->att[r];

	ck->values[att - 1] = v;
	ck->nulls[att - 1] = false;
	ck->repl[att - 1] = true;
	ck->val[r] = v;
	ck->null[r] = false;
	ck->any_fill = true;
}

/* Error context of a text fill: which column the value was for. */
static void
fill_context(void *arg)
{
	ContractCheck *ck = (ContractCheck *) ((void **) arg)[0];
	Role		r = (Role) (intptr_t) ((void **) arg)[1];

	errcontext("filling column \"%s\" (%s)", exco_role_column(ck, r), exco_role_names[r]);
}

/*
 * Fill a text or varchar role, coerced to the column's type modifier exactly as an INSERT of the
 * value would be (varchar's length coercion: 22001 when it does not fit), in the caller's memory
 * context (which outlives SPI_finish).
 */
void
exco_contract_fill_text(ContractCheck *ck, Role r, const char *str)
{
	MemoryContext old = MemoryContextSwitchTo(ck->callerctx);
	Datum		d = CStringGetTextDatum(str);
	int32		typmod = ck->cfg->typmod[r];

	if (ck->cfg->typ[r] == VARCHAROID && typmod >= 0)
	{
		ErrorContextCallback cb;
		void	   *arg[2] = {ck, (void *) (intptr_t) r};

		cb.callback = fill_context;
		cb.arg = arg;
		cb.previous = error_context_stack;
		error_context_stack = &cb;
		d = DirectFunctionCall3(varchar, d, Int32GetDatum(typmod), BoolGetDatum(false));
		error_context_stack = cb.previous;
	}
	MemoryContextSwitchTo(old);
	exco_contract_fill(ck, r, d);
}

char *
exco_contract_text(ContractCheck *ck, Role r)
{
	return TextDatumGetCString(ck->val[r]);
}

char *
exco_contract_who(ContractCheck *ck)
{
	int			att = ck->cfg ? ck->cfg->att[R_ID] : 0;
	char	   *v;

	if (!att || ck->tuple == NULL)
		return NULL;
	v = SPI_getvalue(ck->tuple, ck->desc, att);
	return psprintf("%s=%s", quote_identifier(NameStr(TupleDescAttr(ck->desc, att - 1)->attname)),
					v ? v : "NULL");
}
