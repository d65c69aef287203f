#!/usr/bin/env bash
# Every citation of the rules reference points at a section that exists: `doc/rules.md §N` or
# `rules.md §N.M` in README.md, doc/, src/ (comments, COMMENTs, hints) and sql/, test/ names a
# `## §N` / `### §N.M` heading of doc/rules.md, and every link `rules.md#sN-M` names one of its
# anchors. Prints each broken citation with its file and line. Needs no database.
# One of the checks of `make lint` (test/lint/run.sh). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf 'rules_refs: %s\n' "$*"; }
rules=doc/rules.md
[ -s "$rules" ] || { say "FAIL: $rules is missing" >&2; exit 1; }

sections=$(sed -n 's/^#\{2,3\} §\([0-9][0-9.]*\) .*/\1/p' "$rules" | sort -u)
anchors=$(sed -n 's/.*<a id="\(s[0-9][0-9-]*\)"><\/a>.*/\1/p' "$rules" | sort -u)
[ -n "$sections" ] || { say "FAIL: no § heading in $rules" >&2; exit 1; }

bad=0
for n in $sections; do
  grep -qx -- "s${n//./-}" <<< "$anchors" \
    || { say "FAIL: section §$n of $rules has no anchor <a id=\"s${n//./-}\"></a>" >&2; bad=1; }
done

files=$(find README.md doc src sql test -type f \( -name '*.md' -o -name '*.c' -o -name '*.h' -o -name '*.sql' -o -name '*.sh' \) \
          ! -path test/lint/rules_refs.sh | sort)
# shellcheck disable=SC2086
while IFS=: read -r file line ref; do
  [ -n "$ref" ] || continue
  n=${ref##*§}
  if ! grep -qx -- "$n" <<< "$sections"; then
    say "FAIL: $file:$line cites $ref: doc/rules.md has no section §$n" >&2
    bad=1
  fi
done < <(grep -n -o -E 'rules\.md §[0-9]+(\.[0-9]+)?' $files || true)
# shellcheck disable=SC2086
while IFS=: read -r file line ref; do
  [ -n "$ref" ] || continue
  a=${ref##*#}
  if ! grep -qx -- "$a" <<< "$anchors"; then
    say "FAIL: $file:$line links $ref: doc/rules.md has no anchor $a" >&2
    bad=1
  fi
done < <(grep -n -o -E 'rules\.md#s[0-9]+(-[0-9]+)?' $files || true)

[ "$bad" = 0 ] || exit 1
say "OK: every doc/rules.md §N citation and #sN link names an existing section ($(printf '%s\n' "$sections" | wc -l) sections)"
