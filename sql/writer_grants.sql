-- The grants a writer needs (doc/security.md, "Grants a writer needs"): a role that writes its own
-- contract table, checked by exco.validate_contract(), with exactly those grants on exco (USAGE on
-- the schema, SELECT on the four territory tables; the scales are readable by PUBLIC) writes a
-- valid row; without USAGE on schema exco the trigger refuses with its own 42501 naming the role,
-- the trigger, the table and the grant (0.2.0: core's "permission denied for schema exco" from an
-- internal query). Everything is dropped at the end (the suites share one database).
SET client_min_messages = warning;
-- A territory of one commune of 45 000 inhabitants (tier 2, doc/rules.md §2) and its CPTS.
INSERT INTO exco.region VALUES ('WG', 'Région droits');
INSERT INTO exco.departement VALUES ('WG1', 'Droits-Un', 'WG');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES ('WG001', 'Grantville', 'WG1', 'WG', 45000);
INSERT INTO exco.cpts (id, name, seat) VALUES (9891, 'CPTS Grantville', 'WG001');
INSERT INTO exco.cpts_commune VALUES (9891, 'WG001');
-- The writer's own table, in its own schema, with the trigger (same-named columns, no arguments).
CREATE SCHEMA writer_grants;
CREATE TABLE writer_grants.contracts (id bigint PRIMARY KEY, cpts bigint, signed_on date,
                                      cpam_departement text, population integer, tier exco.tier,
                                      missions exco.mission[]);
CREATE TRIGGER validate BEFORE INSERT OR UPDATE ON writer_grants.contracts
  FOR EACH ROW EXECUTE FUNCTION exco.validate_contract();
CREATE ROLE exco_test_writer NOLOGIN;
GRANT USAGE ON SCHEMA writer_grants TO exco_test_writer;
GRANT SELECT, INSERT, UPDATE ON writer_grants.contracts TO exco_test_writer;
-- Exactly the grants of doc/security.md.
GRANT USAGE ON SCHEMA exco TO exco_test_writer;
GRANT SELECT ON exco.cpts, exco.cpts_commune, exco.commune, exco.departement TO exco_test_writer;
RESET client_min_messages;
SET datestyle = ISO, YMD;

-- With them: the row is checked and filled (the CPAM of the seat's département, the population
-- 45 000 and tier 2, §2, §5).
SET ROLE exco_test_writer;
INSERT INTO writer_grants.contracts (id, cpts, signed_on, missions)
VALUES (1, 9891, '2020-01-15', '{acces_soins,parcours,prevention}') RETURNING id, cpam_departement, population, tier;
-- And it is checked: a missing socle mission is refused (23514).
INSERT INTO writer_grants.contracts (id, cpts, signed_on, missions) VALUES (2, 9891, '2020-01-15', '{acces_soins}');
\echo :SQLSTATE
RESET ROLE;

-- Without SELECT on exco.commune: core's 42501 names the table the trigger reads.
REVOKE SELECT ON exco.commune FROM exco_test_writer;
SET ROLE exco_test_writer;
INSERT INTO writer_grants.contracts (id, cpts, signed_on, missions)
VALUES (3, 9891, '2020-01-15', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
RESET ROLE;
GRANT SELECT ON exco.commune TO exco_test_writer;

-- Without USAGE on schema exco: the trigger's own 42501, before any query, on INSERT and UPDATE.
REVOKE USAGE ON SCHEMA exco FROM exco_test_writer;
SET ROLE exco_test_writer;
INSERT INTO writer_grants.contracts (id, cpts, signed_on, missions)
VALUES (4, 9891, '2020-01-15', '{acces_soins,parcours,prevention}');
\echo :SQLSTATE
UPDATE writer_grants.contracts SET signed_on = '2020-02-01' WHERE id = 1;
\echo :SQLSTATE
SELECT id, signed_on FROM writer_grants.contracts ORDER BY id;
RESET ROLE;

-- Clean up.
SET client_min_messages = warning;
DROP SCHEMA writer_grants CASCADE;
REVOKE SELECT ON exco.cpts, exco.cpts_commune, exco.commune, exco.departement FROM exco_test_writer;
DROP ROLE exco_test_writer;
DELETE FROM exco.cpts_commune WHERE cpts = 9891;
DELETE FROM exco.cpts WHERE id = 9891;
DELETE FROM exco.commune WHERE code = 'WG001';
DELETE FROM exco.departement WHERE code = 'WG1';
DELETE FROM exco.region WHERE code = 'WG';
