-- Removes what sql/include/evil_schema.sql created.
SET client_min_messages = warning;
DROP SCHEMA evil CASCADE;
SELECT format('REVOKE CREATE ON DATABASE %I FROM exco_evil', current_database()) \gexec
REVOKE USAGE ON SCHEMA exco FROM exco_evil;
DROP ROLE exco_evil;
RESET client_min_messages;
