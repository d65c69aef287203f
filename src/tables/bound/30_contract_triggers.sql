-- The contract validation triggers (their functions: src/sql/57_contract_trigger.sql).

CREATE OR REPLACE TRIGGER validate_contract
  BEFORE INSERT OR UPDATE ON exco.contract
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
COMMENT ON TRIGGER validate_contract ON exco.contract IS
  'checks and completes a contract: see exco.validate_contract()';

CREATE OR REPLACE TRIGGER validate_contract_mission
  BEFORE INSERT OR UPDATE ON exco.contract_mission
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract_mission();
COMMENT ON TRIGGER validate_contract_mission ON exco.contract_mission IS
  'checks a mission''s dates and membership: see exco.validate_contract_mission()';

CREATE OR REPLACE TRIGGER validate_cpts_commune
  BEFORE INSERT OR UPDATE ON exco.cpts_commune
  FOR EACH ROW EXECUTE FUNCTION exco.validate_cpts_commune();
COMMENT ON TRIGGER validate_cpts_commune ON exco.cpts_commune IS
  'names both CPTS when a commune is put in a second one: see exco.validate_cpts_commune()';
