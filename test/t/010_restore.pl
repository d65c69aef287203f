# The user's data survives every way PostgreSQL dumps and restores it (doc/tables.md): pg_dump in
# plain, custom, directory and tar formats; pg_restore with 1 and 4 jobs; a restore split by
# --section; pg_dumpall into a new cluster. The source holds every kind of row exco keeps (the
# fixture territory, the demo's contracts, missions, indicators, measures, structures, assistant
# contracts and ETP, a moved seat, moved communes, a dissolved CPTS, users' scales), the
# row-level security example of doc/security.md, a user's view and a user's table with exco's
# types (test/t/restore-data.sql). Each restored database must give the same lines as the source
# (test/t/restore-fingerprint.sql): every table's rows, every policy, grant, trigger, sequence.
#
# pg_upgrade is not tested: it needs two major versions installed side by side, and each Debian
# suite this project tests on ships one.
use strict;
use warnings FATAL => 'all';
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = PostgreSQL::Test::Cluster->new('source');
$node->init;
$node->start;

sub psql_file
{
	my ($n, $db, $file, $name) = @_;
	$n->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $db, '-f', $file ], $name);
}

sub fingerprint
{
	my ($n, $db) = @_;
	return $n->safe_psql($db, slurp_file('test/t/restore-fingerprint.sql'));
}

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', 'CREATE EXTENSION exco; SELECT exco.create_tables();');
psql_file($node, 'src', 'test/t/restore-data.sql', 'the source database is built');
my $want = fingerprint($node, 'src');
like($want, qr/^rows exco\.contract [1-9]\d* /m, 'the source has contracts');
like($want, qr/^rows exco\.etp_patient [1-9]\d* /m, 'the source has ETP patients');
like($want, qr/^rows exco\.scale_amount 72 /m, 'the source has 12 user scale amounts beside the 60 shipped');
like($want, qr/^policy exco\.contract exco_own_region /m, 'the source has the analyst policy');
like($want, qr/^analyst sees [1-9]\d* contracts of regions \w+$/m, 'the analyst sees one region');
my ($all) = $want =~ /^rows exco\.contract (\d+) /m;
my ($seen) = $want =~ /^analyst sees (\d+) /m;
cmp_ok($seen, '<', $all, '... and not every contract');
like($want, qr/^structures and assistant contracts in regions \w+,\w+/m, 'the source has structures in several regions');
like($want, qr/^analyst sees structures and assistant contracts of regions \w+$/m,
	'the analyst sees the structures and assistant contracts of one region');

my $tmp = PostgreSQL::Test::Utils::tempdir;
$node->command_ok([ 'pg_dump', '-Fp', '-f', "$tmp/plain.sql", 'src' ], 'pg_dump, plain format');
$node->command_ok([ 'pg_dump', '-Fc', '-f', "$tmp/custom.dump", 'src' ], 'pg_dump, custom format');
$node->command_ok([ 'pg_dump', '-Fd', '-j', '2', '-f', "$tmp/dir", 'src' ], 'pg_dump, directory format, 2 jobs');
$node->command_ok([ 'pg_dump', '-Ft', '-f', "$tmp/tar.tar", 'src' ], 'pg_dump, tar format');

# Each way back: the commands that restore into database $db. pg_restore exits non-zero when any
# statement failed (it goes on and counts them).
my @ways = (
	[ 'plain, psql', [ [ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', "$tmp/plain.sql" ] ] ],
	[ 'custom, pg_restore -j 1', [ [ 'pg_restore', '-j', '1', "$tmp/custom.dump" ] ] ],
	[ 'custom, pg_restore -j 4', [ [ 'pg_restore', '-j', '4', "$tmp/custom.dump" ] ] ],
	[ 'directory, pg_restore -j 1', [ [ 'pg_restore', '-j', '1', "$tmp/dir" ] ] ],
	[ 'directory, pg_restore -j 4', [ [ 'pg_restore', '-j', '4', "$tmp/dir" ] ] ],
	[ 'tar, pg_restore', [ [ 'pg_restore', "$tmp/tar.tar" ] ] ],
	[
		'custom, pg_restore --section pre-data, data (-j 4), post-data (-j 4)',
		[
			[ 'pg_restore', '--section=pre-data', "$tmp/custom.dump" ],
			[ 'pg_restore', '--section=data', '-j', '4', "$tmp/custom.dump" ],
			[ 'pg_restore', '--section=post-data', '-j', '4', "$tmp/custom.dump" ]
		]
	]);
my $i = 0;
foreach my $way (@ways)
{
	my ($name, $commands) = @$way;
	my $db = 'dst' . $i++;
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	foreach my $c (@$commands)
	{
		$node->command_ok([ @$c, '-d', $db ], "$name: $c->[0] exits 0");
	}
	is(fingerprint($node, $db), $want, "$name: every row, policy, grant, trigger and sequence kept");
}

# pg_dumpall into a new cluster: roles, then the databases. The new cluster's bootstrap superuser
# exists already: the one error allowed is that role's CREATE ROLE.
my $other = PostgreSQL::Test::Cluster->new('other');
$other->init;
$other->start;
$node->command_ok([ 'pg_dumpall', '-f', "$tmp/all.sql" ], 'pg_dumpall');
my ($stdout, $stderr);
IPC::Run::run([ 'psql', '-X', '-q', '-d', $other->connstr('postgres'), '-f', "$tmp/all.sql" ],
	'>', \$stdout, '2>', \$stderr);
my @errors = grep { /ERROR/ && !/role "[^"]+" already exists/ } split /\n/, $stderr;
is(join("\n", @errors), '', 'pg_dumpall restored into a new cluster without an error');
is(fingerprint($other, 'src'), $want, 'pg_dumpall into a new cluster: every row, policy, grant, trigger and sequence kept');

# DROP EXTENSION without CASCADE refuses to drop what the user's tables depend on, and keeps them.
my ($ret, $out, $err) = $node->psql('dst0', 'DROP EXTENSION exco');
isnt($ret, 0, 'DROP EXTENSION exco without CASCADE is refused');
like($err, qr/cannot drop extension exco because other objects depend on it/, "... with core's 2BP01 message");
is(fingerprint($node, 'dst0'), $want, '... and every row is still there');

$other->stop;
$node->stop;
done_testing();
