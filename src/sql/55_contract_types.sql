-- The enums of the contract tables (exco.create_tables(), src/tables/create/20_contract.sql).

CREATE TYPE exco.contract_status AS ENUM ('signed', 'terminated', 'ended');
COMMENT ON TYPE exco.contract_status IS
  'signed (running), terminated (résilié: advances paid are owed back), ended (its 5 years are over)';
