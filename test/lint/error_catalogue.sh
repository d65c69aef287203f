#!/usr/bin/env bash
# Every SQLSTATE that exco raises is in README's "Error catalogue": the codes of every
# errcode(ERRCODE_...) in src/ (C) and every RAISE ... USING ERRCODE = '...' in src/sql and
# src/upgrade (a condition name or a five-character SQLSTATE) must each appear in that section
# as `XXXXX`. The names are mapped to SQLSTATEs with PostgreSQL's own errcodes.txt.
# One of the checks of `make lint` (PG_CONFIG names the pg_config, default the PostgreSQL 15 one).
# Exit 1, naming the missing codes and where they are used, on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf 'error_catalogue: %s\n' "$*"; }
fail() { printf 'error_catalogue: FAIL: %s\n' "$*" >&2; exit 1; }

pg_config=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
codes_txt="$("$pg_config" --sharedir)/errcodes.txt"
[ -r "$codes_txt" ] || fail "cannot read $codes_txt"

# "22023 E ERRCODE_INVALID_PARAMETER_VALUE invalid_parameter_value" -> both names -> SQLSTATE.
sqlstate_of() {
  awk -v n="$1" 'length($1) == 5 && $1 ~ /^[0-9A-Z]+$/ && ($3 == n || $4 == n) { print $1; exit }' "$codes_txt"
}

# The README section, from "## Error catalogue" to the next "## " heading.
catalogue=$(awk '/^## Error catalogue/ {on = 1; next} on && /^## / {exit} on' README.md)
[ -n "$catalogue" ] || fail "README.md has no \"## Error catalogue\" section"

# name<TAB>file:line for every use.
uses=$( { grep -n -o -E 'errcode\(ERRCODE_[A-Z0-9_]+\)' src/*.c src/*.h 2>/dev/null \
            | sed -E 's/^([^:]+:[0-9]+):errcode\((ERRCODE_[A-Z0-9_]+)\)$/\2\t\1/' || true
          grep -n -o -i -E "ERRCODE *= *'[A-Za-z0-9_]+'" src/sql/*.sql src/upgrade/*.sql src/tables/*.sql src/tables/*/*.sql 2>/dev/null \
            | sed -E "s/^([^:]+:[0-9]+):[Ee][Rr][Rr][Cc][Oo][Dd][Ee] *= *'([^']+)'$/\2\t\1/" || true
        } | sort -u)
[ -n "$uses" ] || fail "found no error code in src/: the patterns are out of date"

missing=0
n=0
declare -A seen=()
while IFS=$'\t' read -r name where; do
  if [[ $name =~ ^[0-9A-Z]{5}$ ]]; then code=$name; else code=$(sqlstate_of "$name"); fi
  [ -n "$code" ] || fail "$where: $name is not a PostgreSQL error code"
  if [ -z "${seen[$code]:-}" ]; then seen[$code]=1; n=$((n + 1)); fi
  if ! grep -q -F "\`$code\`" <<<"$catalogue"; then
    printf 'error_catalogue: %s (%s), used at %s, is not in README "Error catalogue"\n' "$code" "$name" "$where" >&2
    missing=1
  fi
done <<<"$uses"
[ "$missing" = 0 ] || fail "some SQLSTATEs raised in src/ are missing from the README catalogue"
say "OK: the $n SQLSTATEs raised in src/ are all in README's Error catalogue"
