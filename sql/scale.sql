-- Financing scales and ceilings (doc/rules.md §4, §8).
\set VERBOSITY default
SET search_path = public;
SET datestyle = ISO;
-- Errors are shown as SQLSTATE: message, through this helper (dropped at the end).
CREATE FUNCTION scale_try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- The shipped scales.
SELECT scale, effective_from, complete FROM exco.scale ORDER BY effective_from;

-- ---------------------------------------------------------------------------------------------
-- Every cell of the 2019 table of doc/rules.md §8.1, through exco.ceiling() on the first day in force,
-- next to the table typed in again from doc/rules.md §8.1: the last column must be true everywhere.
WITH md(line, share, t1, t2, t3, t4) AS (VALUES
  ('fonctionnement', 'fixed',     50000, 60000, 75000, 90000),
  ('acces_soins',    'fixed',     15000, 17500, 25000, 30000),
  ('acces_soins',    'variable',  25000, 29500, 40000, 50000),
  ('acces_soins',    'dedicated', 35000, 45000, 55000, 70000),
  ('parcours',       'fixed',     25000, 35000, 45000, 50000),
  ('parcours',       'variable',  25000, 35000, 45000, 50000),
  ('prevention',     'fixed',     10000, 15000, 17500, 20000),
  ('prevention',     'variable',  10000, 15000, 17500, 20000),
  ('qualite',        'fixed',      7500, 10000, 15000, 20000),
  ('qualite',        'variable',   7500, 10000, 15000, 20000),
  ('accompagnement', 'fixed',      5000,  7500, 10000, 15000),
  ('accompagnement', 'variable',   5000,  7500, 10000, 15000)),
got AS (
  SELECT c.line::text AS line, s.share,
         array_agg(CASE s.share WHEN 'fixed' THEN c.fixed WHEN 'variable' THEN c.variable
                                ELSE c.dedicated END ORDER BY c.tier) AS amounts
  FROM unnest(enum_range(NULL::exco.mission)) AS m(line)
  CROSS JOIN unnest('{1,2,3,4}'::exco.tier[]) AS t(tier)
  CROSS JOIN LATERAL exco.ceiling(m.line, t.tier, '2019-08-25') AS c
  CROSS JOIN unnest('{fixed,variable,dedicated}'::text[]) AS s(share)
  WHERE m.line <> 'crises_sanitaires'
  GROUP BY 1, 2)
SELECT got.line, got.share, got.amounts,
       got.amounts = ARRAY[md.t1, md.t2, md.t3, md.t4]::numeric[] AS as_scales_md
FROM got LEFT JOIN md USING (line, share)
WHERE md.line IS NOT NULL OR got.amounts <> '{0,0,0,0}'
ORDER BY got.line::exco.mission, got.share::exco.share;
-- The shares a line cannot have are 0 (fonctionnement: only fixed; dedicated: only acces_soins).
SELECT (c).line, (c).tier, (c).variable, (c).dedicated
FROM (SELECT exco.ceiling(m, '1', '2019-08-25') AS c
      FROM unnest('{fonctionnement,parcours}'::exco.mission[]) AS m) AS x;

-- Check 1: fixed + variable = the totals of doc/rules.md §4.1, per line and tier.
WITH domain(line, t1, t2, t3, t4) AS (VALUES
  ('fonctionnement', 50000, 60000, 75000, 90000),
  ('acces_soins',    40000, 47000, 65000, 80000),
  ('parcours',       50000, 70000, 90000, 100000),
  ('prevention',     20000, 30000, 35000, 40000),
  ('qualite',        15000, 20000, 30000, 40000),
  ('accompagnement', 10000, 15000, 20000, 30000))
SELECT d.line, array_agg(c.total ORDER BY c.tier) AS totals,
       array_agg(c.fixed + c.variable ORDER BY c.tier) = ARRAY[d.t1, d.t2, d.t3, d.t4]::numeric[]
         AND bool_and(c.total = c.fixed + c.variable) AS as_domain_md
FROM domain d
CROSS JOIN unnest('{1,2,3,4}'::exco.tier[]) AS t(tier)
CROSS JOIN LATERAL exco.ceiling(d.line::exco.mission, t.tier, '2020-06-30') AS c
GROUP BY d.line, d.t1, d.t2, d.t3, d.t4
ORDER BY d.line::exco.mission;

