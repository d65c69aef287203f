-- The demo report: what test/scripts/demo-build.sql built on the loaded territory, per region.
--
--   psql -X -v ON_ERROR_STOP=1 [-v as_of=YYYY-MM-DD] -f test/scripts/demo-report.sql
--
-- Reads the reports on as_of (exco.regional_summary_at, exco.contract_overview_at,
-- exco.payments_at: the views' functions of their date) and the tables.

\if :{?as_of}
\else
  SELECT current_date AS as_of \gset
\endif
\pset footer off
\pset null '-'

\echo
\echo '== Regional summary (exco.regional_summary_at) as of' :as_of
\echo '   CPTS seated in the region per tier, population covered (communes lying in the region),'
\echo '   contracts running, their yearly ceilings (NULL when one is unknown: known part and count beside),'
\echo '   variable due for their last closed contract year (likewise), late missions of running contracts'
SELECT coalesce(region, 'FR') AS region, CASE level WHEN 'france' THEN 'France (all regions)' ELSE region_name END AS name, tier_1 AS "T1", tier_2 AS "T2", tier_3 AS "T3", tier_4 AS "T4",
       cpts, population_covered AS covered, population_share_pct AS "covered %",
       contracts AS running, yearly_ceiling, yearly_ceiling_known AS "ceiling known",
       contracts_with_gap AS "with gap", variable_due_last_year AS "variable last year",
       variable_due_last_year_known AS "known", variable_due_last_year_unknown AS "unknown",
       late_missions AS late
  FROM exco.regional_summary_at(:'as_of')
 WHERE level IN ('france', 'region');

\echo
\echo '== Contracts by status and scale (exco.contract_overview_at) as of' :as_of
SELECT status, scale, running, count(*) AS contracts, sum(yearly_ceiling) AS yearly_ceilings_known,
       count(*) FILTER (WHERE ceiling_gap IS NOT NULL) AS with_gap,
       min(ceiling_gap) AS example_gap
  FROM exco.contract_overview_at(:'as_of')
 GROUP BY status, scale, running
 ORDER BY status, scale, running;

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

\echo
\echo '== Payments of that contract per contract year (exco.payments_at): fixed advances and balances,'
\echo '   variable part from the indicators, pending while a year is not over; the total is shown only'
\echo '   when no part of it is pending or unknown (else -, with the known part beside it)'
SELECT p.contract_year AS year,
       sum(p.amount) FILTER (WHERE p.kind IN ('advance', 'balance')) AS fixed,
       CASE WHEN count(*) FILTER (WHERE p.amount IS NULL) = 0
            THEN coalesce(sum(p.amount) FILTER (WHERE p.kind = 'variable'), 0) END AS variable,
       count(*) FILTER (WHERE p.amount IS NULL) AS pending_lines,
       CASE WHEN count(*) FILTER (WHERE p.amount IS NULL) = 0 THEN sum(p.amount) END AS total,
       sum(p.amount) AS total_known
  FROM exco.payments_at(:'as_of') AS p
 WHERE p.contract = (SELECT k.id FROM exco.contract AS k
                      WHERE k.status = 'signed' AND k.signed_on < :'as_of'::date - 365 * 3
                      ORDER BY k.tier DESC, k.signed_on, k.id LIMIT 1)
 GROUP BY ROLLUP (p.contract_year)
 ORDER BY p.contract_year NULLS LAST;
