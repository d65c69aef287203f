-- Reports (0.1.0 → 0.2.0), first part: drop every 0.1.0 view and the SQL helper the reports
-- replace, before any other part changes the functions they use. The reports are re-created in
-- 40_views.sql (after the other parts' function changes).
DROP VIEW exco.regional_summary;
DROP VIEW exco.payments;
DROP VIEW exco.contract_overview;
DROP VIEW exco.mission_status;
DROP VIEW exco.mission_variable;
DROP VIEW exco.indicator_result;
-- 0.1.0's SQL ceiling_gap (SET search_path, not inlinable, ~60 µs a call) becomes C (src/report.c).
DROP FUNCTION exco.ceiling_gap(exco.mission, exco.tier, text);
