#!/usr/bin/env bash
# exco harness: the one place that bootstraps a machine and runs things against a throwaway
# PostgreSQL cluster. Used by `make test`, `make demo`, `make test-browser` and `make bench`.
#
#   bash test/harness.sh test    build, install, lint, every pg_regress, isolation and pgTAP suite
#                                and TAP test; closes on "exco: N passed, N failed"
#   bash test/harness.sh test-fdw  build, install, run the postgres_fdw TAP test (test/t/040_fdw.pl)
#   bash test/harness.sh demo    build, install, load the real territory data, print the report
#   bash test/harness.sh test-browser  the demo, its page and PDF rendered headless in Chromium (test/browser/)
#   bash test/harness.sh bench   build, install, run the benchmarks (test/bench/)
#   bash test/harness.sh valgrind  build, install, run the pg_regress suites under valgrind
#   bash test/harness.sh stress  build, install, run pgbench on the triggers and views (test/stress/)
#
# PostgreSQL refuses to run as root: the cluster is made by postgresql-common's pg_virtualenv,
# which runs the server as `postgres` (or as the calling user when not root) in a temporary
# directory, and `-t` makes it drop the cluster and stop the server on every exit path.
# The servers get no copy of the lock's descriptor (9>&-): a server left behind by a killed run
# must not hold the lock for every later run.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}
# The PostgreSQL major version to build and test against: make test PG_MAJOR=17 (default 15, the
# version of Debian 12). README lists the supported ones; `make test-versions` runs each in its own
# Debian suite.
PGVER=${PG_MAJOR:-15}
case "$PGVER" in
  15|16|17|18) ;;
  *) echo "PG_MAJOR=$PGVER: exco supports PostgreSQL 15 to 18" >&2; exit 2 ;;
esac

export PG_CONFIG=/usr/lib/postgresql/$PGVER/bin/pg_config

say() { printf '== %s\n' "$*" >&2; }

# One run at a time per machine: every run installs exco.so and the scripts into the one
# PostgreSQL installation, so two checkouts testing side by side would load each other's build.
exec 9>"${TMPDIR:-/tmp}/exco-harness.lock"
if ! flock -n 9; then
  say "another exco harness run holds ${TMPDIR:-/tmp}/exco-harness.lock; waiting for it"
  flock 9
fi

# Run a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@" || sudo "$@"; fi
}

# Debian packages, installed only when missing.
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

# npm: only when the command is missing (some machines ship it inside a nodejs package that
# conflicts with Debian's npm package).
need_npm() {
  command -v npm >/dev/null 2>&1 || need_packages npm
}

# unzip: test/t/030_dist.pl unpacks the `make dist` archive (git writes the zip itself).
# libipc-run-perl: PostgreSQL::Test::Cluster (shipped by postgresql-server-dev-NN) of the TAP tests.
base_packages=(build-essential "postgresql-$PGVER" "postgresql-server-dev-$PGVER"
               postgresql-common "postgresql-$PGVER-pgtap" libtap-parser-sourcehandler-pgtap-perl
               libipc-run-perl unzip)

build_and_install() {
  # Objects built against another major version must not be linked into this one.
  if [ "$(cat .build-pg-major 2>/dev/null)" != "$PGVER" ]; then
    make -s PG_CONFIG="$PG_CONFIG" clean >/dev/null 2>&1 || true
    echo "$PGVER" > .build-pg-major
  fi
  # Each step returns on failure by itself: stage runs this with set +e, where a failed -Werror
  # build followed by a successful install (which rebuilds without -Werror) would pass.
  say "building exco for PostgreSQL $PGVER (-Werror)"
  make -s PG_CONFIG="$PG_CONFIG" WERROR=1 >&2 || return
  say "installing exco into $("$PG_CONFIG" --pkglibdir)"
  as_root make -s PG_CONFIG="$PG_CONFIG" install >&2 || return
}

