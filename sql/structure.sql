-- Coordinated-practice structures and the forfait structure (doc/rules.md §1, §7.1; exco's
-- decisions: doc/schemes.md). Every expected value below is checked by hand against the texts:
-- the rule each row exercises is named in its label.
SET search_path = public;

-- Paramedical professions: the auxiliaires médicaux; physicians, sage_femme, chirurgien_dentiste
-- (medical professions) and pharmacien (pharmacy) are not (doc/schemes.md).
SELECT p, exco.is_paramedical(p) AS paramedical
  FROM unnest(enum_range(NULL::exco.profession)) AS p ORDER BY p;

-- Each structure rule accepted and refused. ESP: ">= 2 health professionals, at least 1 GP"
-- (doc/rules.md §1; 2022 brochure "A minima 2 professionnels de santé (dont 1 médecin
-- généraliste)"). MSP: ">= 2 GPs and >= 1 paramedical" ("A minima 2 médecins généralistes et 1
-- professionnel paramédical"). CPTS, ESS, RCP, other_pluri: exco's readings, doc/schemes.md.
SELECT label, kind, members, exco.structure_valid(kind, members) AS valid,
       exco.structure_problem(kind, members) AS problem
FROM (VALUES
  ('esp: GP + nurse',                  'esp'::exco.structure_kind, '{medecin_generaliste,infirmier}'::exco.profession[]),
  ('esp: 2 GPs',                        'esp', '{medecin_generaliste,medecin_generaliste}'),
  ('esp: a GP alone',                   'esp', '{medecin_generaliste}'),
  ('esp: nobody',                       'esp', '{}'),
  ('esp: nurse + pharmacist, no GP',    'esp', '{infirmier,pharmacien}'),
  ('msp: 2 GPs + physio',               'msp', '{medecin_generaliste,medecin_generaliste,masseur_kinesitherapeute}'),
  ('msp: 2 GPs + dietitian',            'msp', '{medecin_generaliste,dieteticien,medecin_generaliste}'),
  ('msp: 1 GP + 3 nurses',              'msp', '{medecin_generaliste,infirmier,infirmier,infirmier}'),
  ('msp: 3 GPs, no paramedical',        'msp', '{medecin_generaliste,medecin_generaliste,medecin_generaliste}'),
  ('msp: 2 GPs + pharmacist',           'msp', '{medecin_generaliste,medecin_generaliste,pharmacien}'),
  ('msp: 2 GPs + midwife',              'msp', '{medecin_generaliste,medecin_generaliste,sage_femme}'),
  ('cpts: pharmacist + dentist',        'cpts', '{pharmacien,chirurgien_dentiste}'),
  ('cpts: one nurse',                   'cpts', '{infirmier}'),
  ('ess: 2 specialists',                'ess', '{medecin_specialiste,medecin_specialiste}'),
  ('ess: specialist + orthoptist',      'ess', '{medecin_specialiste,orthoptiste}'),
  ('ess: one specialist',               'ess', '{medecin_specialiste}'),
  ('ess: 2 GPs, no specialist',         'ess', '{medecin_generaliste,medecin_generaliste}'),
  ('rcp: GP + nurse + podiatrist',      'rcp', '{medecin_generaliste,infirmier,pedicure_podologue}'),
  ('rcp: 3 specialists',                'rcp', '{medecin_specialiste,medecin_specialiste,medecin_specialiste}'),
  ('rcp: 2 specialists',                'rcp', '{medecin_specialiste,medecin_specialiste}'),
  ('rcp: 3 nurses',                     'rcp', '{infirmier,infirmier,infirmier}'),
  ('other_pluri: GP + 2 nurses',        'other_pluri', '{medecin_generaliste,infirmier,infirmier}'),
  ('other_pluri: 2 GPs',                'other_pluri', '{medecin_generaliste,medecin_generaliste}')
) AS t(label, kind, members);

-- NULL: STRICT gives NULL; a NULL member is an error (22004) naming the element.
SELECT exco.structure_valid(NULL, '{}') IS NULL AS null_kind, exco.structure_valid('esp', NULL) IS NULL AS null_members;
SELECT exco.structure_valid('esp', '{medecin_generaliste,NULL}');
SELECT exco.structure_problem('msp', ARRAY[['medecin_generaliste'],['infirmier']]::exco.profession[]);

-- coordination_validated: every kind but ESS validates "prise en charge coordonnée" (doc/rules.md
-- §7.1: "ESS membership does not count (as of Sept 2022)"; RCP participation and other
-- pluriprofessional organisations count). No kind at all does not.
SELECT kinds, exco.coordination_validated(kinds) AS validated
FROM unnest(ARRAY['{esp}', '{msp}', '{cpts}', '{rcp}', '{other_pluri}', '{ess}', '{}', '{ess,ess}', '{ess,cpts}']::text[]) AS k
CROSS JOIN LATERAL (SELECT k::exco.structure_kind[] AS kinds) s;

-- forfait_structure_at_risk: 0.00 when validated; else volet-1 indicator 2 800 + volet 2 6 895
-- = 9 695.00 (2022 brochure: "jusqu'a un montant de 9 695 euros (2800 euros volet 1 + 6895
-- euros volet 2)"), in force from the year of practice 2022.
SELECT kinds, on_date, exco.forfait_structure_at_risk(kinds, on_date) AS at_risk
FROM (VALUES ('{ess}'::exco.structure_kind[], date '2022-01-01'),
             ('{}', date '2026-06-30'),
             ('{ess,msp}', date '2026-06-30'),
             ('{rcp}', date '2022-01-01'),
             ('{cpts}', date '2000-01-01')) AS t(kinds, on_date);
-- Before the first known amounts: 22023 naming the date and the first row (never a guess).
SELECT exco.forfait_structure_at_risk('{ess}', '2021-12-31');
-- The shipped row and its provenance.
SELECT effective_from, indicator_amount, volet2_amount, indicator_amount + volet2_amount AS at_stake
  FROM exco.forfait_structure;
-- A later convention is a row: from 2030 (invented figures for the test) 3 000 + 7 000.
BEGIN;
INSERT INTO exco.forfait_structure VALUES ('2030-01-01', 3000, 7000, 'test', 'test');
SELECT exco.forfait_structure_at_risk('{}', '2029-12-31') AS before_2030,
       exco.forfait_structure_at_risk('{}', '2030-01-01') AS from_2030;
ROLLBACK;
