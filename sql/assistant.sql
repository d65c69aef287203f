-- Medical assistants (doc/rules.md §7.2; band boundaries, waiver: doc/schemes.md). Every expected
-- figure is checked by hand against the 2019 practical sheet on medical assistants; the
-- arithmetic is in the comments.
SET search_path = public;

-- Every cell of the aid table: "Pour un 1/3 temps 1e année 12 000 € 2e année 9 000 € 3e année
-- 7 000 €; mi-temps 18 000 / 13 500 / 10 500; temps plein 36 000 / 27 000 / 21 000". Year 3 and
-- after: the year-3 ceiling ("L'aide sera renouvelée chaque année au-delà de la troisième
-- année"), so year 4 and year 10 give the year-3 amount.
SELECT share, y AS contract_year, exco.assistant_aid(share, y, '2020-01-15') AS aid
  FROM unnest(enum_range(NULL::exco.assistant_share)) AS share,
       unnest(ARRAY[1, 2, 3, 4, 10]) AS y
 ORDER BY share, y;
-- Years 1-2 guaranteed, from year 3 a ceiling ("garantis les deux premières années").
SELECT share, contract_year, amount, guaranteed FROM exco.assistant_aid_amount ORDER BY share, contract_year;
-- The two-argument form: a contract signed today (the 2019 amounts are the latest).
SELECT exco.assistant_aid('1/2', 1) AS half_year_1_today;
-- Errors: year 0, a date before amendment 7's amounts.
SELECT exco.assistant_aid('1/3', 0, '2020-01-15');
SELECT exco.assistant_aid('1/3', 1, '2019-06-19');

-- Commitment: the starting count raised by the band's percentage, rounded up (ceil).
-- Boundaries: a boundary belongs to the higher band, except 1 721 which is band 4 ("plus de
-- 1 721" is band 5). Arithmetic per row:
--   640 (band 1)  1/3 +20 %: 640 * 1.20 = 768;    1/2 +25 %: 800;      full +35 %: 864
--   871 (band 1)  1/3: 871 * 1.20 = 1045.2 -> 1046; 1/2: 1088.75 -> 1089; full: 1175.85 -> 1176
--   872 (band 2)  1/3 +15 %: 1002.8 -> 1003;  1/2 +20 %: 1046.4 -> 1047; full +30 %: 1133.6 -> 1134
--  1106 (band 2)  1/3: 1271.9 -> 1272;        1/2: 1327.2 -> 1328;     full: 1437.8 -> 1438
--  1107 (band 3)  1/3 +7.5 %: 1190.025 -> 1191; 1/2 +12.5 %: 1245.375 -> 1246; full +20 %: 1328.4 -> 1329
--  1501 (band 3)  1/3: 1613.575 -> 1614;      1/2: 1688.625 -> 1689;   full: 1801.2 -> 1802
--  1502 (band 4)  1/3 +4 %: 1562.08 -> 1563;  1/2 +6 %: 1592.12 -> 1593; full +12.5 %: 1689.75 -> 1690
--  1721 (band 4)  1/3: 1789.84 -> 1790;       1/2: 1824.26 -> 1825;    full: 1936.125 -> 1937
--  1722 (band 5)  1/3 keep: 1722;             1/2 keep: 1722;          full +5 %: 1808.1 -> 1809
--  2000 (band 5)  1/3 keep: 2000;             1/2 keep: 2000;          full +5 %: 2100
SELECT mt, exco.assistant_target('1/3', mt) AS third, exco.assistant_target('1/2', mt) AS half,
       exco.assistant_target('full', mt) AS full_time
  FROM unnest(ARRAY[640, 871, 872, 1106, 1107, 1501, 1502, 1721, 1722, 2000]) AS mt;

-- File active, same percentages on the bands 1 223 / 1 521 / 1 854 / 2 476 / 2 944:
--  1223 (band 1)  1/3 +20 %: 1467.6 -> 1468;  1/2 +25 %: 1528.75 -> 1529; full +35 %: 1651.05 -> 1652
--  1521 (band 2)  1/3 +15 %: 1749.15 -> 1750; 1/2 +20 %: 1825.2 -> 1826; full +30 %: 1977.3 -> 1978
--  1854 (band 3)  1/3 +7.5 %: 1993.05 -> 1994; 1/2 +12.5 %: 2085.75 -> 2086; full +20 %: 2224.8 -> 2225
--  2476 (band 4)  1/3 +4 %: 2575.04 -> 2576;  1/2 +6 %: 2624.56 -> 2625; full +12.5 %: 2785.5 -> 2786
--  2944 (band 4)  1/3: 3061.76 -> 3062;       1/2: 3120.64 -> 3121;    full: 3312
--  2945 (band 5)  1/3 keep: 2945;             1/2 keep: 2945;          full +5 %: 3092.25 -> 3093
SELECT fa, exco.assistant_target_file_active('1/3', fa) AS third,
       exco.assistant_target_file_active('1/2', fa) AS half,
       exco.assistant_target_file_active('full', fa) AS full_time
  FROM unnest(ARRAY[1223, 1521, 1854, 2476, 2944, 2945]) AS fa;

-- Below the first band: 22023, unless the waiver (newly installed, > 20 % under 16); then the
-- first band's percentage: 500 * 1.20 = 600; 0 stays 0; file active 1000 * 1.35 = 1350.
SELECT exco.assistant_target('1/3', 639);
SELECT exco.assistant_target_file_active('1/3', 1222);
SELECT exco.assistant_target('1/3', 500, waiver => true) AS waived_500,
       exco.assistant_target('1/2', 0, true) AS waived_0,
       exco.assistant_target_file_active('full', 1000, true) AS waived_fa_1000;
SELECT exco.assistant_target('1/3', -1);
-- Overflow is 22003, never a wrapped integer.
\set VERBOSITY sqlstate
SELECT exco.assistant_target('full', 2147483647);
SELECT exco.assistant_target('1/3', 2147483647) AS keep_level_max;
\set VERBOSITY default

-- Eligibility: the conditions not met, empty when eligible ("Exercer en secteur 1 ou 2 OPTAM";
-- "exercice coordonné ... ou s'engager ... dans les deux ans"; "640 patients adultes ... sauf
-- nouvellement installés ... plus de 20% d'enfants de moins de 16 ans"; full time "en zone
-- sous-dotée seulement").
SELECT label, exco.assistant_eligible(sector, coordinated, mt, share, underserved, new_install, kids) AS unmet
FROM (VALUES
  ('eligible 1/3, sector 1',             '1'::exco.sector, true, 640, '1/3'::exco.assistant_share, false, false, false),
  ('eligible 1/2, sector 2-optam',       '2-optam', true, 1200, '1/2', false, false, false),
  ('eligible full, under-served zone',   '1', true, 900, 'full', true, false, false),
  ('full time outside under-served',     '1', true, 900, 'full', false, false, false),
  ('sector 2 without OPTAM',             '2', true, 900, '1/3', false, false, false),
  ('sector 3',                           '3', true, 900, '1/3', false, false, false),
  ('not coordinated',                    '1', false, 900, '1/3', false, false, false),
  ('639 MT patients',                    '1', true, 639, '1/3', false, false, false),
  ('639, newly installed',               '1', true, 639, '1/3', false, true, false),
  ('100, > 20 % under 16',               '1', true, 100, '1/2', false, false, true),
  ('everything unmet',                   '2', false, 10, 'full', false, false, false)
) AS t(label, sector, coordinated, mt, share, underserved, new_install, kids);
SELECT exco.assistant_eligible('1', true, 900, '1/3', false) = '{}' AS defaults_eligible;
SELECT exco.assistant_eligible('1', true, -5, '1/3', false);
