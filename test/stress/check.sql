-- make stress: the invariants after the run, one row each: name and the number of rows that
-- break it (0 everywhere, or run.sh fails).
SELECT 'no commune in two CPTS' AS invariant, count(*) AS broken
  FROM (SELECT commune FROM exco.cpts_commune GROUP BY commune HAVING count(*) > 1) x
UNION ALL
SELECT 'every accepted contract stored once', count(*)
  FROM stress.outcome o
 WHERE o.kind = 'contract' AND o.ok
   AND (SELECT count(*) FROM exco.contract c WHERE c.id = o.id) <> 1
UNION ALL
SELECT 'no rejected contract stored', count(*)
  FROM stress.outcome o JOIN exco.contract c ON c.id = o.id
 WHERE o.kind = 'contract' AND NOT o.ok
UNION ALL
SELECT 'no contract stored that was not accepted', count(*)
  FROM exco.contract c
 WHERE c.id >= 1000000
   AND NOT EXISTS (SELECT 1 FROM stress.outcome o WHERE o.kind = 'contract' AND o.ok AND o.id = c.id)
UNION ALL
SELECT 'every accepted mission stored once', count(*)
  FROM stress.outcome o
 WHERE o.kind = 'mission' AND o.ok
   AND (SELECT count(*) FROM exco.contract_mission m
         WHERE m.contract = o.id AND m.mission::text = o.detail) <> 1
UNION ALL
SELECT 'a mission accepted at most once', count(*)
  FROM (SELECT id, detail FROM stress.outcome WHERE kind = 'mission' AND ok
         GROUP BY id, detail HAVING count(*) > 1) x
UNION ALL
SELECT 'no mission stored that starts before its contract', count(*)
  FROM exco.contract_mission m JOIN exco.contract c ON c.id = m.contract
 WHERE m.started_on < c.signed_on
UNION ALL
SELECT 'valid writes accepted (contract, mission)', count(*)
  FROM stress.outcome WHERE expect_ok AND ok IS NOT TRUE AND NOT (kind = 'mission' AND ok IS NULL)
UNION ALL
SELECT 'invalid writes rejected (contract, mission, seat into a 2nd CPTS)', count(*)
  FROM stress.outcome WHERE NOT expect_ok AND ok
UNION ALL
SELECT 'rejections only with the rules'' SQLSTATEs (23502, 23505, 23514)', count(*)
  FROM stress.outcome WHERE NOT ok AND sqlstate NOT IN ('23502', '23505', '23514')
UNION ALL
SELECT 'no deadlock (pg_stat_database)', deadlocks
  FROM pg_stat_database WHERE datname = current_database()
UNION ALL
SELECT 'tier = tier(population)', count(*)
  FROM exco.contract WHERE tier OPERATOR(exco.<>) exco.tier(population)
UNION ALL
SELECT 'ends_on = signed_on + 5 years (exclusive end)', count(*)
  FROM exco.contract WHERE ends_on <> (signed_on + interval '5 years')::date;
