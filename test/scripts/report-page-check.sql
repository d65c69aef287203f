-- Structural check of the report page written by test/scripts/report-page.sql, against the
-- database it was built from (test/steps/report_page.sh runs it on the fixture territory).
--
--   psql -X -q -v ON_ERROR_STOP=1 -v page_file=FILE -v as_of=YYYY-MM-DD -f test/scripts/report-page-check.sql
--
-- The page is parsed as XML (it is written well-formed) and read with xpath(). Checked:
--   1. every département of exco.departement has exactly one area (path or overseas square) on
--      the coverage map, and no area names another code; a two-character code (metropolitan)
--      is a shape (<path>);
--   2. each area's fill is one of the legend's fills, and the one of the class its coverage
--      falls in, computed here from exco.regional_summary_at's population figures (the legend's
--      n-th entry is the n-th class: unknown, 0, < 50 %, < 75 %, < 90 %, < 100 %, 100 %);
--   3. each cell of the four tables equals the SQL figure: data-value is the value
--      (empty for NULL), the text shown is "inconnu" for NULL and otherwise reads back, French
--      spaces, comma, € and % removed, as the same number; the rows are exactly the areas;
--      the deadline status counts are checked against exco.contract_overview_at's
--      mission_statuses (another way to the same statuses);
--   4. every unknown total of the money chart is drawn hatched (one hatched square per NULL
--      total of a region with running contracts), never as a bare bar;
--   5. the header gives as_of, exco's installed version and exco.scale_fingerprint();
--   6. nothing is loaded from outside the file (no src, no <link>, no <script>), and no id is
--      used twice (the charts' labels and the hatch pattern are found by id).
-- Every problem is listed; any problem raises an error (SQLSTATE P0001) naming how many.

\set page_text `cat -- :'page_file'`
SET client_encoding = 'UTF8';

BEGIN;
CREATE TEMP TABLE page_doc ON COMMIT DROP AS SELECT xmlparse(DOCUMENT :'page_text') AS doc;
CREATE TEMP TABLE page_problem (what text) ON COMMIT DROP;

-- The figures the page must show.
CREATE TEMP TABLE want_area ON COMMIT DROP AS
SELECT r.*, to_jsonb(r) AS j FROM exco.regional_summary_at(:'as_of') AS r;

-- 1, 2. The areas of the coverage map and the legend.
CREATE TEMP TABLE got_area ON COMMIT DROP AS
SELECT (xpath('/*/@data-code', a))[1]::text AS code, (xpath('local-name(/*)', a))[1]::text AS element,
       (xpath('/*/@fill', a))[1]::text AS fill
  FROM page_doc, unnest(xpath('//svg[@id="map-coverage"]//*[@class="area"]', doc)) AS a;
CREATE TEMP TABLE got_legend ON COMMIT DROP AS
SELECT l.fill::text AS fill, l.n
  FROM page_doc, unnest(xpath('//ul[@data-legend-for="map-coverage"]/li/@data-legend-fill', doc))
       WITH ORDINALITY AS l(fill, n);

INSERT INTO page_problem
SELECT format('département %s: %s areas on the coverage map, not 1', d.code, count(g.code))
  FROM exco.departement AS d LEFT JOIN got_area AS g ON g.code = d.code
 GROUP BY d.code HAVING count(g.code) <> 1
UNION ALL
SELECT format('area %s on the map is not a département', g.code)
  FROM got_area AS g WHERE NOT EXISTS (SELECT FROM exco.departement AS d WHERE d.code = g.code)
UNION ALL
SELECT format('metropolitan département %s is drawn as a %s, not a shape', g.code, g.element)
  FROM got_area AS g WHERE length(g.code) = 2 AND g.element <> 'path'
UNION ALL
SELECT format('area %s has fill %s, not one of the legend', g.code, g.fill)
  FROM got_area AS g WHERE NOT EXISTS (SELECT FROM got_legend AS l WHERE l.fill = g.fill)
UNION ALL
SELECT format('area %s (population %s, covered %s) has fill %s, not %s (legend entry %s)',
              g.code, w.population, w.population_covered, g.fill, l.fill, want.n)
  FROM got_area AS g
  JOIN want_area AS w ON w.level = 'departement' AND w.area_departement = g.code
 CROSS JOIN LATERAL (SELECT CASE WHEN coalesce(w.population, 0) = 0 THEN 1
                                 WHEN w.population_covered = 0 THEN 2
                                 WHEN w.population_covered = w.population THEN 7
                                 WHEN w.population_covered::numeric / w.population < 0.50 THEN 3
                                 WHEN w.population_covered::numeric / w.population < 0.75 THEN 4
                                 WHEN w.population_covered::numeric / w.population < 0.90 THEN 5
                                 ELSE 6 END AS n) AS want
  LEFT JOIN got_legend AS l ON l.n = want.n
 WHERE g.fill IS DISTINCT FROM l.fill
UNION ALL
SELECT format('the coverage legend has %s entries, not 7', count(*)) FROM got_legend HAVING count(*) <> 7;

-- 3. The tables: one row per area, one cell per figure.
CREATE TEMP TABLE got_cell ON COMMIT DROP AS
SELECT t.id, (xpath('/tr/@data-code', tr))[1]::text AS code,
       (xpath('/td/@data-col', td))[1]::text AS col,
       (xpath('/td/@data-value', td))[1]::text AS value,
       (xpath('string(/td)', td))[1]::text AS shown
  FROM page_doc,
       unnest(ARRAY['t-departements', 't-tiers', 't-regions', 't-statuses']) AS t(id),
       unnest(xpath(format('//table[@id="%s"]/tbody/tr', t.id), doc)) AS tr,
       unnest(xpath('/tr/td[@data-col]', tr)) AS td;

-- The statuses another way: the jsonb of exco.contract_overview_at, per region of the contract.
CREATE TEMP TABLE want_status ON COMMIT DROP AS
SELECT o.region, coalesce(s.status, 'unknown') AS status, count(*) AS n
  FROM exco.contract_overview_at(:'as_of') AS o
 CROSS JOIN LATERAL jsonb_each_text(o.mission_statuses) AS s(mission, status)
 WHERE o.running
 GROUP BY o.region, coalesce(s.status, 'unknown');

CREATE TEMP TABLE want_cell ON COMMIT DROP AS
SELECT 't-departements' AS id, w.area_departement AS code, c.col, w.j ->> c.col AS value
  FROM want_area AS w,
       unnest(ARRAY['cpts', 'population', 'population_covered', 'population_share_pct', 'contracts',
                    'yearly_ceiling', 'yearly_ceiling_known', 'contracts_with_gap', 'late_missions']) AS c(col)
 WHERE w.level = 'departement'
UNION ALL
SELECT 't-tiers', w.area_departement, c.col, w.j ->> c.col
  FROM want_area AS w, unnest(ARRAY['cpts', 'tier_1', 'tier_2', 'tier_3', 'tier_4']) AS c(col)
 WHERE w.level = 'departement'
UNION ALL
SELECT 't-regions', coalesce(w.region, 'FR'), c.col, w.j ->> c.col
  FROM want_area AS w,
       unnest(ARRAY['cpts', 'contracts', 'yearly_ceiling', 'yearly_ceiling_known', 'contracts_with_gap',
                    'variable_due_last_year', 'variable_due_last_year_known',
                    'variable_due_last_year_unknown', 'late_missions']) AS c(col)
 WHERE w.level IN ('region', 'france')
UNION ALL
SELECT 't-statuses', r.code, s.status,
       coalesce((SELECT x.n FROM want_status AS x WHERE x.region = r.code AND x.status = s.status), 0)::text
  FROM exco.region AS r,
       unnest(enum_range(NULL::exco.deadline_status)::text[] || 'unknown'::text) AS s(status)
UNION ALL
SELECT 't-statuses', r.code, 'total',
       coalesce((SELECT sum(x.n) FROM want_status AS x WHERE x.region = r.code), 0)::text
  FROM exco.region AS r;

INSERT INTO page_problem
SELECT format('%s: cell %s/%s is missing', w.id, w.code, w.col)
  FROM want_cell AS w
 WHERE NOT EXISTS (SELECT FROM got_cell AS g WHERE (g.id, g.code, g.col) = (w.id, w.code, w.col))
UNION ALL
SELECT format('%s: cell %s/%s is not a figure of the report', g.id, g.code, g.col)
  FROM got_cell AS g
 WHERE NOT EXISTS (SELECT FROM want_cell AS w WHERE (g.id, g.code, g.col) = (w.id, w.code, w.col))
UNION ALL
SELECT format('%s: cell %s/%s has data-value "%s", SQL says %s', w.id, w.code, w.col, g.value,
              coalesce(w.value, 'NULL'))
  FROM want_cell AS w JOIN got_cell AS g USING (id, code, col)
 WHERE g.value IS DISTINCT FROM coalesce(w.value, '')
UNION ALL
SELECT format('%s: cell %s/%s shows "%s", SQL says %s', w.id, w.code, w.col, g.shown,
              coalesce(w.value, 'NULL (inconnu)'))
  FROM want_cell AS w JOIN got_cell AS g USING (id, code, col)
 WHERE CASE WHEN w.value IS NULL THEN g.shown <> 'inconnu'
            ELSE g.shown !~ '^-?[0-9][0-9\u00a0]*(,[0-9]+)?(\u00a0[€%])?$'
                 OR replace(translate(g.shown, U&' \00A0€%', ''), ',', '.')::numeric <> w.value::numeric END;

-- 4. The money chart: a hatched square for each NULL total of a region with running contracts
-- (its legend has one more).
INSERT INTO page_problem
SELECT format('chart-money: %s hatched squares, %s unknown totals', got.n, want.n)
  FROM (SELECT count(*) - 1 AS n FROM page_doc,
               unnest(xpath('//svg[@id="chart-money"]//rect[@fill="url(#hatch)"]', doc))) AS got,
       (SELECT count(*) FILTER (WHERE w.yearly_ceiling IS NULL)
             + count(*) FILTER (WHERE w.variable_due_last_year IS NULL) AS n
          FROM want_area AS w WHERE w.level = 'region' AND w.contracts > 0) AS want
 WHERE got.n <> want.n;

-- 5, 6. The header; nothing from outside.
INSERT INTO page_problem
SELECT format('header: %s is "%s", not "%s"', h.what, h.got, h.want)
  FROM page_doc, LATERAL (VALUES
         ('as of', (xpath('string(//time[@id="as-of"]/@datetime)', doc))[1]::text, :'as_of'),
         ('exco version', (xpath('string(//*[@id="exco-version"])', doc))[1]::text,
          (SELECT 'exco ' || e.extversion FROM pg_extension AS e WHERE e.extname = 'exco')),
         ('scale fingerprint', (xpath('string(//*[@id="scale-fingerprint"])', doc))[1]::text,
          exco.scale_fingerprint())) AS h(what, got, want)
 WHERE h.got IS DISTINCT FROM h.want
UNION ALL
SELECT format('id "%s" is used %s times (an id names one element)', i.id::text, count(*))
  FROM page_doc, unnest(xpath('//@id', doc)) AS i(id)
 GROUP BY i.id::text HAVING count(*) > 1
UNION ALL
SELECT format('the page loads %s from outside the file (src, link, script)', x.n)
  FROM page_doc, LATERAL (SELECT count(*) AS n FROM unnest(xpath('//*[@src] | //link | //script', doc))) AS x
 WHERE x.n > 0;

SELECT (SELECT count(*) FROM got_area) AS areas, (SELECT count(*) FROM got_cell) AS cells,
       (SELECT count(*) FROM got_cell WHERE value = '') AS unknown_cells,
       (SELECT count(*) FROM page_problem) AS problems;
SELECT what AS problem FROM page_problem ORDER BY what LIMIT 50;
DO $$
DECLARE n bigint := (SELECT count(*) FROM page_problem);
BEGIN
  IF n > 0 THEN
    RAISE EXCEPTION 'the report page has % problem(s): it does not say what the report functions say', n
      USING HINT = 'the problems are listed above';
  END IF;
END $$;
COMMIT;
