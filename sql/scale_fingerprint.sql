-- exco.scale_fingerprint() and exco.scale_fingerprint_check() on one server (the check across
-- postgres_fdw shards is in test/fdw/sql/fdw.sql). What is checked: the fingerprint of the shipped
-- scales is pinned, it is a SHA-256 in hex, it changes with any row or column of exco.scale and
-- exco.scale_amount, and it comes back when the rows do.
\set VERBOSITY terse
-- The shipped scales (src/sql/30_scale.sql) and their fingerprint: aci-cpts-2019 (doc/rules.md
-- §8.1: fonctionnement 4 cells; acces_soins fixed, variable, SNP envelope 12; parcours,
-- prevention, qualite, accompagnement fixed and variable 32: 48) and the partial aci-cpts-2022
-- (§8.2: taille 3 only, 6 lines fixed and variable: 12); 60 cells. A changed shipped row changes this line: update
-- it with the release that changes the row (every server must then load the same rows). 0.3.0
-- changed it: the provenance of the shipped rows (issue 21: the 50/50 splits of tailles 1, 2, 4
-- reconstructed, every confirmed row naming its source keys; doc/rules.md §8.1).
SELECT (SELECT count(*) FROM exco.scale) AS scales, (SELECT count(*) FROM exco.scale_amount) AS amounts,
       exco.scale_fingerprint() AS shipped_fingerprint;
SELECT exco.scale_fingerprint() AS fp0 \gset
SELECT length(:'fp0') AS hex_digits, :'fp0' ~ '^[0-9a-f]{64}$' AS sha256_hex;
-- A new scale row: another fingerprint; removed: the first one again.
INSERT INTO exco.scale (scale, effective_from, complete, source) VALUES ('fp-test', '2040-01-01', false, NULL);
SELECT exco.scale_fingerprint() <> :'fp0' AS new_scale_changes_it;
-- One column of one amount row (its provenance only) changes it too.
INSERT INTO exco.scale_amount (scale, line, tier, share, amount, provenance)
VALUES ('fp-test', 'parcours', '1', 'fixed', 100, 'a');
SELECT exco.scale_fingerprint() AS fp1 \gset
UPDATE exco.scale_amount SET provenance = 'b' WHERE scale = 'fp-test';
SELECT exco.scale_fingerprint() <> :'fp1' AS provenance_changes_it;
UPDATE exco.scale_amount SET provenance = 'a' WHERE scale = 'fp-test';
SELECT exco.scale_fingerprint() = :'fp1' AS same_rows_same_fingerprint;
DELETE FROM exco.scale_amount WHERE scale = 'fp-test';
DELETE FROM exco.scale WHERE scale = 'fp-test';
SELECT exco.scale_fingerprint() = :'fp0' AS back_to_the_first;
-- The same whatever DateStyle (dates are hashed as YYYY-MM-DD).
SET DateStyle = 'SQL, DMY';
SELECT exco.scale_fingerprint() = :'fp0' AS same_under_sql_datestyle;
RESET DateStyle;
-- The check: true for this server's own fingerprint; false and a WARNING naming the node for
-- another one, or for none.
SELECT exco.scale_fingerprint_check('self', exco.scale_fingerprint()) AS same;
SELECT exco.scale_fingerprint_check('other', repeat('0', 64)) AS same;
SELECT exco.scale_fingerprint_check('missing', NULL) AS same;
SELECT exco.scale_fingerprint_check(node, fingerprint) AS same FROM exco.scale_state AS s(fingerprint), LATERAL (SELECT 'view') AS n(node);
-- The markings.
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict
FROM pg_proc p WHERE p.pronamespace = 'exco'::regnamespace AND p.proname LIKE 'scale_fingerprint%' ORDER BY 1;
-- The view shows the same pinned fingerprint and counts.
SELECT scales, amounts, fingerprint FROM exco.scale_state;
