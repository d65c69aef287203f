#!/usr/bin/env bash
# Self-test of the browser check (test/browser/check.mjs), so that it cannot silently pass
# everything: the fixture page (test/browser/fixture.html) must pass, and each broken copy of it
# below must fail with its own message. Run by `make test-browser` before the demo page; not
# part of `make test` (it needs Chromium).
#
#   bash test/browser/selftest.sh
#
# Each case is: name, MIN_AREAS, a sed script applied to the fixture, the failure expected in
# the output ('' for a pass). Snippets inserted before </body> must not contain '|' or '&'.
set -euo pipefail
cd "$(dirname "$0")/../.."

die() { printf 'selftest: %s\n' "$*" >&2; exit 1; }
fixture=test/browser/fixture.html
tmp=$(mktemp -d "${TMPDIR:-/tmp}/exco-browser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
add() { printf 's|</body>|%s</body>|' "$1"; }

cases=(
  "fixture|8||"
  "too-few-areas|9||blank map: 8 départements (.area with data-code), expected at least 9"
  "page-error|8|$(add '<script>throw new Error("selftest boom")</script>')|uncaught page error: selftest boom"
  "console-error|8|$(add '<script>console.error("selftest console")</script>')|console error: selftest console"
  "cdn-image|8|$(add '<img src="http://example.com/x.png" alt="" />')|request other than the page file (the page must work offline): http://example.com/x.png"
  "sibling-file|8|$(add '<img src="logo.png" alt="" />')|request other than the page file (the page must work offline): file://"
  "wide-page|8|$(add '<div style="width: 2000px">large</div>')|px wide (at most 1600)"
  "fill-none|8|s|data-code=\"53\" fill=\"#2171b5\"|data-code=\"53\" fill=\"none\"||blank map: area 53: fill none"
  "fill-not-in-legend|8|s|data-code=\"53\" fill=\"#2171b5\"|data-code=\"53\" fill=\"#123456\"||blank map: area 53: fill #123456 is not in the legend"
  "fill-of-other-legend|8|s|data-code=\"53\" fill=\"#2171b5\"|data-code=\"53\" fill=\"#fdae6b\"||blank map: area 53: fill #fdae6b is not in the legend"
  "css-overrides-fill|8|s|.area { stroke|.area { fill: #ff0000; stroke||blank map: area 29: drawn with fill rgb(255, 0, 0) (its fill attribute is #08306b), which is not in the legend"
  "invisible-areas|8|s|.area { stroke|.area { fill-opacity: 0; stroke||blank map: area 29: not visible"
  "empty-box|8|s|x=\"350\" y=\"200\" width=\"40\"|x=\"350\" y=\"200\" width=\"0\"||blank map: area 974: empty box"
  "narrow-map|8|s|#map-coverage { width: 560px|#map-coverage { width: 200px||px wide (at least 300)"
  "map-covered|8|$(add '<div style="position: absolute; left: 0; top: 0; width: 1200px; height: 1200px; background: #fff"></div>')|something covers the map"
  "map-veiled|8|$(add '<div style="position: absolute; left: 0; top: 0; width: 1200px; height: 1200px; background: #fff; pointer-events: none"></div>')|of the map's pixels are in a legend colour"
  "no-map|8|s|id=\"map-coverage\"|id=\"map-other\"||no <svg id=\"map-coverage\"> in the page"
  "blank-page|8|/<body>/,/<\/body>/d|bytes (at least 10240)"
)

passed=0
for c in "${cases[@]}"; do
  # The sed scripts hold '|' themselves: the expected message is the last field.
  name=${c%%|*} min=${c#*|}; min=${min%%|*}
  want=${c##*|}
  script=${c#"$name|$min|"}; script=${script%"|$want"}
  page=$tmp/$name.html
  sed -e "$script" "$fixture" >"$page"
  [ -z "$script" ] || ! cmp -s "$page" "$fixture" || die "$name: its sed script changed nothing in $fixture"
  rc=0
  out=$(bash test/browser/run.sh "$page" "$tmp/$name.png" "$min" 2>&1) || rc=$?
  if [ -z "$want" ]; then
    [ $rc -eq 0 ] || { printf '%s\n' "$out" >&2; die "$name: expected to pass, exit $rc"; }
    printf 'selftest: %-20s passes\n' "$name"
  else
    [ $rc -eq 1 ] || { printf '%s\n' "$out" >&2; die "$name: expected to fail (exit 1), exit $rc"; }
    grep -F -- "test-browser: FAIL:" <<<"$out" | grep -q -F -- "$want" \
      || { printf '%s\n' "$out" >&2; die "$name: failed, but without: $want"; }
    printf 'selftest: %-20s fails: %s\n' "$name" "$(grep -F -- "test-browser: FAIL:" <<<"$out" | grep -F -- "$want" | head -n 1 | sed 's/^test-browser: FAIL: //')"
  fi
  passed=$((passed + 1))
done
printf 'selftest: %d cases, the check passes the fixture and catches each broken copy\n' "$passed"
