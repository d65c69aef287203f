-- The 0.1.0 reporting views, kept as the baseline of the report benchmark (test/bench/70_report.sql):
-- extension/exco--0.1.0.sql's definitions, unchanged but for their names (schema bench, prefix
-- v010_) and the SQL helper bench.ceiling_gap_010 (0.1.0's exco.ceiling_gap: SQL with SET
-- search_path, not inlinable). exco.variable_due is still exco's.
CREATE FUNCTION bench.ceiling_gap_010(line exco.mission, t exco.tier, scale text) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, exco
AS $$
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM exco.scale s WHERE s.scale = $3)
      THEN format('scale %s does not exist', $3)
    WHEN NOT EXISTS (SELECT 1 FROM exco.scale_amount a
                      WHERE a.scale = $3 AND a.line = $1 AND a.tier OPERATOR(exco.=) $2
                        AND a.share = 'fixed')
      OR ($1 <> 'fonctionnement' AND NOT EXISTS (
           SELECT 1 FROM exco.scale_amount a
            WHERE a.scale = $3 AND a.line = $1 AND a.tier OPERATOR(exco.=) $2 AND a.share = 'variable'))
      THEN format('scale %s does not give %s for tier %s', $3, $1, $2)
  END
$$;
COMMENT ON FUNCTION bench.ceiling_gap_010(exco.mission, exco.tier, text) IS
  'NULL when the scale gives this line for this tier, else the reason (unknown scale, unknown cell of a partial scale); what the views show instead of failing';

-- A mission's variable money for a contract year: the sum of its indicators' earned amounts,
-- capped by the mission's variable ceiling for the contract's tier and scale (SCALES.md).
-- PL/pgSQL: a thin check around exco.scale_ceiling (C). STABLE (reads the scales), STRICT,
-- PARALLEL SAFE (read only).
CREATE VIEW bench.v010_indicator_result AS
SELECT i.contract, i.mission, i.id AS indicator, i.code, i.kind, y.contract_year,
       (c.signed_on + make_interval(years => y.contract_year))::date AS year_ends_on,
       m.value,
       m.value IS NOT NULL AS measured,
       i.weight,
       CASE WHEN m.value IS NULL THEN 0
            WHEN i.kind = 'continuous' THEN
              CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                   ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END
            ELSE trim_scale(round(
                   CASE WHEN i.lower_is_better IS NULL THEN exco.step_amount(m.value, i.thresholds, i.amounts)
                        ELSE exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better) END
                   / nullif((SELECT max(a) FROM unnest(i.amounts) AS a), 0), 20))
       END AS rate,
       round(CASE WHEN m.value IS NULL THEN 0
            WHEN i.kind = 'continuous' THEN
              i.amount * CASE WHEN i.lower_is_better IS NULL THEN exco.attainment(m.value, i.starting, i.objective)
                              ELSE exco.attainment(m.value, i.starting, i.objective, i.lower_is_better) END
            WHEN i.lower_is_better IS NULL THEN exco.step_amount(m.value, i.thresholds, i.amounts)
            ELSE exco.step_amount(m.value, i.thresholds, i.amounts, i.lower_is_better)
       END, 2) AS earned
FROM exco.indicator i
JOIN exco.contract c ON c.id = i.contract
JOIN exco.contract_mission cm ON cm.contract = i.contract AND cm.mission = i.mission
CROSS JOIN LATERAL generate_series(1, 5) AS y(contract_year)
LEFT JOIN exco.measure m ON m.indicator = i.id AND m.contract_year = y.contract_year
WHERE cm.started_on < (c.signed_on + make_interval(years => y.contract_year))::date
  AND (m.value IS NOT NULL OR (c.signed_on + make_interval(years => y.contract_year))::date <= current_date);
COMMENT ON VIEW bench.v010_indicator_result IS
  'per indicator and contract year (years the mission had started in, once over or measured): the measure, the attainment rate and the euro amount earned; a missing measure earns 0 (measured = false)';

-- Per contract mission and year: attainment (weighted mean of the rates), euros earned, the
-- variable ceiling and the variable due (earned capped by the ceiling), with the gap reason when
-- the contract's scale does not give the ceiling.
CREATE VIEW bench.v010_mission_variable AS
SELECT r.contract, r.mission, r.contract_year,
       count(*) AS indicators,
       count(*) FILTER (WHERE NOT r.measured) AS missing_measures,
       CASE WHEN sum(r.weight) > 0 THEN exco.weighted_attainment(r.rate, r.weight) END AS attainment,
       sum(r.earned) AS earned,
       g.gap AS ceiling_gap,
       CASE WHEN g.gap IS NULL THEN (exco.scale_ceiling(r.mission, c.tier, c.scale)).variable END AS variable_ceiling,
       CASE WHEN g.gap IS NULL THEN exco.variable_due(r.mission, c.tier, c.scale, sum(r.earned)) END AS variable_due
