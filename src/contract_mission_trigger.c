/*
 * contract_mission_trigger.c — exco.validate_contract_mission(): the BEFORE ROW trigger of
 * exco.contract_mission (doc/rules.md §3, doc/contract.md). A mission row's dates are checked
 * against themselves, and against its contract, which is read FOR SHARE: a concurrent change of
 * the contract's signing date or missions waits for this transaction and then sees this row.
 */
#include "contract_rules.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/rel.h"

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

/* The row being checked, for the checks and for the error context. */
typedef struct MissionRow
{
	TriggerData *td;
	MissionTrigConfig *cfg;
	HeapTuple	tuple;
	ExcoMission m;
	int64		contract;
	bool		snull,
				dnull;
	DateADT		started,
				deployed;
} MissionRow;

static int
mission_column(TupleDesc desc, const char *name, Oid want1, Oid want2, Oid want3)
{
	int			att = SPI_fnumber(desc, name);
	Oid			typ;

	if (att == SPI_ERROR_NOATTRIBUTE || att <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" does not exist", name),
				 errhint("The trigger validate_contract_mission is written for exco.contract_mission (contract, mission, started_on, deployed_on).")));
	typ = TupleDescAttr(desc, att - 1)->atttypid;
	if (typ != want1 && typ != want2 && typ != want3)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" is of type %s, not %s",
						name, format_type_be(typ), format_type_be(want1))));
	return att;
}

static MissionTrigConfig *
mission_config(FunctionCallInfo fcinfo, TriggerData *td)
{
	MissionTrigConfig *cfg = (MissionTrigConfig *) fcinfo->flinfo->fn_extra;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);

	if (td->tg_trigger->tgnargs != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("validate_contract_mission takes no trigger arguments")));
	if (cfg && cfg->relid == RelationGetRelid(td->tg_relation))
		return cfg;
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
	return cfg;
}

static void
mission_context(void *arg)
{
	MissionRow *row = (MissionRow *) arg;

	if (row->cfg == NULL || row->tuple == NULL)
		errcontext("trigger \"%s\" on table \"%s\"", row->td->tg_trigger->tgname,
				   RelationGetRelationName(row->td->tg_relation));
	else
		errcontext("trigger \"%s\" on table \"%s\", row (contract, mission)=(" INT64_FORMAT ", %s)",
				   row->td->tg_trigger->tgname, RelationGetRelationName(row->td->tg_relation),
				   row->contract, exco_mission_labels[row->m]);
}

/* A mission's date is a calendar day: infinity or -infinity never is (23514, naming it). */
static void
refuse_infinite(MissionRow *row, bool isnull, DateADT d, const char *column)
{
	if (!isnull && DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s %s %s is not a finite date",
						exco_mission_labels[row->m], column, exco_date_str(d)),
				 errhint("Give the calendar day the mission %s, or NULL while it has not.",
						 strcmp(column, "started_on") == 0 ? "started" : "was fully deployed"),
				 errtable(row->td->tg_relation)));
}

/* The row's own dates: finite, deployed on or after its start, never without one. */
static void
check_own_dates(MissionRow *row)
{
	refuse_infinite(row, row->snull, row->started, "started_on");
	refuse_infinite(row, row->dnull, row->deployed, "deployed_on");
	if (row->dnull)
		return;
	if (row->snull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s deployed on %s without a start date",
						exco_mission_labels[row->m], exco_date_str(row->deployed)),
				 errhint("A mission is started before it is deployed: give its start date."),
				 errtable(row->td->tg_relation)));
	if (row->deployed < row->started)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s deployed on %s, before it started on %s",
						exco_mission_labels[row->m], exco_date_str(row->deployed),
						exco_date_str(row->started)),
				 errhint("A mission is fully deployed on or after its start date."),
				 errtable(row->td->tg_relation)));
}

static SPIPlanPtr plan_contract_lock = NULL;

/* Against the contract, read FOR SHARE: started on or after its signature, among its missions. */
static void
check_against_contract(MissionRow *row)
{
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(row->contract)};
	HeapTuple	t;
	TupleDesc	d;
	bool		sgnull,
				msnull;
	Datum		sg,
				ms;

	exco_prepare_once(&plan_contract_lock,
					  "SELECT signed_on, missions FROM exco.contract"
					  " WHERE id OPERATOR(pg_catalog.=) $1 FOR SHARE",
					  1, argtypes);
	if (exco_spi_run(plan_contract_lock, args, NULL) == 0)
		return;					/* no contract: the foreign key reports it after this trigger */
	t = SPI_tuptable->vals[0];
	d = SPI_tuptable->tupdesc;
	sg = SPI_getbinval(t, d, 1, &sgnull);
	ms = SPI_getbinval(t, d, 2, &msnull);
	if (!row->snull && !sgnull && row->started < DatumGetDateADT(sg))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s started on %s, before its contract was signed on %s",
						exco_mission_labels[row->m], exco_date_str(row->started),
						exco_date_str(DatumGetDateADT(sg))),
				 errhint("A mission starts on or after the signature of its contract."),
				 errtable(row->td->tg_relation)));
	if (msnull || !(exco_mission_mask(&row->cfg->missions, ms, NULL, NULL, NULL) & (1u << row->m)))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("mission %s is not among the contract's missions %s",
						exco_mission_labels[row->m], msnull ? "(NULL)" : SPI_getvalue(t, d, 2)),
				 errhint("Add the mission to the contract's missions (exco.contract.missions) first."),
				 errtable(row->td->tg_relation)));
}

PG_FUNCTION_INFO_V1(contract_mission_validate);
Datum
contract_mission_validate(PG_FUNCTION_ARGS)
{
	TriggerData *td = exco_trigger_check(fcinfo, "validate_contract_mission");
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	MissionRow	row;
	ErrorContextCallback cb;
	bool		cnull,
				mnull,
				spi = false;
	Datum		contract,
				mission;

	memset(&row, 0, sizeof(row));
	row.td = td;
	cb.callback = mission_context;
	cb.arg = &row;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	row.cfg = mission_config(fcinfo, td);
	row.tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	contract = heap_getattr(row.tuple, row.cfg->att_contract, desc, &cnull);
	mission = heap_getattr(row.tuple, row.cfg->att_mission, desc, &mnull);
	if (cnull || mnull)
	{
		error_context_stack = cb.previous;
		return PointerGetDatum(row.tuple);	/* NOT NULL constraints report it */
	}
	row.m = exco_mission_index(&row.cfg->missions, DatumGetObjectId(mission));
	row.contract = exco_int_value(contract, row.cfg->contract_type);
	row.started = DatumGetDateADT(heap_getattr(row.tuple, row.cfg->att_started, desc, &row.snull));
	row.deployed = DatumGetDateADT(heap_getattr(row.tuple, row.cfg->att_deployed, desc, &row.dnull));

	check_own_dates(&row);
	exco_spi_connect(&spi);
	check_against_contract(&row);
	SPI_finish();
	error_context_stack = cb.previous;
	return PointerGetDatum(row.tuple);
}
