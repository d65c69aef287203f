-- exco.scale_fingerprint() and exco.scale_fingerprint_check() on one server (the check across
-- postgres_fdw shards is in test/fdw/sql/fdw.sql). The hash itself is not written here (it changes
-- with any shipped scale row); what is checked: it is a SHA-256 in hex, it changes with any row or
-- column of exco.scale and exco.scale_amount, and it comes back when the rows do.
\set VERBOSITY terse
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
SELECT count(*) AS rows, fingerprint = :'fp0' AS fingerprint_ok FROM exco.scale_state GROUP BY 2;
