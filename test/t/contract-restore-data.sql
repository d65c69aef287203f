-- A database the triggers accepted, then changed the way territories change after signing
-- (test/t/010_restore.pl dumps and restores it, through restore-data.sql). Own objects: region RX, départements
-- X1..X3, communes X*, CPTS "R *". Every contract is valid when it is signed:
--   R Siège:   seat X2001 (X2), territory {X1001} in X1 only      -> CPAM X1 (the only département)
--   R Ouest:   seat X1002 (X1), territory {X1002, X2002}          -> CPAM X1 (the seat's)
--   R Est:     seat X3002 (X3), territory {X3002}                 -> CPAM X3
--   R Dissoute: seat X1003 (X1), territory {X2003} in X2 only     -> CPAM X2, signed 2019-09-01
-- Then, after signing: R Siège's seat moves to X3001 (X3); commune X1002 moves from R Ouest to
-- R Est (R Ouest is left with X2002 alone: a territory in X2 only, whose CPAM would now be X2);
-- R Dissoute's contract ends (ends_on 2024-09-01) and the CPTS is dissolved: its communes are
-- removed from exco.cpts_commune (the CPTS row stays, its contract references it). R Est's
-- second contract names a user's scale that gets a crises_sanitaires amount after signing.
SET datestyle = 'ISO, YMD';
INSERT INTO exco.region VALUES ('RX', 'restore region');
INSERT INTO exco.departement VALUES ('X1', 'restore dep 1', 'RX'), ('X2', 'restore dep 2', 'RX'),
                                    ('X3', 'restore dep 3', 'RX');
INSERT INTO exco.commune (code, name, departement, region, population) VALUES
  ('X1001', 'Un', 'X1', 'RX', 30000), ('X1002', 'Deux', 'X1', 'RX', 20000),
  ('X1003', 'Trois', 'X1', 'RX', 1000), ('X2001', 'Quatre', 'X2', 'RX', 50000),
  ('X2002', 'Cinq', 'X2', 'RX', 10000), ('X2003', 'Six', 'X2', 'RX', 7000),
  ('X3001', 'Sept', 'X3', 'RX', 90000), ('X3002', 'Huit', 'X3', 'RX', 5000);
INSERT INTO exco.cpts (name, seat) VALUES ('R Siège', 'X2001'), ('R Ouest', 'X1002'),
  ('R Est', 'X3002'), ('R Dissoute', 'X1003');
INSERT INTO exco.cpts_commune SELECT c.id, m FROM exco.cpts c,
  LATERAL unnest(CASE c.name WHEN 'R Siège' THEN '{X1001}'::text[]
                             WHEN 'R Ouest' THEN '{X1002,X2002}'
                             WHEN 'R Est' THEN '{X3002}'
                             WHEN 'R Dissoute' THEN '{X2003}' END) m;
INSERT INTO exco.contract (cpts, signed_on, region, missions)
  SELECT id, CASE name WHEN 'R Dissoute' THEN date '2019-09-01' ELSE date '2020-03-01' END, 'RX',
         '{acces_soins,parcours,prevention}'
  FROM exco.cpts WHERE name LIKE 'R %' ORDER BY id;
INSERT INTO exco.contract_mission (contract, mission, started_on)
  SELECT k.id, m, k.signed_on + 30 FROM exco.contract k JOIN exco.cpts c ON c.id = k.cpts,
  unnest(k.missions) m WHERE c.name LIKE 'R %';
INSERT INTO exco.indicator (contract, mission, code, label, kind, starting, objective, amount)
  SELECT k.id, 'acces_soins', 'RMT', 'restore indicator', 'continuous', 100, 50, 1000
  FROM exco.contract k JOIN exco.cpts c ON c.id = k.cpts WHERE c.name LIKE 'R %';
INSERT INTO exco.measure (indicator, contract_year, value)
  SELECT i.id, y, 100 - 10 * y FROM exco.indicator i, generate_series(1, 2) y WHERE i.code = 'RMT';

-- A user's scale, named by R Est's second contract; it pays no crises_sanitaires when signed.
INSERT INTO exco.scale (scale, effective_from, complete, source) VALUES ('restore-test', '2030-01-01', false, 'test');
INSERT INTO exco.scale_amount (scale, line, tier, share, amount) VALUES ('restore-test', 'acces_soins', '1', 'fixed', 1000);
INSERT INTO exco.contract (cpts, signed_on, region, scale, missions)
  SELECT id, '2021-01-01', 'RX', 'restore-test', '{acces_soins,parcours,prevention}'
  FROM exco.cpts WHERE name = 'R Est';

-- After signing.
-- The user's scale is completed with a crises_sanitaires amount: it is now socle under it (a
-- restore may load these rows before or after the contracts).
INSERT INTO exco.scale_amount (scale, line, tier, share, amount)
  VALUES ('restore-test', 'crises_sanitaires', '1', 'fixed', 500);
UPDATE exco.cpts SET seat = 'X3001' WHERE name = 'R Siège';
UPDATE exco.cpts_commune SET cpts = (SELECT id FROM exco.cpts WHERE name = 'R Est')
  WHERE commune = 'X1002';
UPDATE exco.contract SET status = 'ended'
  WHERE cpts = (SELECT id FROM exco.cpts WHERE name = 'R Dissoute');
DELETE FROM exco.cpts_commune WHERE cpts = (SELECT id FROM exco.cpts WHERE name = 'R Dissoute');
