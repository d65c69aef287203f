# Shard clusters for the postgres_fdw benchmark (sourced by test/bench/80_fdw_regional.sh; the
# test, test/t/040_fdw.pl, starts its shards with PostgreSQL::Test::Cluster; both load them with
# test/fdw/load.sh). Each shard is a PostgreSQL cluster made with initdb in a temporary
# directory, listening on 127.0.0.1 on a free port, run by the unprivileged server user
# (`postgres` when we are root, else ourselves): no pg_createcluster, so nothing is registered
# for pg_lsclusters, and fdw_stop_shards (installed as an EXIT trap by fdw_start_shards) stops
# every server and removes every directory on every exit path.
#
#   fdw_start_shards N      start N shards on 127.0.0.1; sets FDW_PORTS (array), FDW_USER, FDW_WORK
#   fdw_stop_shards         stop and remove them (idempotent)

FDW_BIN=${FDW_BIN:-/usr/lib/postgresql/${PGVERSION:-15}/bin}
FDW_PORTS=()
FDW_WORK=
if [ "$(id -u)" = 0 ]; then FDW_USER=postgres; else FDW_USER=$(id -un); fi

fdw_as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

fdw_stop_shards() {
  local d
  [ -n "$FDW_WORK" ] || return 0
  for d in "$FDW_WORK"/shard*; do
    [ -f "$d/data/postmaster.pid" ] || continue
    fdw_as_server "$FDW_BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$FDW_WORK"
  FDW_WORK=
}

# A port nothing listens on: bash connects to it and fails. Another process may take it before
# our server does: fdw_start_one then tries the next one.
fdw_free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# initdb once, then copy the data directory for the other shards (initdb is the slow part).
fdw_start_shards() {
  local n=$1 i d port tries
  FDW_WORK=$(mktemp -d -t exco-fdw.XXXXXX)
  trap fdw_stop_shards EXIT
  trap 'exit 130' INT TERM HUP
  chmod 755 "$FDW_WORK"
  [ "$(id -u)" = 0 ] && chown postgres: "$FDW_WORK"
  fdw_as_server "$FDW_BIN/initdb" -D "$FDW_WORK/template" -U "$FDW_USER" --auth=trust \
    --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$FDW_WORK/template/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 20
max_worker_processes = 2
max_parallel_workers_per_gather = 0
log_min_messages = warning
CONF
  port=$(( 21000 + RANDOM % 20000 ))
  for ((i = 0; i < n; i++)); do
    d=$FDW_WORK/shard$i
    fdw_as_server mkdir "$d"
    fdw_as_server cp -a "$FDW_WORK/template" "$d/data"
    for tries in 1 2 3 4 5; do
      port=$(fdw_free_port $((port + 1)))
      if fdw_as_server "$FDW_BIN/pg_ctl" -D "$d/data" -l "$d/log" -w -t 30 \
           -o "-p $port -k $d" start >/dev/null; then
        FDW_PORTS[i]=$port
        break
      fi
      [ "$tries" = 5 ] && { echo "fdw: shard $i did not start:" >&2; cat "$d/log" >&2; return 1; }
    done
  done
  rm -rf "$FDW_WORK/template"
}
