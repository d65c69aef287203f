/*
 * spi_util.h — helpers shared by exco's trigger functions (contract_trigger.c,
 * contract_mission_trigger.c, cpts_commune.c) and table readers (scale.c, scheme_data.c): the
 * trigger protocol check, SPI plans kept once per backend, and reading integer columns of any
 * width.
 */
#ifndef EXCO_SPI_UTIL_H
#define EXCO_SPI_UTIL_H

#include "exco.h"

#include "commands/trigger.h"
#include "executor/spi.h"

/* Check that fcinfo is a BEFORE ROW INSERT/UPDATE trigger call; returns its TriggerData. */
extern TriggerData *exco_trigger_check(FunctionCallInfo fcinfo, const char *funcname);

/*
 * Prepare a plan once per backend and keep it (SPI_keepplan). Every query text given here names
 * its relations as exco.x and its operators and functions in pg_catalog
 * (OPERATOR(pg_catalog.=), pg_catalog.count): the plan is parsed under the search_path of
 * whichever caller comes first, which must not change what it means.
 */
extern void exco_prepare_once(SPIPlanPtr *plan, const char *sql, int nargs, Oid *argtypes);

/* Run a kept read-only plan; returns the number of rows. */
extern uint64 exco_spi_run(SPIPlanPtr plan, Datum *values, const char *nulls);

/*
 * The same, seeing the rows committed since the transaction's snapshot (REPEATABLE READ,
 * SERIALIZABLE), as ri_triggers.c does for a check that a concurrent writer could defeat: the
 * rows another transaction committed while this one waited for its row lock are checked too.
 */
extern uint64 exco_spi_run_latest(SPIPlanPtr plan, Datum *values, const char *nulls);

/* SPI_connect once: *connected tells whether it was done already. */
extern void exco_spi_connect(bool *connected);

/* The OID of type exco.<name>. */
extern Oid	exco_type_oid(const char *name);

/* smallint, integer or bigint, and a value of one of them as int64. */
extern bool exco_is_int_type(Oid t);
extern int64 exco_int_value(Datum d, Oid t);

#endif							/* EXCO_SPI_UTIL_H */
