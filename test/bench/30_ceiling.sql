-- Benchmark 3, ceiling: the yearly ceilings of BENCH_ROWS/10 contract-missions with
-- exco.ceiling(line, tier, on_date) (composite: scale, line, tier, fixed, variable, dedicated,
-- total), against
--   scale_join  the scale in force (latest exco.scale.effective_from <= on_date) joined to
--               exco.scale_amount, summing the amounts of every share      goal marginal ratio <= 0.5
-- and the floor: sum(1.00) FILTER (WHERE on_date IS NOT NULL), reading the three arguments (on_date
-- is the last column) and summing a numeric per row as exco's query does, computing nothing of
-- the rule (ceiling_vs_floor, no goal). Marginal ratio = (exco - floor) / (join - floor).
-- Lines: the 6 lines of the shipped scale 'aci-cpts-2019'; tiers 1..4; dates uniform over
-- 2019-08-25 .. 2022-03-31, where that scale is in force and complete, so every cell exists.

SELECT bench.has_function('ceiling') AS has_ceiling,
       EXISTS (SELECT FROM exco.scale_amount WHERE scale = 'aci-cpts-2019') AS has_scale \gset
\if :has_ceiling
\if :has_scale

\warn == ceiling: generating contract-missions
SELECT setseed(0.3) \g /dev/null
CREATE TABLE bench.ceiling_cm AS
  SELECT (ARRAY['fonctionnement', 'acces_soins', 'parcours', 'prevention', 'qualite',
                'accompagnement']::exco.mission[])[1 + floor(random() * 6)::integer] AS line,
         (1 + floor(random() * 4)::integer)::exco.tier AS tier,
         DATE '2019-08-25' + (random() * (DATE '2022-03-31' - DATE '2019-08-25'))::integer AS on_date
    FROM generate_series(1, :rows / 10);
VACUUM (FREEZE, ANALYZE) bench.ceiling_cm;
SELECT pg_prewarm('bench.ceiling_cm') \g /dev/null

-- exco.tier's operators live in schema exco: a user comparing tiers puts exco on the search_path.
SET search_path = public, exco;

-- What a user writes without exco: each scale's validity range from the next scale's start,
-- then an equi-join on (scale, line, tier).
CREATE VIEW bench.ceiling_join AS
SELECT c.line, c.tier, c.on_date, a.share, a.amount
  FROM bench.ceiling_cm c
  JOIN (SELECT scale, effective_from,
               lead(effective_from, 1, 'infinity') OVER (ORDER BY effective_from) AS until
          FROM exco.scale) s ON c.on_date >= s.effective_from AND c.on_date < s.until
  JOIN exco.scale_amount a ON a.scale = s.scale AND a.line = c.line AND a.tier = c.tier;

SELECT bench.check('ceiling sums of fixed, variable, dedicated',
  (SELECT ARRAY[sum((c).fixed), sum((c).variable), sum(coalesce((c).dedicated, 0))]
     FROM (SELECT exco.ceiling(line, tier, on_date) AS c FROM bench.ceiling_cm) x),
  'scale_join',
  (SELECT ARRAY[coalesce(sum(amount) FILTER (WHERE share = 'fixed'), 0),
                coalesce(sum(amount) FILTER (WHERE share = 'variable'), 0),
                coalesce(sum(amount) FILTER (WHERE share = 'dedicated'), 0)]
     FROM bench.ceiling_join));

\warn == ceiling: timing
SELECT bench.time_queries(
  ARRAY['ceiling/exco', 'ceiling/scale_join', 'ceiling/floor'],
  ARRAY[$q$SELECT sum((exco.ceiling(line, tier, on_date)).total) FROM bench.ceiling_cm$q$,
        $q$SELECT sum(amount) FROM bench.ceiling_join$q$,
        $q$SELECT sum(1.00) FILTER (WHERE on_date IS NOT NULL) FROM bench.ceiling_cm$q$]);

SELECT bench.compare('ceiling_vs_join', 'ceiling/exco', 'scale_join', 'ceiling/scale_join', 0.5, 'ceiling/floor');
SELECT bench.compare('ceiling_vs_floor', 'ceiling/exco', 'floor', 'ceiling/floor', NULL);

DROP VIEW bench.ceiling_join;
DROP TABLE bench.ceiling_cm;

\else
SELECT bench.skip('ceiling_vs_join', 'scale aci-cpts-2019 not loaded in exco.scale_amount');
\endif
\else
SELECT bench.skip('ceiling_vs_join', 'exco.ceiling not installed');
\endif
