#!/usr/bin/env bash
# make lint: the repository checks, each test/lint/*.sh but this one, all of them run even when one
# fails. They need no server (make lint builds exco.so first: no_shared_refs.sh reads its strings).
#   house.sh            no C file over 450 lines, no include cycle in src/
#   no_shared_refs.sh   no shipped file (nor exco.so) names ../shared, DOMAIN.md or SCALES.md
#   rules_refs.sh       every doc/rules.md §N citation and #sN link names an existing section
#   error_catalogue.sh  every SQLSTATE raised in src/ is in README's Error catalogue
# Closing line "make lint: P of N checks passed" (read by test/harness.sh); exit 1 when one failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
n=0
failed=()
for check in test/lint/*.sh; do
  [ "$check" = test/lint/run.sh ] && continue
  n=$((n + 1))
  bash "$check" || failed+=("$check")
done
printf 'make lint: %d of %d checks passed\n' "$((n - ${#failed[@]}))" "$n"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'make lint: FAILED: %s\n' "${failed[*]}" >&2
  exit 1
fi
