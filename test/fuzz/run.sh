#!/usr/bin/env bash
# make fuzz: build each libFuzzer target of test/fuzz/ with clang-14 (-fsanitize=fuzzer,address,
# undefined) against the pure cores of src/ (no PostgreSQL server, no server header), run it for
# FUZZ_SECONDS (default 60) from its committed corpus test/fuzz/corpus/<target>/, and print the
# executions and crashes of each. New inputs go to a scratch directory, not into the corpus;
# a crash leaves its input in test/fuzz/build/ and makes the run exit 1.
set -euo pipefail
cd "$(dirname "$0")/../.."

secs=${FUZZ_SECONDS:-60}
cc=${FUZZ_CC:-clang-14}
out=test/fuzz/build
say() { printf 'fuzz: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@" || sudo "$@"; fi
}
missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep 'install ok installed' >/dev/null || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing missing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# target: the pure sources it tests (calendar_core.h is header-only)
declare -A sources=(
  [tier]="src/tier_core.c"
  [calendar]=""
  [rate]="src/rate_core.c"
  [numeric]="src/numeric_core.c"
  [step]="src/step_core.c"
)
flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -Wall -Wextra -Werror)

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
summary=()
for t in tier calendar rate numeric step; do
  # shellcheck disable=SC2086
  "$cc" "${flags[@]}" "test/fuzz/fuzz_$t.c" ${sources[$t]} -o "$out/fuzz_$t"
  mkdir -p "$work/$t" "test/fuzz/corpus/$t"
  say "$t: ${secs}s"
  rc=0
  "$out/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$out/$t-" \
    "$work/$t" "test/fuzz/corpus/$t" > "$work/$t.log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -n 1)
  crashes=0
  if [ "$rc" -ne 0 ]; then
    crashes=1
    failed=1
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$work/$t.log" >&2 || tail -n 20 "$work/$t.log" >&2
  fi
  summary+=("$(printf '%-9s %12s executions  %d crashes' "$t" "${execs:-?}" "$crashes")")
done
printf 'fuzz: %s\n' "${summary[@]}"
exit "$failed"
