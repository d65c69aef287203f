-- Structural check of the report page written by report/page.sql (make report), against the
-- database it was built from (test/t/050_report_page.pl runs it on the fixture territory, make demo
-- on the real one).
--
--   psql -X -q -v ON_ERROR_STOP=1 -v page_file=FILE -v as_of=YYYY-MM-DD [-v region=CODE] \
--        -f test/scripts/report-page-check.sql
--
-- The page is parsed as XML (it is written well-formed) and read with xpath(). Checked:
--   1. every département of the page's area (exco.departement, of the region if one is given) has
--      exactly one area (a <use> of its shape, or an overseas tile) on the coverage map, and no
--      area names another code; a two-character code (metropolitan) is a <use> of the page's
--      shape #dep-CODE; every <use> names an element of the page;
--   2. each area's fill is one of the legend's fills, and the one of the class its coverage
--      falls in, computed here from exco.regional_summary_at's population figures (the legend's
--      n-th entry is the n-th class: unknown, 0, < 50 %, < 75 %, < 90 %, < 100 %, 100 %);
--   3. each cell of the tables (départements, regions, statuses) equals the SQL figure: data-value
--      is the value (empty for NULL), the text shown is "inconnu" for NULL and otherwise reads
--      back, French spaces, comma, € and % removed, as the same number; the rows are exactly the
--      areas; the deadline status counts are checked against exco.contract_overview_at's
--      mission_statuses (another way to the same statuses);
--   4. the money chart has a row per region with running contracts, whose counts of contracts
--      with a known and an unknown yearly ceiling are the SQL's, an unknown part drawn hatched,
--      and an amount written exactly when it is complete (and equal to it);
--   5. the status chart has a row per region with missions, whose overdue (start_overdue,
--      deploy_overdue), late (started_late, deployed_late) and total counts are the SQL's;
--   6. the headline figures (CPTS, coverage, contracts running, known yearly ceiling and the
--      contracts without one, missions overdue and late) are the SQL's;
--   7. the quarter table has a column per quarter end since the first contract (then as_of) and,
--      for France and each region with a contract, coverage, contracts running and missions
--      overdue at each, as the report functions give them at that date;
--   8. one root of each chart: data-chart map, tiers, money, statuses, trend;
--   9. the demo banner: on a database with the table exco_demo.marker (the demo's), the first
--      element of the body is #demo-banner; on any other, the page has none;
--  10. written as a person writes: no "(s)" plural, no "de exco", no ISO date outside <code>;
--      the title date is as_of in French;
--  11. the Méthode section gives as_of, exco's installed version and exco.scale_fingerprint();
--  12. nothing is loaded from outside the file (no src, no <link>, no <script>), and no id is
--      used twice (the charts' labels, the shapes and the hatch pattern are found by id).
-- Every problem is listed; any problem raises an error (SQLSTATE P0001) naming how many.

\set page_text `cat -- :'page_file'`
\if :{?region}
\else
  \set region ''
\endif
SET client_encoding = 'UTF8';

BEGIN;
CREATE TEMP TABLE page_doc ON COMMIT DROP AS SELECT xmlparse(DOCUMENT :'page_text') AS doc;
CREATE TEMP TABLE page_problem (what text) ON COMMIT DROP;
CREATE TEMP TABLE check_arg ON COMMIT DROP AS
SELECT (:'as_of')::date AS as_of, nullif(:'region', '') AS region;

-- The figures the page must show.
CREATE TEMP TABLE want_area ON COMMIT DROP AS
SELECT r.*, to_jsonb(r) AS j FROM check_arg AS a, exco.regional_summary_at(a.as_of, a.region) AS r;
CREATE TEMP TABLE want_dep ON COMMIT DROP AS
SELECT d.* FROM exco.departement AS d, check_arg AS a WHERE a.region IS NULL OR d.region = a.region;

-- 1, 2. The areas of the coverage map and the legend.
CREATE TEMP TABLE got_area ON COMMIT DROP AS
SELECT (xpath('/*/@data-code', a))[1]::text AS code, (xpath('local-name(/*)', a))[1]::text AS element,
       (xpath('/*/@fill', a))[1]::text AS fill, (xpath('/*/@href', a))[1]::text AS href
  FROM page_doc, unnest(xpath('//svg[@id="map-coverage"]//*[@class="area"]', doc)) AS a;
CREATE TEMP TABLE got_legend ON COMMIT DROP AS
SELECT l.fill::text AS fill, l.n
  FROM page_doc, unnest(xpath('//ul[@data-legend-for="map-coverage"]/li/@data-legend-fill', doc))
       WITH ORDINALITY AS l(fill, n);

INSERT INTO page_problem
SELECT format('département %s: %s areas on the coverage map, not 1', d.code, count(g.code))
  FROM want_dep AS d LEFT JOIN got_area AS g ON g.code = d.code
 GROUP BY d.code HAVING count(g.code) <> 1
UNION ALL
SELECT format('area %s on the map is not a département of the page', g.code)
  FROM got_area AS g WHERE NOT EXISTS (SELECT FROM want_dep AS d WHERE d.code = g.code)
UNION ALL
SELECT format('metropolitan département %s is drawn as a %s of %s, not a <use> of its shape #dep-%s', g.code, g.element, coalesce(g.href, 'nothing'), g.code)
  FROM got_area AS g, page_doc
 WHERE length(g.code) = 2
   AND (g.element <> 'use' OR g.href IS DISTINCT FROM '#dep-' || g.code
        OR NOT xpath_exists(format('//defs/path[@id="dep-%s"][@d]', g.code), doc))
UNION ALL
SELECT format('<use> of %s names no element of the page', u.href::text)
  FROM page_doc, unnest(xpath('//use/@href', doc)) AS u(href)
 WHERE NOT xpath_exists(format('//*[@id="%s"]', substr(u.href::text, 2)), doc)
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

-- 3. The tables: one row per area, one cell per figure; a cell's column is its header's data-col.
CREATE TEMP TABLE got_cell ON COMMIT DROP AS
SELECT t.id, (xpath('/tr/@data-code', tr))[1]::text AS code, h.col,
       (xpath('/td/@data-value', td))[1]::text AS value,
       (xpath('string(/td)', td))[1]::text AS shown
  FROM page_doc,
       unnest(ARRAY['t-departements', 't-regions', 't-statuses']) AS t(id),
       unnest(xpath(format('//table[@id="%s"]/tbody/tr', t.id), doc)) AS tr,
       unnest(xpath('/tr/td', tr)) WITH ORDINALITY AS c(td, pos),
       LATERAL (SELECT (xpath('/th/@data-col', th))[1]::text AS col
                  FROM unnest(xpath(format('//table[@id="%s"]/thead/tr/th', t.id), doc)) WITH ORDINALITY AS x(th, pos)
                 WHERE x.pos = c.pos) AS h
 WHERE xpath_exists('/td/@data-value', td);

-- The statuses another way: the jsonb of exco.contract_overview_at, per region of the contract.
CREATE TEMP TABLE want_status ON COMMIT DROP AS
SELECT o.region, coalesce(s.status, 'unknown') AS status, count(*) AS n
  FROM check_arg AS a, exco.contract_overview_at(a.as_of) AS o
 CROSS JOIN LATERAL jsonb_each_text(o.mission_statuses) AS s(mission, status)
 WHERE o.running AND (a.region IS NULL OR o.region = a.region)
 GROUP BY o.region, coalesce(s.status, 'unknown');

CREATE TEMP TABLE want_region ON COMMIT DROP AS
SELECT r.* FROM exco.region AS r, check_arg AS a WHERE a.region IS NULL OR r.code = a.region;

CREATE TEMP TABLE want_cell ON COMMIT DROP AS
SELECT 't-departements' AS id, w.area_departement AS code, c.col, w.j ->> c.col AS value
  FROM want_area AS w,
       unnest(ARRAY['cpts', 'tier_1', 'tier_2', 'tier_3', 'tier_4', 'population', 'population_covered',
                    'population_share_pct', 'contracts', 'yearly_ceiling', 'yearly_ceiling_known',
                    'contracts_with_gap']) AS c(col)
 WHERE w.level = 'departement'
UNION ALL
SELECT 't-regions', coalesce(w.region, 'FR'), c.col, w.j ->> c.col
  FROM want_area AS w,
       unnest(ARRAY['cpts', 'contracts', 'yearly_ceiling', 'yearly_ceiling_known', 'contracts_with_gap',
                    'variable_due_last_year', 'variable_due_last_year_known',
                    'variable_due_last_year_unknown']) AS c(col)
 WHERE w.level IN ('region', 'france')
UNION ALL
SELECT 't-statuses', r.code, s.status,
       coalesce((SELECT x.n FROM want_status AS x WHERE x.region = r.code AND x.status = s.status), 0)::text
  FROM want_region AS r,
       unnest(enum_range(NULL::exco.deadline_status)::text[] || 'unknown'::text) AS s(status)
UNION ALL
SELECT 't-statuses', r.code, 'total',
       coalesce((SELECT sum(x.n) FROM want_status AS x WHERE x.region = r.code), 0)::text
  FROM want_region AS r;

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

-- 4. The money chart: a row per region with running contracts; the known and unknown counts, an
-- unknown part hatched, an amount exactly when complete.
CREATE TEMP TABLE got_money ON COMMIT DROP AS
SELECT (xpath('/g/@data-region', g))[1]::text AS region, (xpath('/g/@data-known', g))[1]::text::bigint AS known,
       (xpath('/g/@data-unknown', g))[1]::text::bigint AS unknown,
       xpath_exists('/g/rect[@fill="url(#hatch)"]', g) AS hatched,
       (xpath('/g/text[@data-amount="yearly_ceiling"]/@data-value', g))[1]::text AS ceiling,
       (xpath('string(/g/text[@data-amount="yearly_ceiling"])', g))[1]::text AS ceiling_shown,
       (xpath('/g/text[@data-amount="variable_due_last_year"]/@data-value', g))[1]::text AS variable,
       (xpath('string(/g/text[@data-amount="variable_due_last_year"])', g))[1]::text AS variable_shown
  FROM page_doc, unnest(xpath('//svg[@id="chart-money"]//g[@class="money-row"]', doc)) AS g;
CREATE FUNCTION pg_temp.reads_as(shown text, v numeric) RETURNS boolean LANGUAGE sql IMMUTABLE
  RETURN shown ~ '^-?[0-9][0-9\u00a0]*(,[0-9]+)?(\u00a0[€%])?$'
         AND replace(translate(shown, U&' \00A0€%', ''), ',', '.')::numeric = v;
INSERT INTO page_problem
SELECT format('chart-money: region %s has %s rows, not 1', w.region, count(g.region))
  FROM want_area AS w LEFT JOIN got_money AS g ON g.region = w.region
 WHERE w.level = 'region' AND w.contracts > 0 GROUP BY w.region HAVING count(g.region) <> 1
UNION ALL
SELECT format('chart-money: region %s has a row but no running contract', g.region)
  FROM got_money AS g WHERE NOT EXISTS (SELECT FROM want_area AS w WHERE w.level = 'region' AND w.region = g.region AND w.contracts > 0)
UNION ALL
SELECT format('chart-money: region %s shows %s known and %s unknown, SQL says %s and %s', w.region, g.known, g.unknown,
              w.contracts - w.contracts_with_gap, w.contracts_with_gap)
  FROM want_area AS w JOIN got_money AS g ON g.region = w.region
 WHERE w.level = 'region' AND (g.known IS DISTINCT FROM w.contracts - w.contracts_with_gap OR g.unknown IS DISTINCT FROM w.contracts_with_gap)
UNION ALL
SELECT format('chart-money: region %s draws its %s unknown contracts %s', w.region, w.contracts_with_gap,
              CASE WHEN g.hatched THEN 'hatched, but there are none' ELSE 'without a hatched part' END)
  FROM want_area AS w JOIN got_money AS g ON g.region = w.region
 WHERE w.level = 'region' AND g.hatched <> (w.contracts_with_gap > 0)
UNION ALL
SELECT format('chart-money: region %s writes %s "%s" (%s), SQL says %s', w.region, x.what, coalesce(x.shown, ''),
              coalesce(x.got, 'no amount'), coalesce(x.want::text, 'NULL: no amount'))
  FROM want_area AS w JOIN got_money AS g ON g.region = w.region,
       LATERAL (VALUES ('yearly ceiling', g.ceiling, g.ceiling_shown, w.yearly_ceiling),
                       ('variable due', g.variable, g.variable_shown, w.variable_due_last_year)) AS x(what, got, shown, want)
 WHERE w.level = 'region'
   AND (x.got IS DISTINCT FROM x.want::text OR (x.want IS NOT NULL AND NOT pg_temp.reads_as(x.shown, x.want)));

-- 5. The status chart: a row per region with missions; overdue, late and total.
CREATE TEMP TABLE want_status_region ON COMMIT DROP AS
SELECT w.region, sum(w.n) AS total,
       coalesce(sum(w.n) FILTER (WHERE w.status IN ('start_overdue', 'deploy_overdue')), 0) AS overdue,
       coalesce(sum(w.n) FILTER (WHERE w.status IN ('started_late', 'deployed_late')), 0) AS late
  FROM want_status AS w GROUP BY w.region;
CREATE TEMP TABLE got_status_region ON COMMIT DROP AS
SELECT (xpath('/g/@data-region', g))[1]::text AS region, (xpath('/g/@data-total', g))[1]::text::bigint AS total,
       (xpath('/g/@data-overdue', g))[1]::text::bigint AS overdue, (xpath('/g/@data-late', g))[1]::text::bigint AS late,
       (xpath('string(/g/text[last() - 1])', g))[1]::text AS overdue_shown,
       (xpath('string(/g/text[last()])', g))[1]::text AS late_shown
  FROM page_doc, unnest(xpath('//svg[@id="chart-status"]//g[@class="status-row"]', doc)) AS g;
INSERT INTO page_problem
SELECT format('chart-status: region %s has %s rows, SQL has %s missions', coalesce(w.region, g.region), count(g.region), coalesce(w.total, 0))
  FROM want_status_region AS w FULL JOIN got_status_region AS g ON g.region = w.region
 GROUP BY coalesce(w.region, g.region), w.total HAVING count(g.region) <> 1
UNION ALL
SELECT format('chart-status: region %s shows %s overdue ("%s"), %s late ("%s") of %s; SQL says %s, %s of %s', w.region,
              g.overdue, g.overdue_shown, g.late, g.late_shown, g.total, w.overdue, w.late, w.total)
  FROM want_status_region AS w JOIN got_status_region AS g USING (region)
 WHERE (g.overdue, g.late, g.total) IS DISTINCT FROM (w.overdue, w.late, w.total)
    OR NOT pg_temp.reads_as(g.overdue_shown, w.overdue) OR NOT pg_temp.reads_as(g.late_shown, w.late);

-- 6. The headline.
INSERT INTO page_problem
SELECT format('headline: %s is "%s" (shown "%s"), SQL says %s', f.key, coalesce(got.value, 'missing'), coalesce(got.shown, ''), coalesce(f.want::text, 'NULL'))
  FROM (SELECT w.* FROM want_area AS w, check_arg AS a
         WHERE w.level::text = CASE WHEN a.region IS NULL THEN 'france' ELSE 'region' END) AS t,
       (SELECT coalesce(sum(overdue), 0) AS overdue, coalesce(sum(late), 0) AS late FROM want_status_region) AS st,
       LATERAL (VALUES ('cpts', t.cpts::numeric, true), ('coverage', t.population_share_pct, true),
                       ('contracts', t.contracts, true), ('ceiling_known', t.yearly_ceiling_known, true),
                       ('contracts_with_gap', t.contracts_with_gap, false), ('overdue', st.overdue, true),
                       ('late', st.late, false)) AS f(key, want, shown),
       page_doc,
       LATERAL (SELECT (xpath(format('//*[@id="headline"]//*[@data-figure="%s"]/@data-value', f.key), doc))[1]::text AS value,
                       (xpath(format('string(//*[@id="headline"]//*[@data-figure="%s"]/*[@class="num"])', f.key), doc))[1]::text AS shown) AS got
 WHERE got.value IS DISTINCT FROM coalesce(f.want::text, '')
    OR (f.shown AND f.want IS NOT NULL AND NOT pg_temp.reads_as(got.shown, f.want));

-- 7. The quarters: computed here again, then each cell of the quarter table read back.
CREATE TEMP TABLE want_quarter ON COMMIT DROP AS
WITH first AS (
  SELECT min(c.signed_on) AS d FROM exco.contract AS c, check_arg AS a
   WHERE c.signed_on <= a.as_of AND (a.region IS NULL OR c.region = a.region)
)
SELECT DISTINCT q.d
  FROM first, check_arg AS a,
       LATERAL (SELECT (date_trunc('quarter', first.d) + make_interval(months => 3 * n) + interval '3 months' - interval '1 day')::date AS d
                  FROM generate_series(0, 400) AS n
                UNION ALL SELECT a.as_of) AS q
 WHERE first.d IS NOT NULL AND q.d <= a.as_of;
CREATE TEMP TABLE want_trend ON COMMIT DROP AS
SELECT q.d, coalesce(r.region, 'FR') AS code, x.measure,
       CASE x.measure WHEN 'covered' THEN r.population_share_pct WHEN 'contracts' THEN r.contracts
            ELSE (SELECT count(*) FROM exco.mission_status_at(q.d) AS m JOIN exco.contract AS k ON k.id = m.contract
                   WHERE m.running AND m.status IN ('start_overdue', 'deploy_overdue')
                     AND (k.region = r.region OR (r.region IS NULL AND (a.region IS NULL OR k.region = a.region)))) END AS v
  FROM want_quarter AS q, check_arg AS a, exco.regional_summary_at(q.d, a.region) AS r,
       unnest(ARRAY['covered', 'contracts', 'overdue']) AS x(measure)
 WHERE r.level = 'france'
    OR (r.level = 'region' AND EXISTS (SELECT FROM exco.contract AS c WHERE c.region = r.region AND c.signed_on <= a.as_of));
CREATE TEMP TABLE got_quarter ON COMMIT DROP AS
SELECT h.d::text::date AS d, h.pos
  FROM page_doc, unnest(xpath('//table[@id="t-trend"]/thead/tr/th/@data-date', doc)) WITH ORDINALITY AS h(d, pos);
CREATE TEMP TABLE got_trend ON COMMIT DROP AS
SELECT (xpath('/tr/@data-code', tr))[1]::text AS code, (xpath('/tr/@data-measure', tr))[1]::text AS measure,
       c.pos - 2 AS pos, (xpath('string(/td)', c.td))[1]::text AS shown
  FROM page_doc, unnest(xpath('//table[@id="t-trend"]/tbody/tr', doc)) AS tr,
       unnest(xpath('/tr/td', tr)) WITH ORDINALITY AS c(td, pos)
 WHERE c.pos > 2;
INSERT INTO page_problem
SELECT format('t-trend: the quarters are %s, not %s',
              (SELECT string_agg(d::text, ' ' ORDER BY pos) FROM got_quarter), (SELECT string_agg(d::text, ' ' ORDER BY d) FROM want_quarter))
 WHERE (SELECT array_agg(d ORDER BY pos) FROM got_quarter) IS DISTINCT FROM (SELECT array_agg(d ORDER BY d) FROM want_quarter)
UNION ALL
SELECT format('t-trend: %s %s on %s is missing', w.code, w.measure, w.d)
  FROM want_trend AS w JOIN got_quarter AS q ON q.d = w.d
 WHERE NOT EXISTS (SELECT FROM got_trend AS g WHERE (g.code, g.measure, g.pos) = (w.code, w.measure, q.pos))
UNION ALL
SELECT format('t-trend: row %s %s is not an area and measure of the report', g.code, g.measure)
  FROM (SELECT DISTINCT code, measure FROM got_trend) AS g
 WHERE NOT EXISTS (SELECT FROM want_trend AS w WHERE (w.code, w.measure) = (g.code, g.measure))
UNION ALL
SELECT format('t-trend: %s %s on %s shows "%s", SQL says %s', w.code, w.measure, w.d, g.shown, coalesce(w.v::text, 'NULL (inconnu)'))
  FROM want_trend AS w JOIN got_quarter AS q ON q.d = w.d
  JOIN got_trend AS g ON (g.code, g.measure, g.pos) = (w.code, w.measure, q.pos)
 WHERE CASE WHEN w.v IS NULL THEN g.shown <> 'inconnu' ELSE NOT pg_temp.reads_as(g.shown, w.v) END;

-- 8, 9, 10. The charts' roots, the demo banner, the French.
INSERT INTO page_problem
SELECT format('%s roots of data-chart="%s", not 1', count(c.v), k.kind)
  FROM unnest(ARRAY['map', 'tiers', 'money', 'statuses', 'trend']) AS k(kind)
  LEFT JOIN (SELECT v::text FROM page_doc, unnest(xpath('//*/@data-chart', doc)) AS v) AS c ON c.v = k.kind
 GROUP BY k.kind HAVING count(c.v) <> 1
UNION ALL
SELECT CASE WHEN to_regclass('exco_demo.marker') IS NOT NULL
            THEN 'the database is the demo''s (exco_demo.marker), but the first element of the body is not the demo banner'
            ELSE 'the database is not the demo''s (no exco_demo.marker), but the page has a demo banner' END
  FROM page_doc
 WHERE (to_regclass('exco_demo.marker') IS NOT NULL) <> xpath_exists('/html/body/*[1][@id="demo-banner"]', doc)
    OR (to_regclass('exco_demo.marker') IS NULL AND xpath_exists('//*[@id="demo-banner"]', doc))
UNION ALL
SELECT format('a text reads like generated text (%s): "%s"', x.what, left(t.t::text, 120))
  FROM page_doc, unnest(xpath('//body//text()[not(ancestor::code) and not(ancestor::style)]', doc)) AS t(t),
       LATERAL (VALUES ('a "(s)" plural', t.t::text LIKE '%(s)%'), ('"de exco"', t.t::text ~* '\mde exco\M'),
                       ('an ISO date', t.t::text ~ '[0-9]{4}-[0-9]{2}-[0-9]{2}')) AS x(what, hit)
 WHERE x.hit
UNION ALL
SELECT format('the title''s date reads "%s", not as_of in French', coalesce(got, ''))
  FROM page_doc, check_arg AS a,
       LATERAL (SELECT (xpath('string(//time[@id="as-of"])', doc))[1]::text AS got) AS g
 WHERE got IS DISTINCT FROM
       extract(day FROM a.as_of)::integer || CASE WHEN extract(day FROM a.as_of) = 1 THEN 'er' ELSE '' END || U&'\00A0'
       || (ARRAY['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
                 'octobre', 'novembre', 'décembre'])[extract(month FROM a.as_of)::integer] || U&'\00A0' || extract(year FROM a.as_of)::integer;

-- 11, 12. The Méthode section; nothing from outside.
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
