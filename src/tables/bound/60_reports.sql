-- The report functions exco.<report>_at(as_of) and their views (header of
-- src/sql/60_report_helpers.sql). Every view runs with the privileges and row-level security of
-- the role that queries it (security_invoker; doc/security.md).

-- ---------------------------------------------------------------------------------------------
-- The contract running on a date, one rule for every report that counts contracts or their money
-- per CPTS (regional_summary_at, territory_money_at, cpts_overview_at): per CPTS, the contract
-- that runs on as_of (signed_on <= as_of < ends_on, not terminated: doc/rules.md §5), and when
-- two run (an old contract and its renewal overlapping), the latest signed (then the highest id):
-- the renewal. A CPTS without a running contract has no row. LANGUAGE sql with a standard body,
-- STABLE, PARALLEL SAFE, not STRICT (a NULL as_of is 22004), as the other *_at functions: inlined
-- into its caller.
CREATE FUNCTION exco.running_contract_at(as_of date) RETURNS SETOF exco.contract
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT DISTINCT ON (c.cpts) c.*
    FROM exco.contract c
   WHERE c.signed_on <= as_of AND as_of < c.ends_on AND c.status <> 'terminated'
     AND exco.report_date_given(as_of)
   ORDER BY c.cpts, c.signed_on DESC, c.id DESC;
END;
COMMENT ON FUNCTION exco.running_contract_at(date) IS
  'per CPTS, the contract running on the date (signed_on <= date < ends_on, not terminated); of an old contract and its renewal running together, the renewal (latest signed): the one rule regional_summary_at, territory_money_at and cpts_overview_at count contracts and their money by';

