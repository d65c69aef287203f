/*
 * contract_row.h — the row plumbing of exco.validate_contract(): the roles a trigger argument can
 * map ("role=column"), the per-trigger column mapping (ContractConfig, parsed once per query in
 * fn_extra), and the state of the row being checked (ContractCheck) that every rule family
 * (contract_rules_*.c) reads and fills.
 */
#ifndef EXCO_CONTRACT_ROW_H
#define EXCO_CONTRACT_ROW_H

#include "spi_util.h"
#include "scale.h"

#include "access/htup.h"
#include "utils/date.h"

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
	R_REGION,
	R_TERRITORY_DEPS,
	R_COUNT
} Role;

extern const char *const exco_role_names[R_COUNT];

/* The column mapping of one trigger, parsed once per query (fn_extra). */
typedef struct ContractConfig
{
	Oid			tgoid;
	int			att[R_COUNT];	/* attribute number, 0 when the role is not mapped */
	Oid			typ[R_COUNT];
	int32		typmod[R_COUNT];
	bool		is_reference;	/* the trigger is on exco.contract itself */
	Oid			tier_type;
	Oid			mission_type;
	MissionCache missions;
	ExcoScaleCache *scales;		/* the scales, read once per statement (scale.c) */
	/* The last CPAM département's region, valid for one command (contract_rules_territory.c). */
	CommandId	region_cid;
	char		region_dep[16];
	char		region_of[16];
	/* The role whose USAGE on schema exco was checked for this statement (contract_trigger.c). */
	Oid			usage_role;
} ContractConfig;

/* The row being checked: its mapped values, the fills, SPI. */
typedef struct ContractCheck
{
	FunctionCallInfo fcinfo;
	TriggerData *td;
	ContractConfig *cfg;
	HeapTuple	tuple;
	TupleDesc	desc;
	bool		is_update;
	MemoryContext callerctx;	/* outlives SPI_finish: filled values live here */
	Datum		val[R_COUNT];
	bool		null[R_COUNT];	/* also true when the role is not mapped */
	Datum	   *values;			/* heap_modify_tuple's arrays */
	bool	   *nulls;
	bool	   *repl;
	bool		any_fill;
	bool		spi;			/* connected to SPI (only when a lookup needs it) */
	bool		has_signed;
	DateADT		signed_on;
} ContractCheck;

/* Parse (or reuse) the trigger's mapping. */
extern ContractConfig *exco_contract_config(FunctionCallInfo fcinfo, TriggerData *td);

/* Read the row the trigger fired for into ck. */
extern void exco_contract_read(ContractCheck *ck, FunctionCallInfo fcinfo, TriggerData *td,
							   ContractConfig *cfg);

/* Did mapped role r change between OLD and NEW (always true on INSERT; false when unmapped)? */
extern bool exco_role_changed(ContractCheck *ck, Role r);

/* The column name a role is mapped to. */
extern const char *exco_role_column(ContractCheck *ck, Role r);

/* Fill role r (NULL in the row) with v; text fills must fit the column's type modifier. */
extern void exco_contract_fill(ContractCheck *ck, Role r, Datum v);
extern void exco_contract_fill_text(ContractCheck *ck, Role r, const char *str);

extern char *exco_contract_text(ContractCheck *ck, Role r);

/* The row's name for the error context: "id=7", "ref=C-01", or NULL without an id role. */
extern char *exco_contract_who(ContractCheck *ck);

#endif							/* EXCO_CONTRACT_ROW_H */