FROM bench.v010_indicator_result r
JOIN exco.contract c ON c.id = r.contract
CROSS JOIN LATERAL (SELECT bench.ceiling_gap_010(r.mission, c.tier, c.scale) AS gap) g
GROUP BY r.contract, r.mission, r.contract_year, c.tier, c.scale, g.gap;
COMMENT ON VIEW bench.v010_mission_variable IS
  'per contract mission and contract year: indicators, missing measures, weighted attainment, euros earned, variable ceiling and variable due (earned capped by the ceiling); NULL ceiling and due with ceiling_gap when the scale does not give the cell';

-- One row per contract mission: deadlines and status as of today.
CREATE VIEW bench.v010_mission_status AS
SELECT cm.contract, c.cpts, p.name AS cpts_name, cm.mission, exco.is_socle(cm.mission) AS socle,
       c.signed_on,
       exco.start_deadline(cm.mission, c.signed_on) AS start_by,
       exco.deploy_deadline(cm.mission, c.signed_on) AS deploy_by,
       cm.started_on, cm.deployed_on,
       exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, current_date) AS status,
       exco.deadline_status(cm.mission, c.signed_on, cm.started_on, cm.deployed_on, current_date)
         IN ('start_overdue', 'started_late', 'deploy_overdue', 'deployed_late') AS late
FROM exco.contract_mission cm
JOIN exco.contract c ON c.id = cm.contract
JOIN exco.cpts p ON p.id = c.cpts;
COMMENT ON VIEW bench.v010_mission_status IS
  'one row per contract mission: start and deployment deadlines, dates, status as of current_date and whether it is late';

-- One row per contract.
CREATE VIEW bench.v010_contract_overview AS
SELECT c.id AS contract, p.name AS cpts, c.region, r.name AS region_name,
       c.cpam_departement AS departement, d.name AS departement_name,
       c.population, c.tier, c.scale, c.signed_on, c.ends_on, c.status,
       CASE WHEN g.gaps IS NULL THEN exco.contract_ceiling(c.tier, sc.effective_from, c.missions) END AS yearly_ceiling,
       g.gaps AS ceiling_gap,
       c.missions,
       ms.statuses AS mission_statuses,
       coalesce(ms.late, 0) AS late_missions
FROM exco.contract c
JOIN exco.cpts p ON p.id = c.cpts
JOIN exco.region r ON r.code = c.region
JOIN exco.departement d ON d.code = c.cpam_departement
JOIN exco.scale sc ON sc.scale = c.scale
LEFT JOIN LATERAL (
  SELECT format('scale %s does not give %s for tier %s', c.scale, string_agg(l::text, ', ' ORDER BY l), c.tier) AS gaps
  FROM unnest('{fonctionnement}'::exco.mission[] || c.missions) AS l
  WHERE bench.ceiling_gap_010(l, c.tier, c.scale) IS NOT NULL
  HAVING count(*) > 0) g ON true
LEFT JOIN LATERAL (
  SELECT jsonb_object_agg(s.mission, s.status ORDER BY s.mission) AS statuses,
         count(*) FILTER (WHERE s.late) AS late
  FROM bench.v010_mission_status s WHERE s.contract = c.id) ms ON true;
COMMENT ON VIEW bench.v010_contract_overview IS
  'one row per contract: CPTS, region, CPAM département, population and tier at signature, scale, yearly ceiling (fonctionnement + its missions, NULL with ceiling_gap when the scale does not give a cell), missions and their deadline status today, number of late missions';

