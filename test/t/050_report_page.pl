# The report page (make report: report/report.sh, report/page.sql; written by `make demo`): built
# from the committed fixture territory with the demo CPTS, contracts and schemes, it must pass the
# structural check test/scripts/report-page-check.sql (every département drawn with a legend fill
# of its class, every figure of the tables, charts and headline equal to the report functions, the
# quarters, the five charts, the demo banner first, French text, nothing loaded from outside); so
# must the page of one region (REGION=), and the page of the same database without the demo's
# marker table, which must have no banner. Bad input writes no page. Then the check must FAIL on
# pages broken on purpose. The map shapes are fetched with npm (report/report.sh).
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use ExcoTest;

# The map shapes come from npm once (report/report.sh caches them in .cache/shapes): without npm
# and without that cache the page cannot be drawn. make test installs npm first.
plan skip_all => 'no npm to fetch the map shapes, and no .cache/shapes'
  unless -d '.cache/shapes' || system('command -v npm >/dev/null 2>&1') == 0;

my $db = 'exco_report_page';
my $as_of = '2026-06-30';
my $work = PostgreSQL::Test::Utils::tempdir;
my $node = PostgreSQL::Test::Cluster->new('report_page');
$node->init;
$node->start;

node_run_ok($node, [ 'bash', 'test/fixture-db.sh', $db, $as_of, 'schemes' ],
	"database $db: the fixture territory, the demo CPTS, contracts and schemes as of $as_of");

# report(OUT, ENV...): report/report.sh OUT on the database; returns (exit status, output).
sub report
{
	my ($out, %env) = @_;
	my ($rc, $o, $e) = node_run($node, [ 'bash', 'report/report.sh', $out ], PGDATABASE => $db, %env);
	return ($rc, $o . $e);
}

