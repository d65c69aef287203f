-- make stress: the database of the run (test/stress/run.sh). A territory of 40 communes in two
-- départements of region ST, 10 CPTS (ids 101-110) each anchored on its seat commune (ST001-ST010,
-- never moved, so a CPTS always has a population), and the helpers the pgbench scripts call.
-- Each helper writes through the validation triggers and records the outcome in stress.outcome
-- in the same transaction: a row marked accepted there committed with the write, a rejected one
-- did not. expect_ok says what the rules require (NULL: either, e.g. a race between two moves).
CREATE EXTENSION exco;
SELECT exco.create_tables();
INSERT INTO exco.region VALUES ('ST', 'stress region');
INSERT INTO exco.departement VALUES ('ST1', 'stress dep 1', 'ST'), ('ST2', 'stress dep 2', 'ST');
INSERT INTO exco.commune (code, name, departement, region, population)
SELECT 'ST' || lpad(n::text, 3, '0'), 'Stress ' || n, CASE WHEN n <= 20 THEN 'ST1' ELSE 'ST2' END, 'ST',
       CASE WHEN n <= 10 THEN 20000 ELSE 1000 * (n % 15 + 1) END
FROM generate_series(1, 40) AS n;
INSERT INTO exco.cpts (id, name, seat)
SELECT 100 + n, 'Stress CPTS ' || n, 'ST' || lpad(n::text, 3, '0') FROM generate_series(1, 10) AS n;
INSERT INTO exco.cpts_commune SELECT 100 + n, 'ST' || lpad(n::text, 3, '0') FROM generate_series(1, 10) AS n;
INSERT INTO exco.cpts_commune SELECT 100 + (n % 10) + 1, 'ST' || lpad(n::text, 3, '0') FROM generate_series(11, 30) AS n;

CREATE SCHEMA stress;
CREATE TABLE stress.outcome (
  kind      text NOT NULL,     -- contract, mission, move, steal
  id        bigint,            -- contract id, or the CPTS of a move
  detail    text,              -- case number, mission, commune
  expect_ok boolean,
  ok        boolean,           -- true: stored; false: rejected; NULL: nothing to do (duplicate)
  sqlstate  text
);
CREATE SEQUENCE stress.contract_id START 1000000;

-- A contract: case 0 valid (population, tier, ends_on, CPAM, scale filled by the trigger);
-- 1 tier 3 given for 39 999 inhabitants; 2 socle mission prevention missing; 3 ends_on 4 years
-- after signing; 4 no signing date. Signed between 2019-09-01 and 2021-12-29 (aci-cpts-2019).
CREATE FUNCTION stress.sign(p_cpts bigint, p_day integer, p_case integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := nextval('stress.contract_id');
  v_signed date := DATE '2019-09-01' + p_day;
BEGIN
  BEGIN
    CASE p_case
      WHEN 0 THEN INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
                  VALUES (v_id, p_cpts, v_signed, 'ST', '{acces_soins,parcours,prevention}');
      WHEN 1 THEN INSERT INTO exco.contract (id, cpts, signed_on, region, population, tier, missions)
                  VALUES (v_id, p_cpts, v_signed, 'ST', 39999, '3', '{acces_soins,parcours,prevention}');
      WHEN 2 THEN INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
                  VALUES (v_id, p_cpts, v_signed, 'ST', '{acces_soins,parcours}');
      WHEN 3 THEN INSERT INTO exco.contract (id, cpts, signed_on, ends_on, region, missions)
                  VALUES (v_id, p_cpts, v_signed, v_signed + interval '4 years', 'ST', '{acces_soins,parcours,prevention}');
      ELSE        INSERT INTO exco.contract (id, cpts, signed_on, region, missions)
                  VALUES (v_id, p_cpts, NULL, 'ST', '{acces_soins,parcours,prevention}');
    END CASE;
    INSERT INTO stress.outcome VALUES ('contract', v_id, p_case::text, p_case = 0, true, NULL);
  EXCEPTION WHEN OTHERS THEN
    INSERT INTO stress.outcome VALUES ('contract', v_id, p_case::text, p_case = 0, false, SQLSTATE);
  END;
END
$$;

-- A mission row of a random existing contract: valid (started 30 days after signing) or not
-- (the day before signing). A mission already entered is a duplicate: nothing stored.
CREATE FUNCTION stress.mission(p_valid boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  c record;
  m exco.mission;
  n integer;
  v_pick bigint := 1000000 + floor(random() * (SELECT last_value - 999999 FROM stress.contract_id));
BEGIN
  -- The first contract from a random id on (the random id drawn once, not per row).
  SELECT id, signed_on, missions INTO c FROM exco.contract
   WHERE id >= v_pick ORDER BY id LIMIT 1;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  m := c.missions[1 + floor(random() * array_length(c.missions, 1))::integer];
  BEGIN
    INSERT INTO exco.contract_mission (contract, mission, started_on)
    VALUES (c.id, m, CASE WHEN p_valid THEN c.signed_on + 30 ELSE c.signed_on - 1 END)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO stress.outcome VALUES ('mission', c.id, m::text, p_valid, CASE WHEN n = 1 THEN true END, NULL);
  EXCEPTION WHEN OTHERS THEN
    INSERT INTO stress.outcome VALUES ('mission', c.id, m::text, p_valid, false, SQLSTATE);
  END;
END
$$;

-- A commune move: commune ST011-ST040 (never a seat) goes to CPTS p_cpts (an UPDATE when it is in
-- a CPTS, an INSERT when free: two sessions inserting the same free commune race, and the second
-- is rejected by the unique index, hence expect_ok NULL), or, with p_release, leaves its CPTS.
CREATE FUNCTION stress.move(p_commune integer, p_cpts bigint, p_release boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_code text := 'ST' || lpad(p_commune::text, 3, '0');
  n integer;
BEGIN
  BEGIN
    IF p_release THEN
      DELETE FROM exco.cpts_commune WHERE commune = v_code;
    ELSE
      UPDATE exco.cpts_commune SET cpts = p_cpts WHERE commune = v_code;
      GET DIAGNOSTICS n = ROW_COUNT;
      IF n = 0 THEN
        INSERT INTO exco.cpts_commune VALUES (p_cpts, v_code);
      END IF;
    END IF;
    INSERT INTO stress.outcome VALUES ('move', p_cpts, v_code, NULL, true, NULL);
  EXCEPTION WHEN OTHERS THEN
    INSERT INTO stress.outcome VALUES ('move', p_cpts, v_code, NULL, false, SQLSTATE);
  END;
END
$$;

-- An invalid territory write: the seat commune of CPTS p_from put into CPTS p_to too (23505).
CREATE FUNCTION stress.steal(p_from integer, p_to integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_code text := 'ST' || lpad(p_from::text, 3, '0');
BEGIN
  IF p_from = p_to THEN
    RETURN;
  END IF;
  BEGIN
    INSERT INTO exco.cpts_commune VALUES (100 + p_to, v_code);
    INSERT INTO stress.outcome VALUES ('steal', 100 + p_to, v_code, false, true, NULL);
  EXCEPTION WHEN OTHERS THEN
    INSERT INTO stress.outcome VALUES ('steal', 100 + p_to, v_code, false, false, SQLSTATE);
  END;
END
$$;
