#!/usr/bin/env bash
# Load the French administrative division (regions, départements, EPCI, communes with their
# population) into exco's reference tables, in the database named by the PG* environment
# variables (PGHOST, PGPORT, PGDATABASE, PGUSER, ...). See doc/territory.md.
#
#   bash test/load-territory.sh          fetch @etalab/decoupage-administratif (version below, or
#                                        $EXCO_TERRITORY_VERSION) once into .cache/territory/
#                                        with `npm pack`, then load it
#   bash test/load-territory.sh DIR      load the JSON files of DIR instead (a data/ directory,
#                                        an unpacked package, or test/fixtures/territory)
#   make load-territory [DIR=...]        the same
#
# Needs psql; npm and tar only to fetch (test/npm-fetch.sh). The load itself is test/scripts/load-territory.sql.
set -euo pipefail

# The package version this project is tested with; override with EXCO_TERRITORY_VERSION.
TERRITORY_VERSION=6.0.0
TERRITORY_PACKAGE=@etalab/decoupage-administratif
# sha256 of that version's tarball (npm's dist.integrity is sha512-XavYsFlb...pmCaQ==): the data
# loaded by default is exactly the data the tests and the demo were checked against.
TERRITORY_SHA256=c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a

version=${EXCO_TERRITORY_VERSION:-$TERRITORY_VERSION}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cache=${EXCO_TERRITORY_CACHE:-$root/.cache/territory}

die() { printf 'load-territory: %s\n' "$*" >&2; exit 1; }
say() { printf '== %s\n' "$*" >&2; }

if [ $# -gt 1 ]; then
  die "usage: $0 [DIR]"
elif [ $# -eq 1 ]; then
  dir=$1
  [ -d "$dir" ] || die "no such directory: $dir"
  # An unpacked package (package/data/ or data/) is accepted as well as its data/ directory.
  for sub in data package/data; do
    if [ ! -e "$dir/communes.json" ] && [ -e "$dir/$sub/communes.json" ]; then dir=$dir/$sub; fi
  done
  say "loading territory data from $dir"
else
  if [ "$version" = "$TERRITORY_VERSION" ]; then sha=$TERRITORY_SHA256; else
    say "version $version is not the pinned $TERRITORY_VERSION"; sha=-; fi
  dir=$(bash "$here/npm-fetch.sh" "$TERRITORY_PACKAGE" "$version" "$sha" "$cache")
  dir=$dir/data
  say "loading $TERRITORY_PACKAGE@$version"
fi

for f in regions departements epci communes; do
  [ -r "$dir/$f.json" ] || die "missing $dir/$f.json"
done

# exco's tables are ordinary tables (doc/tables.md): create them when this database has none yet
# (a no-op when they exist at this version; an error naming the fix when they are older).
psql -X -q -A -t -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -c 'SELECT exco.create_tables()' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -v territory_dir="$dir" -f "$here/scripts/load-territory.sql"