# check(PAGE[, REGION]): the structural check of PAGE; returns (exit status, output).
sub check
{
	my ($page, $region) = @_;
	my ($rc, $o, $e) = node_run(
		$node,
		[
			'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', "page_file=$page", '-v', "as_of=$as_of",
			'-v', 'region=' . ($region // ''), '-f', 'test/scripts/report-page-check.sql'
		],
		PGDATABASE => $db);
	return ($rc, $o . $e);
}

sub count_of { my ($text, $re) = @_; my $n = () = $text =~ /$re/g; return $n; }

my $page = "$work/index.html";
my ($rc, $out) = report($page, AS_OF => $as_of, TERRITORY_LABEL => 'test/fixtures/territory');
is($rc, 0, 'report/report.sh writes the page of the fixture') or diag($out);
ok(-s $page, '... and the page is not empty');
($rc, $out) = check($page);
is($rc, 0, 'the page built from the fixture passes the check') or diag($out);
note($out);

# The fixture must exercise what is checked: every département, unknown figures, hatched totals,
# the banner, the quarters, overdue and late missions.
my $html = slurp_file($page);
like($html, qr/class="unknown">inconnu</, 'the fixture page has an unknown figure (the check of unknowns is exercised)');
is(count_of($html, qr/<use href="#dep-[^"]*" class="area"/), 6, "the fixture's 6 metropolitan départements are shapes");
is(count_of($html, qr/<rect class="area"/), 1, "the fixture's overseas département 989 is a tile");
like($html, qr/id="demo-banner"/, 'the fixture (a demo database) has the demo banner');
cmp_ok(count_of($html, qr/<th data-date=/), '>=', 4, 'the fixture page has at least 4 quarters');
ok($html =~ /data-overdue="[1-9]/ && $html =~ /data-late="[1-9]/, 'the fixture page has a region with overdue and late missions');
like($html, qr/fill="url\(#hatch\)"/, 'the fixture page draws an unknown part hatched');

# The page of one region (REGION=), and of a database that is not the demo's: no banner.
my $region = $node->safe_psql($db,
	'SELECT region FROM exco.contract GROUP BY region ORDER BY count(*) DESC, region LIMIT 1');
($rc, $out) = report("$work/region.html", AS_OF => $as_of, REGION => $region);
is($rc, 0, "the page of region $region is written") or diag($out);
($rc, $out) = check("$work/region.html", $region);
is($rc, 0, "the page of region $region passes the check") or diag($out);

$node->safe_psql($db, 'ALTER TABLE exco_demo.marker RENAME TO marker_away');
($rc, $out) = report("$work/real.html", AS_OF => $as_of);
is($rc, 0, 'the page of a database without the demo marker is written') or diag($out);
($rc, $out) = check("$work/real.html");
is($rc, 0, 'the page of a database without the demo marker passes the check') or diag($out);
unlike(slurp_file("$work/real.html"), qr/id="demo-banner"/, '... and has no demo banner');
# The check catches the banner on a non-demo page.
(my $bannered = slurp_file("$work/real.html")) =~ s|<body>|<body><div id="demo-banner">x</div>|;
append_to_file("$work/bannered.html", $bannered);
($rc, $out) = check("$work/bannered.html");
isnt($rc, 0, 'the check fails a demo banner on a database that is not the demo\'s');
like($out, qr/not the demo.*has a demo banner/, '... and says so');
$node->safe_psql($db, 'ALTER TABLE exco_demo.marker_away RENAME TO marker');

# Bad input: no page, a clear error. The script without its variables (22023); a report date that
# is not a date (the cast's 22008; a NULL date is exco.report_date_given's 22004, sql/reports.sql).
my ($o, $e);
($rc, $o, $e) = node_run($node,
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', 'VERBOSITY=verbose', '-f', 'report/page.sql' ],
	PGDATABASE => $db);
isnt($rc, 0, 'report/page.sql without shapes_file and page_file fails');
like($o . $e, qr/\Q22023: report\/page.sql: psql variables shapes_file and page_file are not set\E/,
	'... with 22023, naming the variables');
($rc, $out) = report("$work/bad.html", AS_OF => '2026-13-45');
isnt($rc, 0, 'no page for the report date 2026-13-45');
like($out, qr/\Qdate\/time field value out of range: "2026-13-45"\E/, '... refused by name');
ok(!-e "$work/bad.html" && !-e "$work/bad.html.tmp", '... and no page (nor its temporary file) is left');

# Broken on purpose: each sed must change the page, and the check must then fail with the problem
# it names.
sub broken
{
	my ($what, $expr, $expect) = @_;
	my ($r, $changed, $err) = node_run($node, [ 'sed', $expr, $page ]);
	is($r, 0, "sed for $what runs") or diag($err);
	isnt($changed, $html, "mutation '$what' changes the page");
	open(my $fh, '>', "$work/broken.html") or die $!;
	print $fh $changed;
	close $fh;
	my ($rc2, $out2) = check("$work/broken.html");
	isnt($rc2, 0, "the check fails a page with $what");
	like($out2, qr/\Q$expect\E/, "... saying '$expect'");
}
# [what, sed expression, what the check must say]
broken(@$_) foreach (
	['a changed figure', '0,/<td data-value="\([0-9]\{4,\}\)">/s//<td data-value="\19">/', 'has data-value'],
	['a changed shown figure', '0,/\(<td data-value="[0-9]\{4,\}">\)[0-9]/s//\19/', 'shows'],
	['an unknown shown as 0', '0,/data-value="" class="unknown">inconnu</s//data-value="" class="unknown">0</', 'shows "0"'],
	['a fill outside the legend', 's/\(class="area" data-code="29" fill="\)[^"]*"/\1#ff00ff"/', 'not one of the legend'],
	['a wrong class', 's/\(class="area" data-code="2A" fill="\)[^"]*"/\1#ffffcc"/', 'area 2A (population'],
	['a missing département', 's/class="area" data-code="85"/class="gone" data-code="85"/', 'département 85: 0 areas'],
	["a shape that is not the département's", 's/<use href="#dep-85" class="area"/<use href="#dep-29" class="area"/',
		'not a <use> of its shape #dep-85'],
	['an unknown part drawn as a plain bar',
		'0,/\(<g class="money-row"[^>]*data-unknown="[1-9][^>]*>.*\)fill="url(#hatch)"/s//\1fill="#253494"/', 'without a hatched part'],
	['an amount that is not complete',
		'0,/font-style="italic">incomplet</s//data-amount="yearly_ceiling" data-value="1">1 €</', 'writes yearly ceiling'],
	['a changed known count', '0,/data-known="\([0-9]*\)"/s//data-known="\19"/', 'chart-money: region'],
	['overdue counted with late',
		'0,/data-overdue="\([0-9]*\)" data-late="\([0-9]*\)"/s//data-overdue="\1\2" data-late="\2"/', 'chart-status: region'],
	['a changed headline', 's/\(data-figure="contracts" data-value="\)\([0-9]*\)"/\19\2"/', 'headline: contracts'],
	['a changed quarter figure',
		's/\(<tr data-code="FR" data-measure="contracts"><td class="text">France<\/td><td class="text">[^<]*<\/td><td>\)\([0-9]\)/\19\2/',
		't-trend: FR contracts'],
	['a missing chart', 's/data-chart="trend"/data-chart="other"/', 'roots of data-chart="trend"'],
	['a "(s)" plural', 's/contrats en cours</contrat(s) en cours</', 'plural'],
	['an ISO date in the text', 's|<p class="note">Situation au|<p class="note">2026-06-30 Situation au|', 'an ISO date'],
	['no demo banner on the demo', 's|<div id="demo-banner"|<div id="demo-gone"|', 'not the demo banner'],
	['a duplicate id', 's/id="tiers-caption"/id="as-of"/', 'id "as-of" is used 2 times'],
	['an external script', 's|</body>|<script src="https://cdn.example.org/x.js"></script></body>|', 'from outside the file'],
);

$node->stop;
done_testing();
