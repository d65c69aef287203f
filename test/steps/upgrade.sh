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


