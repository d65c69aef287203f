#!/usr/bin/env bash
# Restore never loses a row (doc/contract.md, "What is checked when"): a database the triggers
# accepted, whose territories then changed (a seat moved, communes moved between CPTS, a CPTS
# dissolved after its contract ended, a user's scale completed: test/steps/contract_restore.sql), is dumped both ways
# (pg_dump -Fc | pg_restore, and plain pg_dump | psql) into fresh databases; every exco table must
# come back with the same row count and the same content hash, and the identity sequences with
# the same positions. With 0.1.0's trigger both restores lost every contract and the rows that
# reference them (validate_contract re-derived the CPAM from a territory restored after it).
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

src=exco_restore_src
custom=exco_restore_custom
plain=exco_restore_plain
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  for d in "$src" "$custom" "$plain"; do dropdb --if-exists "$d" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
say() { printf 'contract_restore: %s\n' "$*"; }
fail() { printf 'contract_restore: FAIL: %s\n' "$*" >&2; exit 1; }

# Every table of schema exco: name, row count, md5 of its rows in a fixed order; then the
# identity sequences' positions.
fingerprint() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT c.relname || ' ' || (xpath('//n/text()', x))[1]::text || ' '
       || (xpath('//h/text()', x))[1]::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'exco'
CROSS JOIN LATERAL pg_catalog.query_to_xml(
  pg_catalog.format('SELECT count(*) AS n, md5(coalesce(string_agg(t::text, ''|'' ORDER BY t::text), '''')) AS h FROM exco.%I t',
                    c.relname), false, false, '') AS x
WHERE c.relkind IN ('r', 'p')
ORDER BY c.relname;
SELECT 'sequences', (SELECT last_value FROM exco.cpts_id_seq), (SELECT last_value FROM exco.contract_id_seq),
       (SELECT last_value FROM exco.indicator_id_seq);
SQL
}

compare() {
  local after
  after=$(fingerprint "$1")
  if [ "$before" != "$after" ]; then
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
    say "FAIL: $2: the restored database differs from the source (< source, > restored)"
    status=1
    return
  fi
  say "OK: $2 restores every row of every exco table"
}

for d in "$src" "$custom" "$plain"; do dropdb --if-exists "$d" >/dev/null 2>&1 || true; done
createdb "$src"
psql -X -q -v ON_ERROR_STOP=1 -d "$src" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION exco' -c 'SELECT exco.create_tables()' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$src" -f test/steps/contract_restore.sql >/dev/null
before=$(fingerprint "$src")
[ "$(psql -X -A -t -d "$src" -c "SELECT count(*) FROM exco.contract")" -eq 5 ] || fail "the source does not have its 5 contracts"
say "source: 5 contracts, then a seat moved, a commune moved between CPTS, a CPTS dissolved, a user's scale completed"

pg_dump -Fc -d "$src" -f "$work/dump.custom"
createdb "$custom"
status=0
pg_restore -d "$custom" "$work/dump.custom" 2> "$work/custom.err" || { sed 's/^/contract_restore:   /' "$work/custom.err" >&2; say "FAIL: pg_restore reported errors"; status=1; }
compare "$custom" "pg_dump -Fc | pg_restore"

pg_dump -d "$src" -f "$work/dump.sql"
createdb "$plain"
# Without ON_ERROR_STOP, as a user restores a plain dump: every statement runs, errors are reported.
psql -X -q -d "$plain" -f "$work/dump.sql" > /dev/null 2> "$work/plain.err"
if grep -q 'ERROR' "$work/plain.err"; then
  sed 's/^/contract_restore:   /' "$work/plain.err" >&2; say "FAIL: psql reported errors restoring the plain dump"; status=1
fi
compare "$plain" "pg_dump | psql"
exit "$status"
