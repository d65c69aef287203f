# Shared Perl of exco's TAP tests (test/t/*.pl): running a psql file or a shell command against
# a node of PostgreSQL::Test::Cluster, with the node's PGHOST and PGPORT, from the tree's root
# (where prove runs the tests).
package ExcoTest;
use strict;
use warnings FATAL => 'all';
use Exporter 'import';
use IPC::Run;
use Test::More;

our @EXPORT = qw(psql_file node_run node_run_ok);

# psql_file(NODE, DB, FILE, NAME, VAR => VALUE ...): psql -f FILE with ON_ERROR_STOP and the
# given psql variables; one test named NAME.
sub psql_file
{
	my ($node, $db, $file, $name, %vars) = @_;
	my @v = map { ('-v', "$_=$vars{$_}") } sort keys %vars;
	$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', @v, '-d', $db, '-f', $file ], $name);
}

# node_run(NODE, [COMMAND], ENV => VALUE ...): runs COMMAND with the node's connection environment
# (and the extra variables given); returns (exit status, stdout, stderr). No test of its own.
sub node_run
{
	my ($node, $cmd, %env) = @_;
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	local @ENV{ keys %env } = values %env;
	my ($out, $err) = ('', '');
	IPC::Run::run($cmd, '<', \'', '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

# node_run_ok(NODE, [COMMAND], NAME, ENV => VALUE ...): node_run as one test (exit 0), its stderr
# shown on failure; returns stdout.
sub node_run_ok
{
	my ($node, $cmd, $name, %env) = @_;
	my ($rc, $out, $err) = node_run($node, $cmd, %env);
	is($rc, 0, $name) or diag("@$cmd:\n$out$err");
	return $out;
}

1;
