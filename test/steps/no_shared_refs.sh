#!/usr/bin/env bash
# No shipped file and no installed object sends a reader outside the repository: README.md,
# doc/, src/ and extension/ must not name `../shared`, `DOMAIN.md` or `SCALES.md`; they cite the
# project's own `doc/rules.md §N`.
# The released extension/exco--0.1.0.sql is checked too: in 0.2.0 its citations (SQL comments and
# two COMMENT strings) were re-pointed to doc/rules.md, and nothing else in it changed.
# The installed extension is checked too: the COMMENTs (pg_description), function bodies, view
# definitions and constraint expressions of a database where exco was just created, and the
# installed exco.so (its error hints). Every offending line is printed.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf 'no_shared_refs: %s\n' "$*"; }
pattern='\.\./shared|DOMAIN\.md|SCALES\.md'
db=exco_no_shared_refs
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
bad=0

# 1. Shipped files (generated scripts in extension/ included: make install ships them).
files=$(find README.md doc src extension -type f | sort)
# shellcheck disable=SC2086
hits=$(grep -n -I -E "$pattern" $files || true)
if [ -n "$hits" ]; then
  say "FAIL: shipped files name ../shared, DOMAIN.md or SCALES.md (cite doc/rules.md §N instead):" >&2
  printf '%s\n' "$hits" | sed 's/^/  /' >&2
  bad=1
else
  say "no shipped file names ../shared, DOMAIN.md or SCALES.md ($(printf '%s\n' "$files" | wc -l) files)"
fi

# 2. The installed extension, in a database that holds nothing else.
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION exco' -c 'SELECT exco.create_tables()'
rows=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -v pattern="$pattern" <<'SQL'
SELECT 'comment on ' || pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
FROM pg_catalog.pg_description d
WHERE d.description ~ :'pattern'
UNION ALL
SELECT 'body of function ' || p.oid::pg_catalog.regprocedure::text || ': '
       || pg_catalog.substring(p.prosrc, '[^\n]*(?:' || :'pattern' || ')[^\n]*')
FROM pg_catalog.pg_proc p
WHERE p.prosrc ~ :'pattern'
UNION ALL
SELECT 'view ' || v.schemaname || '.' || v.viewname || ': '
       || pg_catalog.substring(v.definition, '[^\n]*(?:' || :'pattern' || ')[^\n]*')
FROM pg_catalog.pg_views v
WHERE v.definition ~ :'pattern'
UNION ALL
SELECT 'constraint ' || c.conname || ' on ' || c.conrelid::pg_catalog.regclass::text || ': '
       || pg_catalog.pg_get_constraintdef(c.oid)
FROM pg_catalog.pg_constraint c
WHERE pg_catalog.pg_get_constraintdef(c.oid) ~ :'pattern'
ORDER BY 1;
SQL
)
if [ -n "$rows" ]; then
  say "FAIL: the installed extension names ../shared, DOMAIN.md or SCALES.md:" >&2
  printf '%s\n' "$rows" | sed 's/^/  /' >&2
  bad=1
else
  say "no COMMENT, function body, view or constraint of the installed extension names them"
fi

# 3. The installed library: the hints compiled into exco.so.
so=$("${PG_CONFIG:-pg_config}" --pkglibdir)/exco.so
strs=$(tr '\0' '\n' < "$so" | LC_ALL=C grep -a -E "$pattern" || true)
if [ -n "$strs" ]; then
  say "FAIL: strings of $so name them:" >&2
  printf '%s\n' "$strs" | sed 's/^/  /' >&2
  bad=1
else
  say "no string of the installed exco.so names them"
fi

[ "$bad" = 0 ] || exit 1
say "OK"
