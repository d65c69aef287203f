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
\echo '   variable due for their last closed contract year (likewise), missions of running contracts overdue'
\echo '   (open past their deadline today) and late (finished after it)'
SELECT coalesce(region, 'FR') AS region, CASE level WHEN 'france' THEN 'France (all regions)' ELSE region_name END AS name, tier_1 AS "T1", tier_2 AS "T2", tier_3 AS "T3", tier_4 AS "T4",
       cpts, population_covered AS covered, population_share_pct AS "covered %",
       contracts AS running, yearly_ceiling, yearly_ceiling_known AS "ceiling known",
       contracts_with_gap AS "with gap", variable_due_last_year AS "variable last year",
       variable_due_last_year_known AS "known", variable_due_last_year_unknown AS "unknown",
       overdue_missions AS overdue, late_missions AS late
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

-- ---------------------------------------------------------------------------------------------
-- The other schemes (doc/schemes.md): structures, forfait structure, medical assistants, ETP,
-- start-up aid, on the rows test/scripts/demo-schemes.sql built.

\echo
\echo '== Other schemes per region (exco.territory_money_at), as of' :as_of
\echo '   CPTS ceilings of the contracts running then (NULL total when a scale has a gap: known part and unknown count beside it),'
\echo '   medical-assistant aid of the running contract year, ETP module-2 pay of last year,'
\echo '   forfait structure at risk this year for the GPs of the recorded structures'
SELECT region, region_name AS name,
       cpts_contracts_running AS cpts, cpts_ceiling_this_year AS cpts_ceiling,
       cpts_ceiling_this_year_known AS cpts_known, cpts_ceiling_unknown AS cpts_unknown,
       assistant_contracts_running AS assistants, assistant_aid_this_contract_year AS assistant_aid,
       etp_year, etp_programmes AS etp, etp_programmes_below_minimum AS "etp < 50", etp_pay,
       gps_in_structures AS gps, gps_at_risk AS "gps at risk", forfait_structure_at_risk AS at_risk
  FROM exco.territory_money_at(:'as_of')
 WHERE departement IS NULL
 ORDER BY region;

\echo
\echo '== Structures by kind: members, GPs, and the forfait structure at stake (exco.structure_valid,'
\echo '   exco.coordination_validated: an ESS alone does not validate the indicator)'
SELECT s.kind, count(DISTINCT s.id) AS structures,
       count(*) AS members,
       count(*) FILTER (WHERE m.profession = 'medecin_generaliste') AS gps,
       count(DISTINCT s.id) FILTER (WHERE NOT v.valid) AS invalid,
       exco.coordination_validated(ARRAY[s.kind]) AS validates_indicator,
       CASE WHEN (SELECT min(f.effective_from) FROM exco.forfait_structure AS f) <= :'as_of'::date
            THEN exco.forfait_structure_at_risk(ARRAY[s.kind], :'as_of'::date) END AS at_risk_per_gp_alone
  FROM exco.structure AS s
  JOIN exco.structure_member AS m ON m.structure = s.id
 CROSS JOIN LATERAL (SELECT exco.structure_valid(s.kind, (SELECT array_agg(x.profession)
                       FROM exco.structure_member AS x WHERE x.structure = s.id)) AS valid) AS v
 GROUP BY s.kind
 ORDER BY s.kind;

\echo
\echo '== Medical-assistant contracts by time share and contract year on as_of: aid (years 1-2 guaranteed,'
\echo '   from year 3 a ceiling) and the MT patients committed to (exco.assistant_aid, exco.assistant_target)'
SELECT a.share, least(y.contract_year, 3) AS "contract year (3 = 3+)", count(*) AS contracts,
       sum(exco.assistant_aid(a.share, y.contract_year, a.signed_on)) AS aid,
       sum(a.mt_patients) AS mt_patients,
       sum(exco.assistant_target(a.share, a.mt_patients, a.newly_installed OR a.over_20pct_under_16)) AS mt_committed
  FROM exco.assistant_contract AS a
 CROSS JOIN LATERAL (SELECT extract(year FROM age(:'as_of'::date, a.signed_on))::integer + 1 AS contract_year) AS y
 WHERE a.signed_on <= :'as_of'::date AND (a.ends_on IS NULL OR :'as_of'::date < a.ends_on)
 GROUP BY a.share, least(y.contract_year, 3)
 ORDER BY a.share, 2;

\echo
\echo '== ETP programmes per year: file active, programmes under the minimum of 50, module-2 pay of the'
\echo '   others (exco.etp_programme_pay over the patient rows)'
SELECT f.year, count(*) AS programmes,
       count(*) FILTER (WHERE f.file_active < 50) AS "under 50",
       sum(f.file_active) AS patients,
       sum(CASE WHEN f.file_active >= 50 THEN
             (SELECT exco.etp_programme_pay(p.sessions, p.dropped_out,
                       CASE WHEN g.built_in = f.year THEN g.professionals_trained ELSE 0 END, g.built_in = f.year)
                FROM exco.etp_patient AS p WHERE p.programme = g.id AND p.year = f.year) END) AS pay
  FROM exco.etp_programme AS g
  JOIN (SELECT programme, year, count(*) AS file_active FROM exco.etp_patient GROUP BY programme, year) AS f
    ON f.programme = g.id
 GROUP BY f.year
 ORDER BY f.year;

\echo
\echo '== Start-up aid before a CPTS contract (exco.startup_aid): national guideline and the'
\echo '   Bourgogne-Franche-Comté variant (27), taille 2'
SELECT scope, item, amount_min, amount_max, provenance
  FROM (SELECT * FROM exco.startup_aid('2') UNION ALL SELECT * FROM exco.startup_aid('2', '27')) AS s
 ORDER BY scope DESC, item;
