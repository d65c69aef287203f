-- The 0.2.0 reports, kept as a baseline of the report benchmark (test/bench/70_report.sql): the
-- *_at functions of extension/exco--0.2.0.sql (the released, frozen script), unchanged but for
-- their names (schema bench, prefix v020_), over the tables the benchmark fills. The line
-- report_<name>_vs_0.2.0 says whether the 0.3.0 report (tables bound to ordinary tables) is
-- slower than 0.2.0's. Their columns are 0.2.0's (no overdue_missions in contract_overview).
-- Generated from extension/exco--0.2.0.sql lines 974-1433 (the CREATE FUNCTION ... END; blocks;
-- exco.<name>_at( and the parameter regional_summary_at.region renamed).

CREATE FUNCTION bench.v020_indicator_result_at(as_of date)
  RETURNS TABLE (contract bigint, mission exco.mission, indicator bigint, code text,
                 kind exco.indicator_kind, contract_year integer, year_ends_on date, value numeric,
                 measured boolean, weight numeric, rate numeric, earned numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT i.contract, i.mission, i.id, i.code, i.kind, y.k, y.ends_on, m.value, m.value IS NOT NULL,
         i.weight,
         CASE WHEN q.reason IS NOT NULL THEN NULL
              WHEN m.value IS NULL THEN 0
              WHEN i.kind = 'continuous' THEN
                CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                     ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END
              ELSE trim_scale(round(
                     CASE WHEN i.lower_is_better IS NULL THEN exco.step_amount(m.value, i.thresholds, i.amounts)
                          ELSE exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better) END
                     / nullif(i.amounts[array_upper(i.amounts, 1)], 0), 20))
         END,
         CASE WHEN q.reason IS NOT NULL THEN NULL
              WHEN m.value IS NULL THEN 0.00
              WHEN i.kind = 'continuous' THEN round(i.amount *
                CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                     ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END, 2)
              WHEN i.lower_is_better IS NULL THEN round(exco.step_amount(m.value, i.thresholds, i.amounts), 2)
              ELSE round(exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better), 2)
         END,
         q.reason
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
  CROSS JOIN LATERAL (SELECT CASE
      -- A weight that is not a finite number makes the mission's attainment unknown, measured or not
      -- (exco.weighted_attainment would raise 22023 for it).
      WHEN i.weight IN ('NaN', 'Infinity') THEN format('weight %s is not a finite number', i.weight)
      WHEN m.value IS NULL THEN NULL
      WHEN m.value IN ('NaN', 'Infinity', '-Infinity') THEN format('measure %s is not a finite number', m.value)
      WHEN i.kind <> 'continuous' THEN NULL
      WHEN i.amount = 'NaN' THEN format('amount %s is not a finite number', i.amount)
      WHEN i.starting IN ('NaN', 'Infinity', '-Infinity') OR i.objective IN ('NaN', 'Infinity', '-Infinity')
        THEN format('starting level %s or objective %s is not a finite number', i.starting, i.objective)
      WHEN (i.lower_is_better AND i.objective > i.starting) OR (NOT i.lower_is_better AND i.objective < i.starting)
        THEN format('objective %s is %s starting level %s, but lower_is_better is %s', i.objective,
                    CASE WHEN i.objective > i.starting THEN 'above' ELSE 'below' END, i.starting,
                    CASE WHEN i.lower_is_better THEN 'true' ELSE 'false' END)
    END AS reason) q
  WHERE cm.started_on < y.ends_on
    AND (y.ends_on <= as_of
         OR (m.value IS NOT NULL AND y.begins_on <= as_of))
    AND exco.report_date_given(as_of);
END;

