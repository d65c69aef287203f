# `make dist` builds the PGXN archive of the last commit (git archive HEAD), and that archive tests
# itself as a PGXN user would run it: unpacked in a temporary directory outside any git repository
# (every command there runs with GIT_DIR pointing nowhere, so nothing can lean on git), its files are
# checked (the version written once in META.json, and mirrored by exco.control and
# debian/changelog), then `make`, `make install` and `make installcheck` run in the unpacked copy.
# The install goes into a staging root (DESTDIR, never over the installation the other tests use),
# which must hold the control file, exco.so, the install script of this version, the frozen scripts
# and the upgrade script into this version; a node of this test reads exco from that staging root
# first (extension_control_path on PostgreSQL 18, Debian's extension_destdir before, as
# `pg_buildext installcheck` tests a package before it is installed), the archive's `make
# installcheck` (pg_regress and isolation) runs against it, and a backend that created the
# extension is shown to have mapped the staged exco.so. When the tree's sources are committed, the
# archive's SQL scripts must equal the installed ones; otherwise that comparison is reported
# skipped (the archive packages the last commit, not uncommitted changes).
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use Cwd;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use ExcoTest;

# make dist packages a commit: in a tree that is not a git checkout (the unpacked archive a PGXN
# user runs `make installcheck` in) there is nothing to package. make test always runs in one.
plan skip_all => 'not a git checkout: make dist packages the last commit'
  unless system('git rev-parse --is-inside-work-tree >/dev/null 2>&1') == 0;

my $pg_config = $ENV{PG_CONFIG} // 'pg_config';
sub pg_config { my $v = `$pg_config --$_[0]`; chomp $v; return $v; }
my $tree = getcwd();
my $work = PostgreSQL::Test::Utils::tempdir;

# run_in(DIR, [COMMAND], NAME, ENV...): COMMAND in DIR, one test; returns (ok, output).
sub run_in
{
	my ($dir, $cmd, $name, %env) = @_;
	local @ENV{ keys %env } = values %env;
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run($cmd, '<', \'', '>', \$out, '2>', \$err, init => sub { chdir $dir or die "chdir $dir: $!" });
	ok($ok, $name) or diag("@$cmd in $dir:\n$out$err");
	return ($ok, $out . $err);
}

run_in($tree, [ 'make', '-s', 'dist', "DIST_DIR=$work" ], 'make dist');
my @zips = glob("$work/exco-*.zip");
is(scalar(@zips), 1, 'make dist wrote one exco-VERSION.zip') or BAIL_OUT("no archive: @zips");
my ($prefix, $version) = $zips[0] =~ m{/((?:exco)-([^/]+))\.zip$};
my $zip = $zips[0];

# Every entry under the prefix; the files a PGXN user needs are there.
my (undef, $listing) = run_in($work, [ 'unzip', '-Z1', $zip ], 'the archive lists');
my %entries = map { $_ => 1 } split /\n/, $listing;
is(join(' ', grep { !m{^\Q$prefix\E/} } sort keys %entries), '', "every entry is under $prefix/");
foreach my $f (qw(META.json LICENSE README.md Makefile exco.control extension/exco--0.1.0.sql doc/rules.md
	debian/control.in debian/rules debian/changelog debian/tests/installcheck))
{
	ok($entries{"$prefix/$f"}, "$f is in the archive");
}

run_in($work, [ 'unzip', '-q', $zip ], 'the archive unpacks outside git');
my $copy = "$work/$prefix";
ok(!-e "$copy/.git", 'the archive holds no .git');
# No git from here on: the archive's own files, as a PGXN user has them.
my %nogit = (GIT_DIR => '/nonexistent/.git', GIT_CEILING_DIRECTORIES => $work);

# The version is written once: META.json's version names the archive, and its provides,
# exco.control and debian/changelog's newest entry agree with it.
my $meta = slurp_file("$copy/META.json");
my ($top) = $meta =~ /^\s*"version":\s*"([^"]*)"/m;
is($top, $version, "META.json's version names the archive ($prefix.zip)");
(my $flat = $meta) =~ s/\n//g;
my ($provides) = $flat =~ /"provides":\s*\{\s*"exco":\s*\{[^}]*"version":\s*"([^"]*)"/;
is($provides, $version, 'META.json provides.exco.version');
my ($control) = slurp_file("$copy/exco.control") =~ /^default_version\s*=\s*'([^']*)'/m;
is($control, $version, 'exco.control default_version');
my ($debian) = slurp_file("$copy/debian/changelog") =~ /\Aexco \(([^)]*)\)/;
like($debian, qr/^\Q$version\E-[^-]+$/, "debian/changelog's newest entry is $version-N");
my ($file) = $flat =~ /"provides":\s*\{\s*"exco":\s*\{[^}]*"file":\s*"([^"]*)"/;
ok(defined $file && -f "$copy/$file", 'META.json provides.exco.file is in the archive');

