# Docs that run (doc/examples.md): every fenced block of README.md and doc/*.md is either SQL run
# against the demo fixture database (or a new database when it says so) with each stated result
# (-- → value) compared, or marked <!-- not run: reason -->. A block fails on an error it does not
# state (-- → ERROR SQLSTATE), a stated value that differs, a missing reason. The runner is
# test/t/DocExamples.pm; its self-test, first, runs test/t/doc-examples-selftest.md, whose blocks
# say which problem the runner must find in each (<!-- selftest: ... -->).
use strict;
use utf8;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use DocExamples;
use Encode ();

# Test::More's handles here are tied (PostgreSQL::Test::SimpleTee): give them bytes.
sub bytes { return map { Encode::encode('UTF-8', $_) } @_; }

my $node = PostgreSQL::Test::Cluster->new('doc_examples');
$node->init;
$node->start;

# The demo fixture (as test/fixture-db.sh): the committed territory, the demo CPTS and contracts,
# structures, assistant contracts and ETP programmes, as of 2026-06-30.
$node->safe_psql('postgres', 'CREATE DATABASE demo');
$node->safe_psql('demo', 'SET client_min_messages = warning; CREATE EXTENSION exco; SELECT exco.create_tables()');
foreach my $step ([ 'territory_dir=test/fixtures/territory', 'test/scripts/load-territory.sql' ],
	[ 'as_of=2026-06-30', 'test/scripts/demo-build.sql' ], [ 'as_of=2026-06-30', 'test/scripts/demo-schemes.sql' ])
{
	$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', $step->[0], '-d', 'demo', '-f', $step->[1] ],
		"the demo fixture: $step->[1]");
}

# A block's problems, in the demo database or in a new database 'mydb' (dropped after).
sub problems_of
{
	my ($b) = @_;
	my $plan = DocExamples::plan_of($b);
	return bytes(DocExamples::check($node, 'demo', $b)) unless $plan->{mode} eq 'new' && !@{ $plan->{problems} };
	$node->safe_psql('postgres', 'DROP DATABASE IF EXISTS mydb; CREATE DATABASE mydb');
	my @p = DocExamples::check($node, 'mydb', $b);
	$node->safe_psql('postgres', 'DROP DATABASE mydb');
	return bytes(@p);
}

# The self-test: the runner finds what each block of the fixture says it must find.
foreach my $b (DocExamples::blocks('test/t/doc-examples-selftest.md'))
{
	my ($expect) = map { /^\s*selftest:\s*(.*?)\s*$/ ? $1 : () } @{ $b->{comments} };
	die "test/t/doc-examples-selftest.md:$b->{line}: no <!-- selftest: ... -->\n" unless defined $expect;
	my @p = problems_of($b);
	if ($expect eq 'passes')
	{
		is(join("\n", @p), '', "self-test, line $b->{line}: the runner passes this block");
	}
	else
	{
		like(join("\n", @p), qr/$expect/, "self-test, line $b->{line}: the runner fails it: $expect");
	}
}

my ($run, $skipped) = (0, 0);
foreach my $file ('README.md', sort glob('doc/*.md'))
{
	foreach my $b (DocExamples::blocks($file))
	{
		my $plan = DocExamples::plan_of($b);
		my @p = problems_of($b);
		if ($plan->{mode} eq 'skip' && !@p)
		{
			$skipped++;
			note(bytes("$file:$b->{line}: not run: $plan->{reason}"));
			next;
		}
		$run++;
		is(join("\n", @p), '', "$file:$b->{line}: " . ($plan->{mode} eq 'new' ? 'run in a new database' : 'run on the demo'));
	}
}
note("$run blocks run, $skipped not run (each with its reason)");
cmp_ok($run, '>', 0, 'the docs have examples that run');

$node->stop;
done_testing();