-- Checks 2 and 3: all lines without the SNP envelope 185 000 / 242 000 / 315 000 / 380 000,
-- with it 220 000 / 287 000 / 370 000 / 450 000.
SELECT t.tier, sum(c.total) AS without_snp, sum(c.total + c.dedicated) AS with_snp,
       sum(c.total) = (ARRAY[185000, 242000, 315000, 380000])[t.tier::integer] AS check_2,
       sum(c.total + c.dedicated) = (ARRAY[220000, 287000, 370000, 450000])[t.tier::integer] AS check_3
FROM unnest('{1,2,3,4}'::exco.tier[]) AS t(tier)
CROSS JOIN unnest(enum_range(NULL::exco.mission)) AS m(line)
CROSS JOIN LATERAL exco.ceiling(m.line, t.tier, '2019-08-25') AS c
WHERE m.line <> 'crises_sanitaires'
GROUP BY t.tier ORDER BY t.tier;
-- The same totals through exco.contract_ceiling() with every 2019 mission.
SELECT t, exco.contract_ceiling(t, '2019-08-25',
                                '{acces_soins,parcours,prevention,qualite,accompagnement}') AS all_missions
FROM unnest('{1,2,3,4}'::exco.tier[]) AS t;

-- Provenance: what doc/rules.md §8 confirms, what was reconstructed (acces_soins split, SNP envelope).
SELECT scale, line, share, provenance, count(*) AS cells
FROM exco.scale_amount GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
-- Every shipped row marked confirmed names a source key of doc/rules.md (Sources): fonctionnement
-- (4 tiers), the 50/50 lines of taille 3 in 2019 (4 lines x 2 shares = 8) and the 12 cells of
-- 2022: 24 confirmed, none without a key; every other row says it is reconstructed.
SELECT count(*) FILTER (WHERE provenance LIKE 'confirmed%') AS confirmed,
       count(*) FILTER (WHERE provenance LIKE 'confirmed%' AND provenance !~
         '\m(ACI-2019|ACI-AV2|CONV-AV9|CONV-AM|LFSS-2008-44|ETP-2020|DOC-CPTS-2019|DOC-AM-2019|DOC-ARS-2019|DOC-EC-2022|DOC-ETP-2011|DOC-ETP-CPTS|CONTRACT-T3)\M') AS confirmed_without_key,
       count(*) FILTER (WHERE provenance LIKE 'reconstructed%') AS reconstructed,
       count(*) FILTER (WHERE provenance IS NULL OR provenance !~ '^(confirmed \(|reconstructed)') AS other
FROM exco.scale_amount;
-- The 50/50 splits (doc/rules.md §4.2, §8.1): confirmed on taille 3 only (CONTRACT-T3),
-- reconstructed for tailles 1, 2 and 4 (8 cells each: 4 lines x 2 shares).
SELECT tier, count(*) FILTER (WHERE provenance LIKE 'confirmed (CONTRACT-T3%') AS confirmed_t3,
       count(*) FILTER (WHERE provenance LIKE 'reconstructed: the 50/50 split%') AS reconstructed_split
FROM exco.scale_amount
WHERE scale = 'aci-cpts-2019' AND line IN ('parcours', 'prevention', 'qualite', 'accompagnement')
GROUP BY tier ORDER BY tier;
-- The other shipped figures with a provenance (forfait structure 1 row, medical-assistant aid 9,
-- start-up aid 4): every one says confirmed and names its source key (DOC-EC-2022, DOC-AM-2019,
-- DOC-ARS-2019): 14 rows, none without a key.
SELECT t, count(*) AS confirmed,
       count(*) FILTER (WHERE provenance !~
         '\m(ACI-2019|ACI-AV2|CONV-AV9|CONV-AM|LFSS-2008-44|ETP-2020|DOC-CPTS-2019|DOC-AM-2019|DOC-ARS-2019|DOC-EC-2022|DOC-ETP-2011|DOC-ETP-CPTS|CONTRACT-T3)\M') AS without_key
FROM (SELECT 'forfait_structure' AS t, provenance FROM exco.forfait_structure
      UNION ALL SELECT 'assistant_aid_amount', provenance FROM exco.assistant_aid_amount
      UNION ALL SELECT 'startup_aid_item', provenance FROM exco.startup_aid_item WHERE id <= 4) x
WHERE provenance LIKE '%confirmed%'
GROUP BY t ORDER BY t;

