#!/usr/bin/env bash
# make deb [PG_MAJOR=NN]: the Debian package postgresql-NN-exco_VERSION-1_ARCH.deb of this tree,
# for the PostgreSQL NN of this machine (default 15), written into build/deb/.
#
# The package is built from a copy of the source (the files git tracks, as they are in the work
# tree, new files not yet added included; outside git, every file but build/) in build/deb/exco-VERSION/, with debian/control made
# for NN alone (PG_SUPPORTED_VERSIONS=NN pg_buildext updatecontrol) and dpkg-buildpackage -b;
# debian/rules builds with WERROR=1. The build dependencies are installed when missing. The
# package's own test is debian/tests (pg_buildext installcheck, against the installed package):
# `make test-versions` installs the package into a clean Debian and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
PGVER=${PG_MAJOR:-15}
case "$PGVER" in
  15|16|17|18) ;;
  *) echo "PG_MAJOR=$PGVER: exco supports PostgreSQL 15 to 18" >&2; exit 2 ;;
esac

say() { printf '== deb: %s\n' "$*" >&2; }
fail() { printf '== deb: FAIL: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@" || sudo "$@"; fi
}

# Debian packages, installed only when missing (as test/harness.sh does).
need_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing missing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' META.json | head -n 1)
[ -n "$version" ] || fail "no version in META.json"

# Build-Depends of debian/control.in, the server headers of this version, and the tools.
need_packages build-essential dpkg-dev debhelper postgresql-common \
  postgresql-server-dev-all "postgresql-server-dev-$PGVER"

# The version is written once, in META.json: debian/changelog's newest entry must package it.
debversion=$(dpkg-parsechangelog -l debian/changelog -S Version)
[ "${debversion%-*}" = "$version" ] \
  || fail "debian/changelog's newest entry is $debversion, META.json's version is $version: add a debian/changelog entry ($version-1)"

out=build/deb
src=$out/exco-$version
rm -rf "$out"
mkdir -p "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # The files git tracks or would track (not the ignored build products), as they are in the work
  # tree; a tracked file deleted in the work tree is left out.
  git ls-files -z --cached --others --exclude-standard | sort -zu | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$src"
else
  tar --exclude=./build -cf - . | tar -xf - -C "$src"
fi

log=$out/build.log
say "building postgresql-$PGVER-exco $debversion in $src (log: $log)"
(
  cd "$src"
  export PG_SUPPORTED_VERSIONS=$PGVER
  pg_buildext updatecontrol
  dpkg-buildpackage -b -us -uc
) >"$log" 2>&1 || { tail -n 40 "$log" >&2; fail "dpkg-buildpackage failed (whole log: $log)"; }

arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb=$out/postgresql-$PGVER-exco_${debversion}_$arch.deb
[ -s "$deb" ] || fail "dpkg-buildpackage wrote no $deb"
grep -qE -- ' -Werror( |$)' "$log" || fail "the package build did not compile with -Werror"

# The package holds the library, the control file and every SQL script of the tree.
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$out/contents"
expect=("/usr/lib/postgresql/$PGVER/lib/exco.so" "/usr/share/postgresql/$PGVER/extension/exco.control")
for f in $(cd "$src" && ls extension/exco--*.sql 2>/dev/null) "extension/exco--$version.sql"; do
  expect+=("/usr/share/postgresql/$PGVER/$f")
done
for f in "${expect[@]}"; do
  grep -qxF "$f" "$out/contents" || fail "$f is not in $deb"
done
# ... and the upgrade script into this version (generated, so not in the copy after make clean).
grep -qE "^/usr/share/postgresql/$PGVER/extension/exco--[^-]+--$version\.sql\$" "$out/contents" \
  || fail "no upgrade script into $version in $deb"
expect+=("$(grep -E "^/usr/share/postgresql/$PGVER/extension/exco--[^-]+--$version\.sql\$" "$out/contents")")
say "$deb: $(printf '%s\n' "${expect[@]}" | sort -u | wc -l) extension files (exco.so, exco.control, every extension/*.sql)"
echo "$deb"
