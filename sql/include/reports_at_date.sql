-- Every report function on the date :'as_of' for contract 8811 and region RV
-- (sql/review_finite_amounts.sql, which gives the figures expected). psql interpolates the date:
-- the server sees a literal.
SELECT contract, running, contract_year, yearly_ceiling, ceiling_gap, overdue_missions, late_missions
  FROM exco.contract_overview_at(:'as_of') WHERE contract = 8811;
SELECT mission, status_on, status, overdue, late FROM exco.mission_status_at(:'as_of') WHERE contract = 8811 ORDER BY mission;
SELECT line, kind, count(*) AS n, sum(amount) AS amount FROM exco.payments_at(:'as_of')
 WHERE contract = 8811 GROUP BY line, kind ORDER BY line, kind;
SELECT (SELECT count(t.*) FROM exco.indicator_result_at(:'as_of') t WHERE t.contract = 8811) AS indicator_rows,
       (SELECT count(t.*) FROM exco.mission_variable_at(:'as_of') t WHERE t.contract = 8811) AS mission_variable_rows;
SELECT level, area_departement, cpts, tier_2, population, population_covered, population_share_pct, contracts,
       yearly_ceiling, overdue_missions, late_missions
  FROM exco.regional_summary_at(:'as_of', 'RV');
SELECT departement, cpts_contracts_running, cpts_ceiling_this_year, assistant_contracts_running, etp_programmes
  FROM exco.territory_money_at(:'as_of') WHERE region = 'RV' ORDER BY departement NULLS FIRST;