-- ---------------------------------------------------------------------------------------------
-- Which scale is in force: the latest effective_from <= the date.
SELECT d, exco.scale_on(d) AS scale
FROM unnest('{2019-08-25,2020-01-01,2022-03-31,2022-04-01,2030-01-01}'::date[]) AS d;
SELECT scale_try($$SELECT exco.scale_on('2019-08-24')$$);
-- T3 parcours the day before and the day the amendment comes into force (same figures, other
-- scale); T3 acces_soins changes: 25 000 + 40 000 (+ SNP 55 000) -> 90 000 + 35 000 (SNP unknown).
SELECT d, (c).* FROM (VALUES ('2022-03-31'::date), ('2022-04-01')) AS v(d),
  LATERAL (SELECT exco.ceiling('parcours', '3', d) AS c
           UNION ALL SELECT exco.ceiling('acces_soins', '3', d)) AS x;
-- Before the first scale: an error naming the date and the first effective date.
SELECT * FROM exco.ceiling('parcours', '3', '2019-08-24');
SELECT * FROM exco.ceiling('parcours', '3', '2019-08-25');

-- 2022 is partial: only taille 3 is known, and not fonctionnement. A gap is an error naming the
-- scale, line and tier, never a guess nor 0.
SELECT * FROM exco.ceiling('parcours', '1', '2023-01-01');
SELECT * FROM exco.ceiling('fonctionnement', '3', '2023-01-01');
SELECT scale_try($$SELECT exco.contract_ceiling('3', '2023-01-01', '{parcours}')$$);
-- The crisis mission is in 2022 (taille 3) and not in 2019.
SELECT (exco.scale_ceiling('crises_sanitaires', '3', 'aci-cpts-2022')).*;
SELECT scale_try($$SELECT exco.ceiling('crises_sanitaires', '3', '2021-01-01')$$);
-- exco.scale_ceiling() by name: any scale, whatever the date; an unknown name is an error.
SELECT (exco.scale_ceiling('parcours', '4', 'aci-cpts-2019')).*;
SELECT * FROM exco.scale_ceiling('parcours', '4', 'aci-cpts-2021');
SELECT exco.scale_ceiling(NULL, '4', 'aci-cpts-2019') IS NULL AS strict,
       exco.ceiling('parcours', NULL, '2020-01-01') IS NULL AS strict_too;

-- contract_ceiling: fonctionnement always, each listed mission once.
-- T2: 60 000 + parcours 70 000 = 130 000, whatever the duplicates or an explicit fonctionnement.
SELECT exco.contract_ceiling('2', '2020-01-01', '{parcours}') AS parcours,
       exco.contract_ceiling('2', '2020-01-01', '{parcours,parcours,fonctionnement,fonctionnement}') AS dupes,
       exco.contract_ceiling('2', '2020-01-01', '{}') AS fonctionnement_only;
-- T3 under 2019, the socle and qualite: 75 000 + 65 000 + 90 000 + 35 000 + 30 000 = 295 000.
SELECT exco.contract_ceiling('3', '2022-03-31', '{acces_soins,parcours,prevention,qualite}');
SELECT scale_try($$SELECT exco.contract_ceiling('2', '2020-01-01', '{parcours,NULL}')$$);
-- A two-dimensional mission list is refused (22023), not flattened: 0.1.0 summed the four
-- missions below as if they were one list.
SELECT scale_try($$SELECT exco.contract_ceiling('2', '2020-01-01', '{{parcours,prevention},{qualite,accompagnement}}')$$);

-- ---------------------------------------------------------------------------------------------
-- Constraints of exco.scale_amount: 23514 for a negative amount, a variable share of
-- fonctionnement, a dedicated share of another line than acces_soins.
INSERT INTO exco.scale VALUES ('scale_test_constraints', '2090-01-01', false, 'test');
SELECT scale_try($$INSERT INTO exco.scale_amount VALUES
  ('scale_test_constraints', 'parcours', '1', 'fixed', -1, NULL)$$) AS negative;
SELECT scale_try($$INSERT INTO exco.scale_amount VALUES
  ('scale_test_constraints', 'fonctionnement', '1', 'variable', 100, NULL)$$) AS variable_fonctionnement;
SELECT scale_try($$INSERT INTO exco.scale_amount VALUES
  ('scale_test_constraints', 'parcours', '1', 'dedicated', 100, NULL)$$) AS dedicated_parcours;
-- A scale with no amount yet is a scale where every cell is a gap.
SELECT scale_try($$SELECT exco.ceiling('parcours', '1', '2090-06-01')$$);
DELETE FROM exco.scale WHERE scale = 'scale_test_constraints';

