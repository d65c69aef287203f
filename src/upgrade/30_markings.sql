-- Markings true to what each function does (issue 20): a function that writes, locks a row or
-- reads a sequence is PARALLEL UNSAFE. Every exco trigger function is part of the write that
-- fires it; scale_sheet_insert also writes the scale tables and locks the scale row FOR UPDATE,
-- validate_contract_mission locks the contract row FOR SHARE. 0.2.0 marked them all PARALLEL SAFE.
-- The fresh install (src/sql/31_scale_sheet_insert.sql, 57_contract_trigger.sql,
-- 78_scheme_triggers.sql) carries the same markings; test/api.sql checks them.
ALTER FUNCTION exco.scale_sheet_insert() PARALLEL UNSAFE;
ALTER FUNCTION exco.validate_contract() PARALLEL UNSAFE;
ALTER FUNCTION exco.validate_contract_mission() PARALLEL UNSAFE;
ALTER FUNCTION exco.validate_cpts_commune() PARALLEL UNSAFE;
ALTER FUNCTION exco.check_structure() PARALLEL UNSAFE;
ALTER FUNCTION exco.check_assistant_contract() PARALLEL UNSAFE;
ALTER FUNCTION exco.check_etp_programme() PARALLEL UNSAFE;
