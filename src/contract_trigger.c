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
#include "utils/rel.h"

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
	ContractCheck ck;
	ErrorContextCallback cb;
	HeapTuple	result;

	memset(&ck, 0, sizeof(ck));
	ck.td = td;
	cb.callback = contract_context;
	cb.arg = &ck;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	exco_contract_read(&ck, fcinfo, td, exco_contract_config(fcinfo, td));
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
