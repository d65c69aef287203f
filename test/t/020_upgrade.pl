# Upgrade from every earlier release: a database created at 0.1.0 (the frozen install script
# extension/exco--0.1.0.sql) with user rows in every exco table (test/t/upgrade-data-0.1.0.sql), and
# one created at 0.2.0 with the fixture territory and the demo's contracts and schemes, then
# `ALTER EXTENSION exco UPDATE` (0.1.0 goes through 0.2.0) and `SELECT exco.update_tables()`, must
# have the same schema as a fresh install of the current version + `SELECT exco.create_tables()`,
# and keep every row.
#
# The schemas are compared with `pg_dump --schema-only --binary-upgrade`: in that mode pg_dump
# writes every member object of an extension (types, functions, tables, views, comments, grants)
# instead of a bare CREATE EXTENSION; what only carries OIDs and transaction ids is masked.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use ExcoTest;

my ($to) = slurp_file('META.json') =~ /^\s*"version":\s*"([^"]*)"/m;
my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->start;

# Every row of every exco table the old release had, on the columns it had ($cols, '{t.c,...}':
# an update may add columns), as "table count md5" lines in a fixed order.
sub rows
{
	my ($db, $cols) = @_;
	return $node->safe_psql($db, qq{
SELECT c.relname || ' ' || (xpath('//n/text()', x))[1]::text || ' ' || (xpath('//h/text()', x))[1]::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'exco'
CROSS JOIN LATERAL pg_catalog.query_to_xml(
  pg_catalog.format('SELECT count(*) AS n, md5(coalesce(string_agg(r, ''|'' ORDER BY r), '''')) AS h FROM (SELECT (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(to_jsonb(t)) e WHERE %L || ''.'' || e.key = ANY (%L::text[]))::text AS r FROM exco.%I t) s',
                    c.relname, '$cols', c.relname), false, false, '') AS x
WHERE c.relkind IN ('r', 'p')
  -- Only the tables the old release had: a table the update adds holds its shipped rows only
  -- (the schema comparison covers it).
  AND c.relname = ANY (SELECT pg_catalog.split_part(col, '.', 1) FROM unnest('$cols'::text[]) AS col)
ORDER BY c.relname});
}

# pg_dump --schema-only --binary-upgrade of $db, OIDs, xids and the database name masked.
sub schema
{
	my ($db) = @_;
	my $dump = node_run_ok($node, [ 'pg_dump', '--schema-only', '--binary-upgrade', '-d', $db ], "pg_dump of $db");
	my @lines;
	foreach (split /\n/, $dump)
	{
		next if /^(SELECT pg_catalog\.binary_upgrade_set_|-- For binary upgrade, must preserve)/;
		next if /^(SELECT pg_catalog\.setval\(|--( Dumped|.*Type: .*Schema: .*Owner:)|\\(un)?restrict )/;
		next if /^$/;
		s/(relfrozenxid|relminmxid|oid) = '[0-9]+'/$1 = 'N'/g;
		s/^(SELECT pg_catalog\.binary_upgrade_create_empty_extension\('exco', 'exco', false, '[^']*', )'\{[0-9,]*\}'/$1'{OIDS}'/;
		s/$db/DB/g;
		push @lines, $_;
	}
	return join("\n", @lines) . "\n";
}

# upgrade(FROM, LOADER): LOADER fills database old_FROM, created at FROM.
sub upgrade
{
	my ($from, $loader) = @_;
	(my $old = "old_$from") =~ s/\./_/g;
	(my $new = "new_$from") =~ s/\./_/g;
	$node->safe_psql('postgres', "CREATE DATABASE $old");
	$node->safe_psql('postgres', "CREATE DATABASE $new");
	$node->safe_psql($old, "SET client_min_messages = warning; CREATE EXTENSION exco VERSION '$from'");
	$loader->($old);
	cmp_ok($node->safe_psql($old, 'SELECT count(*) FROM exco.measure'), '>', 0, "from $from: the old database has measures");
	my $cols = $node->safe_psql($old, q{SELECT '{' || string_agg(c.relname || '.' || a.attname, ',') || '}'
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'exco'
    WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      -- The provenance of the shipped amounts is exco's text, which 0.3.0 corrects (upgrade part
      -- 78_provenance.sql); the shipped rows are compared with a fresh install's below.
      AND (c.relname, a.attname) NOT IN (('scale_amount', 'provenance'), ('forfait_structure', 'provenance'),
                                         ('assistant_aid_amount', 'provenance'), ('startup_aid_item', 'provenance'))});
	my $before = rows($old, $cols);

	$node->safe_psql($old, 'ALTER EXTENSION exco UPDATE');
	is($node->safe_psql($old, "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'exco'"),
		$to, "from $from: ALTER EXTENSION exco UPDATE reaches $to");
	note($node->safe_psql($old, 'SELECT exco.update_tables()'));
	is($node->safe_psql($old, 'SELECT exco.tables_built()'), $to, "from $from: update_tables() records $to");
	is(rows($old, $cols), $before, "from $from: every row of every exco table is kept");

	$node->safe_psql($new, 'SET client_min_messages = warning; CREATE EXTENSION exco; SELECT exco.create_tables()');
	# Every row of the law's amounts that a fresh install ships is in the updated database, as
	# it ships it (provenance included); the updated one may hold more (the user's own rows).
	foreach my $t (qw(scale scale_amount forfait_structure assistant_aid_amount startup_aid_item))
	{
		my $q = "SELECT to_jsonb(t)::text FROM exco.$t t ORDER BY 1";
		my %updated_rows = map { $_ => 1 } split /\n/, $node->safe_psql($old, $q);
		my @shipped = split /\n/, $node->safe_psql($new, $q);
		my @missing = grep { !$updated_rows{$_} } @shipped;
		cmp_ok(scalar(@shipped), '>', 0, "from $from: a fresh install ships rows of exco.$t");
		is(join("\n", @missing), '', "from $from: exco.$t holds every row a fresh install ships, as it ships it");
	}
	my $fresh = schema($new);
	my $updated = schema($old);
	cmp_ok(scalar(() = $fresh =~ /\n/g), '>', 1000, "from $from: the fresh schema is a full dump");
	is($updated, $fresh, "from $from: the updated schema equals a fresh install + create_tables()");
}

upgrade('0.1.0', sub {
	psql_file($node, $_[0], 'test/t/upgrade-data-0.1.0.sql', 'from 0.1.0: user rows in every table');
});
upgrade('0.2.0', sub {
	my ($db) = @_;
	psql_file($node, $db, 'test/scripts/load-territory.sql', 'from 0.2.0: the fixture territory',
		territory_dir => 'test/fixtures/territory');
	psql_file($node, $db, 'test/scripts/demo-build.sql', 'from 0.2.0: the demo contracts', as_of => '2026-06-30');
	psql_file($node, $db, 'test/scripts/demo-schemes.sql', 'from 0.2.0: the demo schemes', as_of => '2026-06-30');
	# The demo's marker (the report page's banner) is not exco's: the fresh database has none.
	$node->safe_psql($db, 'DROP SCHEMA exco_demo CASCADE');
});

$node->stop;
done_testing();
