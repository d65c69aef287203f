#!/bin/sh
# Writes the SQL of exco.tables_script(part): the DDL of the user's tables as text, one part per
# directory of src/tables/, each the concatenation of its NN_*.sql files in name order:
#   'version table'      version.sql  exco.tables_version, the version the tables are at
#   'create'             create/  the tables (run once, by exco.create_tables())
#   'bound'              bound/   what is bound to them: triggers, report functions and views,
#                                 comments (run by create_tables() and by every update_tables())
#   'update from X'      update/from-X.sql  brings tables built by exco X to this version (run by
#                                 exco.update_tables() before 'bound')
# The Makefile appends it to the install script and to the upgrade script, so both define it with
# the very same text. Usage: sh src/tables/script.sh SRCDIR
set -eu
dir=$1/src/tables
body() {
  for f in "$@"; do
    [ -e "$f" ] || continue
    if grep -q 'exco_ddl\$\|exco_fn\$' "$f"; then echo "$f uses a reserved dollar-quote tag" >&2; exit 1; fi
    printf "\n-- ==== src/tables/%s\n" "${f#"$dir/"}"
    cat "$f"
  done
}
cat <<'SQL'

-- ---------------------------------------------------------------------------------------------
-- exco.tables_script(part): generated from src/tables/ by src/tables/script.sh (see there).
-- IMMUTABLE: its answer is this release's text. PARALLEL SAFE: it reads nothing.
CREATE FUNCTION exco.tables_script(part text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog
AS $exco_fn$
BEGIN
  CASE part
SQL
printf "  WHEN 'version table' THEN RETURN \$exco_ddl\$"
body "$dir/version.sql"
printf '$exco_ddl$;\n'
printf "  WHEN 'create' THEN RETURN \$exco_ddl\$"
body $(ls "$dir"/create/*.sql | sort)
printf '$exco_ddl$;\n'
printf "  WHEN 'bound' THEN RETURN \$exco_ddl\$"
body $(ls "$dir"/bound/*.sql | sort)
printf '$exco_ddl$;\n'
for f in $(ls "$dir"/update/from-*.sql 2>/dev/null | sort); do
  v=$(basename "$f" .sql); v=${v#from-}
  printf "  WHEN 'update from %s' THEN RETURN \$exco_ddl\$" "$v"
  body "$f"
  printf '$exco_ddl$;\n'
done
cat <<'SQL'
  ELSE
    RAISE EXCEPTION 'exco has no table script "%"', part
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'exco.update_tables() updates tables built by the releases that have an "update from" script.';
  END CASE;
END
$exco_fn$;
COMMENT ON FUNCTION exco.tables_script(text) IS
  'the DDL that exco.create_tables() and exco.update_tables() run: ''version table'' (exco.tables_version), ''create'' (the tables), ''bound'' (their triggers, report functions and views, comments), ''update from X'' (tables built by exco X to this version)';
SQL
