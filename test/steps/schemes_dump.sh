#!/usr/bin/env bash
# pg_dump and restore keep the rows of the other schemes' tables (doc/schemes.md): structures and
# their members (the deferred composition check passes on a restore, which inserts all members in
# one COPY), medical-assistant contracts, ETP programmes and patients, the rows users add to the
# dated tables (and not the shipped ones twice), and exco.territory_money answers the same.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

src=exco_schemes_dump_src
dst=exco_schemes_dump_dst
dump=$(mktemp)
cleanup() {
  rm -f "$dump"
  dropdb --if-exists "$src" >/dev/null 2>&1 || true
  dropdb --if-exists "$dst" >/dev/null 2>&1 || true
}
trap cleanup EXIT
say() { printf 'schemes_dump: %s\n' "$*"; }
fail() { printf 'schemes_dump: FAIL: %s\n' "$*" >&2; exit 1; }

fingerprint() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT t, n, md5 FROM (
  SELECT 'structure' AS t, count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS md5 FROM exco.structure x
  UNION ALL SELECT 'structure_member', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.structure_member x
  UNION ALL SELECT 'assistant_contract', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.assistant_contract x
  UNION ALL SELECT 'etp_programme', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.etp_programme x
  UNION ALL SELECT 'etp_patient', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.etp_patient x
  UNION ALL SELECT 'forfait_structure', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.forfait_structure x
  UNION ALL SELECT 'assistant_aid_amount', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.assistant_aid_amount x
  UNION ALL SELECT 'startup_aid_item', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.startup_aid_item x
  UNION ALL SELECT 'territory_money', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM exco.territory_money x
) f ORDER BY t;
SELECT 'identity sequences', (SELECT last_value FROM exco.structure_id_seq), (SELECT last_value FROM exco.assistant_contract_id_seq),
       (SELECT last_value FROM exco.etp_programme_id_seq), (SELECT last_value FROM exco.startup_aid_item_id_seq);
SQL
}

dropdb --if-exists "$dst" >/dev/null 2>&1 || true
say "source database $src: the fixture territory, the demo CPTS and schemes, a user row in each dated table"
bash test/fixture-db.sh "$src" 2026-06-30 schemes
psql -X -q -v ON_ERROR_STOP=1 -d "$src" >/dev/null <<'SQL'
INSERT INTO exco.forfait_structure VALUES ('2030-01-01', 3000, 7000, 'user', 'user');
INSERT INTO exco.assistant_aid_amount VALUES ('2030-01-01', '1/3', 1, 13000, true, 'user', 'user');
INSERT INTO exco.startup_aid_item (tier, item, label, amount_min, amount_max, effective_from, source, provenance)
VALUES ('1', 'professionals_time', 'user', 10000, 10000, '2023-01-01', 'user', 'user');
SQL
before=$(fingerprint "$src")
printf '%s\n' "$before" | sed 's/^/schemes_dump:   /'
[ "$(printf '%s\n' "$before" | awk -F'|' '$1 == "structure_member" {print $2}')" -gt 0 ] || fail "the source has no structure members"
[ "$(printf '%s\n' "$before" | awk -F'|' '$1 == "etp_patient" {print $2}')" -gt 0 ] || fail "the source has no ETP patients"

say "pg_dump $src | psql $dst"
pg_dump -d "$src" > "$dump"
createdb "$dst"
psql -X -q -v ON_ERROR_STOP=1 -d "$dst" -f "$dump" >/dev/null || fail "the restore failed"
after=$(fingerprint "$dst")
if [ "$before" != "$after" ]; then
  diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
  fail "the restored database differs from the source"
fi
say "OK: every table of the other schemes, exco.territory_money and the sequences are the same after pg_dump and restore"