-- ---------------------------------------------------------------------------------------------
-- Loading an amendment: one COPY (or \copy from a file) into exco.scale_sheet, in the layout of
-- doc/rules.md §8. An empty tier column is an unknown cell.
SELECT exco.scale_on('2091-01-01') AS before_load;
COPY exco.scale_sheet (scale, effective_from, complete, source, line, share,
                       taille_1, taille_2, taille_3, taille_4, provenance) FROM stdin WITH (FORMAT csv);
scale_test_2091,2091-01-01,false,test amendment,fonctionnement,fixed,51000,61000,76000,91000,test
scale_test_2091,2091-01-01,false,test amendment,parcours,fixed,26000,36000,46000,51000,test
scale_test_2091,2091-01-01,false,test amendment,parcours,variable,24000,34000,44000,49000,test
scale_test_2091,2091-01-01,false,test amendment,acces_soins,fixed,,,91000,,test
scale_test_2091,2091-01-01,false,test amendment,acces_soins,variable,,,36000,,test
\.
-- Picked up by the next query of the same session (the per-query cache is read again).
SELECT exco.scale_on('2091-01-01') AS after_load;
SELECT (exco.ceiling('parcours', '2', '2091-01-01')).*;
-- T3: fonctionnement 76 000 + parcours 46 000 + 44 000 + acces_soins 91 000 + 36 000 = 293 000.
SELECT exco.contract_ceiling('3', '2091-06-01', '{parcours,acces_soins}') AS t3_2091;
SELECT scale_try($$SELECT exco.ceiling('acces_soins', '2', '2091-01-01')$$) AS gap;
-- The sheet shows it as it was loaded.
SELECT * FROM exco.scale_sheet WHERE scale = 'scale_test_2091' ORDER BY line, share;
-- Loading the same rows again changes nothing; completing the missing cells works; a different
-- figure for a known cell is refused (23505), and so is another effective date (22023).
INSERT INTO exco.scale_sheet (scale, line, share, taille_3) VALUES ('scale_test_2091', 'parcours', 'fixed', 46000);
INSERT INTO exco.scale_sheet (scale, complete, line, share, taille_1, taille_2, taille_4)
VALUES ('scale_test_2091', true, 'acces_soins', 'fixed', 16000, 18000, 31000),
       ('scale_test_2091', true, 'acces_soins', 'variable', 24000, 29000, 49000);
SELECT scale, complete FROM exco.scale WHERE scale = 'scale_test_2091';
-- T2 acces_soins: 18 000 + 29 000 = 47 000.
SELECT (exco.ceiling('acces_soins', '2', '2091-01-01')).total AS t2_acces_soins_now_known;
SELECT scale_try($$INSERT INTO exco.scale_sheet (scale, line, share, taille_3)
                   VALUES ('scale_test_2091', 'parcours', 'fixed', 47000)$$) AS overwrite;
SELECT scale_try($$INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_3)
                   VALUES ('scale_test_2091', '2092-01-01', 'parcours', 'fixed', 46000)$$) AS other_date;
SELECT scale_try($$INSERT INTO exco.scale_sheet (scale, line, share, taille_3)
                   VALUES ('scale_test_new', 'parcours', 'fixed', 46000)$$) AS new_without_date;
SELECT scale_try($$INSERT INTO exco.scale_sheet (scale, effective_from, line, share, taille_3)
                   VALUES ('scale_test_new', '2093-01-01', 'fonctionnement', 'variable', 1)$$) AS bad_share;
SELECT count(*) AS scale_test_new_rows FROM exco.scale WHERE scale = 'scale_test_new';

DELETE FROM exco.scale_amount WHERE scale = 'scale_test_2091';
DELETE FROM exco.scale WHERE scale = 'scale_test_2091';

-- Inside one transaction: a scale inserted is seen by the next query, and gone after ROLLBACK.
BEGIN;
INSERT INTO exco.scale VALUES ('scale_test_2095', '2095-01-01', false, 'test');
INSERT INTO exco.scale_amount VALUES ('scale_test_2095', 'qualite', '1', 'fixed', 1.5, 'test'),
                                     ('scale_test_2095', 'qualite', '1', 'variable', 2.25, 'test');
SELECT (exco.ceiling('qualite', '1', '2095-01-01')).*;
ROLLBACK;
SELECT exco.scale_on('2095-01-01') AS after_rollback;

