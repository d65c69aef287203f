-- Deterministic data of the postgres_fdw test and benchmark: the same rows on every run and on
-- every node, no random(). psql variables:
--   sch      schema whose tables contract, mission and measure receive the rows
--   regions  the regions to generate, as a quoted SQL list ('11', '84'), or all of them
--   scale    contracts per region-round (default 4000 contracts: 40 000 missions... see below)
-- Rows: contracts 1..:contracts, contract id → region (id mod 18) and one of the region's
-- départements; 4 to 6 missions per contract; 10 indicators × 5 contract years = 50 measures per
-- contract (:contracts × 50 measures: 200 000 for 4 000 contracts).
-- The 18 regions (INSEE codes) and how many départements each has (101 in all).
CREATE TEMP TABLE IF NOT EXISTS gen_region (code text, idx integer, ndep integer);
TRUNCATE gen_region;
INSERT INTO gen_region
SELECT * FROM (VALUES ('01', 0, 1), ('02', 1, 1), ('03', 2, 1), ('04', 3, 1), ('06', 4, 1),
                      ('11', 5, 8), ('24', 6, 6), ('27', 7, 8), ('28', 8, 5), ('32', 9, 5),
                      ('44', 10, 10), ('52', 11, 5), ('53', 12, 4), ('75', 13, 12),
                      ('76', 14, 13), ('84', 15, 12), ('93', 16, 6), ('94', 17, 2)) AS r(code, idx, ndep)
WHERE code IN (:regions);

-- population 5 000 .. 244 999 (all four tiers); signed 2019-09-01 .. 2024-08-05.
INSERT INTO :sch.contract (region, id, departement, population, signed_on)
SELECT r.code, c.id, r.code || '-' || lpad((1 + (c.id / 18) % r.ndep)::text, 2, '0'),
       5000 + (c.id * 7919) % 240000, date '2019-09-01' + (c.id * 37) % 1800
FROM generate_series(1, :contracts) AS c(id)
JOIN gen_region r ON r.idx = c.id % 18;

-- The four socle missions, qualite for one contract in 3, accompagnement for one in 5; started
-- 0..399 days after signature (never, for one in 9), deployed 0..699 days after the start (not
-- yet, for one in 4): on a fixed date every deadline status occurs.
INSERT INTO :sch.mission (region, contract, mission, started_on, deployed_on)
SELECT c.region, c.id, m.mission, s.started_on,
       CASE WHEN (c.id + m.k) % 4 <> 0 THEN s.started_on + ((c.id * 7 + m.k * 11) % 700)::integer END
FROM :sch.contract c
CROSS JOIN LATERAL unnest('{acces_soins,parcours,prevention,crises_sanitaires,qualite,accompagnement}'::exco.mission[])
  WITH ORDINALITY AS m(mission, k)
CROSS JOIN LATERAL (SELECT CASE WHEN (c.id + m.k) % 9 <> 0 THEN c.signed_on + ((c.id * 13 + m.k * 29) % 400)::integer END
                    AS started_on) s
WHERE m.k <= 4 OR (m.k = 5 AND c.id % 3 = 0) OR (m.k = 6 AND c.id % 5 = 0);

-- 10 indicators per contract (indicator i belongs to socle mission 1 + i mod 4), 5 years each.
-- Rising objectives, and falling ones for i mod 4 = 0; measures from 12 below to 28.9 above the
-- starting level (both clamps occur), one in 23 missing (NULL: rate 0); weights 1..3.
INSERT INTO :sch.measure (region, contract, indicator, contract_year, mission, value, starting, objective, weight)
SELECT c.region, c.id, i, y,
       ('{acces_soins,parcours,prevention,crises_sanitaires}'::exco.mission[])[1 + i % 4],
       CASE WHEN (c.id + i + y) % 23 <> 0
            THEN st + (c.id * 31 + i * 17 + y * 11) % 41 - 12 + (c.id % 10) / 10.0 END,
       st,
       CASE WHEN i % 4 <> 0 THEN st + 10 + (i % 3) * 5 ELSE st - 5 - (i % 3) * 5 END,
       1 + i % 3
FROM :sch.contract c
CROSS JOIN generate_series(1, 10) AS i
CROSS JOIN generate_series(1, 5) AS y
CROSS JOIN LATERAL (SELECT ((c.id * 13 + i * 7) % 100)::numeric AS st) s;
