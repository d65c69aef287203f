#!/usr/bin/env bash
# make test-valgrind: the pg_regress suites (sql/*.sql) against a server running under valgrind
# memcheck. Runs inside the throwaway cluster of test/harness.sh (PG* environment set): stops
# that cluster's server, starts the same data directory under valgrind (--trace-children=yes,
# every process logs to its own file), runs `make installcheck` (the pg_regress suites only),
# stops the server, and reads the logs. Fails when an error's stack names exco: a frame in
# exco.so, or in one of exco's source files (src/*.c, shown with their full path).
#
# VALGRIND_SUITES="tier scale": run only these suites (default: every sql/*.sql).
# VALGRIND_SUPP=file: more suppressions, e.g. PostgreSQL's own src/tools/valgrind.supp from a
# source checkout (test/valgrind/exco.supp is always used).
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf 'valgrind: %s\n' "$*" >&2; }

PGVER=${PGVER:-15}
bindir=/usr/lib/postgresql/$PGVER/bin
datadir=$(psql -X -A -t -c 'SHOW data_directory')
conf=$(psql -X -A -t -c 'SHOW config_file')
cluster=$(basename "$datadir")
owner=$(stat -c %U "$datadir")
logs=$(mktemp -d "${TMPDIR:-/tmp}/exco-valgrind.XXXXXX")
chmod 777 "$logs"
as_owner() {
  if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

supp=(--suppressions="$PWD/test/valgrind/exco.supp")
[ -n "${VALGRIND_SUPP:-}" ] && supp+=(--suppressions="$(realpath "$VALGRIND_SUPP")")

started=
stop_server() {
  if [ -n "$started" ]; then
    as_owner "$bindir/pg_ctl" -D "$datadir" -m fast -t 300 stop >/dev/null 2>&1 || true
    started=
  fi
}
# On every exit path: stop the valgrind server (pg_virtualenv then drops the cluster) and keep
# the logs only when something was found.
trap 'stop_server' EXIT

say "stopping the cluster's server; starting $datadir under valgrind (logs in $logs)"
pg_ctlcluster "$PGVER" "$cluster" stop
as_owner valgrind --tool=memcheck --trace-children=yes --error-limit=no --num-callers=40 \
  --read-var-info=no --fullpath-after= --track-origins=no --leak-check=no \
  "${supp[@]}" --log-file="$logs/valgrind.%p.log" \
  "$bindir/postgres" -D "$datadir" -c config_file="$conf" \
  >"$logs/server.out" 2>&1 &
started=1
for _ in $(seq 1 300); do
  pg_isready -q && break
  sleep 1
done
pg_isready -q || { cat "$logs/server.out" >&2; say "the server did not start under valgrind"; exit 1; }

suites=${VALGRIND_SUITES:-}
[ -n "$suites" ] || suites=$(cd sql && ls *.sql | sed 's/\.sql$//' | tr '\n' ' ')
say "running pg_regress suites under valgrind: $suites"
t0=$(date +%s)
rc=0
make -s PG_CONFIG="$bindir/pg_config" installcheck REGRESS="$suites" ISOLATION= TAP_TESTS= || rc=$?
t1=$(date +%s)
stop_server
sleep 3   # the last processes' valgrind writes its summary after the postmaster is gone
[ "$rc" = 0 ] || { cat regression.diffs >&2 2>/dev/null || true; say "pg_regress failed under valgrind"; }

# Error blocks: from "==PID== <Kind of error>" to the next "==PID== " blank line.
src_re="$PWD/src/[a-z_0-9]+\\.c:|exco\\.so"
report=$logs/exco-errors.txt
: >"$report"
total=0
exco=0
procs=0
for f in "$logs"/valgrind.*.log; do
  procs=$((procs + 1))
  n=$( { grep -h -o -E 'ERROR SUMMARY: [0-9]+' "$f" || true; } | awk '{s += $3} END {print s + 0}')
  total=$((total + n))
  awk -v re="$src_re" -v file="$f" '
    /^==[0-9]+== [A-Z]/ && !inblk && !/ERROR SUMMARY|HEAP SUMMARY|LEAK SUMMARY|Memcheck|Copyright|Using Valgrind|Command:|Parent PID/ { inblk = 1; blk = ""; hit = 0 }
    inblk { blk = blk $0 "\n"; if ($0 ~ re) hit = 1 }
    inblk && /^==[0-9]+== $/ { if (hit) printf "%s: \n%s\n", file, blk; inblk = 0 }
  ' "$f" >>"$report"
done
exco=$(grep -c -E '^==[0-9]+== [A-Z]' "$report" || true)
say "$procs processes, $((t1 - t0)) s of pg_regress under valgrind; errors reported by memcheck: $total (all processes, after suppressions); errors in exco: $exco"
if [ "$exco" -gt 0 ]; then
  cat "$report" >&2
  say "FAIL: memcheck errors in exco (logs kept in $logs)"
  exit 1
fi
[ "$rc" = 0 ] || exit "$rc"
if [ "$total" -gt 0 ]; then
  say "the $total errors outside exco (PostgreSQL itself, without USE_VALGRIND) are in $logs"
else
  rm -rf "$logs"
fi
say "OK: no memcheck error in exco"
