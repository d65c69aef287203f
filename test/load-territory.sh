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
# Needs psql; npm and tar only to fetch. The load itself is test/scripts/load-territory.sql.
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
  mkdir -p "$cache"
  # Scoped packages are packed as etalab-decoupage-administratif-VERSION.tgz.
  tgz=$cache/etalab-decoupage-administratif-$version.tgz
  if [ ! -s "$tgz" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch $TERRITORY_PACKAGE@$version (or pass a directory)"
    say "fetching $TERRITORY_PACKAGE@$version with npm pack into $cache"
    tmp=$(mktemp -d "$cache/pack.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --loglevel=error "$TERRITORY_PACKAGE@$version" >/dev/null) \
      || die "npm pack $TERRITORY_PACKAGE@$version failed"
    packed=$(find "$tmp" -maxdepth 1 -name '*.tgz' -print -quit)
    [ -n "$packed" ] || die "npm pack produced no archive"
    # A tag (e.g. latest) resolves to a version: cache under the resolved name too.
    resolved=$cache/$(basename "$packed")
    mv "$packed" "$resolved"
    [ "$resolved" = "$tgz" ] || ln -sf "$(basename "$resolved")" "$tgz"
  fi
  if [ "$version" = "$TERRITORY_VERSION" ]; then
    sum=$(sha256sum "$tgz" | cut -d' ' -f1)
    [ "$sum" = "$TERRITORY_SHA256" ] \
      || die "$(basename "$tgz") has sha256 $sum, not the pinned $TERRITORY_SHA256: remove it from $cache to fetch it again"
  else
    say "version $version is not the pinned $TERRITORY_VERSION: its tarball is not checked against a pinned sha256"
  fi
  dir=$cache/$version
  if [ ! -s "$dir/package/data/communes.json" ]; then
    say "unpacking $(basename "$tgz")"
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    tar -xzf "$tgz" -C "$dir.tmp"
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  dir=$dir/package/data
  say "loading $TERRITORY_PACKAGE@$version"
fi

for f in regions departements epci communes; do
  [ -r "$dir/$f.json" ] || die "missing $dir/$f.json"
done

psql -X -q -v ON_ERROR_STOP=1 -v territory_dir="$dir" -f "$here/scripts/load-territory.sql"
