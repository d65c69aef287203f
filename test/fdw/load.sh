#!/usr/bin/env bash
# The one loader of the postgres_fdw test (test/t/040_fdw.pl) and benchmark
# (test/bench/80_fdw_regional.sh): on 3 running shard servers, database exco_shard with exco and
# the rows of its 6 regions (test/fdw/shard.sql, data.sql; region number n of the 18, in INSEE code
# order, on shard n mod 3), loaded side by side; then, on the server the PG* environment names,
# database DB (created here) as the coordinator: one postgres_fdw server per shard, schema fed
# partitioned over the shards, schema one with the same rows locally (test/fdw/coordinator.sql).
#
#   bash test/fdw/load.sh DB CONTRACTS USER HOST0 PORT0 HOST1 PORT1 HOST2 PORT2
#
# USER: the role the coordinator connects to the shards as (trust authentication); HOSTn: an
# address or a socket directory. Exit 1 when anything fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 9 ] || { echo "usage: $0 DB CONTRACTS USER HOST0 PORT0 HOST1 PORT1 HOST2 PORT2" >&2; exit 2; }
db=$1 contracts=$2 user=$3
shift 3
hosts=("$1" "$3" "$5") ports=("$2" "$4" "$6")
regions=(01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94)
quote() { local out= r; for r in "$@"; do out+="${out:+, }'$r'"; done; printf '%s' "$out"; }

pids=()
for i in 0 1 2; do
  mine=()
  for ((k = i; k < ${#regions[@]}; k += 3)); do mine+=("${regions[k]}"); done
  (
    export PGHOST=${hosts[i]} PGPORT=${ports[i]} PGUSER=$user PGPASSWORD=
    createdb exco_shard
    psql -X -q -v ON_ERROR_STOP=1 -d exco_shard -v regions="$(quote "${mine[@]}")" \
      -v contracts="$contracts" -f test/fdw/shard.sql >/dev/null
  ) &
  pids+=($!)
done
createdb "$db"
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
[ "$rc" = 0 ] || { echo "fdw load: a shard failed to load" >&2; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v host0="${hosts[0]}" -v host1="${hosts[1]}" -v host2="${hosts[2]}" \
  -v port0="${ports[0]}" -v port1="${ports[1]}" -v port2="${ports[2]}" -v fdw_user="$user" \
  -v contracts="$contracts" -v all_regions="$(quote "${regions[@]}")" -f test/fdw/coordinator.sql >/dev/null
