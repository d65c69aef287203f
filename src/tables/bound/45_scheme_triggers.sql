-- The triggers of the schemes' tables (their functions: src/sql/78_scheme_triggers.sql). A
-- constraint trigger cannot be CREATE OR REPLACE'd: it is dropped first.

DROP TRIGGER IF EXISTS check_structure ON exco.structure_member;
CREATE CONSTRAINT TRIGGER check_structure
  AFTER INSERT OR UPDATE OR DELETE ON exco.structure_member
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION exco.check_structure();
COMMENT ON TRIGGER check_structure ON exco.structure_member IS
  'checks the composition of the structure at the end of the transaction: see exco.check_structure()';

DROP TRIGGER IF EXISTS check_structure_kind ON exco.structure;
CREATE CONSTRAINT TRIGGER check_structure_kind
  AFTER UPDATE OF kind ON exco.structure
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION exco.check_structure();
COMMENT ON TRIGGER check_structure_kind ON exco.structure IS
  'checks the composition of a structure whose kind changes, at the end of the transaction: see exco.check_structure()';

CREATE OR REPLACE TRIGGER check_assistant_contract
  BEFORE INSERT OR UPDATE ON exco.assistant_contract
  FOR EACH ROW EXECUTE FUNCTION exco.check_assistant_contract();
COMMENT ON TRIGGER check_assistant_contract ON exco.assistant_contract IS
  'refuses a contract the aid does not apply to: see exco.check_assistant_contract()';

CREATE OR REPLACE TRIGGER check_etp_programme
  BEFORE INSERT OR UPDATE ON exco.etp_programme
  FOR EACH ROW EXECUTE FUNCTION exco.check_etp_programme();
COMMENT ON TRIGGER check_etp_programme ON exco.etp_programme IS
  'refuses an invalid ETP programme: see exco.check_etp_programme()';
