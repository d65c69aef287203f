#!/usr/bin/env bash
# The demo (`make demo`, run by test/harness.sh inside a throwaway cluster with PG* set):
# create exco, load the real French territory, build demo CPTS and contracts on it, print the
# report, write the report page demo-report/index.html. See doc/territory.md and doc/report-page.md.
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
echo "== writing the report page (test/report-page.sh)"
territory=@etalab/decoupage-administratif@${EXCO_TERRITORY_VERSION:-$(sed -n 's/^TERRITORY_VERSION=//p' test/load-territory.sh)}
page=$(bash test/report-page.sh demo-report/index.html "$as_of" "$territory" \
         "Les CPTS, contrats, missions et indicateurs de cette page sont ceux de la démonstration de exco (test/scripts/demo-build.sql), construits sur le territoire réel : ce ne sont pas des données réelles.")
# The page must say what SQL says: the structural check of make test, on the real territory.
psql_ -v page_file="$page" -f test/scripts/report-page-check.sql | sed -n 1,3p
echo "the report page: $PWD/$page (open it in a browser; one file, works offline)"

echo
echo "== demo done in ${SECONDS} s"
