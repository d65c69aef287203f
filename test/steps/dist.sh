#!/usr/bin/env bash
# `make dist` builds the PGXN archive of the last commit, and that archive tests itself as a PGXN
# user would run it: unpacked in a temporary directory outside any git repository (every command
# there runs with GIT_DIR pointing nowhere, so nothing can lean on git), its files are checked
# (the version written once in META.json, and mirrored by exco.control and debian/changelog),
# then `make`, `make install` and `make installcheck` run in the unpacked copy. The install goes
# into a staging root (DESTDIR, never over the real installation the other steps use), which must
# hold the control file, exco.so, the install script of this version, the frozen scripts and the
# upgrade script into this version; `make installcheck` (the pg_regress and isolation suites) then
# runs against those staged files (extension_control_path on PostgreSQL 18, Debian's
# extension_destdir before), as `pg_buildext installcheck` tests a package before it is
# installed, and a backend that created the extension is shown to have mapped the staged
# exco.so. When the tree's sources are committed, the archive's SQL scripts must equal the ones
# installed by this test run.
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

say "make dist (from commit $(git rev-parse --short HEAD))"
make -s dist DIST_DIR="$work" >/dev/null
zips=$(cd "$work" && ls exco-*.zip 2>/dev/null) || zips=""
[ "$(printf '%s\n' "$zips" | grep -c .)" = 1 ] || fail "make dist wrote '$zips', not one exco-VERSION.zip"
prefix=${zips%.zip}
version=${prefix#exco-}
zip=$work/$zips

# Every entry under the prefix; the files a PGXN user needs are there.
# (The listing is read once into a file: `unzip | grep -q` would fail under pipefail when grep
# stops reading early.)
unzip -Z1 "$zip" > "$work/list"
outside=$(grep -v "^$prefix/" "$work/list" || true)
[ -z "$outside" ] || fail "entries outside $prefix/: $outside"
for f in META.json LICENSE README.md Makefile exco.control extension/exco--0.1.0.sql doc/rules.md \
         debian/control.in debian/rules debian/changelog debian/tests/installcheck; do
  grep -qx "$prefix/$f" "$work/list" || fail "$f is not in the archive"
done

say "unpack in $work (outside git)"
(cd "$work" && unzip -q "$zip")
copy=$work/$prefix
[ ! -e "$copy/.git" ] || fail "the archive holds a .git"
# No git from here on: the archive's own files, as a PGXN user has them.
export GIT_DIR=/nonexistent/.git GIT_CEILING_DIRECTORIES=$work

# The version is written once: META.json's version names the archive, and its provides,
# exco.control and debian/changelog's newest entry must agree with it.
meta=$(tr -d '\n' <"$copy/META.json")
top=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$copy/META.json" | head -n 1)
[ "$top" = "$version" ] || fail "the archive is $prefix.zip, its META.json version is '$top'"
provides=$(printf '%s' "$meta" | sed -n 's/.*"provides": *{ *"exco": *{[^}]*"version": *"\([^"]*\)".*/\1/p')
control=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$copy/exco.control")
debian=$(head -n 1 "$copy/debian/changelog" | sed -n 's/^exco (\([^)]*\)).*/\1/p')
[ "$provides" = "$version" ] || fail "META.json provides.exco.version is '$provides', not $version"
[ "$control" = "$version" ] || fail "exco.control default_version is '$control', not $version"
[ "${debian%-*}" = "$version" ] || fail "debian/changelog's newest entry is '$debian', not $version-N"
file=$(printf '%s' "$meta" | sed -n 's/.*"provides": *{ *"exco": *{[^}]*"file": *"\([^"]*\)".*/\1/p')
if [ -z "$file" ] || [ ! -f "$copy/$file" ]; then
  fail "META.json provides.exco.file '$file' is not in the archive"
fi

say "make, make install DESTDIR=..., in the unpacked copy"
(cd "$copy" && make -s -j2 PG_CONFIG="$PG_CONFIG" >"$work/build.log" 2>&1) \
  || { cat "$work/build.log" >&2; fail "the unpacked archive does not build"; }
stage=$work/stage
(cd "$copy" && make -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$stage" >"$work/install.log" 2>&1) \
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

# make installcheck in the unpacked copy, against the staged files: every backend of the suites
# (pg_regress and pg_isolation_regress pass PGOPTIONS on) looks for exco's control file, scripts
# and $libdir/exco.so under the staging root first, as pg_virtualenv -p sets it up for
# pg_buildext: on PostgreSQL 18 and later, extension_control_path and dynamic_library_path (the
# server then loads a module_pathname of $libdir/NAME through the path); before 18, Debian's
# extension_destdir.
if psql -X -q -At -d postgres -c "SHOW extension_control_path" >/dev/null 2>&1; then
  stage_opts="-c extension_control_path=$stage$("$PG_CONFIG" --sharedir):\$system -c dynamic_library_path=$libdir:\$libdir"
elif psql -X -q -At -d postgres -c "SHOW extension_destdir" >/dev/null 2>&1; then
  stage_opts="-c extension_destdir=$stage"
else
  fail "this server has neither extension_control_path (PostgreSQL 18) nor extension_destdir (Debian's PostgreSQL before 18)"
fi
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }$stage_opts"
say "make installcheck in the unpacked copy, against the staged install"
if ! (cd "$copy" && make -s PG_CONFIG="$PG_CONFIG" installcheck TAP_TESTS= >"$work/installcheck.log" 2>&1); then
  cat "$work/installcheck.log" "$copy/regression.diffs" "$copy/output_iso/regression.diffs" >&2 2>/dev/null || true
  fail "make installcheck fails in the unpacked archive"
fi
grep -E 'All [0-9]+ tests passed' "$work/installcheck.log" | tail -n 2 | sed 's/^/dist:   /' || true
# The staged build is what ran: a backend that creates exco maps the staging root's exco.so.
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS exco_dist_check" \
  -c "CREATE DATABASE exco_dist_check" >/dev/null
mapped=$(psql -X -q -At -v ON_ERROR_STOP=1 -d exco_dist_check \
  -c "CREATE EXTENSION exco CASCADE" \
  -c "SELECT line FROM regexp_split_to_table(pg_read_file('/proc/' || pg_backend_pid() || '/maps'), chr(10)) AS line WHERE line LIKE '%/exco.so' LIMIT 1" \
  | awk 'NF > 1 {print $NF}' | tail -n 1)
psql -X -q -d postgres -c "DROP DATABASE exco_dist_check" >/dev/null
[ "$mapped" = "$libdir/exco.so" ] || fail "the backend mapped '$mapped', not the staged $libdir/exco.so"
say "make installcheck passes in the unpacked archive; the backends ran the staged exco.so"
unset PGOPTIONS GIT_DIR GIT_CEILING_DIRECTORIES

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
