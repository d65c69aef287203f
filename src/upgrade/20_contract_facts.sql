-- Restore never loses a contract (doc/contract.md, "What is checked when"): the facts the CPAM
-- is checked against are stored with the contract, in two new columns (last, as in
-- src/sql/55_contract.sql), and validate_contract checks a row that carries them on what it says.
--
-- Existing contracts get their facts from the territory as it is now when that agrees with the
-- CPAM they were signed with. A contract whose territory changed since (the CPAM no longer
-- follows from today's seat and territory) keeps today's seat département and gets
-- territory_departements = {its CPAM département}: the only territory consistent with the CPAM it
-- was checked against, since the real one at signature was not recorded by 0.1.0. The trigger is
-- disabled for this fill: it is not a user's change, and the rows were accepted when written.
ALTER TABLE exco.contract ADD COLUMN seat_departement text, ADD COLUMN territory_departements text[];
ALTER TABLE exco.contract DISABLE TRIGGER validate_contract;
UPDATE exco.contract k
   SET seat_departement = f.seat,
       territory_departements =
         CASE WHEN CASE WHEN pg_catalog.cardinality(f.deps) OPERATOR(pg_catalog.=) 1 THEN f.deps[1]
                        ELSE f.seat END OPERATOR(pg_catalog.=) k.cpam_departement
              THEN f.deps ELSE ARRAY[k.cpam_departement] END
  FROM (SELECT p.id,
               s.departement AS seat,
               coalesce((SELECT pg_catalog.array_agg(DISTINCT c.departement ORDER BY c.departement)
                           FROM exco.cpts_commune cc JOIN exco.commune c
                             ON c.code OPERATOR(pg_catalog.=) cc.commune
                          WHERE cc.cpts OPERATOR(pg_catalog.=) p.id), '{}') AS deps
          FROM exco.cpts p JOIN exco.commune s ON s.code OPERATOR(pg_catalog.=) p.seat) f
 WHERE f.id OPERATOR(pg_catalog.=) k.cpts;
ALTER TABLE exco.contract ENABLE TRIGGER validate_contract;
ALTER TABLE exco.contract ALTER COLUMN seat_departement SET NOT NULL,
                          ALTER COLUMN territory_departements SET NOT NULL;
COMMENT ON COLUMN exco.contract.seat_departement IS
  'the département of the CPTS''s seat at signature (filled by the trigger when NULL)';
COMMENT ON COLUMN exco.contract.territory_departements IS
  'the départements of the CPTS''s communes at signature, sorted (filled by the trigger when NULL); with seat_departement, what the CPAM is checked against';
COMMENT ON FUNCTION exco.validate_contract() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for a CPTS contract table: signing date present; ends_on = signed_on + 5 years, the first day the contract no longer runs (filled when NULL); CPAM département checked against the seat and territory départements stored with the contract (filled from the territory when NULL); ARS region = region of the CPAM''s département (filled when NULL); tier matches population (population filled from the territory, tier from population, when NULL); socle missions present (crises_sanitaires when the scale pays it; scale filled when NULL). Other tables are read only to fill a NULL value or when an UPDATE changes what a fact depends on, so a restore never fails. Arguments ''role=column'' map the roles id, cpts, signed_on, ends_on, cpam_departement, seat_departement, territory_departements, region, scale, population, tier, missions; none = same-named columns. See doc/contract.md';
