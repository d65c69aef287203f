# make demo DB=name (test/demo-db.sh): the demo kept in a database of one's own server, reached
# through the PG* variables. Loaded into a database that does not exist yet (created), its printed
# counts are the database's; loaded again into it, it is refused (exit non-zero, a message naming
# the database, every table as it was); a database with exco and its empty tables is accepted.
# The small committed territory (DIR=test/fixtures/territory) stands for the real one.
use strict;
use warnings FATAL => 'all';
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = PostgreSQL::Test::Cluster->new('demo_db');
$node->init;
$node->start;

# make demo DB=$db with the node's PGHOST and PGPORT: (exit code, stdout, stderr).
sub make_demo
{
	my ($db) = @_;
	local %ENV = %ENV;
	$ENV{PGHOST} = $node->host;
	$ENV{PGPORT} = $node->port;
	delete $ENV{PGDATABASE};
	delete $ENV{$_} for grep { /^MAKE/ } keys %ENV;
	my ($out, $err);
	IPC::Run::run([ 'make', '-s', '--no-print-directory', 'demo', "DB=$db",
			'DIR=test/fixtures/territory', 'AS_OF=2026-06-30' ], '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

# Every row of every table of schema exco and exco_demo, hashed per table: "nothing changed".
my $fingerprint_sql = q{
SELECT string_agg(format('%s %s', t, (xpath('/row/h/text()', query_to_xml(
         format('SELECT md5(coalesce(string_agg(x::text, '','' ORDER BY x::text), '''')) AS h FROM %s AS x', t),
         false, true, '')))[1]), E'\n' ORDER BY t)
  FROM (SELECT c.oid::regclass::text AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('exco', 'exco_demo') AND c.relkind = 'r') AS s};

my %table = ('regions' => 'region', 'départements' => 'departement', 'EPCI' => 'epci',
	'communes' => 'commune', 'CPTS' => 'cpts', 'contracts' => 'contract',
	'contract missions' => 'contract_mission', 'indicators' => 'indicator', 'measures' => 'measure',
	'structures' => 'structure', 'medical-assistant contracts' => 'assistant_contract',
	'ETP programmes' => 'etp_programme', 'ETP patient rows' => 'etp_patient');

my ($rc, $out, $err) = make_demo('kept');
is($rc, 0, 'make demo DB=kept loads the demo into a database that did not exist') or diag($err);
like($out, qr/^== created database kept$/m, '... saying it created the database');
is($node->safe_psql('kept', q{SELECT extversion FROM pg_extension WHERE extname = 'exco'}),
	$node->safe_psql('kept', q{SELECT default_version FROM pg_available_extensions WHERE name = 'exco'}),
	'... with the extension exco at its default version');
foreach my $what (sort keys %table)
{
	my ($printed) = $out =~ /^ \Q$what\E\s+\|\s+(\d+)$/m;
	my $n = $node->safe_psql('kept', "SELECT count(*) FROM exco.$table{$what}");
	ok(defined $printed && $printed == $n && $n > 0, "it prints the count of $what, $n, that the database has")
	  or diag("printed " . ($printed // 'nothing') . ", the table has $n");
}
# The fixture territory (test/fixtures/territory/*.json): 5 regions, 7 départements, 22 EPCI.
like($out, qr/^ regions\s+\|\s+5$/m, 'the 5 regions of the fixture');
like($out, qr/^ départements\s+\|\s+7$/m, 'the 7 départements of the fixture');
like($out, qr/^ EPCI\s+\|\s+22$/m, 'the 22 EPCI of the fixture');
like($out, qr/make report PGDATABASE=kept/, 'it says how to draw the report page of the database');

my $before = $node->safe_psql('kept', $fingerprint_sql);
($rc, $out, $err) = make_demo('kept');
isnt($rc, 0, 'make demo DB=kept again is refused');
like($err, qr/database "kept" already holds exco data \(rows in [^)]*exco\.contract,/,
	'... with a message naming the database and the tables that hold data');
like($err, qr/Nothing was written/, '... saying nothing was written');
is($node->safe_psql('kept', $fingerprint_sql), $before, '... and every table is as it was');

# A database with an older exco (0.2.0 kept its data in the extension's tables) is refused.
$node->safe_psql('postgres', 'CREATE DATABASE old_exco');
$node->safe_psql('old_exco', "SET client_min_messages = warning; CREATE EXTENSION exco VERSION '0.2.0'");
($rc, $out, $err) = make_demo('old_exco');
isnt($rc, 0, 'make demo DB=old_exco (exco 0.2.0) is refused');
like($err, qr/database "old_exco" has exco 0\.2\.0, not the installed version: update it/, '... naming the version and the update');
is($node->safe_psql('old_exco', q{SELECT extversion FROM pg_extension WHERE extname = 'exco'}), '0.2.0', '... which it left as it was');

# A database where exco and its tables exist but hold nothing is not refused.
$node->safe_psql('postgres', 'CREATE DATABASE empty_tables');
$node->safe_psql('empty_tables', 'SET client_min_messages = warning; CREATE EXTENSION exco; SELECT exco.create_tables()');
($rc, $out, $err) = make_demo('empty_tables');
is($rc, 0, 'make demo DB=empty_tables loads into exco\'s empty tables') or diag($err);
unlike($out, qr/created database/, '... without creating the database');
cmp_ok($node->safe_psql('empty_tables', 'SELECT count(*) FROM exco.contract'), '>', 0, '... which then hold contracts');

$node->stop;
done_testing();