-- ---------------------------------------------------------------------------------------------
-- What one indicator earned from one measure (doc/rules.md §4.5), the one rule of
-- exco.indicator_result_at (per contract year) and exco.payments_at (per measure).
-- continuous: rate = exco.attainment(value, starting, objective), earned = rate × amount (cents,
-- half away from zero); stepped: earned = exco.step_amount(value, thresholds, amounts), rate =
-- earned / the top amount (the last: amounts never decrease). A missing measure (NULL value)
-- earns 0. A row the rules cannot read (a measure, starting level, objective, amount or weight
-- that is not a finite number; lower_is_better contradicting the levels) has NULL rate and
-- earned and says why in unknown_reason. LANGUAGE sql with a standard body, STABLE (as
-- exco.attainment and exco.step_amount), PARALLEL SAFE, not STRICT: inlined into its callers.
CREATE FUNCTION exco.indicator_measure_result(kind exco.indicator_kind, starting numeric,
    objective numeric, lower_is_better boolean, amount numeric, thresholds numeric[],
    amounts numeric[], weight numeric, value numeric)
  RETURNS TABLE (rate numeric, earned numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT
         CASE WHEN q.reason IS NOT NULL THEN NULL
              WHEN value IS NULL THEN 0
              WHEN kind = 'continuous' THEN
                CASE WHEN lower_is_better IS NULL THEN exco.attainment(value, starting, objective)
                     ELSE exco.attainment(value, starting, objective, lower_is_better) END
              ELSE trim_scale(round(
                     CASE WHEN lower_is_better IS NULL THEN exco.step_amount(value, thresholds, amounts)
                          ELSE exco.step_amount(value, thresholds, amounts, lower_is_better) END
                     / nullif(amounts[array_upper(amounts, 1)], 0), 20))
         END,
         CASE WHEN q.reason IS NOT NULL THEN NULL
              WHEN value IS NULL THEN 0.00
              WHEN kind = 'continuous' THEN round(amount *
                CASE WHEN lower_is_better IS NULL THEN exco.attainment(value, starting, objective)
                     ELSE exco.attainment(value, starting, objective, lower_is_better) END, 2)
              WHEN lower_is_better IS NULL THEN round(exco.step_amount(value, thresholds, amounts), 2)
              ELSE round(exco.step_amount(value, thresholds, amounts, lower_is_better), 2)
         END,
         q.reason
    -- the checks in C (exco.indicator_unknown_reason): a CASE of a dozen numeric comparisons,
    -- evaluated for every reference to reason, cost most of exco.payments_at's time per measure
    FROM (SELECT exco.indicator_unknown_reason(kind = 'continuous', starting, objective, lower_is_better,
                                               amount, weight, value) AS reason) q;
END;
COMMENT ON FUNCTION exco.indicator_measure_result(exco.indicator_kind, numeric, numeric, boolean, numeric, numeric[], numeric[], numeric, numeric) IS
  'what one indicator earned from one measure (NULL value: not measured, earns 0): attainment rate and euros earned, or NULL with unknown_reason for a row the rules cannot read; the rule of exco.indicator_result_at and exco.payments_at';

-- ---------------------------------------------------------------------------------------------
-- What one indicator earned in one contract year, from its measure (doc/rules.md §4.5; the rule of
-- exco.indicator_measure_result above). A contract year is listed once the mission had started
-- before the year's end and the year is over on as_of (or has begun on as_of and is measured
-- already); a missing measure earns 0 (measured = false); a row the rules cannot read has NULL
-- rate and earned and says why in unknown_reason.
CREATE FUNCTION exco.indicator_result_at(as_of date)
  RETURNS TABLE (contract bigint, mission exco.mission, indicator bigint, code text,
                 kind exco.indicator_kind, contract_year integer, year_ends_on date, value numeric,
                 measured boolean, weight numeric, rate numeric, earned numeric, unknown_reason text,
                 region text, cpam_departement text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT i.contract, i.mission, i.id, i.code, i.kind, y.k, y.ends_on, m.value, m.value IS NOT NULL,
         i.weight, r.rate, r.earned, r.unknown_reason, c.region, c.cpam_departement
  FROM exco.indicator i
  JOIN exco.contract c ON c.id = i.contract
  JOIN exco.contract_mission cm ON cm.contract = i.contract AND cm.mission = i.mission
  -- contract year k: from signed_on + (k - 1) years to ends_on = signed_on + k years (the
  -- intervals written out: make_interval per indicator row and year cost a tenth of payments_at)
  CROSS JOIN LATERAL (SELECT v.k, (c.signed_on + v.to_end)::date AS ends_on, (c.signed_on + v.to_begin)::date AS begins_on
                        FROM (VALUES (1, interval '1 year', interval '0 years'), (2, interval '2 years', interval '1 year'),
                                     (3, interval '3 years', interval '2 years'), (4, interval '4 years', interval '3 years'),
                                     (5, interval '5 years', interval '4 years')) AS v(k, to_end, to_begin)) y
  LEFT JOIN exco.measure m ON m.indicator = i.id AND m.contract_year = y.k
  CROSS JOIN LATERAL exco.indicator_measure_result(i.kind, i.starting, i.objective, i.lower_is_better, i.amount,
                                                  i.thresholds, i.amounts, i.weight, m.value) r
  WHERE cm.started_on < y.ends_on
    AND (y.ends_on <= as_of
         OR (m.value IS NOT NULL AND y.begins_on <= as_of))
    AND exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.indicator_result_at(date) IS
  'exco.indicator_result as of a date: per indicator and contract year (years the mission had started in, once over on the date, or begun and measured), the measure, rate and euros earned; NULL with unknown_reason for a row the rules cannot read';

CREATE VIEW exco.indicator_result WITH (security_invoker = true) AS SELECT * FROM exco.indicator_result_at(current_date);
COMMENT ON VIEW exco.indicator_result IS
  'exco.indicator_result_at(current_date): per indicator and contract year (years the mission had started in, once over or measured): the measure, the attainment rate and the euro amount earned in that contract year; a missing measure earns 0 (measured = false); NULL rate and earned with unknown_reason for a row the rules cannot read';

-- ---------------------------------------------------------------------------------------------
-- Per contract mission and contract year: attainment (weighted mean of the rates of the
-- indicators that weigh more than 0: NULL when all weigh 0), euros earned, variable ceiling and
-- variable due (earned capped by the ceiling), NULL with unknown_reason when a part is unknown.
-- The aggregate is computed even when the CASE discards it: it skips the unknown rows (a weight
-- that is not a finite number would make it raise).
CREATE FUNCTION exco.mission_variable_at(as_of date)
  RETURNS TABLE (contract bigint, mission exco.mission, contract_year integer, indicators bigint,
                 missing_measures bigint, attainment numeric, earned numeric, ceiling_gap text,
                 variable_ceiling numeric, variable_due numeric, unknown_reason text, region text,
                 cpam_departement text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT a.contract, a.mission, a.contract_year, a.indicators, a.missing_measures, a.attainment,
         a.earned, exco.ceiling_gap(a.mission, c.tier, c.scale),
         exco.variable_ceiling_or_null(a.mission, c.tier, c.scale),
         CASE WHEN a.earned IS NOT NULL AND exco.variable_ceiling_or_null(a.mission, c.tier, c.scale) IS NOT NULL
              THEN least(a.earned, exco.variable_ceiling_or_null(a.mission, c.tier, c.scale)) END,
         concat_ws('; ', exco.ceiling_gap(a.mission, c.tier, c.scale), a.indicator_reason,
                   CASE WHEN a.attainment IS NULL AND a.indicator_reason IS NULL
                        THEN 'every indicator weighs 0: attainment undefined' END),
         c.region, c.cpam_departement
  FROM (SELECT r.contract, r.mission, r.contract_year,
               count(*) AS indicators,
               count(*) FILTER (WHERE NOT r.measured) AS missing_measures,
               CASE WHEN count(r.unknown_reason) = 0
                    THEN exco.weighted_attainment(r.rate, r.weight)
                           FILTER (WHERE r.weight > 0 AND r.unknown_reason IS NULL) END AS attainment,
               CASE WHEN count(r.unknown_reason) = 0 THEN sum(r.earned) END AS earned,
               min(r.code || ': ' || r.unknown_reason) AS indicator_reason
          FROM exco.indicator_result_at(as_of) r
         GROUP BY r.contract, r.mission, r.contract_year) a
  JOIN exco.contract c ON c.id = a.contract
 WHERE exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.mission_variable_at(date) IS
  'exco.mission_variable as of a date: per contract mission and contract year, weighted attainment, euros earned, variable ceiling and variable due of that contract year, NULL with unknown_reason when unknown';

CREATE VIEW exco.mission_variable WITH (security_invoker = true) AS SELECT * FROM exco.mission_variable_at(current_date);
COMMENT ON VIEW exco.mission_variable IS
  'exco.mission_variable_at(current_date): per contract mission and contract year: indicators, missing measures, weighted attainment, euros earned, variable ceiling and variable due of that contract year (earned capped by the ceiling); NULL with unknown_reason (ceiling_gap for the scale) when a part is unknown';

-- ---------------------------------------------------------------------------------------------
-- One row per mission of each contract signed on or before as_of: deadlines, dates and status on
-- status_on (as_of, or the contract's last running day once it has ended or was terminated).
-- Dates the deadline rules refuse (a start before signature, a deployment without or before the
-- start) give a NULL status and an unknown_reason instead of an error. overdue: open past its
-- deadline on status_on (start_overdue, deploy_overdue), what an ARS acts on; late: finished after
-- its deadline (started_late, deployed_late). Up to 0.2.0 late covered the four.
CREATE FUNCTION exco.mission_status_at(as_of date)
  RETURNS TABLE (contract bigint, cpts_id bigint, cpts_name text, mission exco.mission, socle boolean,
                 signed_on date, ends_on date, running boolean, status_on date, start_by date,
                 deploy_by date, started_on date, deployed_on date, status exco.deadline_status,
                 overdue boolean, late boolean, unknown_reason text, region text, cpam_departement text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT cm.contract, c.cpts, p.name, cm.mission, exco.is_socle(cm.mission), c.signed_on, c.ends_on,
         s.running, s.status_on,
         exco.start_deadline(cm.mission, c.signed_on), exco.deploy_deadline(cm.mission, c.signed_on),
         cm.started_on, cm.deployed_on,
         st.status, st.status IN ('start_overdue', 'deploy_overdue'),
         st.status IN ('started_late', 'deployed_late'),
         s.reason, c.region, c.cpam_departement
  FROM exco.contract_mission cm
  JOIN exco.contract c ON c.id = cm.contract
  JOIN exco.cpts p ON p.id = c.cpts
  CROSS JOIN LATERAL (SELECT
      c.status <> 'terminated' AND as_of < c.ends_on AS running,
      least(as_of, c.ends_on - 1) AS status_on,
      CASE WHEN cm.started_on < c.signed_on
             THEN format('started on %s, before the contract was signed on %s', cm.started_on, c.signed_on)
           WHEN cm.deployed_on IS NOT NULL AND cm.started_on IS NULL
             THEN format('deployed on %s without a start date', cm.deployed_on)
           WHEN cm.deployed_on < cm.started_on
             THEN format('deployed on %s, before it started on %s', cm.deployed_on, cm.started_on)
      END AS reason) s
  CROSS JOIN LATERAL (SELECT CASE WHEN s.reason IS NULL
      THEN exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, s.status_on) END AS status) st
  WHERE c.signed_on <= as_of AND exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.mission_status_at(date) IS
  'exco.mission_status as of a date: one row per mission of each contract signed on or before it; status on the date, or on the contract''s last running day once it no longer runs';

CREATE VIEW exco.mission_status WITH (security_invoker = true) AS SELECT * FROM exco.mission_status_at(current_date);
COMMENT ON VIEW exco.mission_status IS
  'exco.mission_status_at(current_date): one row per contract mission: start and deployment deadlines, dates, status today (frozen on the last running day of a contract that no longer runs), whether it is overdue (open past its deadline) and whether it is late (finished after it), region and CPAM département of the contract';

-- ---------------------------------------------------------------------------------------------
-- One row per contract signed on or before as_of. yearly_ceiling is the same for every contract
-- year (one scale per contract); overdue_missions and late_missions count the overdue and the
-- late statuses of status_on (see mission_status_at); regional_summary_at adds only the running
-- contracts'.
-- seat_departement is the contract's stored fact (the département of the CPTS's seat when it was
-- signed, filled by the trigger), not the seat's département today.
-- Cost per row (test/bench/70_report.sql, report_contract_overview): one pass over the contracts
-- (joined to cpts, region and departement by hash), and per contract one index range of
-- contract_mission read once: each mission's deadline status is computed once (the rule of
-- mission_status_at: status on least(as_of, ends_on - 1), NULL for dates the deadline rules
-- refuse) and the jsonb and both counts come from it. The jsonb comes from the
-- aggregate exco.mission_status_object (jsonb_object_agg took half of the report's time).
CREATE FUNCTION exco.contract_overview_at(as_of date)
  RETURNS TABLE (contract bigint, cpts_id bigint, cpts_name text, region text, region_name text,
                 cpam_departement text, cpam_departement_name text, seat_departement text,
                 population bigint, tier exco.tier, scale text, signed_on date, ends_on date,
                 status exco.contract_status, running boolean, contract_year integer,
                 yearly_ceiling numeric, ceiling_gap text, missions exco.mission[],
                 mission_statuses jsonb, overdue_missions bigint, late_missions bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.id, c.cpts, p.name, c.region, r.name, c.cpam_departement, d.name, c.seat_departement,
         c.population, c.tier, c.scale, c.signed_on, c.ends_on, c.status,
         c.status <> 'terminated' AND as_of < c.ends_on,
         CASE WHEN c.status <> 'terminated' AND as_of < c.ends_on THEN y.elapsed + 1 END,
         exco.contract_ceiling_or_null(c.tier, c.scale, c.missions),
         exco.contract_ceiling_gap(c.tier, c.scale, c.missions),
         c.missions, ms.statuses, coalesce(ms.overdue, 0), coalesce(ms.late, 0)
  FROM exco.contract c
  JOIN exco.cpts p ON p.id = c.cpts
  JOIN exco.region r ON r.code = c.region
  JOIN exco.departement d ON d.code = c.cpam_departement
  -- full contract years elapsed on as_of (signed_on + n years <= as_of, month-end clamped);
  -- date_part (float8) rather than extract (numeric): the same whole years, a third cheaper
  CROSS JOIN LATERAL (SELECT n.n - CASE WHEN (c.signed_on + n.n * interval '1 year')::date > as_of THEN 1 ELSE 0 END AS elapsed
                        -- NULL on an infinite as_of (no contract runs then), not 22003 integer out of range
                        FROM (SELECT CASE WHEN isfinite(as_of)
                                          THEN date_part('year', as_of)::integer - date_part('year', c.signed_on)::integer END AS n) n) y
  LEFT JOIN LATERAL (
    SELECT exco.mission_status_object(cm.mission, st.status) AS statuses,
           exco.overdue_status_count(cm.mission, st.status) AS overdue,
           exco.late_status_count(cm.mission, st.status) AS late
      FROM exco.contract_mission cm
      CROSS JOIN LATERAL (SELECT CASE
          WHEN cm.started_on < c.signed_on OR (cm.deployed_on IS NOT NULL AND cm.started_on IS NULL)
               OR cm.deployed_on < cm.started_on THEN NULL
          ELSE exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, least(as_of, c.ends_on - 1))
        END AS status) st
     WHERE cm.contract = c.id) ms ON true
  WHERE c.signed_on <= as_of AND exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.contract_overview_at(date) IS
  'exco.contract_overview as of a date: one row per contract signed on or before it, whether it runs on the date and its contract year, yearly ceiling or its gap, mission statuses, overdue and late missions';

CREATE VIEW exco.contract_overview WITH (security_invoker = true) AS SELECT * FROM exco.contract_overview_at(current_date);
COMMENT ON VIEW exco.contract_overview IS
  'exco.contract_overview_at(current_date): one row per contract: CPTS, region (ARS), CPAM département and seat''s département at signing, population and tier at signature, scale, whether it runs today and its contract year, yearly ceiling of any contract year (fonctionnement + its missions; NULL with ceiling_gap when unknown), missions and their deadline status, overdue missions (open past their deadline) and late ones (finished after it)';

-- ---------------------------------------------------------------------------------------------
-- Payment schedule rows of every line (fonctionnement and each contract mission) of each contract
-- signed on or before as_of. The variable part uses attainment = variable due / variable ceiling
-- of the contract years known on as_of, so a variable row pays the mission's variable due; the
-- other years are variable_pending. A line whose amounts the rules cannot give (a cell the scale
-- does not give, a start before signature or after the contract's end) keeps every row of its
-- schedule, at its contract year and due date and with its kind, with a NULL amount and the
-- reason (exco.payment_schedule_report): a filter on due_on, contract_year, kind, region or
-- cpam_departement keeps the unknown rows, so a sum over it is right or NULL with its known part
-- (sum(amount) FILTER (WHERE unknown_reason IS NULL)) beside. Up to 0.2.0 such a line had one
-- row of kind unknown with NULL due_on and contract_year.
CREATE FUNCTION exco.payments_at(as_of date)
  RETURNS TABLE (contract bigint, line exco.mission, contract_year integer, due_on date, kind text,
                 amount numeric, unknown_reason text, region text, cpam_departement text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH line AS (
    SELECT c.id AS contract, c.signed_on, c.ends_on, c.tier, c.scale, c.region, c.cpam_departement,
           'fonctionnement'::exco.mission AS line, c.signed_on AS started_on
      FROM exco.contract c
     WHERE c.signed_on <= as_of
    UNION ALL
    SELECT c.id, c.signed_on, c.ends_on, c.tier, c.scale, c.region, c.cpam_departement, cm.mission, cm.started_on
      FROM exco.contract c JOIN exco.contract_mission cm ON cm.contract = c.id
     WHERE c.signed_on <= as_of
  ), earned AS (
    -- per contract mission, the euros earned in each contract year 1..5 known on as_of (NULL: the
    -- year is not listed, or holds a row the rules cannot read: as exco.mission_variable_at's
    -- earned), in one pass over its indicators and their measures (exco.earned_by_year: the
    -- listing rule of exco.indicator_result_at, without expanding each indicator to five years),
    -- and the mission's variable ceiling, computed once per contract mission
    SELECT c.id AS contract, i.mission, exco.variable_ceiling_or_null(i.mission, c.tier, c.scale) AS ceiling,
           exco.earned_by_year(as_of, c.signed_on, cm.started_on, i.weight, m.contract_year, r.earned,
                               r.unknown_reason IS NOT NULL) AS e
      FROM exco.indicator i
      JOIN exco.contract c ON c.id = i.contract
      JOIN exco.contract_mission cm ON cm.contract = i.contract AND cm.mission = i.mission
      LEFT JOIN exco.measure m ON m.indicator = i.id
      CROSS JOIN LATERAL exco.indicator_measure_result(i.kind, i.starting, i.objective, i.lower_is_better,
                                                       i.amount, i.thresholds, i.amounts, i.weight, m.value) r
     WHERE c.signed_on <= as_of AND cm.started_on IS NOT NULL
     GROUP BY c.id, i.mission
  ), rates AS (
    -- rate of a year = variable due / variable ceiling (variable due = earned capped by the
    -- ceiling, NULL when either is unknown; exco.mission_variable_at), 0 for a ceiling of 0
    SELECT e.contract, e.mission,
           ARRAY[CASE WHEN e.ceiling > 0 AND e.e[1] IS NOT NULL THEN round(least(e.e[1], e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e[1] IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e[2] IS NOT NULL THEN round(least(e.e[2], e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e[2] IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e[3] IS NOT NULL THEN round(least(e.e[3], e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e[3] IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e[4] IS NOT NULL THEN round(least(e.e[4], e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e[4] IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e[5] IS NOT NULL THEN round(least(e.e[5], e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e[5] IS NOT NULL THEN 0 END] AS rates
      FROM earned e
  )
  SELECT l.contract, l.line, s.contract_year, s.due_on, s.kind, s.amount, s.unknown_reason,
         l.region, l.cpam_departement
  FROM line l
  LEFT JOIN rates a ON a.contract = l.contract AND a.mission = l.line
  CROSS JOIN LATERAL exco.payment_schedule_report(l.signed_on, l.tier, l.line, l.started_on, a.rates, l.scale) s
 WHERE exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.payments_at(date) IS
  'exco.payments as of a date: payment schedule rows of every line of each contract signed on or before it, the variable rows paying the variable due known on the date; an amount the rules cannot give is NULL with unknown_reason, its row keeping its contract year, due date, kind and area';

CREATE VIEW exco.payments WITH (security_invoker = true) AS SELECT * FROM exco.payments_at(current_date);
COMMENT ON VIEW exco.payments IS
  'exco.payments_at(current_date): payment schedule rows of every contract line (fonctionnement and each mission): contract year, due date, kind (advance, balance, variable, variable_pending), amount of that contract year, region and CPAM département of the contract; an amount the rules cannot give is NULL with unknown_reason, its row keeping its year, date, kind and area (a filter never drops it)';

-- ---------------------------------------------------------------------------------------------
-- Per département of the territory (level departement), and, as re-sums of those rows' additive
-- columns, per region (level region) and for the whole country (level france, only without a
-- region filter). CPTS and contracts are counted where the CPTS's seat is; the population covered
-- is that of the communes of a CPTS territory lying in the area (so the share is at most 100 %).
-- A CPTS counts once, with its contract running on as_of (exco.running_contract_at: the latest
-- signed when two run, as in territory_money_at).
-- Money: yearly_ceiling adds the yearly ceilings (one contract year) of the running contracts;
-- variable_due_last_year adds, over the running contracts, the variable due of each started
-- mission for the contract's last closed contract year. Each is NULL as soon as one part is
-- unknown, with <column>_known (the known parts) and the count of unknown parts beside it.
-- region (a region code, NULL: the whole country) filters every table read before the work.
CREATE FUNCTION exco.regional_summary_at(as_of date, region text DEFAULT NULL)
  RETURNS TABLE (level exco.area_level, region text, region_name text, area_departement text,
                 area_departement_name text, cpts bigint, tier_1 bigint, tier_2 bigint,
                 tier_3 bigint, tier_4 bigint, population bigint, population_covered bigint,
                 population_share_pct numeric, contracts bigint, yearly_ceiling numeric,
                 yearly_ceiling_known numeric, contracts_with_gap bigint,
                 variable_due_last_year numeric, variable_due_last_year_known numeric,
                 variable_due_last_year_unknown bigint, overdue_missions bigint, late_missions bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH area AS (
    SELECT d.code, d.name, d.region FROM exco.departement d
     WHERE regional_summary_at.region IS NULL OR d.region = regional_summary_at.region
  ), area_pop AS (
    -- one pass over the communes of the area: population, and the part in a CPTS territory
    SELECT co.departement, sum(co.population) AS population,
           coalesce(sum(co.population) FILTER (WHERE cc.cpts IS NOT NULL), 0) AS covered
      FROM exco.commune co
      LEFT JOIN exco.cpts_commune cc ON cc.commune = co.code
     WHERE regional_summary_at.region IS NULL OR co.region = regional_summary_at.region
     GROUP BY co.departement
  ), seated AS (
    -- the CPTS seated in the area, with the population of their whole territory (for the tier)
    SELECT p.id, s.departement, coalesce(sum(tc.population), 0) AS population
      FROM exco.cpts p
      JOIN exco.commune s ON s.code = p.seat
      LEFT JOIN exco.cpts_commune cc ON cc.cpts = p.id
      LEFT JOIN exco.commune tc ON tc.code = cc.commune
     WHERE regional_summary_at.region IS NULL OR s.region = regional_summary_at.region
     GROUP BY p.id, s.departement
  ), run AS (
    -- per CPTS of the area, the contract running on as_of (exco.running_contract_at: the renewal
    -- when two run), its last closed contract year (0 in its first year) and the day that year ended.
    -- The area's CPTS as an array (= ANY of an uncorrelated ARRAY(...): an init plan), not IN
    -- (SELECT ...): a qual without a subplan on the DISTINCT ON column is pushed into
    -- running_contract_at, so one region sorts its own running contracts, not the country's
    -- (2.5 x faster for one region at 100 copies of the demo; test/bench/70_report.sql)
    SELECT r.*, (r.signed_on + make_interval(years => r.closed))::date AS closed_on
      FROM (SELECT c.id, c.cpts, c.tier, c.scale, c.missions, c.signed_on,
                   least(5, y.n - CASE WHEN (c.signed_on + make_interval(years => y.n))::date > as_of THEN 1 ELSE 0 END) AS closed
              FROM exco.running_contract_at(as_of) c
              CROSS JOIN LATERAL (SELECT (extract(year FROM as_of) - extract(year FROM c.signed_on))::integer AS n) y
             WHERE regional_summary_at.region IS NULL OR c.cpts = ANY (ARRAY(SELECT s.id FROM seated s))) r
  ), earned AS (
    -- euros earned per mission of a running contract in its last closed contract year
    SELECT ir.contract, ir.mission, sum(ir.earned) AS earned, count(ir.unknown_reason) AS unreadable
      FROM run
      JOIN exco.indicator_result_at(as_of) ir ON ir.contract = run.id AND ir.contract_year = run.closed
     GROUP BY ir.contract, ir.mission
  ), due AS (
    -- each started mission of that year is a part: known when it has indicators, all readable,
    -- and the scale gives its variable ceiling
    SELECT run.id AS contract,
           sum(least(e.earned, exco.variable_ceiling_or_null(cm.mission, run.tier, run.scale)))
             FILTER (WHERE e.unreadable = 0 AND exco.variable_ceiling_or_null(cm.mission, run.tier, run.scale) IS NOT NULL) AS known,
           count(*) FILTER (WHERE e.unreadable IS DISTINCT FROM 0
                               OR exco.variable_ceiling_or_null(cm.mission, run.tier, run.scale) IS NULL) AS unknown
      FROM run
      JOIN exco.contract_mission cm ON cm.contract = run.id AND cm.started_on < run.closed_on
      LEFT JOIN earned e ON e.contract = run.id AND e.mission = cm.mission
     WHERE run.closed >= 1
     GROUP BY run.id
  ), late AS (
    SELECT ms.contract, count(*) FILTER (WHERE ms.overdue) AS overdue, count(*) FILTER (WHERE ms.late) AS late
      FROM run JOIN exco.mission_status_at(as_of) ms ON ms.contract = run.id
     GROUP BY ms.contract
  ), per_cpts AS (
    SELECT s.id, s.departement, exco.tier_of(s.population) AS tier, run.id AS contract,
           exco.contract_ceiling_or_null(run.tier, run.scale, run.missions) AS ceiling,
           coalesce(due.known, 0) AS due_known, coalesce(due.unknown, 0) AS due_unknown,
           coalesce(late.overdue, 0) AS overdue, coalesce(late.late, 0) AS late
      FROM seated s
      LEFT JOIN run ON run.cpts = s.id
      LEFT JOIN due ON due.contract = run.id
      LEFT JOIN late ON late.contract = run.id
  ), dep AS (
    SELECT a.region, a.code, a.name,
           count(pc.id) AS cpts,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '1') AS tier_1,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '2') AS tier_2,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '3') AS tier_3,
           count(pc.id) FILTER (WHERE pc.tier OPERATOR(exco.=) '4') AS tier_4,
           count(pc.contract) AS contracts,
           coalesce(sum(pc.ceiling), 0) AS ceiling_known,
           count(pc.contract) FILTER (WHERE pc.ceiling IS NULL) AS ceiling_unknown,
           coalesce(sum(pc.due_known), 0) AS due_known,
           coalesce(sum(pc.due_unknown), 0)::bigint AS due_unknown,
           coalesce(sum(pc.overdue), 0)::bigint AS overdue, coalesce(sum(pc.late), 0)::bigint AS late
      FROM area a
      LEFT JOIN per_cpts pc ON pc.departement = a.code
     GROUP BY a.region, a.code, a.name
  ), dep_rows AS (
    SELECT 'departement'::exco.area_level AS level, d.region, d.code, d.name, d.cpts, d.tier_1, d.tier_2, d.tier_3, d.tier_4,
           coalesce(ap.population, 0) AS population, coalesce(ap.covered, 0) AS covered, d.contracts,
           d.ceiling_known, d.ceiling_unknown, d.due_known, d.due_unknown, d.overdue, d.late
      FROM dep d LEFT JOIN area_pop ap ON ap.departement = d.code
  ), region_rows AS (
    SELECT 'region'::exco.area_level AS level, r.region, NULL::text AS code, NULL::text AS name,
           sum(r.cpts)::bigint AS cpts, sum(r.tier_1)::bigint AS tier_1, sum(r.tier_2)::bigint AS tier_2,
           sum(r.tier_3)::bigint AS tier_3, sum(r.tier_4)::bigint AS tier_4,
           sum(r.population) AS population, sum(r.covered) AS covered, sum(r.contracts)::bigint AS contracts,
           sum(r.ceiling_known) AS ceiling_known, sum(r.ceiling_unknown)::bigint AS ceiling_unknown,
           sum(r.due_known) AS due_known, sum(r.due_unknown)::bigint AS due_unknown,
           sum(r.overdue)::bigint AS overdue, sum(r.late)::bigint AS late
      FROM dep_rows r GROUP BY r.region
  ), france_rows AS (
    SELECT 'france'::exco.area_level AS level, NULL::text AS region, NULL::text AS code, NULL::text AS name,
           sum(r.cpts)::bigint, sum(r.tier_1)::bigint, sum(r.tier_2)::bigint, sum(r.tier_3)::bigint,
           sum(r.tier_4)::bigint, sum(r.population), sum(r.covered), sum(r.contracts)::bigint,
           sum(r.ceiling_known), sum(r.ceiling_unknown)::bigint, sum(r.due_known),
           sum(r.due_unknown)::bigint, sum(r.overdue)::bigint, sum(r.late)::bigint
      FROM region_rows r
    HAVING regional_summary_at.region IS NULL
  )
  SELECT x.level, x.region, rg.name, x.code, x.name, x.cpts, x.tier_1, x.tier_2, x.tier_3, x.tier_4,
         x.population::bigint, x.covered::bigint,
         round(100.0 * x.covered / nullif(x.population, 0), 1),
         x.contracts,
         CASE WHEN x.ceiling_unknown = 0 THEN x.ceiling_known END, x.ceiling_known, x.ceiling_unknown,
         CASE WHEN x.due_unknown = 0 THEN x.due_known END, x.due_known, x.due_unknown,
         x.overdue, x.late
    FROM (SELECT * FROM dep_rows UNION ALL SELECT * FROM region_rows UNION ALL SELECT * FROM france_rows) x
    LEFT JOIN exco.region rg ON rg.code = x.region
   WHERE exco.report_date_given(as_of) AND exco.report_region_given(regional_summary_at.region)
   ORDER BY x.region NULLS FIRST, x.code NULLS FIRST;
END;
COMMENT ON FUNCTION exco.regional_summary_at(date, text) IS
  'exco.regional_summary as of a date, for one region (its code) or, with NULL, the whole country: per département, region and France, CPTS per tier, population covered, running contracts, their yearly ceilings and last closed contract year''s variable due (NULL when a part is unknown, known parts and unknown count beside), overdue and late missions';

CREATE VIEW exco.regional_summary WITH (security_invoker = true) AS SELECT * FROM exco.regional_summary_at(current_date);
COMMENT ON VIEW exco.regional_summary IS
  'exco.regional_summary_at(current_date): one row per département (level departement), region (level region: sums of its départements) and for France (level france): CPTS seated there per tier, population and population covered lying there, contracts running today, their yearly ceilings and the variable due of their last closed contract year (NULL when a part is unknown: see the _known and unknown-count columns), overdue missions (open past their deadline) and late missions (finished after it) of running contracts';

-- ---------------------------------------------------------------------------------------------
-- One row per CPTS: where its seat is, the population of its territory today (the communes of
-- exco.cpts_commune: the territory has no dates, as in regional_summary_at), its tier by that
-- population (doc/rules.md §2), the population at which the next tier begins and how many
-- inhabitants it lacks (NULL at tier 4, which has no next), and its contract running on as_of
-- (exco.running_contract_at: the renewal when two run), NULL when none runs.
CREATE FUNCTION exco.cpts_overview_at(as_of date)
  RETURNS TABLE (cpts_id bigint, cpts_name text, seat text, region text, seat_departement text,
                 population bigint, tier exco.tier, next_tier_population bigint, to_next_tier bigint,
                 contract bigint, contract_signed_on date, contract_ends_on date)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT p.id, p.name, p.seat, s.region, s.departement, pop.population, t.tier,
         upper(exco.tier_bounds(t.tier)), upper(exco.tier_bounds(t.tier)) - pop.population,
         rc.id, rc.signed_on, rc.ends_on
    FROM exco.cpts p
    JOIN exco.commune s ON s.code = p.seat
    CROSS JOIN LATERAL (SELECT coalesce(sum(tc.population), 0)::bigint AS population
                          FROM exco.cpts_commune cc JOIN exco.commune tc ON tc.code = cc.commune
                         WHERE cc.cpts = p.id) pop
    CROSS JOIN LATERAL (SELECT exco.tier_of(pop.population) AS tier) t
    LEFT JOIN exco.running_contract_at(as_of) rc ON rc.cpts = p.id
   WHERE exco.report_date_given(as_of);
END;
COMMENT ON FUNCTION exco.cpts_overview_at(date) IS
  'exco.cpts_overview as of a date: per CPTS, its seat, the population of its territory and its tier (today''s territory), the next tier boundary and the inhabitants it lacks (NULL at tier 4), and its contract running on the date (the renewal when two run; NULL when none)';

CREATE VIEW exco.cpts_overview WITH (security_invoker = true) AS SELECT * FROM exco.cpts_overview_at(current_date);
COMMENT ON VIEW exco.cpts_overview IS
  'exco.cpts_overview_at(current_date): one row per CPTS: seat, region and département of the seat, population of its territory, tier, next tier boundary and distance to it (NULL at the top tier), contract running today (id, signed_on, ends_on; NULL when none)';

-- ---------------------------------------------------------------------------------------------
-- Column comments of the views (the functions' columns mean the same on their as_of date).

COMMENT ON COLUMN exco.indicator_result.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.indicator_result.mission IS 'the contract mission of the indicator';
COMMENT ON COLUMN exco.indicator_result.indicator IS 'the indicator (exco.indicator.id)';
COMMENT ON COLUMN exco.indicator_result.code IS 'the indicator''s code';
COMMENT ON COLUMN exco.indicator_result.kind IS 'continuous or stepped';
COMMENT ON COLUMN exco.indicator_result.contract_year IS 'the contract year, 1..5';
COMMENT ON COLUMN exco.indicator_result.year_ends_on IS 'first day after that contract year (signed_on + contract_year years)';
COMMENT ON COLUMN exco.indicator_result.value IS 'the measure of that contract year (NULL: not measured)';
COMMENT ON COLUMN exco.indicator_result.measured IS 'whether the year was measured (a year over without a measure earns 0)';
COMMENT ON COLUMN exco.indicator_result.weight IS 'the indicator''s weight in the mission''s attainment';
COMMENT ON COLUMN exco.indicator_result.rate IS 'attainment rate of that contract year, 0..1 (NULL: unknown_reason)';
COMMENT ON COLUMN exco.indicator_result.earned IS 'euros earned in that contract year (NULL: unknown_reason)';
COMMENT ON COLUMN exco.indicator_result.unknown_reason IS 'why rate and earned are NULL (a measure, level, amount or weight that is not a finite number, a direction contradicting the levels); NULL when known';
COMMENT ON COLUMN exco.indicator_result.region IS 'region of the signing ARS (exco.contract.region)';
COMMENT ON COLUMN exco.indicator_result.cpam_departement IS 'département of the signing CPAM (exco.contract.cpam_departement)';

COMMENT ON COLUMN exco.mission_variable.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.mission_variable.mission IS 'the contract mission';
COMMENT ON COLUMN exco.mission_variable.contract_year IS 'the contract year, 1..5, that the money columns cover';
COMMENT ON COLUMN exco.mission_variable.indicators IS 'indicator rows of that contract year';
COMMENT ON COLUMN exco.mission_variable.missing_measures IS 'of which not measured (earn 0)';
COMMENT ON COLUMN exco.mission_variable.attainment IS 'weighted mean of the rates of the indicators weighing more than 0 (NULL: all weigh 0, or an indicator is unreadable)';
COMMENT ON COLUMN exco.mission_variable.earned IS 'euros earned by the indicators in that contract year (NULL: an indicator is unreadable)';
COMMENT ON COLUMN exco.mission_variable.ceiling_gap IS 'why the scale does not give the variable ceiling; NULL when it does';
COMMENT ON COLUMN exco.mission_variable.variable_ceiling IS 'yearly variable ceiling of the mission for the contract''s tier and scale (NULL: ceiling_gap)';
COMMENT ON COLUMN exco.mission_variable.variable_due IS 'variable money due for that contract year: earned capped by variable_ceiling (NULL when either is unknown)';
COMMENT ON COLUMN exco.mission_variable.unknown_reason IS 'why a column is NULL (ceiling gap, unreadable indicator, every indicator weighing 0); NULL when all are known';
COMMENT ON COLUMN exco.mission_variable.region IS 'region of the signing ARS (exco.contract.region)';
COMMENT ON COLUMN exco.mission_variable.cpam_departement IS 'département of the signing CPAM (exco.contract.cpam_departement)';

COMMENT ON COLUMN exco.mission_status.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.mission_status.cpts_id IS 'the CPTS (exco.cpts.id)';
COMMENT ON COLUMN exco.mission_status.cpts_name IS 'the CPTS''s name';
COMMENT ON COLUMN exco.mission_status.mission IS 'the contract mission';
COMMENT ON COLUMN exco.mission_status.socle IS 'whether the mission is a socle one (with deadlines)';
COMMENT ON COLUMN exco.mission_status.signed_on IS 'the contract''s signing date';
COMMENT ON COLUMN exco.mission_status.ends_on IS 'first day the contract no longer runs';
COMMENT ON COLUMN exco.mission_status.running IS 'whether the contract runs today (signed_on <= today < ends_on, not terminated)';
COMMENT ON COLUMN exco.mission_status.status_on IS 'the day status is computed for: today, or the contract''s last running day (ends_on - 1) once it has ended';
COMMENT ON COLUMN exco.mission_status.start_by IS 'latest start date (socle missions)';
COMMENT ON COLUMN exco.mission_status.deploy_by IS 'latest full-deployment date (socle missions)';
COMMENT ON COLUMN exco.mission_status.started_on IS 'day the mission started (NULL: not yet)';
COMMENT ON COLUMN exco.mission_status.deployed_on IS 'day the mission was deployed (NULL: not yet)';
COMMENT ON COLUMN exco.mission_status.status IS 'deadline status on status_on (NULL: unknown_reason)';
COMMENT ON COLUMN exco.mission_status.overdue IS 'whether the mission is open past its deadline on status_on: status start_overdue (not started, start deadline passed) or deploy_overdue (not deployed, deployment deadline passed); what is to be acted on (NULL: unknown_reason)';
COMMENT ON COLUMN exco.mission_status.late IS 'whether the mission was finished after its deadline: status started_late or deployed_late (done, but late; not overdue); NULL: unknown_reason';
COMMENT ON COLUMN exco.mission_status.unknown_reason IS 'why status is NULL (dates the deadline rules refuse); NULL when known';
COMMENT ON COLUMN exco.mission_status.region IS 'region of the signing ARS (exco.contract.region)';
COMMENT ON COLUMN exco.mission_status.cpam_departement IS 'département of the signing CPAM (exco.contract.cpam_departement)';

COMMENT ON COLUMN exco.contract_overview.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.contract_overview.cpts_id IS 'the CPTS (exco.cpts.id)';
COMMENT ON COLUMN exco.contract_overview.cpts_name IS 'the CPTS''s name';
COMMENT ON COLUMN exco.contract_overview.region IS 'region of the signing ARS';
COMMENT ON COLUMN exco.contract_overview.region_name IS 'its name';
COMMENT ON COLUMN exco.contract_overview.cpam_departement IS 'département of the signing CPAM';
COMMENT ON COLUMN exco.contract_overview.cpam_departement_name IS 'its name';
COMMENT ON COLUMN exco.contract_overview.seat_departement IS 'département of the CPTS''s seat when the contract was signed (exco.contract.seat_departement, a stored fact; regional_summary counts CPTS by their seat today)';
COMMENT ON COLUMN exco.contract_overview.population IS 'population of the CPTS territory at signature';
COMMENT ON COLUMN exco.contract_overview.tier IS 'size tier at signature';
COMMENT ON COLUMN exco.contract_overview.scale IS 'the contract''s financing scale';
COMMENT ON COLUMN exco.contract_overview.signed_on IS 'signing date';
COMMENT ON COLUMN exco.contract_overview.ends_on IS 'first day the contract no longer runs';
COMMENT ON COLUMN exco.contract_overview.status IS 'signed, terminated or ended';
COMMENT ON COLUMN exco.contract_overview.running IS 'whether the contract runs today (signed_on <= today < ends_on, not terminated)';
COMMENT ON COLUMN exco.contract_overview.contract_year IS 'the contract year running today, 1..5 (NULL: not running)';
COMMENT ON COLUMN exco.contract_overview.yearly_ceiling IS 'maximum financing of one contract year (the same for each, incl. the one running): fonctionnement + the missions, fixed + variable, SNP envelope excluded (NULL: ceiling_gap)';
COMMENT ON COLUMN exco.contract_overview.ceiling_gap IS 'why yearly_ceiling is unknown; NULL when known';
COMMENT ON COLUMN exco.contract_overview.missions IS 'the missions of the contract';
COMMENT ON COLUMN exco.contract_overview.mission_statuses IS 'mission → deadline status (see exco.mission_status)';
COMMENT ON COLUMN exco.contract_overview.overdue_missions IS 'missions open past their deadline (start_overdue, deploy_overdue) on status_on: today, or the last running day of a contract that no longer runs';
COMMENT ON COLUMN exco.contract_overview.late_missions IS 'missions finished after their deadline (started_late, deployed_late) by status_on; not the overdue ones (overdue_missions)';

COMMENT ON COLUMN exco.payments.contract IS 'the contract (exco.contract.id)';
COMMENT ON COLUMN exco.payments.line IS 'fonctionnement or a contract mission';
COMMENT ON COLUMN exco.payments.contract_year IS 'the contract year the amount belongs to, 1..5';
COMMENT ON COLUMN exco.payments.due_on IS 'day the payment is due';
COMMENT ON COLUMN exco.payments.kind IS 'advance, balance, variable or variable_pending (attainment not yet known), also when the amount is unknown (up to 0.2.0 such a line had one row of kind unknown)';
COMMENT ON COLUMN exco.payments.amount IS 'euros due on due_on for that contract year (NULL for variable_pending, and when unknown_reason says why the rules cannot give it)';
COMMENT ON COLUMN exco.payments.unknown_reason IS 'why amount is unknown (the scale does not give the line for the tier, a start the rules refuse); NULL when the amount is known or only pending';
COMMENT ON COLUMN exco.payments.region IS 'region of the signing ARS (exco.contract.region)';
COMMENT ON COLUMN exco.payments.cpam_departement IS 'département of the signing CPAM (exco.contract.cpam_departement), the département territory_money counts the contract in';

COMMENT ON COLUMN exco.regional_summary.level IS 'france, region or departement (enum exco.area_level: another label is an error, 22P02): which area the row covers (a dashboard sums one level only)';
COMMENT ON COLUMN exco.regional_summary.region IS 'region code of the area (NULL at level france)';
COMMENT ON COLUMN exco.regional_summary.region_name IS 'its name';
COMMENT ON COLUMN exco.regional_summary.area_departement IS 'département code of the area (level departement only)';
COMMENT ON COLUMN exco.regional_summary.area_departement_name IS 'its name';
COMMENT ON COLUMN exco.regional_summary.cpts IS 'CPTS whose seat lies in the area (the seat today; exco.contract_overview.seat_departement is the seat''s département when a contract was signed)';
COMMENT ON COLUMN exco.regional_summary.tier_1 IS 'of which of tier 1 (by the population of their territory today)';
COMMENT ON COLUMN exco.regional_summary.tier_2 IS 'of which of tier 2';
COMMENT ON COLUMN exco.regional_summary.tier_3 IS 'of which of tier 3';
COMMENT ON COLUMN exco.regional_summary.tier_4 IS 'of which of tier 4';
COMMENT ON COLUMN exco.regional_summary.population IS 'inhabitants of the area';
COMMENT ON COLUMN exco.regional_summary.population_covered IS 'inhabitants of the communes of the area that lie in a CPTS territory (whatever the CPTS''s seat)';
COMMENT ON COLUMN exco.regional_summary.population_share_pct IS 'population_covered / population, in % (at most 100; NULL for an area without inhabitants)';
COMMENT ON COLUMN exco.regional_summary.contracts IS 'CPTS of the area with a contract running today (one per CPTS)';
COMMENT ON COLUMN exco.regional_summary.yearly_ceiling IS 'sum of the running contracts'' yearly ceilings, for the contract year running today; NULL when one is unknown';
COMMENT ON COLUMN exco.regional_summary.yearly_ceiling_known IS 'sum of the yearly ceilings that are known (contract year running today)';
COMMENT ON COLUMN exco.regional_summary.contracts_with_gap IS 'running contracts whose yearly ceiling is unknown (a gap of their scale)';
COMMENT ON COLUMN exco.regional_summary.variable_due_last_year IS 'variable money due for the last closed contract year of each running contract (sum over their started missions); NULL when one part is unknown';
COMMENT ON COLUMN exco.regional_summary.variable_due_last_year_known IS 'sum of the known parts of variable_due_last_year (last closed contract year)';
COMMENT ON COLUMN exco.regional_summary.variable_due_last_year_unknown IS 'missions of running contracts whose variable due for the last closed contract year is unknown (no indicators, an unreadable indicator, a ceiling gap)';
COMMENT ON COLUMN exco.regional_summary.overdue_missions IS 'missions of the running contracts open past their deadline today (start_overdue, deploy_overdue): not started or not deployed in time';
COMMENT ON COLUMN exco.regional_summary.late_missions IS 'missions of the running contracts finished after their deadline (started_late, deployed_late): done, but late; not the overdue ones (overdue_missions)';

COMMENT ON COLUMN exco.cpts_overview.cpts_id IS 'the CPTS (exco.cpts.id)';
COMMENT ON COLUMN exco.cpts_overview.cpts_name IS 'the CPTS''s name';
COMMENT ON COLUMN exco.cpts_overview.seat IS 'the commune of its seat (exco.cpts.seat)';
COMMENT ON COLUMN exco.cpts_overview.region IS 'region of the seat today';
COMMENT ON COLUMN exco.cpts_overview.seat_departement IS 'département of the seat today (regional_summary counts the CPTS there)';
COMMENT ON COLUMN exco.cpts_overview.population IS 'inhabitants of the communes of its territory today (0 without communes)';
COMMENT ON COLUMN exco.cpts_overview.tier IS 'size tier of that population (exco.tier_of, doc/rules.md §2); a running contract keeps the tier of its signature (exco.contract.tier)';
COMMENT ON COLUMN exco.cpts_overview.next_tier_population IS 'population from which the next tier begins: 40 000, 80 000, 175 001 (upper bound of exco.tier_bounds(tier)); NULL at tier 4';
COMMENT ON COLUMN exco.cpts_overview.to_next_tier IS 'inhabitants the territory lacks to reach the next tier: next_tier_population - population; NULL at tier 4';
COMMENT ON COLUMN exco.cpts_overview.contract IS 'its contract running today (exco.running_contract_at: the renewal when an old contract and its renewal run together); NULL when none runs';
COMMENT ON COLUMN exco.cpts_overview.contract_signed_on IS 'signing date of that contract';
COMMENT ON COLUMN exco.cpts_overview.contract_ends_on IS 'first day that contract no longer runs (ends_on)';
