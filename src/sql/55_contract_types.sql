-- The enums of the contract tables (exco.create_tables(), src/tables/create/20_contract.sql).

CREATE TYPE exco.contract_status AS ENUM ('signed', 'terminated', 'ended');
COMMENT ON TYPE exco.contract_status IS
  'signed (running), terminated (résilié: advances paid are owed back), ended (its 5 years are over)';

CREATE TYPE exco.indicator_kind AS ENUM ('continuous', 'stepped');
COMMENT ON TYPE exco.indicator_kind IS
  'continuous: attainment rate × amount; stepped: the highest threshold reached pays its amount';
