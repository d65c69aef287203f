#!/usr/bin/env bash
# Upgrade from every earlier release: a database created at 0.1.0 (the frozen install script
# extension/exco--0.1.0.sql) with user rows in every exco table, and one created at 0.2.0 with the
# fixture territory and the demo's contracts and schemes, then `ALTER EXTENSION exco UPDATE` (0.1.0
# goes through 0.2.0) and `SELECT exco.update_tables()`, must have the same schema as a fresh
# install of the current version + `SELECT exco.create_tables()`, and keep every row.
#
# The schemas are compared with `pg_dump --schema-only --binary-upgrade`: in that mode pg_dump
# writes every member object of an extension (types, functions, tables, views, comments,
# grants) instead of a bare CREATE EXTENSION; what only carries OIDs and transaction ids is masked.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

old=exco_upgrade_old
new=exco_upgrade_new
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  dropdb --if-exists "$old" >/dev/null 2>&1 || true
  dropdb --if-exists "$new" >/dev/null 2>&1 || true
}
trap cleanup EXIT
say() { printf 'upgrade: %s\n' "$*"; }
fail() { printf 'upgrade: FAIL: %s\n' "$*" >&2; exit 1; }
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$@"; }

to=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' META.json | head -n 1)

# Every row of every exco table (config tables and the scale rows users added), in a fixed order,
# on the columns the old release had ($2, "{table.column,...}"): an update may add columns.
rows() {
  sql "$1" -v cols="$2" <<'SQL'
SELECT c.relname || ' ' || (xpath('//n/text()', x))[1]::text || ' '
       || (xpath('//h/text()', x))[1]::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'exco'
CROSS JOIN LATERAL pg_catalog.query_to_xml(
  pg_catalog.format('SELECT count(*) AS n, md5(coalesce(string_agg(r, ''|'' ORDER BY r), '''')) AS h FROM (SELECT (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(to_jsonb(t)) e WHERE %L || ''.'' || e.key = ANY (%L::text[]))::text AS r FROM exco.%I t) s',
                    c.relname, :'cols', c.relname), false, false, '') AS x
WHERE c.relkind IN ('r', 'p')
  -- Only the tables the old release had: a table the update adds holds its shipped rows only
  -- (the schema comparison below covers it).
  AND c.relname = ANY (SELECT pg_catalog.split_part(col, '.', 1) FROM unnest(:'cols'::text[]) AS col)
ORDER BY c.relname;
SQL
}

schema() {
  pg_dump --schema-only --binary-upgrade -d "$1" \
    | grep -v -E '^(SELECT pg_catalog\.binary_upgrade_set_|-- For binary upgrade, must preserve)' \
    | grep -v -E '^(SELECT pg_catalog\.setval\(|--( Dumped|.*Type: .*Schema: .*Owner:)|\\(un)?restrict )' \
    | sed -E -e '/^$/d' -e "s/(relfrozenxid|relminmxid|oid) = '[0-9]+'/\\1 = 'N'/g" \
             -e "s/^(SELECT pg_catalog\.binary_upgrade_create_empty_extension\('exco', 'exco', false, '[^']*', )'\{[0-9,]*\}'/\\1'{OIDS}'/"
}


# upgrade FROM LOADER: LOADER fills the database $old created at FROM.
upgrade() {
  local from=$1 loader=$2 before after oldcols
  dropdb --if-exists "$old" >/dev/null 2>&1 || true
  dropdb --if-exists "$new" >/dev/null 2>&1 || true
  createdb "$old"
  createdb "$new"

  say "$old: CREATE EXTENSION exco VERSION '$from', user rows in every table"
  sql "$old" -c 'SET client_min_messages = warning' -c "CREATE EXTENSION exco VERSION '$from'"
  "$loader"
  [ "$(sql "$old" -c 'SELECT count(*) FROM exco.measure')" -gt 0 ] || fail "the $from database has no measures"
  oldcols=$(sql "$old" -c "SELECT '{' || string_agg(c.relname || '.' || a.attname, ',') || '}'
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'exco'
    WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped")
  before=$(rows "$old" "$oldcols")

  say "$old: ALTER EXTENSION exco UPDATE (to $to), then SELECT exco.update_tables()"
  sql "$old" -c 'ALTER EXTENSION exco UPDATE'
  [ "$(sql "$old" -c "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'exco'")" = "$to" ] \
    || fail "the updated database is not at $to"
  sql "$old" -c 'SELECT exco.update_tables()' | sed 's/^/upgrade:   /'
  [ "$(sql "$old" -c 'SELECT exco.tables_built()')" = "$to" ] || fail "update_tables() did not record $to"
  after=$(rows "$old" "$oldcols")
  if [ "$before" != "$after" ]; then
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
    fail "user rows changed in the update from $from"
  fi
  say "every row of every exco table is kept ($(printf '%s\n' "$after" | awk '{n += $2} END {print n}') rows)"

  say "$new: CREATE EXTENSION exco (fresh $to), SELECT exco.create_tables()"
  sql "$new" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION exco' -c 'SELECT exco.create_tables()' >/dev/null
  schema "$old" | sed "s/$old/DB/g" > "$work/updated.sql"
  schema "$new" | sed "s/$new/DB/g" > "$work/fresh.sql"
  if ! diff -u "$work/fresh.sql" "$work/updated.sql" > "$work/diff"; then
    head -n 200 "$work/diff" >&2
    fail "the schema updated from $from differs from a fresh install (- fresh, + updated)"
  fi
  say "OK from $from: the updated schema equals a fresh install + create_tables() ($(wc -l < "$work/fresh.sql") lines of pg_dump --binary-upgrade)"
}

load_010() { sql "$old" -f test/steps/upgrade-data-0.1.0.sql >/dev/null; }
load_020() {
  sql "$old" -v territory_dir=test/fixtures/territory -f test/scripts/load-territory.sql >/dev/null
  sql "$old" -v as_of=2026-06-30 -f test/scripts/demo-build.sql >/dev/null
  sql "$old" -v as_of=2026-06-30 -f test/scripts/demo-schemes.sql >/dev/null
  # The demo's marker (the report page's banner) is not exco's: the fresh database has none.
  sql "$old" -c 'DROP SCHEMA exco_demo CASCADE' >/dev/null
}

upgrade 0.1.0 load_010
upgrade 0.2.0 load_020
