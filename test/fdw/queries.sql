-- The queries of the postgres_fdw suite, as views in schema :sch (fed: partitioned by region with
-- foreign partitions on the shards; one: the same rows in plain local tables). The suite compares
-- fed's answers with one's, and shows what fed ships to the shards. Fixed date: 2024-06-30.

-- Tiers (doc/rules.md §2) per region: GROUP BY the partition key and an IMMUTABLE exco function.
CREATE VIEW :sch.q_tiers AS
SELECT region, exco.tier_of(population) AS tier, count(*) AS contracts
FROM :sch.contract GROUP BY region, exco.tier_of(population);

-- Deadline statuses (doc/rules.md §3) on a fixed date: a join on (region, contract) stays on one
-- shard, the IMMUTABLE deadline_status with a constant date is shipped.
CREATE VIEW :sch.q_deadlines AS
SELECT c.region, exco.deadline_status(m.mission, c.signed_on, m.started_on, m.deployed_on, date '2024-06-30') AS status,
       count(*) AS missions
FROM :sch.mission m JOIN :sch.contract c ON c.region = m.region AND c.id = m.contract
GROUP BY 1, 2;

-- Attainment (doc/rules.md §4.5) per contract mission and year: the aggregate itself is shipped
-- when the GROUP BY holds the partition key.
CREATE VIEW :sch.q_attainment AS
SELECT region, contract, mission, contract_year,
       exco.weighted_attainment(exco.attainment(value, starting, objective), weight) AS attainment
FROM :sch.measure GROUP BY region, contract, mission, contract_year;

-- The per-département sums behind the summary: additive columns only. Three aggregates (contracts;
-- missions with their contract; measures with their contract), each grouped by the partition key
-- and the département so that each shard computes its part, then re-summed per département here
-- (UNION ALL and GROUP BY: a filter on region reaches every branch). A mission is late when its
-- status is one of four: four equalities, since an IN list (an array of exco.deadline_status, a
-- type that is not itself a member of the extension) would not be shipped.
CREATE VIEW :sch.q_departement_sums AS
SELECT region, departement, sum(contracts)::bigint AS contracts,
       sum(tier_1)::bigint AS tier_1, sum(tier_2)::bigint AS tier_2, sum(tier_3)::bigint AS tier_3,
       sum(tier_4)::bigint AS tier_4, sum(population)::bigint AS population,
       sum(missions)::bigint AS missions, sum(late_missions)::bigint AS late_missions,
       sum(measures)::bigint AS measures, sum(missing_measures)::bigint AS missing_measures,
       sum(sum_rate_weight) AS sum_rate_weight, sum(sum_weight) AS sum_weight
FROM (
  SELECT region, departement, count(*) AS contracts,
         count(*) FILTER (WHERE exco.tier_of(population) OPERATOR(exco.=) '1') AS tier_1,
         count(*) FILTER (WHERE exco.tier_of(population) OPERATOR(exco.=) '2') AS tier_2,
         count(*) FILTER (WHERE exco.tier_of(population) OPERATOR(exco.=) '3') AS tier_3,
         count(*) FILTER (WHERE exco.tier_of(population) OPERATOR(exco.=) '4') AS tier_4,
         sum(population) AS population, 0 AS missions, 0 AS late_missions, 0 AS measures,
         0 AS missing_measures, NULL::numeric AS sum_rate_weight, NULL::numeric AS sum_weight
  FROM :sch.contract WHERE signed_on <= date '2024-06-30' GROUP BY region, departement
  UNION ALL
  SELECT region, departement, 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE (st OPERATOR(pg_catalog.=) 'start_overdue' OR st OPERATOR(pg_catalog.=) 'started_late'
                                OR st OPERATOR(pg_catalog.=) 'deploy_overdue' OR st OPERATOR(pg_catalog.=) 'deployed_late')), 0, 0, NULL, NULL
  FROM (SELECT c.region, c.departement,
               exco.deadline_status(m.mission, c.signed_on, m.started_on, m.deployed_on, date '2024-06-30') AS st
        FROM :sch.mission m JOIN :sch.contract c ON c.region = m.region AND c.id = m.contract
        WHERE c.signed_on <= date '2024-06-30') ms
  GROUP BY region, departement
  UNION ALL
  SELECT c.region, c.departement, 0, 0, 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE x.value IS NULL),
         sum(exco.weighted_rate(exco.attainment(x.value, x.starting, x.objective), x.weight)), sum(x.weight)
  FROM :sch.measure x JOIN :sch.contract c ON c.region = x.region AND c.id = x.contract
  WHERE c.signed_on <= date '2024-06-30' GROUP BY c.region, c.departement
) AS parts
GROUP BY region, departement;

