-- Benchmark etp_patient_pay: exco.etp_patient_pay(sessions, dropped_out) over BENCH_ROWS ETP
-- patients, against the same rule (doc/rules.md §7.3, cases decided in doc/schemes.md) written
--   sql_case  as a CASE                                      goal marginal ratio <= 0.5
--   plpgsql   as a PL/pgSQL function                         goal marginal ratio <= 0.1
-- and the floor: sum(250.00) FILTER (WHERE dropped_out IS NOT NULL), reading both arguments and
-- summing a numeric per row as the other queries do, computing nothing of the rule
-- (etp_patient_pay_vs_floor, no goal). Marginal ratio = (exco - floor) / (baseline - floor).
-- Data: sessions uniform in 0..8, 15 % of patients dropped out, so every case occurs.

SELECT bench.has_function('etp_patient_pay') AS has_etp \gset
\if :has_etp

\warn == etp_patient_pay: generating :rows patients
SELECT setseed(0.7) \g /dev/null
CREATE TABLE bench.etp AS
  SELECT floor(random() * 9)::integer AS sessions, random() < 0.15 AS dropped_out
    FROM generate_series(1, :rows);
VACUUM (FREEZE, ANALYZE) bench.etp;
SELECT pg_prewarm('bench.etp') \g /dev/null

-- What a user would write without exco: same rule, same markings as exco.etp_patient_pay.
CREATE FUNCTION bench.etp_patient_pay_plpgsql(sessions integer, dropped_out boolean) RETURNS numeric
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF sessions < 0 THEN
    RAISE EXCEPTION 'the number of ETP sessions of a patient must not be negative: %', sessions
      USING ERRCODE = '22023';
  ELSIF sessions = 0 THEN
    RETURN 0.00;
  ELSIF sessions > 4 THEN
    RETURN 300.00;
  ELSIF dropped_out AND sessions < 4 THEN
    RETURN 100.00;
  END IF;
  RETURN 250.00;
END $$;

SELECT bench.check('etp_patient_pay sum',
  (SELECT sum(exco.etp_patient_pay(sessions, dropped_out)) FROM bench.etp), 'sql_case',
  (SELECT sum(CASE WHEN sessions = 0 THEN 0.00 WHEN sessions > 4 THEN 300.00
                   WHEN dropped_out AND sessions < 4 THEN 100.00 ELSE 250.00 END) FROM bench.etp));

\warn == etp_patient_pay: timing
SELECT bench.time_queries(
  ARRAY['etp_patient_pay/exco', 'etp_patient_pay/sql_case', 'etp_patient_pay/plpgsql', 'etp_patient_pay/floor'],
  ARRAY[$q$SELECT sum(exco.etp_patient_pay(sessions, dropped_out)) FROM bench.etp$q$,
        $q$SELECT sum(CASE WHEN sessions = 0 THEN 0.00 WHEN sessions > 4 THEN 300.00
                           WHEN dropped_out AND sessions < 4 THEN 100.00 ELSE 250.00 END) FROM bench.etp$q$,
        $q$SELECT sum(bench.etp_patient_pay_plpgsql(sessions, dropped_out)) FROM bench.etp$q$,
        $q$SELECT sum(250.00) FILTER (WHERE dropped_out IS NOT NULL) FROM bench.etp$q$]);

SELECT bench.compare('etp_patient_pay_vs_case', 'etp_patient_pay/exco', 'sql_case', 'etp_patient_pay/sql_case', 0.5,
                     'etp_patient_pay/floor');
SELECT bench.compare('etp_patient_pay_vs_plpgsql', 'etp_patient_pay/exco', 'plpgsql', 'etp_patient_pay/plpgsql', 0.1,
                     'etp_patient_pay/floor');
SELECT bench.compare('etp_patient_pay_vs_floor', 'etp_patient_pay/exco', 'floor', 'etp_patient_pay/floor', NULL);

DROP TABLE bench.etp;

\else
SELECT bench.skip('etp_patient_pay_vs_case', 'exco.etp_patient_pay not installed');
SELECT bench.skip('etp_patient_pay_vs_plpgsql', 'exco.etp_patient_pay not installed');
\endif
