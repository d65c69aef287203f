-- fdw: exco.scale_fingerprint(), the view exco.scale_state and exco.scale_fingerprint_check() (new
-- in 0.2.0), as in src/sql/46_scale_fingerprint.sql.

-- A SHA-256 of every row of exco.scale and exco.scale_amount, all columns, in a fixed order (text
-- keys in the "C" collation, so every server orders alike whatever its locale) and a fixed text
-- form (dates as YYYY-MM-DD whatever DateStyle, text quoted, NULL as NULL): equal rows give equal
-- fingerprints on every server.
-- STABLE: it reads the two tables (it changes when they do, never within a statement), so it is
-- not IMMUTABLE, and postgres_fdw never ships it: on a coordinator it hashes the coordinator's
-- rows; a shard's is read through exco.scale_state. PARALLEL SAFE: it only reads. No argument.
CREATE FUNCTION exco.scale_fingerprint() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
  SELECT encode(sha256(convert_to(
    'exco scale fingerprint 1' || E'\n' ||
    coalesce((SELECT string_agg(format('scale %s %s %s %s', quote_literal(s.scale),
                                       to_char(s.effective_from, 'YYYY-MM-DD'), s.complete,
                                       quote_nullable(s.source)), E'\n' ORDER BY s.scale COLLATE "C")
              FROM exco.scale s), '') || E'\n' ||
    coalesce((SELECT string_agg(format('amount %s %s %s %s %s %s', quote_literal(a.scale), a.line, a.tier,
                                       a.share, a.amount, quote_nullable(a.provenance)), E'\n'
                                ORDER BY a.scale COLLATE "C", a.line, a.tier, a.share)
              FROM exco.scale_amount a), ''),
    'UTF8')), 'hex')
$$;
COMMENT ON FUNCTION exco.scale_fingerprint() IS
  'SHA-256 (hex) of every row of exco.scale and exco.scale_amount in a fixed order and text form: equal on two servers exactly when they hold the same scales';

CREATE VIEW exco.scale_state AS
SELECT exco.scale_fingerprint() AS fingerprint,
       (SELECT count(*) FROM exco.scale) AS scales,
       (SELECT count(*) FROM exco.scale_amount) AS amounts;
COMMENT ON VIEW exco.scale_state IS
  'one row: this server''s scale fingerprint and row counts; a coordinator reads a shard''s through a postgres_fdw foreign table on it and compares with exco.scale_fingerprint_check(node, fingerprint)';
COMMENT ON COLUMN exco.scale_state.fingerprint IS 'exco.scale_fingerprint() of this server';
COMMENT ON COLUMN exco.scale_state.scales IS 'rows of exco.scale';
COMMENT ON COLUMN exco.scale_state.amounts IS 'rows of exco.scale_amount';

-- Compares a shard's fingerprint (read from its exco.scale_state, e.g. through a postgres_fdw
-- foreign table) with this server's: true when equal; false and a WARNING naming the node when it
-- differs or is NULL (a shard without the view's row). Not STRICT: a NULL fingerprint is a
-- difference to report. VOLATILE: the WARNING is a side effect, once per call. PARALLEL SAFE: it
-- only reads this server's scale tables (the foreign scans are the caller's query's, and
-- postgres_fdw keeps those out of parallel workers).
CREATE FUNCTION exco.scale_fingerprint_check(node text, fingerprint text) RETURNS boolean
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
DECLARE
  here text := exco.scale_fingerprint();
BEGIN
  IF fingerprint IS NOT DISTINCT FROM here THEN
    RETURN true;
  END IF;
  RAISE WARNING 'scale fingerprint of node % differs from this server''s', coalesce(node, 'NULL')
    USING DETAIL = format('This server: %s; node %s: %s.', here, coalesce(node, 'NULL'), coalesce(fingerprint, 'NULL')),
          HINT = 'Load the same amendments on every server (README, "Across several servers"), then check again.';
  RETURN false;
END
$$;
COMMENT ON FUNCTION exco.scale_fingerprint_check(text, text) IS
  'true when a node''s scale fingerprint (its exco.scale_state.fingerprint) equals this server''s; else false and a WARNING naming the node';