run_in($copy, [ 'make', '-s', '-j2', "PG_CONFIG=$pg_config" ], 'make, in the unpacked copy', %nogit);
my $stage = "$work/stage";
run_in($copy, [ 'make', '-s', "PG_CONFIG=$pg_config", 'install', "DESTDIR=$stage" ],
	'make install DESTDIR=..., in the unpacked copy', %nogit);
my $sharedir = $stage . pg_config('sharedir') . '/extension';
my $libdir = $stage . pg_config('pkglibdir');
my @frozen = qw(exco--0.1.0.sql exco--0.1.0--0.2.0.sql exco--0.2.0.sql);
foreach my $f ('exco.control', "exco--$version.sql", "exco--0.2.0--$version.sql", @frozen)
{
	ok(-s "$sharedir/$f", "installed into the staging root: $f");
}
ok(-s "$libdir/exco.so", 'installed into the staging root: exco.so');

# A node that reads exco from the staging root first.
my $node = PostgreSQL::Test::Cluster->new('dist');
$node->init;
$node->start;
my ($ret) = $node->psql('postgres', 'SHOW extension_control_path');
if ($ret == 0)
{
	$node->append_conf('postgresql.conf', "extension_control_path = '$stage" . pg_config('sharedir') . ":\$system'\n"
		  . "dynamic_library_path = '$libdir:\$libdir'");
}
else
{
	($ret) = $node->psql('postgres', 'SHOW extension_destdir');
	is($ret, 0, "the server has extension_destdir (Debian's PostgreSQL before 18) or extension_control_path (18)")
	  or BAIL_OUT('no way to test a staged install');
	$node->append_conf('postgresql.conf', "extension_destdir = '$stage'");
}
$node->restart;

($ret, my $o, my $e) = $node->psql('postgres', "LOAD '$libdir/exco.so'");
is($ret, 0, "the archive's exco.so loads") or diag($e);

{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	my ($ok, $log) = run_in($copy, [ 'make', '-s', "PG_CONFIG=$pg_config", 'installcheck', 'TAP_TESTS=' ],
		'make installcheck passes in the unpacked archive, against the staged install', %nogit);
	if (!$ok)
	{
		foreach my $d ("$copy/regression.diffs", "$copy/output_iso/regression.diffs")
		{
			diag(slurp_file($d)) if -e $d;
		}
	}
	is(scalar(() = $log =~ /All [0-9]+ tests passed/g), 2, '... pg_regress and isolation both report all tests passed')
	  or diag($log);
}

# The staged build is what ran: a backend that creates exco maps the staging root's exco.so.
$node->safe_psql('postgres', 'CREATE DATABASE exco_dist_check');
my $mapped = $node->safe_psql('exco_dist_check', "SET client_min_messages = warning; CREATE EXTENSION exco CASCADE;
	SELECT line FROM regexp_split_to_table(pg_read_file('/proc/' || pg_backend_pid() || '/maps'), chr(10)) AS line
	WHERE line LIKE '%/exco.so' LIMIT 1");
my @fields = split ' ', $mapped;
is($fields[-1], "$libdir/exco.so", 'the backend mapped the staged exco.so');
$node->stop;

# The archive's SQL scripts equal what this run installed, when the sources are committed.
my $dirty = `git -C '$tree' status --porcelain -- src extension Makefile META.json exco.control`;
is($?, 0, 'git status of the tree');
SKIP:
{
	skip 'uncommitted changes under src/, extension/ or the build files: the archive packages the last commit', 1
	  if $dirty ne '';
	my $real = pg_config('sharedir') . '/extension';
	my @differ = grep { slurp_file("$sharedir/$_") ne slurp_file("$real/$_") }
	  ("exco--$version.sql", "exco--0.2.0--$version.sql", @frozen, 'exco.control');
	is("@differ", '', "the archive's scripts equal the installed ones");
}
done_testing();
