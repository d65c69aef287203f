-- Money per département, region and for France on a date: one row per département and per region
-- of the territory tables and one for France (level), with zeros where nothing runs. One item per
-- CPTS contract, assistant contract, ETP programme and GP, then summed; an item whose amount exco
-- does not know (a gap in a scale, a NULL in a mission list, no amounts in force) makes the total
-- NULL, and is counted in *_unknown; *_known sums the others. The CPTS contracts are those of
-- exco.running_contract_at (one per CPTS: the renewal when an old contract and its renewal run
-- together, as regional_summary_at counts them), in their CPAM département.
-- LANGUAGE sql with a standard body, STABLE, PARALLEL SAFE, not STRICT, like the *_at report
-- functions of 60_views.sql (bound when created, inlined into the caller; a NULL as_of is an
-- error, 22004, exco.report_date_given). An infinite as_of has no calendar year: etp_year and forfait_year are NULL,
-- no ETP row, and a medical-assistant contract without an end has an unknown contract year (its
-- aid NULL, counted in assistant_aid_unknown) instead of the error of extract(year FROM infinity).
CREATE FUNCTION exco.territory_money_at(as_of date)
  RETURNS TABLE (level exco.area_level, region text, region_name text, departement text, departement_name text,
                 cpts_contracts_running bigint, cpts_ceiling_this_year numeric,
                 cpts_ceiling_this_year_known numeric, cpts_ceiling_unknown bigint,
                 assistant_contracts_running bigint, assistant_aid_this_contract_year numeric,
                 assistant_aid_this_contract_year_known numeric, assistant_aid_unknown bigint,
                 etp_year integer, etp_programmes bigint, etp_programmes_below_minimum bigint,
                 etp_pay numeric, etp_pay_known numeric, etp_pay_unknown bigint,
                 forfait_year integer, gps_in_structures bigint, gps_at_risk bigint,
                 forfait_structure_at_risk numeric, forfait_structure_at_risk_known numeric,
                 forfait_structure_unknown bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH item AS (
    -- the yearly ceiling as regional_summary_at's (exco.contract_ceiling_or_null: NULL for a gap
    -- of the scale, an unknown scale or a NULL mission)
    SELECT c.region, c.cpam_departement AS departement, 'cpts'::text AS scheme,
           exco.contract_ceiling_or_null(c.tier, c.scale, c.missions) AS amount,
           false AS below_minimum
      FROM exco.running_contract_at(territory_money_at.as_of) c
    UNION ALL
    SELECT m.region, m.departement, 'assistant',
           CASE WHEN k.known THEN exco.assistant_aid(a.share, y.contract_year, a.signed_on) END,
           false
      FROM exco.assistant_contract a
      JOIN exco.commune m ON m.code = a.commune
     CROSS JOIN LATERAL (
       -- Whole years from the signature, on the dates themselves (age() converts them to
       -- timestamps: 22008 beyond 294276-12-31, e.g. on the last date 5874897-12-31).
       SELECT CASE WHEN isfinite(territory_money_at.as_of)
                   THEN (extract(year FROM territory_money_at.as_of) - extract(year FROM a.signed_on))::integer
                        - CASE WHEN (extract(month FROM territory_money_at.as_of), extract(day FROM territory_money_at.as_of))
                                    < (extract(month FROM a.signed_on), extract(day FROM a.signed_on))
                               THEN 1 ELSE 0 END + 1 END
                AS contract_year) y
     CROSS JOIN LATERAL (
       SELECT EXISTS (SELECT FROM exco.assistant_aid_amount x
                       WHERE x.share = a.share AND x.contract_year = least(y.contract_year, 3)
                         AND x.effective_from = (SELECT max(z.effective_from) FROM exco.assistant_aid_amount z
                                                  WHERE z.effective_from <= a.signed_on)) AS known) k
     WHERE a.signed_on <= territory_money_at.as_of AND (a.ends_on IS NULL OR territory_money_at.as_of < a.ends_on)
    UNION ALL
    SELECT m.region, m.departement, 'etp',
           CASE WHEN f.file_active >= 50 THEN
             (SELECT exco.etp_programme_pay(p.sessions, p.dropped_out,
                       CASE WHEN g.built_in = f.year THEN g.professionals_trained ELSE 0 END,
                       g.built_in = f.year)
                FROM exco.etp_patient p WHERE p.programme = g.id AND p.year = f.year)
           ELSE 0.00 END,
           f.file_active < 50
      FROM exco.etp_programme g
      JOIN exco.structure s ON s.id = g.structure
      JOIN exco.commune m ON m.code = s.commune
      JOIN (SELECT p.programme, p.year, count(*) AS file_active FROM exco.etp_patient p
             WHERE isfinite(territory_money_at.as_of)
               AND p.year = extract(year FROM territory_money_at.as_of)::integer - 1
             GROUP BY p.programme, p.year) f ON f.programme = g.id
    UNION ALL
    SELECT m.region, m.departement, 'forfait',
           CASE WHEN EXISTS (SELECT FROM exco.forfait_structure x WHERE x.effective_from <= territory_money_at.as_of)
                THEN exco.forfait_structure_at_risk(gp.kinds, territory_money_at.as_of) END,
           false
      FROM (SELECT sm.professional, array_agg(s.kind) AS kinds, min(s.id) AS first_structure
              FROM exco.structure_member sm JOIN exco.structure s ON s.id = sm.structure
             WHERE sm.profession = 'medecin_generaliste'
             GROUP BY sm.professional) gp
      JOIN exco.structure s ON s.id = gp.first_structure
      JOIN exco.commune m ON m.code = s.commune
  ), area AS (
    SELECT region, departement,
           count(*) FILTER (WHERE scheme = 'cpts') AS cpts_contracts,
           sum(amount) FILTER (WHERE scheme = 'cpts') AS cpts_ceiling_known,
           count(*) FILTER (WHERE scheme = 'cpts' AND amount IS NULL) AS cpts_ceiling_unknown,
           count(*) FILTER (WHERE scheme = 'assistant') AS assistant_contracts,
           sum(amount) FILTER (WHERE scheme = 'assistant') AS assistant_aid_known,
           count(*) FILTER (WHERE scheme = 'assistant' AND amount IS NULL) AS assistant_aid_unknown,
           count(*) FILTER (WHERE scheme = 'etp') AS etp_programmes,
           count(*) FILTER (WHERE scheme = 'etp' AND below_minimum) AS etp_programmes_below_minimum,
           sum(amount) FILTER (WHERE scheme = 'etp') AS etp_pay_known,
           count(*) FILTER (WHERE scheme = 'etp' AND amount IS NULL) AS etp_pay_unknown,
           count(*) FILTER (WHERE scheme = 'forfait') AS gps,
           count(*) FILTER (WHERE scheme = 'forfait' AND amount > 0) AS gps_at_risk,
           sum(amount) FILTER (WHERE scheme = 'forfait') AS forfait_at_risk_known,
           count(*) FILTER (WHERE scheme = 'forfait' AND amount IS NULL) AS forfait_at_risk_unknown,
           CASE grouping(region, departement) WHEN 0 THEN 'departement' WHEN 1 THEN 'region' ELSE 'france' END AS lvl
      FROM item
     GROUP BY GROUPING SETS ((region, departement), (region), ())
  ), place AS (
    -- every area of the territory tables, with or without items
    SELECT 'departement'::exco.area_level AS level, d.region, d.code AS departement FROM exco.departement d
    UNION ALL
    SELECT 'region', r.code, NULL FROM exco.region r
    UNION ALL
    SELECT 'france', NULL, NULL
  )
  SELECT p.level, p.region, r.name AS region_name, p.departement, d.name AS departement_name,
         coalesce(a.cpts_contracts, 0) AS cpts_contracts_running,
         CASE WHEN coalesce(a.cpts_ceiling_unknown, 0) = 0 THEN coalesce(a.cpts_ceiling_known, 0.00) END AS cpts_ceiling_this_year,
         coalesce(a.cpts_ceiling_known, 0.00) AS cpts_ceiling_this_year_known,
         coalesce(a.cpts_ceiling_unknown, 0) AS cpts_ceiling_unknown,
         coalesce(a.assistant_contracts, 0) AS assistant_contracts_running,
         CASE WHEN coalesce(a.assistant_aid_unknown, 0) = 0 THEN coalesce(a.assistant_aid_known, 0.00) END AS assistant_aid_this_contract_year,
         coalesce(a.assistant_aid_known, 0.00) AS assistant_aid_this_contract_year_known,
         coalesce(a.assistant_aid_unknown, 0) AS assistant_aid_unknown,
         CASE WHEN isfinite(territory_money_at.as_of) THEN extract(year FROM territory_money_at.as_of)::integer - 1 END
           AS etp_year,
         coalesce(a.etp_programmes, 0) AS etp_programmes,
         coalesce(a.etp_programmes_below_minimum, 0) AS etp_programmes_below_minimum,
         CASE WHEN coalesce(a.etp_pay_unknown, 0) = 0 THEN coalesce(a.etp_pay_known, 0.00) END AS etp_pay,
         coalesce(a.etp_pay_known, 0.00) AS etp_pay_known,
         coalesce(a.etp_pay_unknown, 0) AS etp_pay_unknown,
         CASE WHEN isfinite(territory_money_at.as_of) THEN extract(year FROM territory_money_at.as_of)::integer END
           AS forfait_year,
         coalesce(a.gps, 0) AS gps_in_structures,
         coalesce(a.gps_at_risk, 0) AS gps_at_risk,
         CASE WHEN coalesce(a.forfait_at_risk_unknown, 0) = 0 THEN coalesce(a.forfait_at_risk_known, 0.00) END AS forfait_structure_at_risk,
         coalesce(a.forfait_at_risk_known, 0.00) AS forfait_structure_at_risk_known,
         coalesce(a.forfait_at_risk_unknown, 0) AS forfait_structure_unknown
    FROM place p
    LEFT JOIN area a ON a.lvl = p.level::text AND coalesce(a.region, '') = coalesce(p.region, '')
                    AND coalesce(a.departement, '') = coalesce(p.departement, '')
    LEFT JOIN exco.region r ON r.code = p.region
    LEFT JOIN exco.departement d ON d.code = p.departement
   WHERE exco.report_date_given(territory_money_at.as_of);