# The TAP tests (make prove_installcheck): PostgreSQL::Test::Cluster inits its own nodes, and
# initdb refuses root, so as root they run as `postgres`, with their nodes and logs in a directory
# of its own (TAP_DIR), from a copy of the tree. A failed test's logs are shown. Arguments are
# make's (PROVE_TESTS=test/t/040_fdw.pl for one file). The nodes get no copy of the lock's
# descriptor (9>&-), as in in_cluster.
run_tap() {
  local dir rc=0
  dir=$(mktemp -d)
  if [ "$(id -u)" = 0 ]; then
    # postgres may not even enter the tree (a clone under /root): the tests run from a copy of
    # it that postgres owns.
    cp -a . "$dir/tree"
    chown -R postgres "$dir"
    runuser -u postgres -- make -s -C "$dir/tree" PG_CONFIG="$PG_CONFIG" prove_installcheck \
      TAP_DIR="$dir" "$@" 9>&- || rc=$?
  else
    make -s PG_CONFIG="$PG_CONFIG" prove_installcheck TAP_DIR="$dir" "$@" 9>&- || rc=$?
  fi
  if [ "$rc" != 0 ]; then
    for f in "$dir"/tmp_check/log/regress_log_*; do
      [ -e "$f" ] && { echo "== $f (last 40 lines)"; tail -n 40 "$f"; }
    done
  fi
  rm -rf "$dir"
  return "$rc"
}

# pg_regress writes results/ and regression.* into the tree; when the server runs as another
# user it only needs to read nothing from here, so no permission change is required.
in_cluster() {
  # shellcheck disable=SC2016
  pg_virtualenv -v "$PGVER" -t sh -c "$1" 9>&-
}

