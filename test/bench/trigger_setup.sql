-- The trigger of benchmark 6 (test/bench/60_trigger.sql), kept apart so that it follows the
-- calling convention of exco.validate_contract() (doc/contract.md, "Trigger arguments"): the
-- user table bench.contract_checked has the columns of exco.contract (id, cpts, signed_on,
-- ends_on, region, cpam_departement, scale, population, tier, missions, status).
-- The roles are mapped explicitly ("user mode"): with no arguments the column cpts would be
-- read as an exco.cpts id (reference mode: seat, territory and population looked up in
-- exco.cpts, which is empty here). Mapped: id (messages), signed_on + ends_on (rules 1, 2),
-- population + tier (rule 4), scale + missions (rule 5: one lookup of the scale per row).
-- Not mapped: cpts (no reference lookups) and seat_departement (rule 3 needs it in user mode).
CREATE TRIGGER contract_checked_validate
  BEFORE INSERT OR UPDATE ON bench.contract_checked
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract(
    'id', 'signed_on', 'ends_on', 'scale', 'population', 'tier', 'missions');
