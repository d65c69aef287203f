-- The summary table printed at the end of `make bench` (and into bench-results/latest.txt).
\pset border 2
\pset null ''
SELECT name AS benchmark,
       exco_ms AS "exco ms",
       baseline,
       baseline_ms AS "baseline ms",
       ratio,
       floor_ms AS "floor ms",
       marginal,
       CASE WHEN goal IS NOT NULL THEN '<= ' || goal || CASE WHEN floor_ms IS NOT NULL THEN ' marginal' ELSE '' END END AS goal,
       CASE WHEN goal IS NULL THEN ''
            WHEN floor_ms IS NOT NULL THEN CASE WHEN marginal IS NULL THEN 'n/a' WHEN marginal <= goal THEN 'yes' ELSE 'NO' END
            WHEN ratio IS NULL THEN ''
            WHEN ratio <= goal THEN 'yes' ELSE 'NO' END AS "goal met",
       note
  FROM bench.result
 ORDER BY seq;

SELECT EXISTS (SELECT FROM bench.memory) AS has_memory \gset
\if :has_memory
SELECT name AS "memory of", rows AS "input rows", groups, backend_kb AS "backend kB (all contexts)",
       hashagg_peak_kb AS "HashAgg peak kB", hashagg_batches AS "HashAgg batches"
  FROM bench.memory
 ORDER BY name, rows;
\endif
