# The update to 0.2.0 adds constraints (src/upgrade/21_contract_constraints.sql of 0.2.0) that rows
# written under 0.1.0 may break: a NaN measure, a NULL element in a contract's missions, a NaN
# indicator weight. The update (to the current version, through 0.2.0) must not fail nor lose those
# rows: the broken constraints stay NOT VALID with a WARNING, the others are validated, and once the
# rows are fixed VALIDATE CONSTRAINT succeeds.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use ExcoTest;

my $node = PostgreSQL::Test::Cluster->new('contract_upgrade_bad_rows');
$node->init;
$node->start;
my $db = 'postgres';

$node->safe_psql($db, "SET client_min_messages = warning; CREATE EXTENSION exco VERSION '0.1.0'");
psql_file($node, $db, 'test/t/upgrade-data-0.1.0.sql', 'user rows written at 0.1.0');
$node->safe_psql($db,
	"UPDATE exco.measure SET value = 'NaN' WHERE contract_year = 1 AND indicator = (SELECT min(id) FROM exco.indicator)");
# A NULL mission as 0.1.0's code let it in: this build's trigger refuses it (22004), so the row is
# written with the triggers off, as a restore of such a database would.
$node->safe_psql($db, q{SET session_replication_role = replica;
	UPDATE exco.contract SET missions = missions || NULL::exco.mission WHERE id = (SELECT min(id) FROM exco.contract)});
# An indicator weight of NaN (accepted by 0.1.0's weight >= 0): indicator_weight_finite stays NOT VALID.
$node->safe_psql($db, "UPDATE exco.indicator SET weight = 'NaN' WHERE id = (SELECT min(id) FROM exco.indicator)");
my $before = $node->safe_psql($db, 'SELECT count(*) FROM exco.measure');
cmp_ok($before, '>', 0, 'the 0.1.0 database has measures');

my ($ret, $stdout, $stderr) = $node->psql($db, 'ALTER EXTENSION exco UPDATE; SELECT exco.update_tables()');
is($ret, 0, 'ALTER EXTENSION exco UPDATE and update_tables() succeed over the bad rows');
foreach my $c (qw(measure_value_finite contract_missions_no_null indicator_weight_finite))
{
	like($stderr, qr/constraint $c, which is left NOT VALID/, "the update warns that $c is left NOT VALID");
}
is($node->safe_psql($db, 'SELECT count(*) FROM exco.measure'), $before, 'the update kept every measure');
is( $node->safe_psql(
		$db, q{SELECT string_agg(conname || '=' || convalidated, ' ' ORDER BY conname) FROM pg_catalog.pg_constraint
  WHERE conname IN ('contract_missions_one_dimension', 'contract_missions_no_null', 'indicator_direction_consistent',
                    'measure_value_finite', 'indicator_weight_finite', 'indicator_amount_finite')}),
	'contract_missions_no_null=false contract_missions_one_dimension=true indicator_amount_finite=true '
	  . 'indicator_direction_consistent=true indicator_weight_finite=false measure_value_finite=false',
	'the three broken constraints are NOT VALID, the three others validated');

($ret, $stdout, $stderr) = $node->psql($db, q{
	UPDATE exco.measure SET value = 0 WHERE value = 'NaN';
	UPDATE exco.contract SET missions = array_remove(missions, NULL);
	UPDATE exco.indicator SET weight = 1 WHERE weight = 'NaN';
	ALTER TABLE exco.indicator VALIDATE CONSTRAINT indicator_weight_finite;
	ALTER TABLE exco.measure VALIDATE CONSTRAINT measure_value_finite;
	ALTER TABLE exco.contract VALIDATE CONSTRAINT contract_missions_no_null}, on_error_stop => 1);
is($ret, 0, 'once the rows are fixed, the three constraints validate') or diag($stderr);

$node->stop;
done_testing();
