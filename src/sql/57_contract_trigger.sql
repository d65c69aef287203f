-- Contract validation triggers (doc/rules.md §2, §3, §5, §8), doc/contract.md.
--
-- Markings of the trigger functions: VOLATILE (they read tables with a fresh snapshot per
-- lookup, and validate_contract_mission takes a row lock) and PARALLEL UNSAFE: a trigger function
-- is part of the write that fires it, and validate_contract_mission locks the contract row FOR
-- SHARE (a row lock writes the row's header): what writes or locks is UNSAFE (PostgreSQL's
-- "Parallel Safety"). The marking is what the function does, even though only the trigger manager
-- calls it (never a query expression, so never a parallel worker). test/api.sql checks it. Not
-- STRICT: they take no SQL arguments.

CREATE FUNCTION exco.validate_contract() RETURNS trigger
  AS 'MODULE_PATHNAME', 'contract_validate' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION exco.validate_contract() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for a CPTS contract table: signing date present, finite, from 2019-08-25 (ACI-2019 in force) to 9999-12-31 (23514); ends_on = signed_on + 5 years, the first day the contract no longer runs (filled when NULL); CPAM département checked against the seat and territory départements stored with the contract (filled from the territory when NULL); ARS region = region of the CPAM''s département (filled when NULL); tier matches population (population filled from the territory, tier from population, when NULL); socle missions present (crises_sanitaires when the scale pays it; scale filled when NULL), no NULL mission (22004), missions a one-dimensional list (22023, naming the dimensions). An INSERT, and an UPDATE that changes the CPTS, a fact or the population, is checked against the territory as it is now (a given fact that contradicts it: 23514 naming the fact); an UPDATE of other columns keeps the facts stored at signing. A restore never fires it (pg_dump creates the trigger after the data). Arguments ''role=column'' map the roles id, cpts, signed_on, ends_on, cpam_departement, seat_departement, territory_departements, region, scale, population, tier, missions; none = same-named columns; a table with no column for signed_on or missions is refused on its first row (42703, naming the role). See doc/contract.md';

CREATE FUNCTION exco.validate_contract_mission() RETURNS trigger
  AS 'MODULE_PATHNAME', 'contract_mission_validate' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION exco.validate_contract_mission() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for exco.contract_mission: started_on and deployed_on finite dates (23514), started_on not before the contract''s signed_on, deployed_on not before started_on (nor without it), the mission among the contract''s missions; locks the contract row FOR SHARE';

CREATE FUNCTION exco.validate_cpts_commune() RETURNS trigger
  AS 'MODULE_PATHNAME', 'cpts_commune_validate' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION exco.validate_cpts_commune() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for exco.cpts_commune: a commune already in another CPTS is rejected with 23505 naming the commune and both CPTS (the UNIQUE (commune) constraint stays the guarantee under concurrency)';
