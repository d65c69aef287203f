-- The user's data leaves the extension (doc/tables.md). 0.2.0 kept it in member tables, which
-- pg_dump restores badly: their constraints and triggers exist before their data (parallel
-- pg_restore loaded them in any order and lost rows), their row-level security policies were not
-- dumped, and DROP EXTENSION deleted them. ALTER EXTENSION ... DROP detaches each object from
-- the extension without touching it: every row stays, and the tables become ordinary tables of
-- schema exco (with them their indexes, constraints and triggers; their identity sequences are
-- detached too). pg_dump treats them as the user's from now on.
--
-- The report functions and views, bound to these tables, are detached as well;
-- SELECT exco.update_tables() then replaces them with this release's (and records the version
-- in exco.tables_version). The law's tables (exco.scale, exco.scale_amount, exco.forfait_structure,
-- exco.assistant_aid_amount, exco.startup_aid_item) stay in the extension.
ALTER EXTENSION exco DROP TABLE exco.region;
ALTER EXTENSION exco DROP TABLE exco.departement;
ALTER EXTENSION exco DROP TABLE exco.epci;
ALTER EXTENSION exco DROP TABLE exco.commune;
ALTER EXTENSION exco DROP TABLE exco.cpts;
ALTER EXTENSION exco DROP SEQUENCE exco.cpts_id_seq;
ALTER EXTENSION exco DROP TABLE exco.cpts_commune;
ALTER EXTENSION exco DROP TABLE exco.contract;
ALTER EXTENSION exco DROP SEQUENCE exco.contract_id_seq;
ALTER EXTENSION exco DROP TABLE exco.contract_mission;
ALTER EXTENSION exco DROP TABLE exco.indicator;
ALTER EXTENSION exco DROP SEQUENCE exco.indicator_id_seq;
ALTER EXTENSION exco DROP TABLE exco.measure;
ALTER EXTENSION exco DROP TABLE exco.structure;
ALTER EXTENSION exco DROP SEQUENCE exco.structure_id_seq;
ALTER EXTENSION exco DROP TABLE exco.structure_member;
ALTER EXTENSION exco DROP TABLE exco.assistant_contract;
ALTER EXTENSION exco DROP SEQUENCE exco.assistant_contract_id_seq;
ALTER EXTENSION exco DROP TABLE exco.etp_programme;
ALTER EXTENSION exco DROP SEQUENCE exco.etp_programme_id_seq;
ALTER EXTENSION exco DROP TABLE exco.etp_patient;

ALTER EXTENSION exco DROP VIEW exco.indicator_result;
ALTER EXTENSION exco DROP VIEW exco.mission_variable;
ALTER EXTENSION exco DROP VIEW exco.mission_status;
ALTER EXTENSION exco DROP VIEW exco.contract_overview;
ALTER EXTENSION exco DROP VIEW exco.payments;
ALTER EXTENSION exco DROP VIEW exco.regional_summary;
ALTER EXTENSION exco DROP VIEW exco.territory_money;
ALTER EXTENSION exco DROP FUNCTION exco.indicator_result_at(date);
ALTER EXTENSION exco DROP FUNCTION exco.mission_variable_at(date);
ALTER EXTENSION exco DROP FUNCTION exco.mission_status_at(date);
ALTER EXTENSION exco DROP FUNCTION exco.contract_overview_at(date);
ALTER EXTENSION exco DROP FUNCTION exco.payments_at(date);
ALTER EXTENSION exco DROP FUNCTION exco.regional_summary_at(date, text);
ALTER EXTENSION exco DROP FUNCTION exco.territory_money_at(date);
