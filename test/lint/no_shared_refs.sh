#!/usr/bin/env bash
# No shipped file sends a reader outside the repository: README.md, doc/, src/ and extension/ must
# not name `../shared`, `DOMAIN.md` or `SCALES.md`; they cite the project's own `doc/rules.md §N`.
# The released extension/exco--0.1.0.sql is checked too: in 0.2.0 its citations (SQL comments and
# two COMMENT strings) were re-pointed to doc/rules.md, and nothing else in it changed. The built
# exco.so is checked too (its error hints): `make lint` builds it first.
# The installed objects (COMMENTs, function bodies, view definitions, constraints of a database
# where exco was just created) are checked by the pgTAP file test/no_shared_refs.sql.
# One of the checks of `make lint`; needs no server. Every offending line is printed; exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf 'no_shared_refs: %s\n' "$*"; }
pattern='\.\./shared|DOMAIN\.md|SCALES\.md'
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

# 2. The built library: the hints compiled into exco.so.
so=exco.so
if [ ! -s "$so" ]; then
  say "FAIL: $so is not built (make lint builds it: run it through make)" >&2
  bad=1
else
  strs=$(tr '\0' '\n' < "$so" | LC_ALL=C grep -a -E "$pattern" || true)
  if [ -n "$strs" ]; then
    say "FAIL: strings of $so name them:" >&2
    printf '%s\n' "$strs" | sed 's/^/  /' >&2
    bad=1
  else
    say "no string of the built exco.so names them"
  fi
fi

[ "$bad" = 0 ] || exit 1
say "OK"
