/*
 * contract_rules.h — the rule families of exco.validate_contract(), one file each, called in this
 * order by contract_trigger.c on the row being checked (contract_row.h). Each rule checks the
 * values the row carries and fills the NULL ones it can derive; the first failure is an ERROR.
 * See doc/contract.md for the rules and for what is checked when.
 */
#ifndef EXCO_CONTRACT_RULES_H
#define EXCO_CONTRACT_RULES_H

#include "contract_row.h"

/* contract_rules_dates.c: rule 1 (signing date), rule 2 (ends_on, the exclusive end). */
extern void exco_rule_dates(ContractCheck *ck);

/* contract_rules_territory.c: rule 3 (CPAM and ARS region), the population at signature. */
extern void exco_rule_territory(ContractCheck *ck);

/* contract_rules_size.c: rule 4 (tier against population). */
extern void exco_rule_tier(ContractCheck *ck);

/* contract_rules_missions.c: rule 5 (scale, socle missions), rule 6 (mission rows on UPDATE). */
extern void exco_rule_missions(ContractCheck *ck);
extern void exco_rule_mission_rows(ContractCheck *ck);

/*
 * Which missions an exco.mission[] holds, as a bitmask of ExcoMission, the list read once in
 * place. A list of more than one dimension raises 22023 (exco_mission_list_check, naming column
 * and rel when given). *null_at (when given): the 1-based position of the first NULL element, 0
 * when there is none; a NULL adds no mission.
 */
extern uint32 exco_mission_mask(MissionCache *cache, Datum arr, const char *column, Relation rel,
								int *null_at);

#endif							/* EXCO_CONTRACT_RULES_H */
