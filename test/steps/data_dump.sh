#!/usr/bin/env bash
# pg_dump and restore keep the user data of every exco table: the territory, CPTS, contracts,
# missions, indicators and measures (all registered with pg_extension_config_dump), and the views
# answer the same after the restore. The restore replays the rows through the validation
# triggers, so it also proves that valid data restores.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

src=exco_data_dump_src
dst=exco_data_dump_dst
dump=$(mktemp)
cleanup() {
  rm -f "$dump"
  dropdb --if-exists "$src" >/dev/null 2>&1 || true
  dropdb --if-exists "$dst" >/dev/null 2>&1 || true
}
trap cleanup EXIT
say() { printf 'data_dump: %s\n' "$*"; }
fail() { printf 'data_dump: FAIL: %s\n' "$*" >&2; exit 1; }

# One line per table: its name, row count and an md5 of its rows in a fixed order; then the
# regional summary and the payments; then the identity sequences' positions.
fingerprint() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT t, n, md5 FROM (
  SELECT 'region' AS t, count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS md5 FROM exco.region x
  UNION ALL SELECT 'departement', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.departement x
  UNION ALL SELECT 'epci', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.epci x
  UNION ALL SELECT 'commune', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.commune x
  UNION ALL SELECT 'cpts', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.cpts x
  UNION ALL SELECT 'cpts_commune', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.cpts_commune x
  UNION ALL SELECT 'contract', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.contract x
  UNION ALL SELECT 'contract_mission', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.contract_mission x
  UNION ALL SELECT 'indicator', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.indicator x
  UNION ALL SELECT 'measure', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.measure x
  UNION ALL SELECT 'regional_summary', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.regional_summary x
  UNION ALL SELECT 'payments', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.payments x
) f ORDER BY t;
SELECT 'identity sequences', (SELECT last_value FROM exco.cpts_id_seq), (SELECT last_value FROM exco.contract_id_seq),
       (SELECT last_value FROM exco.indicator_id_seq);
SQL
}

dropdb --if-exists "$dst" >/dev/null 2>&1 || true
say "source database $src: CREATE EXTENSION exco, load the fixture territory, build the demo CPTS and contracts"
bash test/fixture-db.sh "$src" 2026-06-30
before=$(fingerprint "$src")
printf '%s\n' "$before" | sed 's/^/data_dump:   /'
[ "$(printf '%s\n' "$before" | awk -F'|' '$1 == "contract" {print $2}')" -gt 0 ] || fail "the source has no contracts"

say "pg_dump $src | psql $dst"
pg_dump -d "$src" > "$dump"
createdb "$dst"
psql -X -q -v ON_ERROR_STOP=1 -d "$dst" -f "$dump" >/dev/null || fail "the restore failed"
after=$(fingerprint "$dst")
if [ "$before" != "$after" ]; then
  diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
  fail "the restored database differs from the source"
fi
say "OK: every table, the views and the identity sequences are the same after pg_dump and restore"
