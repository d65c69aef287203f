-- make stress: what the clients did (stress.outcome), by kind and outcome.
SELECT kind, count(*) AS attempts,
       count(*) FILTER (WHERE ok) AS stored,
       count(*) FILTER (WHERE NOT ok) AS rejected,
       count(*) FILTER (WHERE ok IS NULL) AS duplicates,
       coalesce(string_agg(DISTINCT sqlstate, ' ' ORDER BY sqlstate), '') AS sqlstates
FROM stress.outcome GROUP BY kind ORDER BY kind;
