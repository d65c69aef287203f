#!/usr/bin/env bash
# The report page (test/report-page.sh, written by `make demo`): built from the committed fixture
# territory with the demo CPTS and contracts, it must pass the structural check
# test/scripts/report-page-check.sql (every département drawn with a legend fill of its class,
# every table figure equal to the report functions, unknowns hatched and written "inconnu",
# the header, nothing loaded from outside). Then the check must FAIL on pages broken on purpose:
# a changed figure, a changed text, an unknown shown as 0, a fill outside the legend, a wrong class, a missing
# département, an unknown total drawn as a plain bar, a duplicate id, an external script.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=exco_report_page
as_of=2026-06-30
work=$(mktemp -d)
cleanup() { rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
say() { printf 'report_page: %s\n' "$*"; }
fail() { printf 'report_page: FAIL: %s\n' "$*" >&2; exit 1; }

say "database $db: the fixture territory, the demo CPTS, contracts and schemes as of $as_of"
bash test/fixture-db.sh "$db" "$as_of" schemes
export PGDATABASE=$db

page=$work/index.html
bash test/report-page.sh "$page" "$as_of" "test/fixtures/territory" >/dev/null
[ -s "$page" ] || fail "no page written"

check() {
  psql -X -q -v ON_ERROR_STOP=1 -v page_file="$1" -v as_of="$as_of" -f test/scripts/report-page-check.sql 2>&1
}
out=$(check "$page") || { printf '%s\n' "$out" >&2; fail "the page built from the fixture does not pass the check"; }
printf '%s\n' "$out" | sed -n '1,3p' | sed 's/^/report_page:   /'
# The fixture must exercise what is checked: every département, unknown figures, hatched totals.
grep -q 'class="unknown">inconnu<' "$page" || fail "the fixture page has no unknown figure: the check of unknowns is not exercised"
[ "$(grep -o '<path class="area"' "$page" | wc -l)" -eq 6 ] || fail "the fixture's 6 metropolitan départements are not all shapes"
[ "$(grep -o '<rect class="area"' "$page" | wc -l)" -eq 1 ] || fail "the fixture's overseas département 989 is not a square"

# Bad input: no page, a clear error. The script without its variables (22023); a report date that
# is not a date (the cast's 22008; a NULL date is exco.report_date_given's 22004, sql/reports.sql).
if out=$(psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -f test/scripts/report-page.sql 2>&1); then
  fail "report-page.sql ran without shapes_file and page_file"
fi
grep -q '22023: report-page.sql: psql variables shapes_file and page_file are not set' <<<"$out" \
  || { printf '%s\n' "$out" >&2; fail "report-page.sql without its variables did not say 22023 and which"; }
if out=$(bash test/report-page.sh "$work/bad.html" 2026-13-45 2>&1); then
  fail "a page was written for the report date 2026-13-45"
fi
grep -q 'date/time field value out of range: "2026-13-45"' <<<"$out" \
  || { printf '%s\n' "$out" >&2; fail "the report date 2026-13-45 was not refused by name"; }
[ ! -e "$work/bad.html" ] && [ ! -e "$work/bad.html.tmp" ] || fail "a page (or its temporary file) was left for a bad report date"
say "refused: no variables (22023), report date 2026-13-45 (22008), no page left"

# Broken on purpose: each sed must change the page, and the check must then fail with the
# problem it names.
broken() {
  local what=$1 expr=$2 expect=$3
  sed "$expr" "$page" > "$work/broken.html"
  ! cmp -s "$page" "$work/broken.html" || fail "mutation '$what' did not change the page"
  if out=$(check "$work/broken.html"); then
    fail "the check passed a page with $what"
  fi
  printf '%s\n' "$out" | grep -q -- "$expect" || { printf '%s\n' "$out" >&2; fail "the check of a page with $what did not say '$expect'"; }
  say "caught: $what"
}
broken "a changed figure" '0,/data-col="population" data-value="\([0-9]*\)">/s//data-col="population" data-value="\19">/' 'has data-value'
broken "a changed shown figure" '0,/\(data-col="population" data-value="[0-9]*">\)[0-9]/s//\19/' 'shows'
broken "an unknown shown as 0" '0,/data-value="" class="unknown">inconnu</s//data-value="" class="unknown">0</' 'shows "0"'
broken "a fill outside the legend" 's/\(class="area" data-code="29" fill="\)[^"]*"/\1#ff00ff"/' 'not one of the legend'
broken "a wrong class" 's/\(class="area" data-code="2A" fill="\)[^"]*"/\1#ffffcc"/' 'area 2A (population'
broken "a missing département" 's/<path class="area" data-code="85"/<path class="gone" data-code="85"/' 'département 85: 0 areas'
broken "an unknown total drawn as a bar" '0,/<rect x="[0-9.]*" y="[0-9]*" width="16" height="10" fill="url(#hatch)"[^>]*><\/rect>/s///' 'chart-money'
broken "a duplicate id" 's/id="tiers-caption"/id="as-of"/' 'id "as-of" is used 2 times'
broken "an external script" 's|</body>|<script src="https://cdn.example.org/x.js"></script></body>|' 'from outside the file'
say "ok"