-- Payment schedule rows of every contract line (fonctionnement and each contract mission).
-- The variable part uses attainment = variable due / variable ceiling for the years known, so the
-- variable row pays the mission's variable due; later years are variable_pending.
CREATE VIEW bench.v010_payments AS
WITH line AS (
  SELECT c.id AS contract, c.signed_on, c.tier, c.scale, 'fonctionnement'::exco.mission AS line,
         c.signed_on AS started_on
  FROM exco.contract c
  UNION ALL
  SELECT c.id, c.signed_on, c.tier, c.scale, cm.mission, cm.started_on
  FROM exco.contract c JOIN exco.contract_mission cm ON cm.contract = c.id
)
SELECT l.contract, l.line, s.contract_year, s.due_on, s.kind, s.amount, g.gap AS ceiling_gap
FROM line l
CROSS JOIN LATERAL (SELECT bench.ceiling_gap_010(l.line, l.tier, l.scale) AS gap) g
CROSS JOIN LATERAL (
  SELECT array_agg(CASE WHEN mv.variable_ceiling > 0 THEN round(mv.variable_due / mv.variable_ceiling, 20)
                        WHEN mv.variable_ceiling = 0 THEN 0 END
                   ORDER BY y.n) AS rates
  FROM generate_series(1, 5) AS y(n)
  LEFT JOIN bench.v010_mission_variable mv
    ON mv.contract = l.contract AND mv.mission = l.line AND mv.contract_year = y.n) a
CROSS JOIN LATERAL (
  SELECT * FROM exco.payment_schedule(l.signed_on, l.tier, l.line, l.started_on, a.rates, l.scale)
  WHERE g.gap IS NULL
  UNION ALL
  SELECT NULL::integer, NULL::date, 'unknown'::text, NULL::numeric
  WHERE g.gap IS NOT NULL) s;
COMMENT ON VIEW bench.v010_payments IS
  'payment schedule rows of every contract line (fonctionnement and each mission): contract year, due date, kind (advance, balance, variable, variable_pending) and amount; one row of kind unknown with ceiling_gap when the scale does not give the line''s ceiling';

-- Per region and département (the CPTS seat's): CPTS per tier, population covered and its share of
-- the region's (or département's) population, yearly ceilings, variable money earned, late missions.
CREATE VIEW bench.v010_regional_summary AS
WITH cpts_pop AS (
  SELECT p.id, s.region, s.departement, sum(cc_c.population)::bigint AS population
  FROM exco.cpts p
  JOIN exco.commune s ON s.code = p.seat
  LEFT JOIN exco.cpts_commune cc ON cc.cpts = p.id
  LEFT JOIN exco.commune cc_c ON cc_c.code = cc.commune
  GROUP BY p.id, s.region, s.departement
), cpts_row AS (
  SELECT cp.*, exco.tier(coalesce(cp.population, 0)) AS tier,
         o.contract, o.yearly_ceiling, o.ceiling_gap, o.late_missions,
         (SELECT sum(mv.variable_due) FROM bench.v010_mission_variable mv WHERE mv.contract = o.contract) AS variable_due
  FROM cpts_pop cp
  LEFT JOIN exco.contract c ON c.cpts = cp.id AND c.status = 'signed'
  LEFT JOIN bench.v010_contract_overview o ON o.contract = c.id
), area_pop AS (
  SELECT region, departement, sum(population) AS population
  FROM exco.commune GROUP BY GROUPING SETS ((region), (region, departement))
)
SELECT r.region, rg.name AS region_name, r.departement, d.name AS departement_name,
       r.cpts, r.tier_1, r.tier_2, r.tier_3, r.tier_4, r.population_covered,
       round(100.0 * r.population_covered / nullif(ap.population, 0), 1) AS population_share_pct,
       r.contracts, r.yearly_ceiling, r.contracts_with_gap, r.variable_due, r.late_missions
FROM (
  SELECT region, departement,
         count(*) AS cpts,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '1') AS tier_1,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '2') AS tier_2,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '3') AS tier_3,
         count(*) FILTER (WHERE tier OPERATOR(exco.=) '4') AS tier_4,
         coalesce(sum(population), 0) AS population_covered,
         count(contract) AS contracts,
         sum(yearly_ceiling) AS yearly_ceiling,
         count(*) FILTER (WHERE ceiling_gap IS NOT NULL) AS contracts_with_gap,
         coalesce(sum(variable_due), 0) AS variable_due,
         coalesce(sum(late_missions), 0) AS late_missions
  FROM cpts_row
  GROUP BY GROUPING SETS ((region), (region, departement))
) r
JOIN exco.region rg ON rg.code = r.region
LEFT JOIN exco.departement d ON d.code = r.departement
JOIN area_pop ap ON ap.region = r.region AND ap.departement IS NOT DISTINCT FROM r.departement;
COMMENT ON VIEW bench.v010_regional_summary IS
  'per region (departement NULL) and per département of the CPTS seats: CPTS count per tier, population covered and its share of the area''s population (%), signed contracts, sum of their yearly ceilings (contracts whose scale has a gap are counted apart), variable money due, late missions';
