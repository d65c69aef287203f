-- Tables built by exco 0.2.0, as members of the extension: ALTER EXTENSION exco UPDATE to 0.3.0
-- detached them (src/upgrade/10_detach_tables.sql), keeping every row. Their columns,
-- constraints and indexes are 0.3.0's already; what changes is bound to them: the report
-- functions and views are dropped here and created again by the 'bound' part, with this
-- release's text. A user's view on one of them must be dropped first (update_tables() says
-- which).
-- exco.contract.scale is no longer a foreign key to exco.scale (see src/upgrade/15_scale_keys.sql).
ALTER TABLE exco.contract DROP CONSTRAINT contract_scale_fkey;

DROP VIEW exco.indicator_result, exco.mission_variable, exco.mission_status,
  exco.contract_overview, exco.payments, exco.regional_summary, exco.territory_money;
DROP FUNCTION exco.indicator_result_at(date), exco.mission_variable_at(date),
  exco.mission_status_at(date), exco.contract_overview_at(date), exco.payments_at(date),
  exco.regional_summary_at(date, text), exco.territory_money_at(date);

