-- The version of exco that built or last updated the tables below (one row, written by
-- exco.create_tables() and exco.update_tables()). An ordinary table like the others: a dump keeps
-- it with the data it describes. Run by create_tables(), and by update_tables() when missing
-- (tables built by 0.2.0 have none).
CREATE TABLE exco.tables_version (
  singleton  boolean PRIMARY KEY DEFAULT true CONSTRAINT tables_version_one_row CHECK (singleton),
  version    text NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE exco.tables_version IS
  'the exco version the user''s tables were built for (exco.create_tables()) or last brought to (exco.update_tables()); one row';
COMMENT ON COLUMN exco.tables_version.singleton IS 'always true: the table has one row';
COMMENT ON COLUMN exco.tables_version.version IS 'exco version of the tables, report functions and views';
COMMENT ON COLUMN exco.tables_version.updated_at IS 'when create_tables() or update_tables() last wrote them';
