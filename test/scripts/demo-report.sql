-- The demo report: what test/scripts/demo-build.sql built on the loaded territory, per region.
--
--   psql -X -v ON_ERROR_STOP=1 [-v as_of=YYYY-MM-DD] -f test/scripts/demo-report.sql
--
-- Reads the tables directly; the regional summary views will replace these queries.

\if :{?as_of}
\else
  SELECT current_date AS as_of \gset
\endif
\pset footer off
\pset null '-'

\echo
\echo '== CPTS per region (region of the seat; tier from the population of the territory)'
\echo '   covered: inhabitants of the region''s communes that belong to a CPTS'
WITH cpts AS (
  SELECT p.id, s.region, exco.tier(sum(c.population)::bigint)::integer AS tier
    FROM exco.cpts AS p
    JOIN exco.commune AS s ON s.code = p.seat
    JOIN exco.cpts_commune AS pc ON pc.cpts = p.id
    JOIN exco.commune AS c ON c.code = pc.commune
   GROUP BY p.id, s.region
), per_region AS (
  SELECT c.region, sum(c.population) AS population,
         coalesce(sum(c.population) FILTER (WHERE pc.cpts IS NOT NULL), 0) AS covered
    FROM exco.commune AS c LEFT JOIN exco.cpts_commune AS pc ON pc.commune = c.code
   GROUP BY c.region
), contracts AS (
  SELECT k.region, count(*) AS contracts,
         count(*) FILTER (WHERE k.status = 'signed') AS running,
         count(*) FILTER (WHERE k.status = 'ended') AS ended,
         count(*) FILTER (WHERE k.status = 'terminated') AS terminated
    FROM exco.contract AS k GROUP BY k.region
), line AS (
  SELECT r.code, r.name,
         (SELECT count(*) FROM cpts AS p WHERE p.region = r.code AND p.tier = 1) AS t1,
         (SELECT count(*) FROM cpts AS p WHERE p.region = r.code AND p.tier = 2) AS t2,
         (SELECT count(*) FROM cpts AS p WHERE p.region = r.code AND p.tier = 3) AS t3,
         (SELECT count(*) FROM cpts AS p WHERE p.region = r.code AND p.tier = 4) AS t4,
         pr.population, pr.covered,
         coalesce(k.contracts, 0) AS contracts, coalesce(k.running, 0) AS running,
         coalesce(k.ended, 0) AS ended, coalesce(k.terminated, 0) AS terminated
    FROM exco.region AS r
    JOIN per_region AS pr ON pr.region = r.code
    LEFT JOIN contracts AS k ON k.region = r.code
)
SELECT code, name AS region, t1 AS "T1", t2 AS "T2", t3 AS "T3", t4 AS "T4",
       t1 + t2 + t3 + t4 AS cpts, population, covered,
       round(100.0 * covered / nullif(population, 0), 1) AS "covered %",
       contracts, running, ended, terminated
  FROM (SELECT * FROM line
        UNION ALL
        SELECT 'all', 'all regions', sum(t1), sum(t2), sum(t3), sum(t4), sum(population),
               sum(covered), sum(contracts), sum(running), sum(ended), sum(terminated)
          FROM line) AS x
 ORDER BY code = 'all', code;

\echo
\echo '== Mission deadlines of all contracts as of' :as_of
SELECT cm.mission,
       count(*) FILTER (WHERE s = 'not_started') AS not_started,
       count(*) FILTER (WHERE s = 'start_overdue') AS start_overdue,
       count(*) FILTER (WHERE s = 'in_progress') AS in_progress,
       count(*) FILTER (WHERE s = 'started_late') AS started_late,
       count(*) FILTER (WHERE s = 'deploy_overdue') AS deploy_overdue,
       count(*) FILTER (WHERE s = 'deployed_on_time') AS deployed_on_time,
       count(*) FILTER (WHERE s = 'deployed_late') AS deployed_late,
       count(*) FILTER (WHERE s = 'free') AS free
  FROM exco.contract_mission AS cm
  JOIN exco.contract AS k ON k.id = cm.contract
 CROSS JOIN LATERAL exco.deadline_status(cm.mission, k.signed_on, cm.started_on, cm.deployed_on,
                                         :'as_of'::date) AS s
 GROUP BY cm.mission
 ORDER BY cm.mission;

\echo
\echo '== A few contracts (one per tier, the latest signed before 2022-04-01 and after), as of' :as_of
WITH pick AS (
  SELECT DISTINCT ON (k.tier, k.signed_on >= date '2022-04-01') k.id
    FROM exco.contract AS k
   WHERE k.status = 'signed'
   ORDER BY k.tier, k.signed_on >= date '2022-04-01', k.signed_on DESC, k.id
)
SELECT p.name AS cpts, k.tier, k.population,
       k.cpam_departement AS cpam, k.signed_on, k.scale, cm.mission, cm.started_on, cm.deployed_on,
       exco.deadline_status(cm.mission, k.signed_on, cm.started_on, cm.deployed_on, :'as_of'::date)
         AS status,
       (SELECT count(*) FROM exco.indicator AS i WHERE i.contract = k.id AND i.mission = cm.mission)
         AS indicators,
       (SELECT count(*) FROM exco.indicator AS i JOIN exco.measure AS m ON m.indicator = i.id
         WHERE i.contract = k.id AND i.mission = cm.mission) AS measures
  FROM pick
  JOIN exco.contract AS k ON k.id = pick.id
  JOIN exco.cpts AS p ON p.id = k.cpts
  JOIN exco.contract_mission AS cm ON cm.contract = k.id
 ORDER BY k.tier, k.signed_on, p.name, cm.mission;

\echo
\echo '== Indicators of one contract, with their measures per contract year'
WITH one AS (
  SELECT k.id FROM exco.contract AS k
   WHERE k.status = 'signed' AND k.signed_on < :'as_of'::date - 365 * 3
   ORDER BY k.tier DESC, k.signed_on, k.id LIMIT 1
)
SELECT p.name AS cpts, i.mission, i.code, i.kind,
       i.starting, i.objective,
       coalesce(i.amount::text, array_to_string(i.thresholds, ' / ') || ' → ' || array_to_string(i.amounts, ' / '))
         AS pays,
       (SELECT string_agg('Y' || m.contract_year || ' ' || m.value, '  ' ORDER BY m.contract_year)
          FROM exco.measure AS m WHERE m.indicator = i.id) AS measures
  FROM one
  JOIN exco.contract AS k ON k.id = one.id
  JOIN exco.cpts AS p ON p.id = k.cpts
  JOIN exco.indicator AS i ON i.contract = k.id
 ORDER BY i.mission, i.code;