case "$mode" in
  test)
    # Stages, each timed, each run even when an earlier one failed (a failed build stops the
    # rest: nothing could be tested): build, lint, then in one throwaway cluster pg_regress,
    # isolation, pgtap (test/cluster-stages.sh), then the TAP tests (test/t/*.pl, own nodes: the
    # upgrade comparison, dump and restore, the dist zip, postgres_fdw shards, the report page;
    # counted by file from prove's summary). The closing line "exco: N passed, N failed" adds up
    # what each runner reported (test/stages.sh); the exit status is 1 when anything failed.
    # npm: test/t/050_report_page.pl fetches the map shapes (report/report.sh, test/npm-fetch.sh).
    need_packages "${base_packages[@]}"
    need_npm
    STAGE_DIR=$(mktemp -d)
    trap 'rm -rf "$STAGE_DIR"' EXIT
    . test/stages.sh
    stage build count_exit build_and_install
    if [ "$(cut -d' ' -f3 "$STAGE_DIR/results")" = 0 ]; then
      stage lint count_lint make -s PG_CONFIG="$PG_CONFIG" lint
      rm -rf results regression.diffs regression.out output_iso
      chmod a+rx "$STAGE_DIR"
      in_cluster "bash test/cluster-stages.sh '$STAGE_DIR'" \
        || { say "the throwaway cluster failed"; echo "cluster 0 1 0 1" >> "$STAGE_DIR/results"; }
      if compgen -G 'test/t/*.pl' >/dev/null; then stage tap count_prove run_tap; fi
    else
      say "the build failed: no other stage can run"
    fi
    say "stages (passed, failed, seconds):"
    awk '{printf "==   %-11s %4d passed %3d failed %5d s\n", $1, $2, $3, $4}' "$STAGE_DIR/results" >&2
    read -r passed failed <<<"$(awk '{p += $2; f += $3} END {print p + 0, f + 0}' "$STAGE_DIR/results")"
    echo "exco: $passed passed, $failed failed"
    [ "$failed" = 0 ]
    ;;
  test-fdw)
    need_packages "${base_packages[@]}"
    build_and_install
    say "running the postgres_fdw suite (coordinator and 3 shards: test/t/040_fdw.pl)"
    run_tap PROVE_TESTS=test/t/040_fdw.pl
    ;;
  demo)
    # Chromium and its fonts: the demo prints its page as a PDF too (make report-pdf), on a
    # fresh machine as anywhere.
    need_packages "${base_packages[@]}" chromium fonts-dejavu-core
    need_npm
    build_and_install
    say "starting a throwaway cluster for the demo"
    in_cluster 'set -e; bash test/demo.sh'
    ;;
  test-browser)
    # make test-browser (not part of make test): the self-test of the browser check on its
    # fixture, then the demo (which writes demo-report/index.html) and its page rendered headless
    # in Debian's Chromium (test/browser/run.sh): fails on a console or page error, a request other
    # than the file, a blank map (fewer than MIN_AREAS départements, default 101), a page wider
    # than 1600 px. Screenshot: demo-report/screenshot.png. PAGE=path checks that page instead of
    # running the demo. fonts-dejavu-core: letters, not boxes, in the screenshot.
    # The demo also prints its page to demo-report/report.pdf (make report-pdf, as Chromium is
    # there): test/browser/pdf.sh checks it is A4 and its first page, rasterised by pdftoppm
    # (poppler-utils), is not blank. Then README's screenshot, doc/img/report-page.png, is taken
    # anew: the top of the demo page at 1280 px.
    need_packages chromium fonts-dejavu-core poppler-utils
    need_npm
    bash test/browser/selftest.sh
    if [ -z "${PAGE:-}" ]; then
      need_packages "${base_packages[@]}"
      build_and_install
      # A page left by an earlier run must not pass for this one.
      rm -f demo-report/index.html demo-report/screenshot.png demo-report/report.pdf demo-report/report-page1.png
      say "starting a throwaway cluster for the demo"
      in_cluster 'set -e; bash test/demo.sh'
    fi
    bash test/browser/run.sh "${PAGE:-demo-report/index.html}" demo-report/screenshot.png "${MIN_AREAS:-101}"
    if [ -z "${PAGE:-}" ]; then
      bash test/browser/pdf.sh demo-report/report.pdf demo-report/report-page1.png
      sandbox=(); [ "$(id -u)" != 0 ] || sandbox=(--no-sandbox)
      chromium --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --user-data-dir="$(mktemp -d)" \
        --window-size=1280,1400 --screenshot="$PWD/doc/img/report-page.png" "file://$PWD/demo-report/index.html" >/dev/null 2>&1
      [ -s doc/img/report-page.png ] || { say "no screenshot for README"; exit 1; }
      say "README's screenshot doc/img/report-page.png taken anew (commit it when it changed)"
    fi
    ;;
  bench)
    need_packages "${base_packages[@]}"
    need_npm
    build_and_install
    # The benchmark cluster's settings (test/bench/server.conf, one guc=value a line) are given
    # to pg_virtualenv, which writes them into the cluster's postgresql.conf before it starts.
    # BENCH_ROWS, BENCH_RUNS, BENCH_WARMUP come from the environment (make passes its
    # command-line variables: make bench BENCH_ROWS=1000000).
    bench_opts=()
    while IFS= read -r line; do
      line=${line%%#*}
      line=${line//[[:space:]]/}
      [ -n "$line" ] && bench_opts+=(-o "$line")
    done < test/bench/server.conf
    say "starting a throwaway cluster for the benchmarks (BENCH_ROWS=${BENCH_ROWS:-10000000})"
    pg_virtualenv -v "$PGVER" "${bench_opts[@]}" -t sh -c 'set -e; bash test/bench/run.sh' 9>&-
    ;;
  valgrind)
    # make test-valgrind (not part of make test): the pg_regress suites against the server run
    # under valgrind memcheck; fails on an error in exco (test/valgrind/run.sh).
    need_packages "${base_packages[@]}" valgrind
    build_and_install
    rm -rf results regression.diffs regression.out
    in_cluster 'bash test/valgrind/run.sh'
    ;;
  stress)
    # make stress (not part of make test): pgbench, STRESS_SECONDS (default 60) with 8 clients,
    # on the triggers and the views, then the invariants (test/stress/run.sh).
    need_packages "${base_packages[@]}"
    build_and_install
    say "starting a throwaway cluster for the stress run (STRESS_SECONDS=${STRESS_SECONDS:-60})"
    in_cluster 'bash test/stress/run.sh'
    ;;
  *)
    echo "usage: $0 test|test-fdw|demo|test-browser|bench|valgrind|stress" >&2; exit 2 ;;
esac
