#!/usr/bin/env bash
# The house rules of src/ (README "Layout"), checked so that they stay true: no C file over 450
# lines, and the graph of local includes ("x.h") has no cycle, a file's own header aside
# (tsort reports a cycle). One of the checks of `make lint`; runs without a server. Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf 'house: %s\n' "$*"; }
bad=0
while read -r n f; do
  [ "$f" = total ] && continue
  if [ "$n" -gt 450 ]; then say "FAIL: $f has $n lines (at most 450)" >&2; bad=1; fi
done < <(wc -l src/*.c src/*.h)
# Edges "includer included" between concepts (x.c and x.h are one concept, named x).
edges=$(for f in src/*.c src/*.h; do
  from=$(basename "${f%.*}")
  sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$f" | while read -r to; do
    [ "$to" = "$from" ] || printf '%s %s\n' "$from" "$to"
  done
done)
if ! printf '%s\n' "$edges" | tsort >/dev/null 2>"${TMPDIR:-/tmp}/house.$$"; then
  say "FAIL: the includes of src/ form a cycle:" >&2; cat "${TMPDIR:-/tmp}/house.$$" >&2; bad=1
fi
rm -f "${TMPDIR:-/tmp}/house.$$"
[ "$bad" = 0 ] || exit 1
say "OK: $(ls src/*.c | wc -l) C files, none over 450 lines; $(printf '%s\n' "$edges" | wc -l) include edges, no cycle"
