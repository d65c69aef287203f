# The docs' examples, run (doc/examples.md is the convention; test/t/035_doc_examples.pl runs
# README.md and doc/*.md with it, and its self-test test/t/doc-examples-selftest.md).
#
# blocks(FILE): every fenced block of a Markdown file, with the HTML comments right above it.
# check(NODE, DB, BLOCK): runs a block in psql and returns its problems (empty: the block passes).
package DocExamples;
use strict;
use utf8;
use warnings FATAL => 'all';
use IPC::Run;
use Encode ();

# Every fenced block (``` or ```lang), with the comment lines <!-- ... --> just above its fence
# (no blank line between them and the fence).
sub blocks
{
	my ($file) = @_;
	open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!";
	my @lines = <$fh>;
	close $fh;
	chomp @lines;
	my (@blocks, $cur);
	for (my $i = 0; $i < @lines; $i++)
	{
		my $l = $lines[$i];
		if (!$cur && $l =~ /^```\s*(\S*)\s*$/)
		{
			my @comments;
			for (my $j = $i - 1; $j >= 0 && $lines[$j] =~ /^\s*<!--(.*)-->\s*$/; $j--)
			{
				unshift @comments, $1;
			}
			$cur = { file => $file, line => $i + 1, lang => $1, comments => \@comments, text => [] };
		}
		elsif ($cur && $l =~ /^```\s*$/)
		{
			push @blocks, $cur;
			$cur = undef;
		}
		elsif ($cur)
		{
			push @{ $cur->{text} }, $l;
		}
	}
	die "$file: a fence opened at line $cur->{line} is never closed\n" if $cur;
	return @blocks;
}

# What the comments above a block ask: run (in the demo database or a new one), or not (reason).
sub plan_of
{
	my ($b) = @_;
	my %p = (mode => 'demo', before => [], problems => []);
	foreach my $c (@{ $b->{comments} })
	{
		$c =~ s/^\s+|\s+$//g;
		if ($c =~ /^not run\b\s*:?\s*(.*)$/s)
		{
			$p{mode} = 'skip';
			$p{reason} = $1;
			push @{ $p{problems} }, 'a block marked "not run" without its reason (<!-- not run: reason -->)'
			  if $1 eq '';
		}
		elsif ($c eq 'run in a new database') { $p{mode} = 'new'; }
		elsif ($c =~ /^before:\s*(.*)$/s) { push @{ $p{before} }, $1; }
	}
	if ($p{mode} ne 'skip' && $b->{lang} ne 'sql')
	{
		push @{ $p{problems} },
		  "a block (```$b->{lang}) that is neither SQL to run nor marked <!-- not run: reason -->";
	}
	return \%p;
}

# The statements of a block: each ends on a line whose code (before a -- comment) ends with ';'
# (a psql meta-command, a line starting with '\', is one statement). Its stated result: the text
# after '-- →' on that line, then one more row for each following line that is only '-- → row'.
sub statements
{
	my ($b) = @_;
	my (@st, @cur, @problems);
	my $n = $b->{line};
	foreach my $l (@{ $b->{text} })
	{
		$n++;
		my ($code, $comment) = split_comment($l);
		if ($code =~ /^\s*$/)
		{
			if (defined $comment && $comment =~ /^\s*→\s?(.*?)\s*$/)
			{
				if (@cur || !@st) { push @problems, "line $n: a stated result (-- →) that follows no complete statement"; }
				else { push @{ $st[-1]{want} }, $1; }
			}
			next;
		}
		push @cur, $code;
		if ($code =~ /;\s*$/ || (@cur == 1 && $code =~ /^\s*\\/))
		{
			my $s = { sql => join("\n", @cur), line => $n };
			if (defined $comment && $comment =~ /→\s?(.*?)\s*$/) { $s->{want} = [$1]; }
			elsif (defined $comment && $comment =~ /^\s*-?[0-9][0-9.,\s]*$/)
			{
				push @problems, "line $n: a result written without its arrow (-- → $comment): it would not be compared";
			}
			push @st, $s;
			@cur = ();
		}
		elsif (defined $comment && $comment =~ /→/)
		{
			push @problems, "line $n: a stated result (-- →) on a line that does not end a statement";
		}
	}
	push @problems, "line $n: the block ends inside a statement (no ';')" if @cur;
	return (\@st, \@problems);
}

