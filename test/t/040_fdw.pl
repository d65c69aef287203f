# exco across postgres_fdw shards (also `make test-fdw`): a coordinator and 3 shard nodes, started
# by PostgreSQL::Test::Cluster, loaded by test/fdw/load.sh (each shard exco and the rows of its 6
# regions; the coordinator the same rows locally as the single-node reference); then the
# pg_regress suite test/fdw/sql/fdw.sql against test/fdw/expected/fdw.out on the coordinator.
#   FDW_CONTRACTS  contracts generated (default 4000: 200 000 measures)
#   FDW_RESULTS    a file to copy the suite's output to when it differs (read it before copying it
#                  over the expected file)
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use File::Copy;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use ExcoTest;

my $contracts = $ENV{FDW_CONTRACTS} // 4000;
my $coordinator = PostgreSQL::Test::Cluster->new('coordinator');
$coordinator->init;
$coordinator->start;
my @shards;
foreach my $i (0 .. 2)
{
	my $shard = PostgreSQL::Test::Cluster->new("shard$i");
	$shard->init;
	$shard->append_conf('postgresql.conf', "max_parallel_workers_per_gather = 0\nsynchronous_commit = off");
	$shard->start;
	push @shards, $shard;
}

my $user = $coordinator->safe_psql('postgres', 'SELECT current_user');
node_run_ok(
	$coordinator,
	[ 'bash', 'test/fdw/load.sh', 'exco_fdw', $contracts, $user, map { ($_->host, $_->port) } @shards ],
	"3 shards and the coordinator loaded ($contracts contracts)");
is($coordinator->safe_psql('exco_fdw', 'SELECT count(*) FROM pg_catalog.pg_foreign_server'),
	'3', 'the coordinator has one foreign server per shard');
foreach my $i (0 .. 2)
{
	cmp_ok($shards[$i]->safe_psql('exco_shard', 'SELECT count(*) FROM fed.measure'),
		'>', 0, "shard $i holds measures");
}

my $out = PostgreSQL::Test::Utils::tempdir;
my ($rc, $stdout, $stderr) = node_run($coordinator,
	[ $ENV{PG_REGRESS}, '--use-existing', '--dbname=exco_fdw', '--inputdir=test/fdw', "--outputdir=$out", 'fdw' ]);
is($rc, 0, 'test/fdw/sql/fdw.sql gives test/fdw/expected/fdw.out') or do {
	diag($stdout . $stderr);
	diag(slurp_file("$out/regression.diffs")) if -e "$out/regression.diffs";
	copy("$out/results/fdw.out", $ENV{FDW_RESULTS}) if $ENV{FDW_RESULTS};
};

# The shards stop, and no server answers on their ports any more.
foreach my $i (0 .. 2)
{
	$shards[$i]->stop;
	my ($r) = node_run($shards[$i], [ 'pg_isready', '-q' ]);
	isnt($r, 0, "shard $i stopped: no server answers on its port");
}
$coordinator->stop;
done_testing();
