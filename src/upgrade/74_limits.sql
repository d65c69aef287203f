-- Limits of dates and numerics (issue 21): the contract trigger refuses a signing date before
-- 2019-08-25 or after 9999-12-31 (its comment, in src/upgrade/72_mission_lists.sql, says so), the
-- mission trigger an infinite started_on or deployed_on, exco.weighted_attainment and
-- exco.weighted_rate a rate or weight with more than 1000 decimals. The behaviour came with the
-- library; the comments say so, in the words of the fresh install.
COMMENT ON FUNCTION exco.validate_contract_mission() IS
  'BEFORE INSERT OR UPDATE FOR EACH ROW trigger for exco.contract_mission: started_on and deployed_on finite dates (23514), started_on not before the contract''s signed_on, deployed_on not before started_on (nor without it), the mission among the contract''s missions; locks the contract row FOR SHARE';
COMMENT ON AGGREGATE exco.weighted_attainment(numeric, numeric) IS
  'attainment of a mission: weighted mean of its indicators'' rates (each in [0, 1]); a NULL rate (missing measure) counts as 0 with its weight; NULL or negative weight, zero total weight, a rate or weight with more than 1000 decimals (exact up to there) are errors; no rows gives NULL';
COMMENT ON FUNCTION exco.weighted_rate(numeric, numeric) IS
  'rate × weight, exact, for exco.weighted_mean(sum(exco.weighted_rate(rate, weight)), sum(weight)); a NULL rate counts as 0; the checks of exco.weighted_attainment: NULL weight → 22004, negative or infinite weight, rate outside [0, 1], a rate or weight with more than 1000 decimals → 22023';