-- The per-département summary: département rows, and region and France rows that are re-sums of
-- the additive columns (no GROUPING SETS, no correlated sub-query); attainment is
-- exco.weighted_mean of the summed exco.weighted_rate, at every level.
CREATE VIEW :sch.q_summary AS
WITH d AS (SELECT * FROM :sch.q_departement_sums)
SELECT 'departement' AS level, region, departement, contracts, tier_1, tier_2, tier_3, tier_4, population,
       missions, late_missions, measures, missing_measures, exco.weighted_mean(sum_rate_weight, sum_weight) AS attainment
FROM d
UNION ALL
SELECT 'region', region, NULL, sum(contracts), sum(tier_1), sum(tier_2), sum(tier_3), sum(tier_4), sum(population),
       sum(missions), sum(late_missions), sum(measures), sum(missing_measures),
       exco.weighted_mean(sum(sum_rate_weight), sum(sum_weight))
FROM d GROUP BY region
UNION ALL
SELECT 'france', NULL, NULL, sum(contracts), sum(tier_1), sum(tier_2), sum(tier_3), sum(tier_4), sum(population),
       sum(missions), sum(late_missions), sum(measures), sum(missing_measures),
       exco.weighted_mean(sum(sum_rate_weight), sum(sum_weight))
FROM d;

-- Known non-pushdown 1: a STABLE function (exco.scale_ceiling reads the scale tables, which a shard
-- may not hold as the coordinator does) is never shipped: every contract row travels. The yearly
-- fonctionnement ceiling of the contracts under aci-cpts-2019 (doc/rules.md §8.1).
CREATE VIEW :sch.q_ceiling AS
SELECT region, sum((exco.scale_ceiling('fonctionnement', exco.tier_of(population), 'aci-cpts-2019')).total) AS fonctionnement
FROM :sch.contract GROUP BY region;
-- The rewrite: count per region and tier on the shards, apply the ceiling on the coordinator.
CREATE VIEW :sch.q_ceiling_rewrite AS
SELECT region, sum(n * (exco.scale_ceiling('fonctionnement', tier, 'aci-cpts-2019')).total) AS fonctionnement
FROM (SELECT region, exco.tier_of(population) AS tier, count(*) AS n
      FROM :sch.contract GROUP BY region, exco.tier_of(population)) s
GROUP BY region;

-- Known non-pushdown 2: current_date is STABLE: the statuses are computed on the coordinator.
CREATE VIEW :sch.q_today AS
SELECT region, count(*) FILTER (WHERE (st OPERATOR(pg_catalog.=) 'start_overdue' OR st OPERATOR(pg_catalog.=) 'started_late'
                                OR st OPERATOR(pg_catalog.=) 'deploy_overdue' OR st OPERATOR(pg_catalog.=) 'deployed_late')) AS late_today
FROM (SELECT c.region, exco.deadline_status(m.mission, c.signed_on, m.started_on, m.deployed_on, current_date) AS st
      FROM :sch.mission m JOIN :sch.contract c ON c.region = m.region AND c.id = m.contract) ms
GROUP BY region;

-- Known non-pushdown 3: the aggregate grouped by something other than the partition key (here by
-- mission, across regions): PostgreSQL 15 does not push partial aggregates, every measure travels.
CREATE VIEW :sch.q_by_mission AS
SELECT mission, exco.weighted_attainment(exco.attainment(value, starting, objective), weight) AS attainment
FROM :sch.measure GROUP BY mission;
-- The rewrite: per region and mission on the shards (sums of exco.weighted_rate and of weights),
-- combined on the coordinator with exco.weighted_mean.
CREATE VIEW :sch.q_by_mission_rewrite AS
SELECT mission, exco.weighted_mean(sum(srw), sum(sw)) AS attainment
FROM (SELECT region, mission, sum(exco.weighted_rate(exco.attainment(value, starting, objective), weight)) AS srw,
             sum(weight) AS sw
      FROM :sch.measure GROUP BY region, mission) s
GROUP BY mission;
