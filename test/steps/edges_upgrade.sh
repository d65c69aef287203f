#!/usr/bin/env bash
# The update to 0.2.0 adds scale_effective_from_finite (src/upgrade/78_edges.sql), which a scale
# written under 0.1.0 may break ('-infinity' was accepted). The update must not fail nor lose the
# row: the constraint stays NOT VALID with a WARNING, and once the row is fixed it validates.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=exco_edges_upgrade
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
say() { printf 'edges_upgrade: %s\n' "$*"; }
fail() { printf 'edges_upgrade: FAIL: %s\n' "$*" >&2; exit 1; }
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" "$@"; }

cleanup
createdb "$db"
sql -c 'SET client_min_messages = warning' -c "CREATE EXTENSION exco VERSION '0.1.0'"
sql -c "INSERT INTO exco.scale (scale, effective_from, complete) VALUES ('edges-old', '-infinity', false)"
warnings=$(sql -c 'ALTER EXTENSION exco UPDATE' -c 'SELECT exco.update_tables()' 2>&1 >/dev/null)
printf '%s\n' "$warnings" | sed 's/^/edges_upgrade:   /'
printf '%s\n' "$warnings" | grep -q 'constraint scale_effective_from_finite, which is left NOT VALID' \
  || fail "no warning for scale_effective_from_finite"
[ "$(sql -c "SELECT count(*) FROM exco.scale WHERE scale = 'edges-old'")" = 1 ] || fail "the update lost the scale"
[ "$(sql -c "SELECT convalidated FROM pg_catalog.pg_constraint WHERE conname = 'scale_effective_from_finite'")" = f ] \
  || fail "scale_effective_from_finite is not left NOT VALID"
sql -c "INSERT INTO exco.scale (scale, effective_from, complete) VALUES ('edges-new', 'infinity', false)" 2>/dev/null \
  && fail "a NOT VALID constraint let a new infinite date in"
sql -c "UPDATE exco.scale SET effective_from = '2001-01-01' WHERE scale = 'edges-old'" \
    -c "ALTER TABLE exco.scale VALIDATE CONSTRAINT scale_effective_from_finite" >/dev/null
[ "$(sql -c "SELECT convalidated FROM pg_catalog.pg_constraint WHERE conname = 'scale_effective_from_finite'")" = t ] \
  || fail "scale_effective_from_finite did not validate"
say "OK: the update kept the infinite scale with a WARNING; new infinite dates refused; validates once fixed"
