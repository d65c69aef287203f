-- The law's tables restore in any order (doc/tables.md): a parallel pg_restore loads the users' rows
-- of exco.scale and exco.scale_amount (both members of the extension) in any order, and validated
-- the foreign key of exco.contract.scale before exco.scale's rows were there. Both foreign keys go;
-- exco.scale_in_use() keeps a named scale from being deleted or renamed (src/sql/30_scale.sql), and
-- exco.validate_contract() checks a contract's scale when written. The contract's constraint is
-- dropped by exco.update_tables() (src/tables/update/from-0.2.0.sql): the table is the user's now.
ALTER TABLE exco.scale_amount DROP CONSTRAINT scale_amount_scale_fkey;
