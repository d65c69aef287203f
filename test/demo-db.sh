#!/usr/bin/env bash
# make demo DB=name [DIR=path] [AS_OF=YYYY-MM-DD]: the demo of `make demo` (test/demo.sh) kept, in
# database NAME of your own server (reached through the PG* environment variables: PGHOST, PGPORT,
# PGUSER, ...), instead of a throwaway cluster. exco must be installed on that server (make install,
# or the package).
#
#   - creates the database when it is missing, and the extension exco (with exco.create_tables())
#     when the database has none;
#   - REFUSES a database with an older exco (update it first), and one that already holds exco data (a row in any of exco's tables, or the demo's
#     marker exco_demo.marker): the demo build deletes every CPTS, contract, structure, ... before it
#     builds its own. It then exits 1 having written nothing;
#   - loads the territory: the real one (@etalab/decoupage-administratif, fetched once with npm, as
#     make demo), or the JSON files of DIR (e.g. DIR=test/fixtures/territory, the small committed
#     fixture of the tests); then the demo CPTS, contracts, missions, indicators, measures,
#     structures, medical-assistant contracts and ETP programmes as of AS_OF (default today);
#   - prints what it created, and how to draw the report page of that database.
#
#   bash test/demo-db.sh NAME [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ $# -le 2 ] && [ -n "$1" ] || { echo "usage: $0 DB [DIR]   (make demo DB=name [DIR=path])" >&2; exit 2; }
db=$1 dir=${2:-}
as_of=${EXCO_DEMO_AS_OF:-}
as_of=${as_of:-$(date +%F)}
die() { printf 'make demo DB=%s: %s\n' "$db" "$*" >&2; exit 1; }

# Every psql below works in database $db: the PG* variables name the server and the user.
export PGDATABASE=$db
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

if ! psql -X -q -A -t -c 'SELECT 1' >/dev/null 2>&1; then
  # createdb connects to the maintenance database (postgres, else template1).
  createdb "$db" || die "cannot connect to database \"$db\" nor create it (check PGHOST, PGPORT, PGUSER)"
  echo "== created database $db"
fi

# An exco older than the one installed (0.2.0 kept the data in the extension's own tables, which the
# check below leaves out): refused, the update named.
old=$(q -c "SELECT e.extversion FROM pg_catalog.pg_extension AS e JOIN pg_catalog.pg_available_extensions AS a
              ON a.name = e.extname WHERE e.extname = 'exco' AND e.extversion IS DISTINCT FROM a.default_version")
if [ -n "$old" ]; then
  die "database \"$db\" has exco $old, not the installed version: update it (ALTER EXTENSION exco UPDATE; SELECT exco.update_tables()) or load the demo into a new database. Nothing was written."
fi

# Exco data already there? The extension's own reference rows (scales, the law's amounts) and the
# version row of exco.create_tables() (exco.tables_version) do not count; a row in any other table
# of schema exco that is not the extension's (the user's tables made by exco.create_tables():
# territory, CPTS, contracts, ...), or the demo's marker, does.
held=$(q <<'SQL'
SELECT pg_catalog.string_agg(t.name, ', ' ORDER BY t.name)
  FROM (SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS name, c.oid
          FROM pg_catalog.pg_class AS c
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('exco', 'exco_demo') AND c.relkind IN ('r', 'p')
           AND (n.nspname, c.relname) <> ('exco', 'tables_version')
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend AS d
                            WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                              AND d.objid = c.oid AND d.deptype = 'e')) AS t
 WHERE t.name = 'exco_demo.marker'
    OR pg_catalog.query_to_xml(pg_catalog.format('SELECT 1 AS n FROM %s LIMIT 1', t.name), false, true, '')::text <> '';
SQL
)
if [ -n "$held" ]; then
  die "database \"$db\" already holds exco data (rows in $held): the demo would delete them. Nothing was written. Load the demo into a new database: make demo DB=another_name"
fi

q -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS exco' >/dev/null
q -c 'SET client_min_messages = warning' -c 'SELECT exco.create_tables()' >/dev/null

echo "== loading the territory into $db"
if [ -n "$dir" ]; then bash test/load-territory.sh "$dir"; else bash test/load-territory.sh; fi
echo "== building the demo CPTS, contracts, structures, assistant contracts and ETP programmes (as of $as_of)"
psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" -f test/scripts/demo-build.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -v as_of="$as_of" -f test/scripts/demo-schemes.sql >/dev/null

echo "== the demo is in database $db (as of $as_of):"
psql -X -q -v ON_ERROR_STOP=1 -P footer=off <<'SQL'
SELECT what, n AS count FROM (VALUES
  (1, 'regions', (SELECT count(*) FROM exco.region)),
  (2, 'départements', (SELECT count(*) FROM exco.departement)),
  (3, 'EPCI', (SELECT count(*) FROM exco.epci)),
  (4, 'communes', (SELECT count(*) FROM exco.commune)),
  (5, 'CPTS', (SELECT count(*) FROM exco.cpts)),
  (6, 'contracts', (SELECT count(*) FROM exco.contract)),
  (7, 'contract missions', (SELECT count(*) FROM exco.contract_mission)),
  (8, 'indicators', (SELECT count(*) FROM exco.indicator)),
  (9, 'measures', (SELECT count(*) FROM exco.measure)),
  (10, 'structures', (SELECT count(*) FROM exco.structure)),
  (11, 'medical-assistant contracts', (SELECT count(*) FROM exco.assistant_contract)),
  (12, 'ETP programmes', (SELECT count(*) FROM exco.etp_programme)),
  (13, 'ETP patient rows', (SELECT count(*) FROM exco.etp_patient))) AS t(i, what, n)
 ORDER BY i;
SQL
echo "The report page of this database: make report PGDATABASE=$db [OUT=report.html] (make report-pdf for A4)"
echo "Query it: psql -d $db -c 'SELECT * FROM exco.regional_summary WHERE level = '\\''region'\\'''"
