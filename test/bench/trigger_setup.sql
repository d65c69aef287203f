-- The trigger of benchmark 6 (test/bench/60_trigger.sql), kept apart so that it can follow the
-- final calling convention of exco.validate_contract() (doc/contract.md): the user table
-- bench.contract_checked has the columns of exco.contract (id, cpts, signed_on, ends_on, region,
-- cpam_departement, scale, population, tier, missions, status).
CREATE TRIGGER contract_checked_validate
  BEFORE INSERT OR UPDATE ON bench.contract_checked
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
