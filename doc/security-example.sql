-- exco: roles, grants and row-level security (the example of doc/security.md).
-- Run it as the role that ran CREATE EXTENSION exco (the owner of the exco tables), in the
-- database where exco is installed. The three roles are group roles (NOLOGIN): give them to
-- people with GRANT exco_dashboard TO alice. Tested by sql/roles.sql.

CREATE ROLE exco_dashboard NOLOGIN;     -- reads every table and view, writes nothing
CREATE ROLE exco_entry NOLOGIN;         -- enters contracts, missions, indicators, measures
CREATE ROLE exco_ars_analyst NOLOGIN;   -- reads the rows of its own region (policies below)

-- Every exco role uses the schema and reads every table and view (the views run with the
-- reader's privileges: security_invoker). The scales are already readable by everyone.
GRANT USAGE ON SCHEMA exco TO exco_dashboard, exco_entry, exco_ars_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA exco TO exco_dashboard, exco_entry, exco_ars_analyst;

-- Data entry: contracts, their missions, indicators and measures. UPDATE on exco.contract is
-- also what exco.validate_contract_mission() needs: it reads the contract FOR SHARE. The CPTS,
-- their territories, the scales and the territory stay with the owner.
GRANT INSERT, UPDATE, DELETE ON exco.contract, exco.contract_mission, exco.indicator, exco.measure
  TO exco_entry;
GRANT USAGE ON SEQUENCE exco.contract_id_seq, exco.indicator_id_seq TO exco_entry;

-- Row-level security: an ARS analyst sees the CPTS whose seat is in its region, the contracts
-- of its region (exco.contract.region is the ARS), and their missions, indicators and measures.
-- Which region an analyst role belongs to: one row per analyst role.
CREATE TABLE public.exco_analyst_region (
  analyst name PRIMARY KEY,
  region  text NOT NULL REFERENCES exco.region
);
GRANT SELECT ON public.exco_analyst_region TO exco_ars_analyst;

ALTER TABLE exco.cpts ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.contract ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.contract_mission ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.indicator ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.measure ENABLE ROW LEVEL SECURITY;
-- The other schemes' tables hold regional and personal data too (a GP's RPPS number in
-- exco.assistant_contract, the members of a structure, the patients of an ETP programme).
ALTER TABLE exco.structure ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.structure_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.assistant_contract ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.etp_programme ENABLE ROW LEVEL SECURITY;
ALTER TABLE exco.etp_patient ENABLE ROW LEVEL SECURITY;

-- Once a table has row-level security, a role without a policy on it sees no row: the
-- dashboard and data-entry roles get every row (the validation triggers read exco.cpts and
-- exco.contract as the role that writes). The owner is not subject to the policies.
CREATE POLICY exco_all_rows ON exco.cpts TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.contract TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.contract_mission TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.indicator TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.measure TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.structure TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.structure_member TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.assistant_contract TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.etp_programme TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);
CREATE POLICY exco_all_rows ON exco.etp_patient TO exco_dashboard, exco_entry USING (true) WITH CHECK (true);

-- The analyst's region. The policies of the missions, indicators and measures read
-- exco.contract and exco.indicator, whose own policies apply: one region everywhere.
CREATE POLICY exco_own_region ON exco.cpts FOR SELECT TO exco_ars_analyst
  USING (seat IN (SELECT c.code FROM exco.commune c
                  JOIN public.exco_analyst_region a ON a.region = c.region
                  WHERE a.analyst = current_user));
CREATE POLICY exco_own_region ON exco.contract FOR SELECT TO exco_ars_analyst
  USING (region IN (SELECT a.region FROM public.exco_analyst_region a WHERE a.analyst = current_user));
CREATE POLICY exco_own_region ON exco.contract_mission FOR SELECT TO exco_ars_analyst
  USING (contract IN (SELECT c.id FROM exco.contract c));
CREATE POLICY exco_own_region ON exco.indicator FOR SELECT TO exco_ars_analyst
  USING (contract IN (SELECT c.id FROM exco.contract c));
CREATE POLICY exco_own_region ON exco.measure FOR SELECT TO exco_ars_analyst
  USING (indicator IN (SELECT i.id FROM exco.indicator i));

-- The other schemes: a structure and a medical-assistant contract belong to the region of their
-- commune (its seat, the GP's practice); members, programmes and patients follow their structure
-- and programme.
CREATE POLICY exco_own_region ON exco.structure FOR SELECT TO exco_ars_analyst
  USING (commune IN (SELECT c.code FROM exco.commune c
                     JOIN public.exco_analyst_region a ON a.region = c.region
                     WHERE a.analyst = current_user));
CREATE POLICY exco_own_region ON exco.assistant_contract FOR SELECT TO exco_ars_analyst
  USING (commune IN (SELECT c.code FROM exco.commune c
                     JOIN public.exco_analyst_region a ON a.region = c.region
                     WHERE a.analyst = current_user));
CREATE POLICY exco_own_region ON exco.structure_member FOR SELECT TO exco_ars_analyst
  USING (structure IN (SELECT s.id FROM exco.structure s));
CREATE POLICY exco_own_region ON exco.etp_programme FOR SELECT TO exco_ars_analyst
  USING (structure IN (SELECT s.id FROM exco.structure s));
CREATE POLICY exco_own_region ON exco.etp_patient FOR SELECT TO exco_ars_analyst
  USING (programme IN (SELECT p.id FROM exco.etp_programme p));

-- An analyst of ARS Auvergne-Rhône-Alpes (region 84):
--   CREATE ROLE ars_ara LOGIN IN ROLE exco_ars_analyst;
--   INSERT INTO public.exco_analyst_region VALUES ('ars_ara', '84');
