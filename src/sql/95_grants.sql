-- Privileges (doc/security.md). Runs last, after every table and view exists.
--
-- The scales are public law (the ACI CPTS and its amendments, published in the Journal
-- officiel): every role may read them, so the C functions that read them (exco.ceiling,
-- exco.scale_ceiling, exco.scale_on, exco.contract_ceiling, exco.payment_schedule) work for a role
-- that has only USAGE on schema exco. Writing them stays with the owner.
GRANT SELECT ON exco.scale, exco.scale_amount, exco.scale_sheet TO PUBLIC;

-- Every view runs with the privileges and the row-level security policies of the role that
-- queries it (security_invoker), not of its owner: a role sees through a view exactly the rows
-- it may read in the tables, so a policy that restricts an analyst to a region
-- (doc/security.md) also restricts the views. A role reading a view therefore needs SELECT on
-- the tables the view reads (doc/security.md lists the grants). Every view of schema exco,
-- whichever part created it.
DO $$
DECLARE
  v regclass;
BEGIN
  FOR v IN SELECT c.oid::regclass FROM pg_catalog.pg_class c
           WHERE c.relnamespace OPERATOR(pg_catalog.=) 'exco'::regnamespace
             AND c.relkind OPERATOR(pg_catalog.=) 'v'
           ORDER BY c.relname
  LOOP
    EXECUTE pg_catalog.format('ALTER VIEW %s SET (security_invoker = true)', v);
  END LOOP;
END
$$;
