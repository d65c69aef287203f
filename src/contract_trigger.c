/*
 * contract_trigger.c — exco.validate_contract(): the BEFORE ROW trigger that keeps a CPTS contract
 * consistent with doc/rules.md §2, §3, §5 and the financing scales of §8 (doc/contract.md).
 *
 * It works on exco.contract and on a user's own contract table: its trigger arguments map the
 * roles it knows (signed_on, tier, missions, ...) to the table's columns, "role=column"
 * (contract_row.c). The rules are in contract_rules_*.c, one file per family, run in order; the
 * first that fails raises an ERROR and the statement writes nothing. Which trigger, table and row
 * a message is about goes in its CONTEXT line, written by the callback below.
 */
#include "contract_rules.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

/*
 * The writer's USAGE on schema exco: every rule reads exco's tables (the territory, the scales)
 * as the role that writes, and without USAGE the first internal query failed with core's
 * "permission denied for schema exco", which names neither the trigger nor the grant. Checked
 * before the rules, with the grants a writer needs in the hint (doc/security.md, "Grants a writer
 * needs"); once per statement and role (cfg lives in fn_extra, one statement), as the executor
 * checks a table's privileges once per statement, not per row.
 */
static void
require_schema_usage(TriggerData *td, ContractConfig *cfg)
{
	Oid			role = GetUserId();
	char	   *name;

	if (cfg->usage_role == role)
		return;
	if (exco_namespace_aclcheck(get_namespace_oid("exco", false), role, ACL_USAGE) == ACLCHECK_OK)
	{
		cfg->usage_role = role;
		return;
	}
	name = GetUserNameFromId(role, false);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("role \"%s\" has no USAGE on schema exco, which trigger \"%s\" on table \"%s\" needs to check the row",
					name, td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation)),
			 errdetail("The trigger reads the territory (exco.cpts, exco.cpts_commune, exco.commune, exco.departement) and the scales as the role that writes."),
			 errhint("GRANT USAGE ON SCHEMA exco TO %s; and SELECT on exco.cpts, exco.cpts_commune, exco.commune, exco.departement (doc/security.md, \"Grants a writer needs\").",
					 quote_identifier(name)),
			 errtable(td->tg_relation)));
}

/* The error context of a contract check: the trigger, its table and the row's id. */
static void
contract_context(void *arg)
{
	ContractCheck *ck = (ContractCheck *) arg;
	char	   *who = exco_contract_who(ck);

	if (who)
		errcontext("trigger \"%s\" on table \"%s\", row %s", ck->td->tg_trigger->tgname,
				   RelationGetRelationName(ck->td->tg_relation), who);
	else
		errcontext("trigger \"%s\" on table \"%s\"", ck->td->tg_trigger->tgname,
				   RelationGetRelationName(ck->td->tg_relation));
}

PG_FUNCTION_INFO_V1(contract_validate);
Datum
contract_validate(PG_FUNCTION_ARGS)
{
	TriggerData *td = exco_trigger_check(fcinfo, "validate_contract");
	ContractConfig *cfg;
	ContractCheck ck;
	ErrorContextCallback cb;
	HeapTuple	result;

	memset(&ck, 0, sizeof(ck));
	ck.td = td;
	cb.callback = contract_context;
	cb.arg = &ck;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	cfg = exco_contract_config(fcinfo, td);
	require_schema_usage(td, cfg);
	exco_contract_read(&ck, fcinfo, td, cfg);
	exco_rule_dates(&ck);
	exco_rule_territory(&ck);
	exco_rule_tier(&ck);
	exco_rule_missions(&ck);
	exco_rule_mission_rows(&ck);

	if (ck.spi)
		SPI_finish();
	result = ck.tuple;
	if (ck.any_fill)
		result = heap_modify_tuple(ck.tuple, ck.desc, ck.values, ck.nulls, ck.repl);
	error_context_stack = cb.previous;
	return PointerGetDatum(result);
}
