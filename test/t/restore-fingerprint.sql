-- What a restore must keep, one line each (test/t/010_restore.pl compares a restored database's
-- lines with the source's): every table and view of schemas exco and public (row count and an md5
-- of its rows in a fixed order; the views are exco's reports as of today, so they prove the
-- restored rows read the same), every row-level security flag and policy, every grant, every
-- trigger and its state, every sequence's position, the extension's and the tables' versions,
-- and what the ARS analyst of doc/security.md sees.
SELECT pg_catalog.format('rows %s %s %s', c.oid::regclass, (xpath('//n/text()', x))[1], (xpath('//h/text()', x))[1])
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname IN ('exco', 'public')
 CROSS JOIN LATERAL pg_catalog.query_to_xml(pg_catalog.format(
         'SELECT count(*) AS n, md5(coalesce(string_agg(t::text, ''|'' ORDER BY t::text), '''')) AS h FROM %s t',
         c.oid::regclass), false, false, '') AS x
 WHERE c.relkind IN ('r', 'v')
UNION ALL
SELECT pg_catalog.format('rls %s enabled=%s forced=%s', c.oid::regclass, c.relrowsecurity, c.relforcerowsecurity)
  FROM pg_catalog.pg_class c
 WHERE c.relnamespace IN ('exco'::regnamespace, 'public'::regnamespace) AND c.relkind = 'r'
UNION ALL
SELECT pg_catalog.format('policy %s.%s %s %s %s %s using=%s check=%s', p.schemaname, p.tablename, p.policyname,
                         p.permissive, p.cmd, p.roles, p.qual, p.with_check)
  FROM pg_catalog.pg_policies p WHERE p.schemaname IN ('exco', 'public')
UNION ALL
SELECT pg_catalog.format('acl %s %s', c.oid::regclass, c.relacl)
  FROM pg_catalog.pg_class c
 WHERE c.relnamespace IN ('exco'::regnamespace, 'public'::regnamespace) AND c.relacl IS NOT NULL
UNION ALL
SELECT pg_catalog.format('acl schema %s %s', n.nspname, n.nspacl)
  FROM pg_catalog.pg_namespace n WHERE n.nspname IN ('exco', 'public')
UNION ALL
SELECT pg_catalog.format('trigger %s %s %s', t.tgrelid::regclass, t.tgname, t.tgenabled)
  FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace IN ('exco'::regnamespace, 'public'::regnamespace) AND NOT t.tgisinternal
UNION ALL
SELECT pg_catalog.format('sequence %s %s', c.oid::regclass, pg_catalog.pg_sequence_last_value(c.oid))
  FROM pg_catalog.pg_class c
 WHERE c.relnamespace IN ('exco'::regnamespace, 'public'::regnamespace) AND c.relkind = 'S'
UNION ALL
SELECT pg_catalog.format('extension %s %s', e.extname, e.extversion) FROM pg_catalog.pg_extension e
 WHERE e.extname = 'exco'
UNION ALL
SELECT pg_catalog.format('constraint %s %s valid=%s', c.conrelid::regclass, c.conname, c.convalidated)
  FROM pg_catalog.pg_constraint c
 WHERE c.connamespace IN ('exco'::regnamespace, 'public'::regnamespace) AND c.conrelid <> 0
ORDER BY 1;
-- Where the structures and assistant contracts are, as the owner sees them.
SELECT pg_catalog.format('structures and assistant contracts in regions %s',
                         string_agg(DISTINCT c.region, ',' ORDER BY c.region))
  FROM (SELECT commune FROM exco.structure UNION ALL SELECT commune FROM exco.assistant_contract) t
  JOIN exco.commune c ON c.code = t.commune;
-- The analyst of one region sees that region's contracts only, after a restore too.
SET ROLE exco_ars_analyst;
SELECT pg_catalog.format('analyst sees %s contracts of regions %s', count(*),
                         coalesce(string_agg(DISTINCT region, ','), '-'))
  FROM exco.contract;
-- ... and the structures and medical-assistant contracts (GPs' identifiers) of that region only.
SELECT pg_catalog.format('analyst sees structures and assistant contracts of regions %s',
                         coalesce(string_agg(DISTINCT c.region, ',' ORDER BY c.region), '-'))
  FROM (SELECT commune FROM exco.structure UNION ALL SELECT commune FROM exco.assistant_contract) t
  JOIN exco.commune c ON c.code = t.commune;
RESET ROLE;