END;
COMMENT ON FUNCTION exco.territory_money_at(date) IS
  'money per département, region (departement NULL) and for France (level france) on a date, a row for every area of the territory tables (zeros where nothing runs): yearly ceilings of the CPTS contracts running that day (CPAM département); medical-assistant aid of the contract year running that day (year 3 and later: a ceiling); ETP module-2 pay of the calendar year before (etp_year; programmes under 50 patients in file active pay 0 and are counted apart); forfait structure at risk that year for the GPs who are members of a recorded structure (département of their first structure). Each total is NULL when an item is unknown; *_known sums the known items, *_unknown counts the others';

CREATE VIEW exco.territory_money WITH (security_invoker = true) AS
SELECT level, region, region_name, departement, departement_name,
       current_date AS as_of,
       cpts_contracts_running, cpts_ceiling_this_year, cpts_ceiling_this_year_known,
       cpts_ceiling_unknown, assistant_contracts_running, assistant_aid_this_contract_year,
       assistant_aid_this_contract_year_known, assistant_aid_unknown, etp_year,
       etp_programmes, etp_programmes_below_minimum, etp_pay,
       etp_pay_known, etp_pay_unknown, forfait_year,
       gps_in_structures, gps_at_risk, forfait_structure_at_risk,
       forfait_structure_at_risk_known, forfait_structure_unknown
  FROM exco.territory_money_at(current_date);