CREATE FUNCTION bench.v020_mission_variable_at(as_of date)
  RETURNS TABLE (contract bigint, mission exco.mission, contract_year integer, indicators bigint,
                 missing_measures bigint, attainment numeric, earned numeric, ceiling_gap text,
                 variable_ceiling numeric, variable_due numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT a.contract, a.mission, a.contract_year, a.indicators, a.missing_measures, a.attainment,
         a.earned, exco.ceiling_gap(a.mission, c.tier, c.scale),
         exco.variable_ceiling_or_null(a.mission, c.tier, c.scale),
         CASE WHEN a.earned IS NOT NULL AND exco.variable_ceiling_or_null(a.mission, c.tier, c.scale) IS NOT NULL
              THEN least(a.earned, exco.variable_ceiling_or_null(a.mission, c.tier, c.scale)) END,
         concat_ws('; ', exco.ceiling_gap(a.mission, c.tier, c.scale), a.indicator_reason,
                   CASE WHEN a.attainment IS NULL AND a.indicator_reason IS NULL
                        THEN 'every indicator weighs 0: attainment undefined' END)
  FROM (SELECT r.contract, r.mission, r.contract_year,
               count(*) AS indicators,
               count(*) FILTER (WHERE NOT r.measured) AS missing_measures,
               CASE WHEN count(r.unknown_reason) = 0
                    THEN exco.weighted_attainment(r.rate, r.weight)
                           FILTER (WHERE r.weight > 0 AND r.unknown_reason IS NULL) END AS attainment,
               CASE WHEN count(r.unknown_reason) = 0 THEN sum(r.earned) END AS earned,
               min(r.code || ': ' || r.unknown_reason) AS indicator_reason
          FROM bench.v020_indicator_result_at(as_of) r
         GROUP BY r.contract, r.mission, r.contract_year) a
  JOIN exco.contract c ON c.id = a.contract
 WHERE exco.report_date_given(as_of);
END;

CREATE FUNCTION bench.v020_mission_status_at(as_of date)
  RETURNS TABLE (contract bigint, cpts_id bigint, cpts_name text, mission exco.mission, socle boolean,
                 signed_on date, ends_on date, running boolean, status_on date, start_by date,
                 deploy_by date, started_on date, deployed_on date, status exco.deadline_status,
                 late boolean, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT cm.contract, c.cpts, p.name, cm.mission, exco.is_socle(cm.mission), c.signed_on, c.ends_on,
         s.running, s.status_on,
         exco.start_deadline(cm.mission, c.signed_on), exco.deploy_deadline(cm.mission, c.signed_on),
         cm.started_on, cm.deployed_on,
         CASE WHEN s.reason IS NULL
              THEN exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, s.status_on) END,
         CASE WHEN s.reason IS NULL
              THEN exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, s.status_on)
                   IN ('start_overdue', 'started_late', 'deploy_overdue', 'deployed_late') END,
         s.reason
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
  WHERE c.signed_on <= as_of AND exco.report_date_given(as_of);
END;

