#!/usr/bin/env bash
# pg_dump keeps the scale rows users add (a new amendment, the missing cells of the partial
# aci-cpts-2022) and does not duplicate the shipped ones on restore into a fresh CREATE EXTENSION.
# Runs inside the throwaway cluster of test/harness.sh (PG* environment set). Exit 1 on failure.
set -euo pipefail

src=exco_scale_dump_src
dst=exco_scale_dump_dst
dump=$(mktemp)
log=$(mktemp)
cleanup() {
  rm -f "$dump" "$log"
  dropdb --if-exists "$src" >/dev/null 2>&1 || true
  dropdb --if-exists "$dst" >/dev/null 2>&1 || true
}
trap cleanup EXIT
say() { printf 'scale_dump: %s\n' "$*"; }
fail() { printf 'scale_dump: FAIL: %s\n' "$*" >&2; exit 1; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# Everything a database holds in the scale tables, one line per row, in a fixed order.
rows_sql="SELECT s.scale, s.effective_from, s.complete, coalesce(s.source, ''),
                 a.line, a.tier, a.share, a.amount, coalesce(a.provenance, '')
            FROM exco.scale s LEFT JOIN exco.scale_amount a USING (scale)
           ORDER BY s.scale, a.line, a.tier, a.share"

dropdb --if-exists "$src" >/dev/null 2>&1 || true
dropdb --if-exists "$dst" >/dev/null 2>&1 || true
createdb "$src"
say "source database $src: CREATE EXTENSION exco, then add a user scale and complete aci-cpts-2022"
psql -X -q -v ON_ERROR_STOP=1 -d "$src" <<'SQL'
CREATE EXTENSION exco;
SELECT exco.create_tables();
INSERT INTO exco.scale_sheet (scale, effective_from, complete, source, line, share,
                              taille_1, taille_2, taille_3, taille_4, provenance) VALUES
  ('user-2030', '2030-01-01', false, 'user test', 'fonctionnement', 'fixed', 51000, 61000, 76000, 91000, 'user'),
  ('user-2030', '2030-01-01', false, 'user test', 'parcours', 'fixed', 26000, 36000, 46000, 51000, 'user'),
  ('user-2030', '2030-01-01', false, 'user test', 'parcours', 'variable', 24000, 34000, 44000, 49000, 'user'),
  ('user-2030', '2030-01-01', false, 'user test', 'acces_soins', 'dedicated', NULL, NULL, 56000, NULL, 'user');
-- cells the shipped partial scale does not have: parcours T1, fonctionnement T3, the T3 SNP envelope
INSERT INTO exco.scale_sheet (scale, line, share, taille_1, taille_3, provenance) VALUES
  ('aci-cpts-2022', 'parcours', 'fixed', 25000, NULL, 'user'),
  ('aci-cpts-2022', 'parcours', 'variable', 25000, NULL, 'user'),
  ('aci-cpts-2022', 'fonctionnement', 'fixed', NULL, 75000, 'user'),
  ('aci-cpts-2022', 'acces_soins', 'dedicated', NULL, 55000, 'user');
SQL
q "$src" "$rows_sql" > "$dump.src"
say "source: $(q "$src" "SELECT count(*) FROM exco.scale") scales, $(q "$src" "SELECT count(*) FROM exco.scale_amount") amounts (shipped: 2 scales, 60 amounts)"

say "pg_dump $src, restore into a new database $dst"
pg_dump -d "$src" -f "$dump"
grep -q "user-2030" "$dump" || fail "the dump does not contain the user scale user-2030"
if grep -q "reconstructed from published totals" "$dump"; then
  fail "the dump contains shipped aci-cpts-2019 rows: a restore would duplicate them"
fi
createdb "$dst"
if ! psql -X -q -v ON_ERROR_STOP=1 -d "$dst" -f "$dump" > "$log" 2>&1; then
  cat "$log" >&2
  fail "restoring the dump into $dst failed (duplicated shipped rows?)"
fi

say "check: every scale row of $src is in $dst, and nothing more"
q "$dst" "$rows_sql" > "$dump.dst"
if ! diff -u "$dump.src" "$dump.dst" > "$log"; then
  cat "$log" >&2
  rm -f "$dump.src" "$dump.dst"
  fail "the restored scale tables differ from the source"
fi
rm -f "$dump.src" "$dump.dst"

say "check: shipped rows not duplicated (aci-cpts-2019: 48 amounts, aci-cpts-2022: 12 shipped + 4 added)"
got=$(q "$dst" "SELECT string_agg(scale || '=' || n, ' ' ORDER BY scale) FROM (SELECT scale, count(*) AS n FROM exco.scale_amount GROUP BY scale) x")
[ "$got" = "aci-cpts-2019=48 aci-cpts-2022=16 user-2030=13" ] || fail "amounts per scale after restore: $got"

say "check: the restored user scale and completed cells answer exco.ceiling()"
got=$(q "$dst" "SELECT (exco.ceiling('parcours', '2', '2030-06-01')).total || ' ' || (exco.ceiling('parcours', '1', '2023-01-01')).total || ' ' || exco.contract_ceiling('3', '2030-06-01', '{parcours}')")
[ "$got" = "70000.00 50000.00 166000.00" ] || fail "ceilings after restore: $got (expected 70000.00 50000.00 166000.00)"

say "OK: user scale rows kept by pg_dump, shipped rows restored once"
