#!/usr/bin/env bash
# The demo (`make demo`, run by test/harness.sh inside a throwaway cluster with PG* set):
# create exco, load the real French territory, build demo CPTS and contracts on it, print the
# report, write the report page demo-report/index.html (make report) and, with Chromium, its PDF
# demo-report/report.pdf (make report-pdf). See doc/territory.md and doc/report-page.md.
set -euo pipefail
cd "$(dirname "$0")/.."

as_of=${EXCO_DEMO_AS_OF:-$(date +%F)}
psql_() { psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" "$@"; }

psql_ -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS exco'
# The user's tables are ordinary tables (doc/tables.md): exco.create_tables() says what it made.
psql -X -q -A -t -v ON_ERROR_STOP=1 -c 'SELECT exco.create_tables()'

echo '== loading the territory'
bash test/load-territory.sh

echo "== building demo CPTS and contracts (as of $as_of)"
psql_ -f test/scripts/demo-build.sql

echo "== building demo structures, medical-assistant contracts and ETP programmes (as of $as_of)"
psql_ -f test/scripts/demo-schemes.sql

psql_ -f test/scripts/demo-report.sql

echo
echo "== writing the report page (make report; make report-pdf when Chromium is installed)"
territory=@etalab/decoupage-administratif@${EXCO_TERRITORY_VERSION:-$(sed -n 's/^TERRITORY_VERSION=//p' test/load-territory.sh)}
page=demo-report/index.html
make -s --no-print-directory report OUT="$page" AS_OF="$as_of" TERRITORY_LABEL="$territory" >/dev/null
# The page must say what SQL says: the structural check of make test, on the real territory; and
# it must stay light (issue 22: under 400 KB).
psql_ -v page_file="$page" -f test/scripts/report-page-check.sql | sed -n 1,3p
size=$(wc -c < "$page")
[ "$size" -lt 409600 ] || { echo "the report page is $size bytes: more than 400 KB" >&2; exit 1; }
echo "the report page: $PWD/$page ($((size / 1024)) KB; open it in a browser; one file, works offline)"
if command -v chromium >/dev/null 2>&1; then
  make -s --no-print-directory report-pdf OUT=demo-report/report.pdf PAGE="$page" >/dev/null
  echo "the report as a PDF: $PWD/demo-report/report.pdf"
else
  echo "no PDF: make report-pdf needs Chromium (apt-get install chromium)"
fi
echo
echo "== demo done in ${SECONDS} s"
