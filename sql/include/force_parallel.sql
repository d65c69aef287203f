-- Force a parallel plan for the rest of the session (included by the suites that compare a
-- parallel run with a serial one): workers even for small tables, and the leader leaves the
-- rows to them so that every state and result crosses the worker boundary.
SELECT current_setting('server_version_num')::integer >= 160000 AS pg16 \gset
\if :pg16
SET debug_parallel_query = on;
\else
SET force_parallel_mode = on;
\endif
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
