# The update 0.1.0 -> 0.2.0 adds scale_effective_from_finite (src/upgrade/78_edges.sql of 0.2.0),
# which a scale written under 0.1.0 may break ('-infinity' was accepted). The update must not fail
# nor lose the row: the constraint stays NOT VALID with a WARNING, a new infinite date is refused
# all the same, and once the row is fixed the constraint validates. The update runs to the
# current version (through 0.2.0). A node of its own, from the installed PostgreSQL and exco.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('edges_upgrade');
$node->init;
$node->start;

my $db = 'postgres';
sub convalidated
{
	return $node->safe_psql($db,
		"SELECT convalidated FROM pg_catalog.pg_constraint WHERE conname = 'scale_effective_from_finite'");
}

$node->safe_psql($db, "SET client_min_messages = warning; CREATE EXTENSION exco VERSION '0.1.0'");
$node->safe_psql($db,
	"INSERT INTO exco.scale (scale, effective_from, complete) VALUES ('edges-old', '-infinity', false)");

my ($ret, $stdout, $stderr) = $node->psql($db, 'ALTER EXTENSION exco UPDATE');
is($ret, 0, 'ALTER EXTENSION exco UPDATE succeeds over a scale dated -infinity');
like($stderr, qr/constraint scale_effective_from_finite, which is left NOT VALID/,
	'the update warns that scale_effective_from_finite is left NOT VALID');
isnt($node->safe_psql($db, "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'exco'"),
	'0.1.0', 'the extension was updated');
is($node->safe_psql($db, "SELECT effective_from FROM exco.scale WHERE scale = 'edges-old'"),
	'-infinity', 'the update kept the infinite scale');
is(convalidated(), 'f', 'scale_effective_from_finite is NOT VALID');

($ret, $stdout, $stderr) = $node->psql($db,
	"INSERT INTO exco.scale (scale, effective_from, complete) VALUES ('edges-new', 'infinity', false)");
isnt($ret, 0, 'a NOT VALID constraint still refuses a new infinite date');
like($stderr, qr/scale_effective_from_finite/, 'the refusal names the constraint');

$node->safe_psql($db, "UPDATE exco.scale SET effective_from = '2001-01-01' WHERE scale = 'edges-old'");
$node->safe_psql($db, 'ALTER TABLE exco.scale VALIDATE CONSTRAINT scale_effective_from_finite');
is(convalidated(), 't', 'once the row is fixed, scale_effective_from_finite validates');

$node->stop;
done_testing();
