-- The composition of a structure, checked at commit (doc/schemes.md). Its own part because 0.3.0
-- changes it (src/upgrade/40_structure_race.sql is a link to it), hence CREATE OR REPLACE.

-- Checked at the end of the transaction (a deferred constraint trigger), so a structure's members
-- can be inserted one by one; a pg_dump restore inserts all members in one COPY, so it passes.
-- PARALLEL UNSAFE, as every exco trigger function: it is part of the write that fires it.
CREATE OR REPLACE FUNCTION exco.check_structure() RETURNS trigger
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, exco
AS $fn$
DECLARE
  sid bigint;
  s exco.structure;
  members exco.profession[];
  problem text;
BEGIN
  IF TG_TABLE_NAME = 'structure' THEN
    sid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    sid := OLD.structure;
  ELSE
    sid := NEW.structure;
  END IF;
  -- Two transactions that each remove a member could both pass alone and together leave an
  -- invalid structure (write skew). Touching the structure row serialises them: the second waits
  -- for the first's row lock; under READ COMMITTED it then reads the members the first committed
  -- (each statement takes a new snapshot) and is refused, under REPEATABLE READ or SERIALIZABLE
  -- it gets a serialization failure (40001). A lock alone (FOR NO KEY UPDATE) would not make
  -- REPEATABLE READ fail. name = name fires no trigger (check_structure_kind fires on kind).
  UPDATE exco.structure SET name = name WHERE id = sid;
  SELECT * INTO s FROM exco.structure WHERE id = sid;
  IF NOT FOUND THEN
    RETURN NULL;  -- the structure was deleted with its members
  END IF;
  SELECT coalesce(array_agg(m.profession), '{}') INTO members
    FROM exco.structure_member m WHERE m.structure = sid;
  problem := exco.structure_problem(s.kind, members);
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'structure "%" is not a valid %: %', s.name, s.kind, problem
      USING ERRCODE = 'check_violation',
            DETAIL = format('Structure id %s, members %s, checked at the end of the transaction.', sid, members),
            HINT = 'Insert the missing members in the same transaction, or change the structure''s kind.';
  END IF;
  RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION exco.check_structure() IS
  'deferred constraint trigger of exco.structure_member (and of exco.structure''s kind): the structure''s members must make a valid structure of its kind (exco.structure_problem), else 23514 naming the structure and the reason';
