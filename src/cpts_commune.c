/*
 * cpts_commune.c — exco.validate_cpts_commune(): a commune belongs to at most one CPTS
 * (doc/rules.md §2). The UNIQUE (commune) constraint of exco.cpts_commune enforces it; this
 * BEFORE ROW trigger only gives the error a useful message, naming the commune and both CPTS.
 *
 * Race: two transactions adding the same commune to two CPTS at once both pass this trigger
 * (neither sees the other's row); the unique index then makes the second wait and fail with
 * the constraint's own 23505 message. The constraint is the guarantee, the trigger the words.
 */
#include "spi_util.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/rel.h"

static SPIPlanPtr plan_other_cpts = NULL;

PG_FUNCTION_INFO_V1(cpts_commune_validate);
Datum
cpts_commune_validate(PG_FUNCTION_ARGS)
{
	TriggerData *td = exco_trigger_check(fcinfo, "validate_cpts_commune");
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	HeapTuple	tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	int			att_cpts = SPI_fnumber(desc, "cpts");
	int			att_commune = SPI_fnumber(desc, "commune");
	Oid			argtypes[2] = {TEXTOID, INT8OID};
	Datum		args[2];
	bool		cpts_null,
				commune_null;
	int			rc;

	if (td->tg_trigger->tgnargs != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("validate_cpts_commune takes no trigger arguments")));
	if (att_cpts <= 0 || att_commune <= 0 ||
		TupleDescAttr(desc, att_cpts - 1)->atttypid != INT8OID ||
		TupleDescAttr(desc, att_commune - 1)->atttypid != TEXTOID)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("validate_cpts_commune needs columns cpts bigint and commune text"),
				 errhint("The trigger is written for exco.cpts_commune.")));

	args[0] = heap_getattr(tuple, att_commune, desc, &commune_null);
	args[1] = heap_getattr(tuple, att_cpts, desc, &cpts_null);
	if (commune_null || cpts_null)
		return PointerGetDatum(tuple);	/* NOT NULL constraints report it */

	/* UPDATE that keeps the commune: the row already holds it, the constraint stays true. */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		bool		oldnull;
		Datum		old = heap_getattr(td->tg_trigtuple, att_commune, desc, &oldnull);

		if (!oldnull && datumIsEqual(old, args[0], false, -1))
			return PointerGetDatum(tuple);
	}

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	/*
	 * The other CPTS holding this commune. Same CPTS: the primary key reports the duplicate.
	 * A new CPTS or commune that does not exist: the foreign keys report it.
	 */
	exco_prepare_once(&plan_other_cpts,
					  "SELECT c.name, o.name, n.name FROM exco.cpts_commune cc"
					  " JOIN exco.commune c ON c.code OPERATOR(pg_catalog.=) cc.commune"
					  " JOIN exco.cpts o ON o.id OPERATOR(pg_catalog.=) cc.cpts"
					  " JOIN exco.cpts n ON n.id OPERATOR(pg_catalog.=) $2"
					  " WHERE cc.commune OPERATOR(pg_catalog.=) $1"
					  "   AND cc.cpts OPERATOR(pg_catalog.<>) $2",
					  2, argtypes);
	if (exco_spi_run(plan_other_cpts, args, NULL) > 0)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *commune = TextDatumGetCString(args[0]);
		char	   *other = SPI_getvalue(t, d, 2);

		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("commune %s (%s) already belongs to CPTS \"%s\" and cannot also belong to CPTS \"%s\"",
						commune, SPI_getvalue(t, d, 1), other, SPI_getvalue(t, d, 3)),
				 errhint("A commune belongs to at most one CPTS (doc/rules.md §2): remove it from CPTS \"%s\" first.",
						 other),
				 errtableconstraint(td->tg_relation, "cpts_commune_in_one_cpts")));
	}
	SPI_finish();
	return PointerGetDatum(tuple);
}
