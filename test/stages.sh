# Sourced by test/harness.sh and test/cluster-stages.sh: the stages of `make test`.
#
# stage NAME COUNTER COMMAND...: runs COMMAND (its output shown on stderr and kept in
# $STAGE_DIR/NAME.log), times it, and appends "NAME PASSED FAILED SECONDS EXIT" to
# $STAGE_DIR/results. COUNTER (given the log and the exit code) reads the runner's own closing lines in the log (pg_regress's
# "All N tests passed" / "M of N tests failed", prove's "Files=N" and its failed files, make
# lint's "P of N checks passed") and prints "PASSED FAILED". A
# stage whose command exits non-zero with no failure counted counts one failure (its runner
# stopped before its summary), and so does a stage that counted nothing.
# A failing stage does not stop the others: test/harness.sh reports every stage at the end.

say() { printf '== %s\n' "$*" >&2; }

stage() {
  local name=$1 counter=$2 log start rc counts passed failed
  shift 2
  log=$STAGE_DIR/$name.log
  start=$SECONDS
  say "stage $name: $*"
  set +e
  "$@" 2>&1 | tee "$log" >&2
  rc=${PIPESTATUS[0]}
  set -e
  counts=$("$counter" "$log" "$rc")
  read -r passed failed <<<"$counts"
  passed=${passed:-0}
  failed=${failed:-0}
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  printf '%s %s %s %s %s\n' "$name" "$passed" "$failed" "$((SECONDS - start))" "$rc" >> "$STAGE_DIR/results"
  say "stage $name: $passed passed, $failed failed, $((SECONDS - start)) s (exit $rc)"
}

# One check: its exit code.
count_exit() { if [ "$2" = 0 ]; then echo "1 0"; else echo "0 1"; fi; }

# pg_regress and pg_isolation_regress (PostgreSQL 15: " All 30 tests passed. "; 16+: "# All 30
# tests passed."; a failure: "2 of 30 tests failed.").
count_pg_regress() {
  local all some
  all=$(grep -o -E 'All [0-9]+ tests passed' "$1" | tail -n 1 | awk '{print $2}')
  some=$(grep -o -E '[0-9]+ of [0-9]+ tests failed' "$1" | tail -n 1 | awk '{print $1, $3}')
  if [ -n "$all" ]; then echo "$all 0"
  elif [ -n "$some" ]; then set -- $some; echo "$(($2 - $1)) $1"
  fi
}

# prove and pg_prove (TAP::Harness): "Files=N, Tests=M, ..." and one "FILE (Wstat: ...)" line per
# failed file in the Test Summary Report (a file without a plan is one of them). Counted by file.
# A file that skips itself ("FILE .. skipped: reason", plan skip_all) counts as failed: a DBA's
# `make installcheck` outside git may skip (test/t/030_dist.pl, 050_report_page.pl say why), but
# make test installs and checks out everything they need, so a skip there hides a test.
count_prove() {
  local files bad skipped
  files=$(sed -n 's/^Files=\([0-9][0-9]*\),.*/\1/p' "$1" | tail -n 1)
  [ -n "$files" ] || return 0
  bad=$(grep -c ' (Wstat: ' "$1" || true)
  skipped=$(grep -c -E '^(\[[0-9:]+\] )?[^ ]+ \.+ skipped: ' "$1" || true)
  echo "$((files - bad - skipped)) $((bad + skipped))"
}

# make lint: "make lint: P of N checks passed".
count_lint() {
  sed -n 's/^make lint: \([0-9][0-9]*\) of \([0-9][0-9]*\) checks passed$/\1 \2/p' "$1" | tail -n 1 \
    | awk '{print $1, $2 - $1}'
}