COMMENT ON VIEW exco.territory_money IS
  'exco.territory_money_at(current_date), with as_of: money per département, region (departement NULL) and for France (level france), a row for every area (zeros where nothing runs), as of today: yearly ceilings of the CPTS contracts running today (one per CPTS, the renewal when two run; CPAM département); medical-assistant aid of the contract year running today (year 3 and later: a ceiling); ETP module-2 pay of the last complete calendar year (etp_year; programmes under 50 patients in file active pay 0 and are counted apart); forfait structure at risk this year for the GPs who are members of a recorded structure (département of their first structure). Each total is NULL when an item is unknown; *_known sums the known items, *_unknown counts the others';
COMMENT ON COLUMN exco.territory_money.level IS 'france, region or departement: which area the row covers (a dashboard sums one level only)';
COMMENT ON COLUMN exco.territory_money.region IS 'INSEE code of the region; NULL on the France row';
COMMENT ON COLUMN exco.territory_money.region_name IS 'name of the region';
COMMENT ON COLUMN exco.territory_money.departement IS 'INSEE code of the département; NULL on the region''s own row';
COMMENT ON COLUMN exco.territory_money.departement_name IS 'name of the département; NULL on the region''s own row';
COMMENT ON COLUMN exco.territory_money.as_of IS 'the day the row is computed for: current_date';
COMMENT ON COLUMN exco.territory_money.cpts_contracts_running IS 'CPTS with a contract running on as_of, one contract per CPTS (the renewal when an old contract and its renewal run together: exco.running_contract_at), counted in its CPAM département';
COMMENT ON COLUMN exco.territory_money.cpts_ceiling_this_year IS 'sum of their yearly ceilings; NULL when a contract''s scale has a gap (see cpts_ceiling_unknown)';
COMMENT ON COLUMN exco.territory_money.cpts_ceiling_this_year_known IS 'sum of the yearly ceilings exco knows';
COMMENT ON COLUMN exco.territory_money.cpts_ceiling_unknown IS 'running contracts whose ceiling is unknown (a gap in their scale)';
COMMENT ON COLUMN exco.territory_money.assistant_contracts_running IS 'medical-assistant contracts running on as_of (the GP''s commune)';
COMMENT ON COLUMN exco.territory_money.assistant_aid_this_contract_year IS 'sum of the aid of each contract''s year running on as_of (year 3 and later: a ceiling); NULL when an amount is unknown';
COMMENT ON COLUMN exco.territory_money.assistant_aid_this_contract_year_known IS 'sum of the aid amounts exco knows';
COMMENT ON COLUMN exco.territory_money.assistant_aid_unknown IS 'running contracts whose aid amount is unknown';
COMMENT ON COLUMN exco.territory_money.etp_year IS 'calendar year of the ETP columns: the year before as_of';
COMMENT ON COLUMN exco.territory_money.etp_programmes IS 'ETP programmes with patients in etp_year (the structure''s commune)';
COMMENT ON COLUMN exco.territory_money.etp_programmes_below_minimum IS 'of them, programmes with fewer than 50 patients in file active: they pay 0';
COMMENT ON COLUMN exco.territory_money.etp_pay IS 'ENMR module-2 pay of the programmes for etp_year; NULL when an amount is unknown';
COMMENT ON COLUMN exco.territory_money.etp_pay_known IS 'sum of the ETP pay exco knows';
COMMENT ON COLUMN exco.territory_money.etp_pay_unknown IS 'programmes whose pay is unknown';
COMMENT ON COLUMN exco.territory_money.forfait_year IS 'calendar year of the forfait structure columns: the year of as_of';
COMMENT ON COLUMN exco.territory_money.gps_in_structures IS 'GPs members of a recorded structure, counted in the département of their first structure';
COMMENT ON COLUMN exco.territory_money.gps_at_risk IS 'of them, GPs whose structures do not validate the indicator "prise en charge coordonnée"';
COMMENT ON COLUMN exco.territory_money.forfait_structure_at_risk IS 'sum of the forfait structure euros at risk for those GPs in forfait_year; NULL when the amounts in force are unknown';
COMMENT ON COLUMN exco.territory_money.forfait_structure_at_risk_known IS 'sum of the euros at risk exco knows';
COMMENT ON COLUMN exco.territory_money.forfait_structure_unknown IS 'GPs whose amount at risk is unknown (no forfait structure amounts in force)';
