#!/usr/bin/env bash
# `make dist` builds the PGXN archive of the last commit, and that archive builds and installs on
# its own: unpacked in a temporary directory, `make` with PGXS, then `make install DESTDIR=...`
# into a staging root (never over the real installation the other steps use), which must hold
# the control file, exco.so, the install script of this version, the frozen 0.1.0 install script
# and the 0.1.0 -> this version upgrade script. The staged exco.so must load into the server
# (same PostgreSQL major version, every symbol resolved). When the tree's sources are committed,
# the archive's SQL scripts must equal the ones installed by this test run.
# The archive is `git archive HEAD`: it packages the last commit, never uncommitted changes.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=$(pwd)

say() { printf 'dist: %s\n' "$*"; }
fail() { printf 'dist: FAIL: %s\n' "$*" >&2; exit 1; }
PG_CONFIG=${PG_CONFIG:-pg_config}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=$(git show HEAD:META.json | sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$version" ] || fail "no version in the last commit's META.json"
prefix=exco-$version
zip=$work/$prefix.zip

# The version is written once: META.json's provides and exco.control must agree with it.
provides=$(git show HEAD:META.json | tr -d '\n' | sed -n 's/.*"provides": *{ *"exco": *{[^}]*"version": *"\([^"]*\)".*/\1/p')
control=$(git show HEAD:exco.control | sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p")
[ "$provides" = "$version" ] || fail "META.json provides.exco.version is '$provides', not $version"
[ "$control" = "$version" ] || fail "exco.control default_version is '$control', not $version"
file=$(git show HEAD:META.json | tr -d '\n' | sed -n 's/.*"provides": *{ *"exco": *{[^}]*"file": *"\([^"]*\)".*/\1/p')
git cat-file -e "HEAD:$file" 2>/dev/null || fail "META.json provides.exco.file '$file' is not a committed file"

say "make dist ($prefix.zip from commit $(git rev-parse --short HEAD))"
make -s dist DIST_DIR="$work" >/dev/null
[ -s "$zip" ] || fail "make dist did not write $zip"

# Every entry under the prefix; the files a PGXN user needs are there.
# (The listing is read once into a file: `unzip | grep -q` would fail under pipefail when grep
# stops reading early.)
unzip -Z1 "$zip" > "$work/list"
outside=$(grep -v "^$prefix/" "$work/list" || true)
[ -z "$outside" ] || fail "entries outside $prefix/: $outside"
for f in META.json LICENSE README.md Makefile exco.control extension/exco--0.1.0.sql doc/rules.md; do
  grep -qx "$prefix/$f" "$work/list" || fail "$f is not in the archive"
done

say "unpack and build with PGXS in $work"
(cd "$work" && unzip -q "$zip")
(cd "$work/$prefix" && make -s -j2 PG_CONFIG="$PG_CONFIG" >"$work/build.log" 2>&1) \
  || { cat "$work/build.log" >&2; fail "the unpacked archive does not build"; }
stage=$work/stage
(cd "$work/$prefix" && make -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$stage" >"$work/install.log" 2>&1) \
  || { cat "$work/install.log" >&2; fail "make install DESTDIR=... failed"; }

sharedir=$stage$("$PG_CONFIG" --sharedir)/extension
libdir=$stage$("$PG_CONFIG" --pkglibdir)
frozen="exco--0.1.0.sql exco--0.1.0--0.2.0.sql exco--0.2.0.sql"
for f in "$sharedir/exco.control" "$sharedir/exco--$version.sql" "$sharedir/exco--0.2.0--$version.sql" \
         $(for z in $frozen; do echo "$sharedir/$z"; done) "$libdir/exco.so"; do
  [ -s "$f" ] || fail "not installed: ${f#"$stage"}"
done
say "installed into the staging root: exco.control, exco.so, exco--$version.sql, exco--0.2.0--$version.sql, $frozen"

# The staged library loads into the running server (a fresh backend; nothing is created).
chmod -R a+rX "$work"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "LOAD '$libdir/exco.so'" \
  || fail "the archive's exco.so does not load"
say "the archive's exco.so loads into PostgreSQL $("$PG_CONFIG" --version | awk '{print $2}')"

# The archive's SQL scripts equal what this run installed, when the sources are committed.
if [ -z "$(git -C "$tree" status --porcelain -- src extension Makefile META.json exco.control)" ]; then
  real=$("$PG_CONFIG" --sharedir)/extension
  for f in "exco--$version.sql" "exco--0.2.0--$version.sql" $frozen exco.control; do
    cmp -s "$sharedir/$f" "$real/$f" || fail "$f from the archive differs from the installed one"
  done
  say "the archive's scripts equal the installed ones"
else
  say "note: uncommitted changes under src/, extension/ or the build files; the archive packages the last commit, so its scripts were not compared with the installed ones"
fi
say "OK"