# A line cut at its first -- outside a quoted string: (code, comment or undef).
sub split_comment
{
	my ($l) = @_;
	my ($q, $dq) = (0, 0);
	for (my $i = 0; $i < length($l) - 1; $i++)
	{
		my $ch = substr($l, $i, 1);
		if ($ch eq "'" && !$dq) { $q = !$q; }
		elsif ($ch eq '"' && !$q) { $dq = !$dq; }
		elsif (!$q && !$dq && substr($l, $i, 2) eq '--')
		{
			return (substr($l, 0, $i), substr($l, $i + 2));
		}
	}
	return ($l, undef);
}

# Runs the block's statements in one psql session, in a transaction rolled back at the end
# (ON_ERROR_ROLLBACK: a statement's error does not stop the next), rows unaligned, fields joined by
# ", ", NULL as NULL. Returns the block's problems.
sub check
{
	my ($node, $db, $b) = @_;
	my $plan = plan_of($b);
	return @{ $plan->{problems} } if @{ $plan->{problems} } || $plan->{mode} eq 'skip';
	my ($st, $problems) = statements($b);
	return @$problems if @$problems;
	return ('an SQL block with no statement') unless @$st;
	my $script = join("\n",
		'\set ON_ERROR_STOP off', '\set ON_ERROR_ROLLBACK on', '\set VERBOSITY default',
		'\pset format unaligned', '\pset tuples_only on', '\pset fieldsep \', \'', '\pset null NULL',
		'\pset pager off', 'BEGIN;');
	$script .= "\n" . join("\n", @{ $plan->{before} }) . "\n\\echo '\@\@\@' 0 :SQLSTATE\n\\warn '\@\@\@' 0";
	for my $i (0 .. $#$st)
	{
		my $k = $i + 1;
		$script .= "\n$st->[$i]{sql}\n\\echo '\@\@\@' $k :SQLSTATE\n\\warn '\@\@\@' $k";
	}
	$script .= "\nROLLBACK;\n";
	my ($out, $err) = ('', '');
	my $bytes = Encode::encode('UTF-8', $script);
	IPC::Run::run([ 'psql', '-X', '-q', '-d', $node->connstr($db) ], '<', \$bytes, '>', \$out, '2>', \$err);
	$out = Encode::decode('UTF-8', $out);
	$err = Encode::decode('UTF-8', $err);
	my @out = split /^@@@ (\d+) (\S+)\n/m, $out;
	my @err = split /^@@@ (\d+)\n/m, $err;
	my (%state, %rows, %msg);
	for (my $i = 1; $i + 2 <= @out; $i += 3) { $state{ $out[$i] } = $out[ $i + 1 ]; $rows{ $out[$i] } = $out[ $i - 1 ]; }
	for (my $i = 1; $i + 1 <= @err; $i += 2) { $msg{ $err[$i] } = $err[ $i - 1 ]; }
	my @p;
	if (!defined $state{0} || $state{0} ne '00000')
	{
		return ("the hidden set-up (<!-- before: -->) failed: " . ($msg{0} // $err));
	}
	for my $i (0 .. $#$st)
	{
		my $k = $i + 1;
		my $s = $st->[$i];
		my $where = "line $s->{line}";
		if (!defined $state{$k}) { push @p, "$where: no answer from psql: $err"; last; }
		my @got = split /\n/, $rows{$k};
		my $msg = $msg{$k} // '';
		$msg =~ s/\s+$//;
		my $want = $s->{want};
		if ($state{$k} ne '00000')
		{
			my $stated = $want && @$want == 1 && $want->[0] =~ /^ERROR ([0-9A-Z]{5})\b/ ? $1 : undef;
			if (!defined $stated) { push @p, "$where: the example fails ($state{$k}) and does not say so (-- → ERROR $state{$k}): $msg"; }
			elsif ($stated ne $state{$k}) { push @p, "$where: states ERROR $stated, fails with $state{$k}: $msg"; }
			next;
		}
		next unless $want;
		if (@$want == 1 && $want->[0] =~ /^ERROR /)
		{
			push @p, "$where: states $want->[0], succeeds with: " . join(' | ', @got);
		}
		elsif (join("\n", @got) ne join("\n", @$want))
		{
			push @p, "$where: states\n      " . join("\n      ", @$want) . "\n    gives\n      " . join("\n      ", @got);
		}
	}
	return @p;
}

1;
