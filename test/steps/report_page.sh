#!/usr/bin/env bash
# The report page (make report: report/report.sh, report/page.sql; written by `make demo`): built
# from the committed fixture territory with the demo CPTS and contracts, it must pass the
# structural check test/scripts/report-page-check.sql (every département drawn with a legend fill
# of its class, every figure of the tables, charts and headline equal to the report functions, the
# quarters, the five charts, the demo banner first, French text, nothing loaded from outside); so
# must the page of one region (REGION=), and the page of the same database without the demo's
# marker table, which must have no banner. Then the check must FAIL on pages broken on purpose.
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
AS_OF=$as_of TERRITORY_LABEL=test/fixtures/territory bash report/report.sh "$page" >/dev/null
[ -s "$page" ] || fail "no page written"

check() {
  psql -X -q -v ON_ERROR_STOP=1 -v page_file="$1" -v as_of="$as_of" -v region="${2:-}" -f test/scripts/report-page-check.sql 2>&1
}
out=$(check "$page") || { printf '%s\n' "$out" >&2; fail "the page built from the fixture does not pass the check"; }
printf '%s\n' "$out" | sed -n '1,3p' | sed 's/^/report_page:   /'
# The fixture must exercise what is checked: every département, unknown figures, hatched totals,
# the banner, the quarters, overdue and late missions.
grep -q 'class="unknown">inconnu<' "$page" || fail "the fixture page has no unknown figure: the check of unknowns is not exercised"
[ "$(grep -o '<use href="#dep-[^"]*" class="area"' "$page" | wc -l)" -eq 6 ] || fail "the fixture's 6 metropolitan départements are not all shapes"
[ "$(grep -o '<rect class="area"' "$page" | wc -l)" -eq 1 ] || fail "the fixture's overseas département 989 is not a tile"
grep -q 'id="demo-banner"' "$page" || fail "the fixture (a demo database) has no demo banner"
[ "$(grep -o '<th data-date=' "$page" | wc -l)" -ge 4 ] || fail "the fixture page has fewer than 4 quarters"
grep -q 'data-overdue="[1-9]' "$page" && grep -q 'data-late="[1-9]' "$page" || fail "the fixture page has no region with overdue and late missions"
grep -q 'fill="url(#hatch)"' "$page" || fail "the fixture page draws no unknown part hatched"

# The page of one region (REGION=), and of a database that is not the demo's: no banner.
region=$(psql -X -At -c "SELECT region FROM exco.contract GROUP BY region ORDER BY count(*) DESC, region LIMIT 1")
AS_OF=$as_of REGION=$region bash report/report.sh "$work/region.html" >/dev/null
out=$(check "$work/region.html" "$region") || { printf '%s\n' "$out" >&2; fail "the page of region $region does not pass the check"; }
say "the page of region $region passes the check"
psql -X -q -c 'ALTER TABLE exco_demo.marker RENAME TO marker_away'
AS_OF=$as_of bash report/report.sh "$work/real.html" >/dev/null
out=$(check "$work/real.html") || { printf '%s\n' "$out" >&2; fail "the page of a database without the demo marker does not pass the check"; }
! grep -q 'id="demo-banner"' "$work/real.html" || fail "the page of a database without the demo marker has a demo banner"
# The check catches the banner on a non-demo page, and its absence on the demo's.
sed 's|<body>|<body><div id="demo-banner">x</div>|' "$work/real.html" > "$work/broken.html"
if out=$(check "$work/broken.html"); then fail "the check passed a demo banner on a database that is not the demo's"; fi
grep -q 'not the demo.*has a demo banner' <<<"$out" || { printf '%s\n' "$out" >&2; fail "the check of a banner on a non-demo page did not say so"; }
psql -X -q -c 'ALTER TABLE exco_demo.marker_away RENAME TO marker'
say "no banner without exco_demo.marker, and the check catches one"

# Bad input: no page, a clear error. The script without its variables (22023); a report date that
# is not a date (the cast's 22008; a NULL date is exco.report_date_given's 22004, sql/reports.sql).
if out=$(psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -f report/page.sql 2>&1); then
  fail "report/page.sql ran without shapes_file and page_file"
fi
grep -q '22023: report/page.sql: psql variables shapes_file and page_file are not set' <<<"$out" \
  || { printf '%s\n' "$out" >&2; fail "report/page.sql without its variables did not say 22023 and which"; }
if out=$(AS_OF=2026-13-45 bash report/report.sh "$work/bad.html" 2>&1); then
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
  grep -q -- "$expect" <<<"$out" || { printf '%s\n' "$out" >&2; fail "the check of a page with $what did not say '$expect'"; }
  say "caught: $what"
}
broken "a changed figure" '0,/<td data-value="\([0-9]\{4,\}\)">/s//<td data-value="\19">/' 'has data-value'
broken "a changed shown figure" '0,/\(<td data-value="[0-9]\{4,\}">\)[0-9]/s//\19/' 'shows'
broken "an unknown shown as 0" '0,/data-value="" class="unknown">inconnu</s//data-value="" class="unknown">0</' 'shows "0"'
broken "a fill outside the legend" 's/\(class="area" data-code="29" fill="\)[^"]*"/\1#ff00ff"/' 'not one of the legend'
broken "a wrong class" 's/\(class="area" data-code="2A" fill="\)[^"]*"/\1#ffffcc"/' 'area 2A (population'
broken "a missing département" 's/class="area" data-code="85"/class="gone" data-code="85"/' 'département 85: 0 areas'
broken "a shape that is not the département's" 's/<use href="#dep-85" class="area"/<use href="#dep-29" class="area"/' 'not a <use> of its shape #dep-85'
broken "an unknown part drawn as a plain bar" '0,/\(<g class="money-row"[^>]*data-unknown="[1-9][^>]*>.*\)fill="url(#hatch)"/s//\1fill="#253494"/' 'without a hatched part'
broken "an amount that is not complete" '0,/font-style="italic">incomplet</s//data-amount="yearly_ceiling" data-value="1">1 €</' 'writes yearly ceiling'
broken "a changed known count" '0,/data-known="\([0-9]*\)"/s//data-known="\19"/' 'chart-money: region'
broken "overdue counted with late" '0,/data-overdue="\([0-9]*\)" data-late="\([0-9]*\)"/s//data-overdue="\1\2" data-late="\2"/' 'chart-status: region'
broken "a changed headline" 's/\(data-figure="contracts" data-value="\)\([0-9]*\)"/\19\2"/' 'headline: contracts'
broken "a changed quarter figure" 's/\(<tr data-code="FR" data-measure="contracts"><td class="text">France<\/td><td class="text">[^<]*<\/td><td>\)\([0-9]\)/\19\2/' 't-trend: FR contracts'
broken "a missing chart" 's/data-chart="trend"/data-chart="other"/' 'roots of data-chart="trend"'
broken "a \"(s)\" plural" 's/contrats en cours</contrat(s) en cours</' 'plural'
broken "an ISO date in the text" 's|<p class="note">Situation au|<p class="note">2026-06-30 Situation au|' 'an ISO date'
broken "no demo banner on the demo" 's|<div id="demo-banner"|<div id="demo-gone"|' 'not the demo banner'
broken "a duplicate id" 's/id="tiers-caption"/id="as-of"/' 'id "as-of" is used 2 times'
broken "an external script" 's|</body>|<script src="https://cdn.example.org/x.js"></script></body>|' 'from outside the file'
say "ok"