-- The same call site evaluated again after an INSERT within one plpgsql loop (one expression,
-- one fn_extra, several statements): the cache is read again when the snapshot changes.
DO $$
DECLARE i integer;
BEGIN
  FOR i IN 1..2 LOOP
    RAISE NOTICE 'pass %: %', i, exco.scale_on('2096-01-01');
    INSERT INTO exco.scale VALUES ('scale_test_2096', '2096-01-01', false, 'test') ON CONFLICT DO NOTHING;
  END LOOP;
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'undo';
EXCEPTION WHEN raise_exception THEN NULL;
END $$;

-- The call sites of one statement share one read of the scales (scale.c), but only under the
-- same stamp. Two call sites around an INSERT in plpgsql: b, evaluated after it, sees the new
-- scale, though a's read is the last one made; then a sees it too.
DO $$
BEGIN
  RAISE NOTICE 'a: %', exco.scale_on('2097-01-01');
  INSERT INTO exco.scale VALUES ('scale_test_2097', '2097-01-01', false, 'test');
  RAISE NOTICE 'b: %', exco.scale_on('2097-01-01');
  RAISE NOTICE 'a again: %', exco.scale_on('2097-01-01');
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'undo';
EXCEPTION WHEN raise_exception THEN NULL;
END $$;
-- Nor across roles: in one statement, the second call site runs as a role that may not read the
-- scales (a SECURITY DEFINER function of that role) and is refused (42501), though the first
-- call site read them a moment before under the same snapshot.
BEGIN;
CREATE ROLE exco_test_scale_noread NOLOGIN;
GRANT USAGE ON SCHEMA exco TO exco_test_scale_noread;
GRANT EXECUTE ON FUNCTION exco.scale_on(date) TO exco_test_scale_noread;
REVOKE SELECT ON exco.scale, exco.scale_amount FROM PUBLIC;
CREATE FUNCTION pg_temp.scale_on_as_noread(d date) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  AS $$ SELECT exco.scale_on(d) $$;
ALTER FUNCTION pg_temp.scale_on_as_noread(date) OWNER TO exco_test_scale_noread;
SELECT exco.scale_on('2020-01-01') AS as_superuser, pg_temp.scale_on_as_noread('2020-01-01') AS as_noread;
ROLLBACK;

-- ---------------------------------------------------------------------------------------------
-- Ceilings in a forced parallel plan equal the serial results. 4 000 rows: every known cell of
-- both shipped scales on dates where that scale is in force (2019-08-25 + 949 days = 2022-03-31);
-- expected values computed serially first.
CREATE TABLE scale_par AS
SELECT g AS id, k.line, k.tier,
       CASE WHEN k.scale = 'aci-cpts-2019' THEN date '2019-08-25' + (g % 950)
            ELSE date '2022-04-01' + (g % 2000) END AS d
FROM generate_series(1, 4000) AS g
JOIN (SELECT row_number() OVER (ORDER BY scale, line, tier) - 1 AS k, count(*) OVER () AS n,
             scale, line, tier
      FROM (SELECT DISTINCT scale, line, tier FROM exco.scale_amount) AS cells) AS k
  ON k.k = g % k.n;
ALTER TABLE scale_par ADD COLUMN serial_total numeric, ADD COLUMN serial_dedicated numeric;
UPDATE scale_par SET serial_total = (exco.ceiling(line, tier, d)).total,
                     serial_dedicated = (exco.ceiling(line, tier, d)).dedicated;
ANALYZE scale_par;
SELECT count(*), sum(serial_total) AS serial_sum, count(serial_dedicated) AS serial_dedicated
FROM scale_par;

\i sql/include/force_parallel.sql
EXPLAIN (COSTS OFF)
SELECT count(*), sum((exco.ceiling(line, tier, d)).total) FROM scale_par;
SELECT count(*), sum((exco.ceiling(line, tier, d)).total) AS parallel_sum,
       count(*) FILTER (WHERE (exco.ceiling(line, tier, d)).total <> serial_total
                           OR (exco.ceiling(line, tier, d)).dedicated IS DISTINCT FROM serial_dedicated) AS differ,
       sum(exco.contract_ceiling(tier, d, ARRAY[line])) FILTER (WHERE d < '2022-04-01') AS contract_sum
FROM scale_par;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
\if :pg16
RESET debug_parallel_query;
\else
RESET force_parallel_mode;
\endif
SELECT sum(exco.contract_ceiling(tier, d, ARRAY[line])) FILTER (WHERE d < '2022-04-01') AS serial_contract_sum
FROM scale_par;

DROP TABLE scale_par;
DROP FUNCTION scale_try(text);
SELECT count(*) AS scales_left FROM exco.scale;
