#!/usr/bin/env bash
# The upgrade re-creates the reports and the column comments from copies of the fresh-install
# parts: src/upgrade/40_views.sql = src/sql/60_views.sql, src/upgrade/45_column_comments.sql =
# src/sql/65_column_comments.sql (test/steps/upgrade.sh compares the resulting schemas; this
# names the file to copy when they drift).
set -euo pipefail
cd "$(dirname "$0")/../.."
ok=1
for pair in "src/sql/60_views.sql src/upgrade/40_views.sql" \
            "src/sql/65_column_comments.sql src/upgrade/45_column_comments.sql"; do
  set -- $pair
  if ! cmp -s "$1" "$2"; then
    echo "report_parts: $2 differs from $1: cp $1 $2" >&2
    ok=0
  fi
done
[ "$ok" = 1 ] || exit 1
echo "report_parts: OK: the upgrade parts 40 and 45 are copies of src/sql/60 and 65"