CREATE FUNCTION bench.v020_contract_overview_at(as_of date)
  RETURNS TABLE (contract bigint, cpts_id bigint, cpts_name text, region text, region_name text,
                 cpam_departement text, cpam_departement_name text, seat_departement text,
                 population bigint, tier exco.tier, scale text, signed_on date, ends_on date,
                 status exco.contract_status, running boolean, contract_year integer,
                 yearly_ceiling numeric, ceiling_gap text, missions exco.mission[],
                 mission_statuses jsonb, late_missions bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.id, c.cpts, p.name, c.region, r.name, c.cpam_departement, d.name, c.seat_departement,
         c.population, c.tier, c.scale, c.signed_on, c.ends_on, c.status,
         c.status <> 'terminated' AND as_of < c.ends_on,
         CASE WHEN c.status <> 'terminated' AND as_of < c.ends_on THEN y.elapsed + 1 END,
         exco.contract_ceiling_or_null(c.tier, c.scale, c.missions),
         exco.contract_ceiling_gap(c.tier, c.scale, c.missions),
         c.missions, ms.statuses, coalesce(ms.late, 0)
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

CREATE FUNCTION bench.v020_payments_at(as_of date)
  RETURNS TABLE (contract bigint, line exco.mission, contract_year integer, due_on date, kind text,
                 amount numeric, unknown_reason text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH line AS (
    SELECT c.id AS contract, c.signed_on, c.ends_on, c.tier, c.scale,
           'fonctionnement'::exco.mission AS line, c.signed_on AS started_on
      FROM exco.contract c
     WHERE c.signed_on <= as_of
    UNION ALL
    SELECT c.id, c.signed_on, c.ends_on, c.tier, c.scale, cm.mission, cm.started_on
      FROM exco.contract c JOIN exco.contract_mission cm ON cm.contract = c.id
     WHERE c.signed_on <= as_of
  ), earned AS (
    -- per contract mission, the euros earned in each contract year 1..5 (NULL: no indicator row
    -- that year, or one the rules cannot read: as exco.mission_variable_at's earned) and the
    -- mission's variable ceiling, computed once here (a column of this aggregate, not an
    -- expression repeated in each year's rate); one aggregation of exco.indicator_result_at
    SELECT r.contract, r.mission, exco.variable_ceiling_or_null(r.mission, c.tier, c.scale) AS ceiling,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 1) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 1) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 1) END AS e1,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 2) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 2) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 2) END AS e2,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 3) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 3) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 3) END AS e3,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 4) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 4) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 4) END AS e4,
           CASE WHEN count(*) FILTER (WHERE r.contract_year = 5) > 0
                 AND count(r.unknown_reason) FILTER (WHERE r.contract_year = 5) = 0
                THEN sum(r.earned) FILTER (WHERE r.contract_year = 5) END AS e5
      FROM bench.v020_indicator_result_at(as_of) r
      JOIN exco.contract c ON c.id = r.contract
     GROUP BY r.contract, r.mission, c.tier, c.scale
  ), rates AS (
    -- rate of a year = variable due / variable ceiling (variable due = earned capped by the
    -- ceiling, NULL when either is unknown; exco.mission_variable_at), 0 for a ceiling of 0
    SELECT e.contract, e.mission,
           ARRAY[CASE WHEN e.ceiling > 0 AND e.e1 IS NOT NULL THEN round(least(e.e1, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e1 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e2 IS NOT NULL THEN round(least(e.e2, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e2 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e3 IS NOT NULL THEN round(least(e.e3, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e3 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e4 IS NOT NULL THEN round(least(e.e4, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e4 IS NOT NULL THEN 0 END,
                 CASE WHEN e.ceiling > 0 AND e.e5 IS NOT NULL THEN round(least(e.e5, e.ceiling) / e.ceiling, 20)
                      WHEN e.ceiling = 0 AND e.e5 IS NOT NULL THEN 0 END] AS rates
      FROM earned e
  )
  SELECT l.contract, l.line, s.contract_year, s.due_on, s.kind, s.amount, g.reason
  FROM line l
  LEFT JOIN rates a ON a.contract = l.contract AND a.mission = l.line
  CROSS JOIN LATERAL (SELECT coalesce(exco.ceiling_gap(l.line, l.tier, l.scale), CASE
      WHEN l.started_on < l.signed_on
        THEN format('%s started on %s, before the contract was signed on %s', l.line, l.started_on, l.signed_on)
      WHEN l.line <> 'fonctionnement' AND l.started_on >= (l.signed_on + interval '5 years')::date
        THEN format('%s started on %s, after the contract''s last running day', l.line, l.started_on)
    END) AS reason) g
  CROSS JOIN LATERAL (
    SELECT p.contract_year, p.due_on, p.kind, p.amount
      FROM exco.payment_schedule(l.signed_on, l.tier, l.line, l.started_on, a.rates, l.scale) p
     WHERE g.reason IS NULL
    UNION ALL
    SELECT NULL::integer, NULL::date, 'unknown'::text, NULL::numeric
     WHERE g.reason IS NOT NULL) s
 WHERE exco.report_date_given(as_of);
END;

CREATE FUNCTION bench.v020_regional_summary_at(as_of date, region text DEFAULT NULL)
  RETURNS TABLE (level text, region text, region_name text, area_departement text,
                 area_departement_name text, cpts bigint, tier_1 bigint, tier_2 bigint,
                 tier_3 bigint, tier_4 bigint, population bigint, population_covered bigint,
                 population_share_pct numeric, contracts bigint, yearly_ceiling numeric,
                 yearly_ceiling_known numeric, contracts_with_gap bigint,
                 variable_due_last_year numeric, variable_due_last_year_known numeric,
                 variable_due_last_year_unknown bigint, late_missions bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH area AS (
    SELECT d.code, d.name, d.region FROM exco.departement d
     WHERE v020_regional_summary_at.region IS NULL OR d.region = v020_regional_summary_at.region
  ), area_pop AS (
    -- one pass over the communes of the area: population, and the part in a CPTS territory
    SELECT co.departement, sum(co.population) AS population,
           coalesce(sum(co.population) FILTER (WHERE cc.cpts IS NOT NULL), 0) AS covered
      FROM exco.commune co
      LEFT JOIN exco.cpts_commune cc ON cc.commune = co.code
     WHERE v020_regional_summary_at.region IS NULL OR co.region = v020_regional_summary_at.region
     GROUP BY co.departement
  ), seated AS (
    -- the CPTS seated in the area, with the population of their whole territory (for the tier)
    SELECT p.id, s.departement, coalesce(sum(tc.population), 0) AS population
      FROM exco.cpts p
      JOIN exco.commune s ON s.code = p.seat
      LEFT JOIN exco.cpts_commune cc ON cc.cpts = p.id
      LEFT JOIN exco.commune tc ON tc.code = cc.commune
     WHERE v020_regional_summary_at.region IS NULL OR s.region = v020_regional_summary_at.region
     GROUP BY p.id, s.departement
  ), run AS (
    -- per CPTS of the area, the contract running on as_of (the latest signed), its last closed
    -- contract year (0 in its first year) and the day that year ended
    SELECT r.*, (r.signed_on + make_interval(years => r.closed))::date AS closed_on
      FROM (SELECT DISTINCT ON (c.cpts) c.id, c.cpts, c.tier, c.scale, c.missions, c.signed_on,
                   least(5, y.n - CASE WHEN (c.signed_on + make_interval(years => y.n))::date > as_of THEN 1 ELSE 0 END) AS closed
              FROM exco.contract c
              CROSS JOIN LATERAL (SELECT (extract(year FROM as_of) - extract(year FROM c.signed_on))::integer AS n) y
             WHERE c.signed_on <= as_of AND as_of < c.ends_on AND c.status <> 'terminated'
               AND (v020_regional_summary_at.region IS NULL OR c.cpts IN (SELECT s.id FROM seated s))
             ORDER BY c.cpts, c.signed_on DESC, c.id DESC) r
  ), earned AS (
    -- euros earned per mission of a running contract in its last closed contract year
    SELECT ir.contract, ir.mission, sum(ir.earned) AS earned, count(ir.unknown_reason) AS unreadable
      FROM run
      JOIN bench.v020_indicator_result_at(as_of) ir ON ir.contract = run.id AND ir.contract_year = run.closed
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
    SELECT ms.contract, count(*) FILTER (WHERE ms.late) AS late
      FROM run JOIN bench.v020_mission_status_at(as_of) ms ON ms.contract = run.id
     GROUP BY ms.contract
  ), per_cpts AS (
    SELECT s.id, s.departement, exco.tier_of(s.population) AS tier, run.id AS contract,
           exco.contract_ceiling_or_null(run.tier, run.scale, run.missions) AS ceiling,
           coalesce(due.known, 0) AS due_known, coalesce(due.unknown, 0) AS due_unknown,
           coalesce(late.late, 0) AS late
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
           coalesce(sum(pc.late), 0)::bigint AS late
      FROM area a
      LEFT JOIN per_cpts pc ON pc.departement = a.code
     GROUP BY a.region, a.code, a.name
  ), dep_rows AS (
    SELECT 'departement' AS level, d.region, d.code, d.name, d.cpts, d.tier_1, d.tier_2, d.tier_3, d.tier_4,
           coalesce(ap.population, 0) AS population, coalesce(ap.covered, 0) AS covered, d.contracts,
           d.ceiling_known, d.ceiling_unknown, d.due_known, d.due_unknown, d.late
      FROM dep d LEFT JOIN area_pop ap ON ap.departement = d.code
  ), region_rows AS (
    SELECT 'region' AS level, r.region, NULL::text AS code, NULL::text AS name,
           sum(r.cpts)::bigint AS cpts, sum(r.tier_1)::bigint AS tier_1, sum(r.tier_2)::bigint AS tier_2,
           sum(r.tier_3)::bigint AS tier_3, sum(r.tier_4)::bigint AS tier_4,
           sum(r.population) AS population, sum(r.covered) AS covered, sum(r.contracts)::bigint AS contracts,
           sum(r.ceiling_known) AS ceiling_known, sum(r.ceiling_unknown)::bigint AS ceiling_unknown,
           sum(r.due_known) AS due_known, sum(r.due_unknown)::bigint AS due_unknown, sum(r.late)::bigint AS late
      FROM dep_rows r GROUP BY r.region
  ), france_rows AS (
    SELECT 'france' AS level, NULL::text AS region, NULL::text AS code, NULL::text AS name,
           sum(r.cpts)::bigint, sum(r.tier_1)::bigint, sum(r.tier_2)::bigint, sum(r.tier_3)::bigint,
           sum(r.tier_4)::bigint, sum(r.population), sum(r.covered), sum(r.contracts)::bigint,
           sum(r.ceiling_known), sum(r.ceiling_unknown)::bigint, sum(r.due_known),
           sum(r.due_unknown)::bigint, sum(r.late)::bigint
      FROM region_rows r
    HAVING v020_regional_summary_at.region IS NULL
  )
  SELECT x.level, x.region, rg.name, x.code, x.name, x.cpts, x.tier_1, x.tier_2, x.tier_3, x.tier_4,
         x.population::bigint, x.covered::bigint,
         round(100.0 * x.covered / nullif(x.population, 0), 1),
         x.contracts,
         CASE WHEN x.ceiling_unknown = 0 THEN x.ceiling_known END, x.ceiling_known, x.ceiling_unknown,
         CASE WHEN x.due_unknown = 0 THEN x.due_known END, x.due_known, x.due_unknown,
         x.late
    FROM (SELECT * FROM dep_rows UNION ALL SELECT * FROM region_rows UNION ALL SELECT * FROM france_rows) x
    LEFT JOIN exco.region rg ON rg.code = x.region
   WHERE exco.report_date_given(as_of) AND exco.report_region_given(v020_regional_summary_at.region)
   ORDER BY x.region NULLS FIRST, x.code NULLS FIRST;
END;
