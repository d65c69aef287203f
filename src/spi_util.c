/*
 * spi_util.c — the trigger protocol check and the SPI helpers of exco's trigger functions
 * (see spi_util.h). Nothing here knows a rule.
 */
#include "spi_util.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

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

uint64
exco_spi_run(SPIPlanPtr plan, Datum *values, const char *nulls)
{
	int			rc = SPI_execute_plan(plan, values, nulls, false, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

uint64
exco_spi_run_latest(SPIPlanPtr plan, Datum *values, const char *nulls)
{
	int			rc;

	if (!IsolationUsesXactSnapshot())
		return exco_spi_run(plan, values, nulls);
	CommandCounterIncrement();
	rc = SPI_execute_snapshot(plan, values, nulls, GetLatestSnapshot(), InvalidSnapshot,
							  false, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

void
exco_spi_connect(bool *connected)
{
	int			rc;

	if (*connected)
		return;
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	*connected = true;
}

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

bool
exco_is_int_type(Oid t)
{
	return t == INT2OID || t == INT4OID || t == INT8OID;
}

int64
exco_int_value(Datum d, Oid t)
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
