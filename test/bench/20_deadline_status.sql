-- Benchmark 2, deadline_status: exco.deadline_status() over BENCH_ROWS contract-missions as of
-- 2022-06-30, against the same rules (DOMAIN.md §3, src/deadline.c) written
--   sql_case  as a CASE with interval arithmetic               goal marginal ratio <= 0.5
--   plpgsql   as a PL/pgSQL function                           goal marginal ratio <= 0.1
-- and the floor: count(deployed_on), which reads the same columns and rows (deployed_on is the
-- last: the whole row is deformed) and computes nothing (deadline_status_vs_floor, no goal).
-- Marginal ratio = (exco - floor) / (baseline - floor).
-- Missions are uniform over the 7 lines (so about 3/7 are 'free'), signatures uniform over
-- 2019-08-25 .. 2022-02-09; 15 % not started, 35 % of the started ones not deployed; starts up to
-- ~15 months and deployments up to ~2 years after, so every status occurs.

\warn == deadline_status: generating :rows contract-missions
SELECT setseed(0.2) \g /dev/null
CREATE TABLE bench.mission AS
  SELECT mission, signed_on, started_on,
         CASE WHEN started_on IS NOT NULL AND r > 0.35 THEN started_on + (random() * 720)::integer END AS deployed_on
    FROM (SELECT mission, signed_on, random() AS r,
                 CASE WHEN random() > 0.15 THEN signed_on + (random() * 450)::integer END AS started_on
            FROM (SELECT (enum_range(NULL::exco.mission))[1 + floor(random() * 7)::integer] AS mission,
                         DATE '2019-08-25' + (random() * 900)::integer AS signed_on
                    FROM generate_series(1, :rows)) g) s;
VACUUM (FREEZE, ANALYZE) bench.mission;
SELECT pg_prewarm('bench.mission') \g /dev/null

-- The rules as a user would port them to PL/pgSQL, with the same checks, markings and
-- NULL handling as exco.deadline_status (not STRICT: started_on, deployed_on may be NULL).
CREATE FUNCTION bench.deadline_status_plpgsql(m exco.mission, signed_on date, started_on date,
                                              deployed_on date, as_of date)
  RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  start_by  date;
  deploy_by date;
BEGIN
  IF m IS NULL OR signed_on IS NULL OR as_of IS NULL THEN
    RETURN NULL;
  END IF;
  IF started_on < signed_on THEN
    RAISE EXCEPTION 'mission % started on %, before the contract was signed on %', m, started_on, signed_on
      USING ERRCODE = '22023';
  END IF;
  IF deployed_on IS NOT NULL AND started_on IS NULL THEN
    RAISE EXCEPTION 'mission % deployed on % without a start date', m, deployed_on USING ERRCODE = '22023';
  END IF;
  IF deployed_on < started_on THEN
    RAISE EXCEPTION 'mission % deployed on %, before it started on %', m, deployed_on, started_on
      USING ERRCODE = '22023';
  END IF;
  IF m NOT IN ('acces_soins', 'parcours', 'prevention', 'crises_sanitaires') THEN
    RETURN 'free';
  END IF;
  IF started_on > as_of THEN
    started_on := NULL;
  END IF;
  IF deployed_on > as_of THEN
    deployed_on := NULL;
  END IF;
  IF m IN ('acces_soins', 'crises_sanitaires') THEN
    start_by := signed_on + interval '6 months';
    deploy_by := signed_on + interval '18 months';
  ELSE
    start_by := signed_on + interval '12 months';
    deploy_by := signed_on + interval '24 months';
  END IF;
  IF started_on IS NULL THEN
    RETURN CASE WHEN as_of <= start_by THEN 'not_started' ELSE 'start_overdue' END;
  END IF;
  IF deployed_on IS NULL THEN
    IF as_of > deploy_by THEN
      RETURN 'deploy_overdue';
    END IF;
    RETURN CASE WHEN started_on > start_by THEN 'started_late' ELSE 'in_progress' END;
  END IF;
  RETURN CASE WHEN started_on <= start_by AND deployed_on <= deploy_by
              THEN 'deployed_on_time' ELSE 'deployed_late' END;
END $$;

-- The rules as a CASE: starts/deployments after as_of are not known yet; deadlines by interval
-- arithmetic (date + interval 'N months' clamps to the month's end, as exco does).
CREATE VIEW bench.deadline_status_case AS
SELECT CASE
         WHEN mission NOT IN ('acces_soins', 'parcours', 'prevention', 'crises_sanitaires') THEN 'free'
         WHEN started IS NULL THEN
           CASE WHEN as_of <= start_by THEN 'not_started' ELSE 'start_overdue' END
         WHEN deployed IS NULL THEN
           CASE WHEN as_of > deploy_by THEN 'deploy_overdue'
                WHEN started > start_by THEN 'started_late'
                ELSE 'in_progress' END
         WHEN started <= start_by AND deployed <= deploy_by THEN 'deployed_on_time'
         ELSE 'deployed_late'
       END AS status
  FROM (SELECT mission, as_of,
               CASE WHEN started_on <= as_of THEN started_on END AS started,
               CASE WHEN deployed_on <= as_of THEN deployed_on END AS deployed,
               signed_on + CASE WHEN mission IN ('acces_soins', 'crises_sanitaires')
                                THEN interval '6 months' ELSE interval '12 months' END AS start_by,
               signed_on + CASE WHEN mission IN ('acces_soins', 'crises_sanitaires')
                                THEN interval '18 months' ELSE interval '24 months' END AS deploy_by
          FROM bench.mission, (VALUES (DATE '2022-06-30')) AS p(as_of)) m;

SELECT bench.check('deadline_status counts per status',
  (SELECT string_agg(format('%s=%s', s, n), ' ' ORDER BY s)
     FROM (SELECT exco.deadline_status(mission, signed_on, started_on, deployed_on, DATE '2022-06-30')::text AS s,
                  count(*) AS n
             FROM bench.mission GROUP BY 1) x),
  'sql_case',
  (SELECT string_agg(format('%s=%s', status, n), ' ' ORDER BY status)
     FROM (SELECT status, count(*) AS n FROM bench.deadline_status_case GROUP BY 1) x));

\warn == deadline_status: timing
SELECT bench.time_queries(
  ARRAY['deadline_status/exco', 'deadline_status/sql_case', 'deadline_status/plpgsql', 'deadline_status/floor'],
  ARRAY[$q$SELECT count(exco.deadline_status(mission, signed_on, started_on, deployed_on, DATE '2022-06-30'))
             FROM bench.mission$q$,
        $q$SELECT count(status) FROM bench.deadline_status_case$q$,
        $q$SELECT count(bench.deadline_status_plpgsql(mission, signed_on, started_on, deployed_on, DATE '2022-06-30'))
             FROM bench.mission$q$,
        $q$SELECT count(deployed_on) FROM bench.mission$q$]);

SELECT bench.compare('deadline_status_vs_case', 'deadline_status/exco', 'sql_case', 'deadline_status/sql_case', 0.5,
                     'deadline_status/floor');
SELECT bench.compare('deadline_status_vs_plpgsql', 'deadline_status/exco', 'plpgsql', 'deadline_status/plpgsql', 0.1,
                     'deadline_status/floor');
SELECT bench.compare('deadline_status_vs_floor', 'deadline_status/exco', 'floor', 'deadline_status/floor', NULL);

DROP VIEW bench.deadline_status_case;
DROP TABLE bench.mission;
