#!/usr/bin/env bash
# exco across postgres_fdw shards: a coordinator (this cluster) and 3 shard clusters, the pg_regress
# suite test/fdw/sql/fdw.sql (see test/fdw/run.sh; also `make test-fdw`).
exec bash "$(dirname "$0")/../fdw/run.sh"
