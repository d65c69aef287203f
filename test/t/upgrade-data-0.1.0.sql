-- User rows for the upgrade tests (test/t/020_upgrade.pl, 021_contract_upgrade_bad_rows.pl), written against the 0.1.0 API and
-- frozen with it: a user scale amendment cell, a tiny territory, two CPTS, contracts, missions,
-- indicators and measures. Run in a database where exco 0.1.0 is installed.
SET datestyle = 'ISO, YMD';
INSERT INTO exco.scale_amount (scale, line, tier, share, amount) VALUES
  ('aci-cpts-2022', 'acces_soins', '1', 'fixed', 15000);
INSERT INTO exco.region VALUES ('UR', 'upgrade region');
INSERT INTO exco.departement VALUES ('U1', 'upgrade dep 1', 'UR'), ('U2', 'upgrade dep 2', 'UR');
INSERT INTO exco.epci VALUES ('200000001', 'upgrade epci', 'CC');
INSERT INTO exco.commune (code, name, departement, region, epci, population) VALUES
  ('U1001', 'Alpha', 'U1', 'UR', '200000001', 30000),
  ('U1002', 'Gamma', 'U1', 'UR', NULL, 9999),
  ('U2001', 'Beta', 'U2', 'UR', '200000001', 95000);
INSERT INTO exco.cpts (name, seat) VALUES ('Upgrade Nord', 'U1001'), ('Upgrade Sud', 'U2001');
INSERT INTO exco.cpts_commune
  SELECT c.id, m.code FROM exco.cpts c, exco.commune m
  WHERE (c.name, m.code) IN (('Upgrade Nord', 'U1001'), ('Upgrade Nord', 'U1002'), ('Upgrade Sud', 'U2001'));
INSERT INTO exco.contract (cpts, signed_on, region, missions)
  SELECT id, '2020-01-15', 'UR', '{acces_soins,parcours,prevention}' FROM exco.cpts WHERE name = 'Upgrade Nord';
INSERT INTO exco.contract (cpts, signed_on, region, missions)
  SELECT id, '2021-06-01', 'UR', '{acces_soins,parcours,prevention,qualite}' FROM exco.cpts WHERE name = 'Upgrade Sud';
INSERT INTO exco.contract_mission (contract, mission, started_on, deployed_on)
  SELECT k.id, m, k.signed_on + 30, CASE WHEN m = 'acces_soins' THEN k.signed_on + 400 END
  FROM exco.contract k, unnest(k.missions) m;
INSERT INTO exco.indicator (contract, mission, code, label, kind, starting, objective, weight, amount)
  SELECT k.id, 'acces_soins', 'MT', 'patients sans médecin traitant', 'continuous', 100, 50, 2, 1000
  FROM exco.contract k;
INSERT INTO exco.indicator (contract, mission, code, label, kind, thresholds, amounts)
  SELECT k.id, 'parcours', 'PP', 'parcours formalisés', 'stepped', '{1,3,5}', '{500,1000,2000}'
  FROM exco.contract k;
INSERT INTO exco.measure (indicator, contract_year, value)
  SELECT i.id, y, CASE i.kind WHEN 'continuous' THEN 100 - 10 * y ELSE y END
  FROM exco.indicator i, generate_series(1, 3) y;
