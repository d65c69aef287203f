# exco — PGXS build. The version is written once, in META.json.
EXTENSION  = exco
EXTVERSION = $(shell sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' META.json | head -n 1)

MODULE_big = exco
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script of this version is assembled from one SQL part per concept
# (src/sql/NN_concept.sql), in file-name order (the directory is a prerequisite too, so a removed or
# renamed part rebuilds it). The upgrade script from the previous release is assembled the same way,
# from src/upgrade/NN_topic.sql (one part per change of the release; a part may be a link to a
# src/sql part that creates objects new in this release). Both are generated: PGXS's DATA_built.
#
# Releases, the one place that says which version upgrades from which:
#   0.1.0          extension/exco--0.1.0.sql            frozen (tracked, never edited)
#   0.1.0 -> 0.2.0 extension/exco--0.1.0--0.2.0.sql     frozen
#   0.2.0          extension/exco--0.2.0.sql            frozen
#   0.2.0 -> 0.3.0 extension/exco--0.2.0--0.3.0.sql     generated from src/upgrade/ (UPGRADE_FROM)
#   0.3.0          extension/exco--0.3.0.sql            generated from src/sql/ (META.json's version)
# Releasing version X: commit the built extension/exco--X.sql and extension/exco--PREV--X.sql as
# plain files (un-ignore them in .gitignore), empty src/upgrade/, set UPGRADE_FROM = X, and raise
# the version in META.json and exco.control.
SQL_PARTS     = $(sort $(wildcard src/sql/*.sql))
INSTALL_SQL   = extension/$(EXTENSION)--$(EXTVERSION).sql
UPGRADE_FROM  = 0.2.0
UPGRADE_PARTS = $(sort $(wildcard src/upgrade/*.sql))
UPGRADE_SQL   = extension/$(EXTENSION)--$(UPGRADE_FROM)--$(EXTVERSION).sql
DATA_built    = $(INSTALL_SQL) $(UPGRADE_SQL)
DATA          = $(filter-out $(DATA_built),$(wildcard extension/$(EXTENSION)--*.sql))

# pg_regress: every sql/*.sql, in name order, in one database where exco is already created.
REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=exco
# pg_isolation_regress: every specs/*.spec (expected/NAME.out), run by installcheck after REGRESS,
# in its own database (isolation_regression) where exco is already created.
ISOLATION      = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=exco
# TAP tests (multi-cluster: dump/restore, upgrade) with PostgreSQL::Test::Cluster, every
# test/t/*.pl: `make prove_installcheck` (below). Each test inits and starts its own nodes from the
# installed PostgreSQL and exco; initdb refuses root, so run it as an ordinary user (test/harness.sh
# runs it as `postgres`, with TAP_DIR a directory that user may write).
TAP_TESTS   = 1
PROVE_TESTS = $(sort $(wildcard test/t/*.pl))

PG_CPPFLAGS = -I$(srcdir)/src
# -Wno-unused-parameter: PostgreSQL's own headers (storage/bufpage.h) trip it under -Wextra.
# WERROR=1 adds -Werror: the project's own builds (make test, CI, the Debian package build in
# make test-versions) set it; a user's plain `make` never does, so a newer compiler's new warning
# cannot stop them from building.
PG_CFLAGS   = -Wall -Wextra -Wno-unused-parameter $(if $(filter 1,$(WERROR)),-Werror)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# make prove_installcheck [PROVE_TESTS=test/t/NNN_x.pl]: the TAP tests (pgvector's target: PGXS's
# own looks for t/*.pl). Their nodes and logs go under TAP_DIR/tmp_check (default here); the
# variables are those of PostgreSQL 15 (TESTDIR) and 16+ (TESTDATADIR, TESTLOGDIR). --timer: each
# file's line says what it cost (make test's tap stage shows them).
TAP_DIR ?= $(CURDIR)
.PHONY: prove_installcheck
prove_installcheck:
	rm -rf '$(TAP_DIR)/tmp_check'
	mkdir -p '$(TAP_DIR)/tmp_check/log'
	cd $(srcdir) && TESTDIR='$(TAP_DIR)' TESTDATADIR='$(TAP_DIR)/tmp_check' TESTLOGDIR='$(TAP_DIR)/tmp_check/log' \
	  PATH="$(bindir):$$PATH" PGPORT='6$(DEF_PGPORT)' PG_REGRESS='$(top_builddir)/src/test/regress/pg_regress' \
	  $(PROVE) $(PG_PROVE_FLAGS) --timer $(PROVE_FLAGS) $(PROVE_TESTS)

# make lint: the repository checks (test/lint/run.sh): file sizes and include cycles of src/, no
# reference outside the repository, doc/rules.md citations, the error catalogue. Needs no server;
# builds exco.so first (its strings are checked). Also a stage of make test.
.PHONY: lint
lint: all
	bash test/lint/run.sh

# PGXS does not track headers: a changed struct in src/*.h must rebuild every object.
$(OBJS): $(wildcard src/*.h)


# Both scripts end with exco.tables_script(), the DDL of the user's tables generated from
# src/tables/ (src/tables/script.sh), and say this version where the parts write @EXTVERSION@.
TABLE_PARTS = $(sort $(wildcard src/tables/*.sql src/tables/*/*.sql)) src/tables/script.sh

$(INSTALL_SQL): $(SQL_PARTS) $(TABLE_PARTS) src/sql src/tables/create src/tables/bound src/tables/update META.json
	@mkdir -p extension
	{ printf '%s\n' '-- exco $(EXTVERSION) install script, assembled from src/sql/*.sql and src/tables/ by the Makefile.' \
	    '\echo Use "CREATE EXTENSION exco" to load this file. \quit'; \
	  for f in $(SQL_PARTS); do printf '\n-- ==== %s\n' "$$f"; cat "$$f"; done; \
	  sh src/tables/script.sh $(srcdir); } | sed 's/@EXTVERSION@/$(EXTVERSION)/g' > $@.tmp && mv $@.tmp $@

$(UPGRADE_SQL): $(UPGRADE_PARTS) $(TABLE_PARTS) src/upgrade src/tables/create src/tables/bound src/tables/update META.json
	@mkdir -p extension
	{ printf '%s\n' '-- exco $(UPGRADE_FROM) -> $(EXTVERSION) upgrade script, assembled from src/upgrade/*.sql and src/tables/ by the Makefile.' \
	    '\echo Use "ALTER EXTENSION exco UPDATE TO '"'"'$(EXTVERSION)'"'"'" to load this file. \quit'; \
	  for f in $(UPGRADE_PARTS); do printf '\n-- ==== %s\n' "$$f"; cat "$$f"; done; \
	  sh src/tables/script.sh $(srcdir); } | sed 's/@EXTVERSION@/$(EXTVERSION)/g' > $@.tmp && mv $@.tmp $@

# make dist: the PGXN archive exco-VERSION.zip of the LAST COMMIT (git archive HEAD: uncommitted
# changes are not in it), every file under exco-VERSION/; VERSION is read from HEAD's META.json.
# DIST_DIR (default: here) is where the zip goes. test/t/030_dist.pl builds, installs and tests it.
DIST_VERSION = $(shell git show HEAD:META.json 2>/dev/null | sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' | head -n 1)
DIST_DIR    ?= .
.PHONY: dist
dist:
	@test -n "$(DIST_VERSION)" || { echo "make dist: no META.json version in the last commit (is this a git checkout?)" >&2; exit 1; }
	git archive --format=zip --prefix=$(EXTENSION)-$(DIST_VERSION)/ \
	  --output=$(DIST_DIR)/$(EXTENSION)-$(DIST_VERSION).zip HEAD
	@echo "make dist: $(DIST_DIR)/$(EXTENSION)-$(DIST_VERSION).zip (the last commit, $$(git rev-parse --short HEAD))"

# The two commands of the README, and the benchmark. Each installs what is missing,
# builds, installs and runs against a throwaway cluster (see test/harness.sh).
.PHONY: test test-fdw test-browser demo bench load-territory test-valgrind stress
test:
	bash test/harness.sh test
# exco across postgres_fdw shards alone (also run by make test's TAP stage): test/t/040_fdw.pl.
test-fdw:
	bash test/harness.sh test-fdw
# Not part of make test (installs Debian's chromium): the demo page rendered headless, screenshot
# demo-report/screenshot.png; fails on a console error, a request other than the file, a blank
# map, a page wider than 1600 px (test/browser/). PAGE=file.html [MIN_AREAS=n]: that page instead.
test-browser:
	bash test/harness.sh test-browser
# make demo DB=name [DIR=path] [AS_OF=YYYY-MM-DD]: the demo kept in database `name` of your own server
# (PG* variables; exco installed there), created when missing; refused when it holds exco data
# (test/demo-db.sh). DIR: territory JSON files instead of the real data (as make load-territory).
demo:
	$(if $(DB),EXCO_DEMO_AS_OF="$(AS_OF)" bash test/demo-db.sh "$(DB)" $(if $(DIR),"$(DIR)"),bash test/harness.sh demo)
# make bench BENCH_ROWS=1000000: rows of the large benchmarks (default 10 000 000), see doc/bench.md.
bench:
	bash test/harness.sh bench
# Not part of make test: the pg_regress suites against a server under valgrind memcheck
# (VALGRIND_SUITES="tier scale" for a subset), and pgbench on the triggers and views for
# STRESS_SECONDS (default 60) with 8 clients, then the invariants. See README "Under load".
test-valgrind:
	bash test/harness.sh valgrind
stress:
	bash test/harness.sh stress
# The report page of the database named by the PG* environment variables (doc/report-page.md):
# make report [OUT=report.html] [AS_OF=YYYY-MM-DD] [REGION=code] [TERRITORY_LABEL=text];
# make report-pdf [OUT=report.pdf] ... the same page printed A4 by headless Chromium, or
# PAGE=page.html to print a page already written (no database).
.PHONY: report report-pdf
report:
	@AS_OF="$(AS_OF)" REGION="$(REGION)" TERRITORY_LABEL="$(TERRITORY_LABEL)" bash report/report.sh "$(or $(OUT),report.html)"
report-pdf:
	@AS_OF="$(AS_OF)" REGION="$(REGION)" TERRITORY_LABEL="$(TERRITORY_LABEL)" PAGE="$(PAGE)" bash report/report.sh --pdf "$(or $(OUT),report.pdf)"
# Load the French territory (communes, EPCI, départements, regions) into the database named by
# the PG* environment variables: `make load-territory`, or `make load-territory DIR=path` for a
# directory of JSON files (see doc/territory.md).
load-territory:
	bash test/load-territory.sh $(DIR)

# make fuzz [FUZZ_SECONDS=60]: libFuzzer targets (clang-14, ASan, UBSan) over the pure cores of
# src/ (tier literal and binary form, month arithmetic, numeric digits, attainment fast path);
# see test/fuzz/run.sh. Not part of make test.
.PHONY: fuzz
fuzz:
	bash test/fuzz/run.sh

# ---- Packages (issue 18) -------------------------------------------------------------------
# make deb [PG_MAJOR=NN]: build/deb/postgresql-NN-exco_VERSION-1_ARCH.deb for the PostgreSQL NN
# of this machine (default 15), from debian/ (pkg-postgresql layout; installs the build
# dependencies when missing): test/deb.sh. debian/changelog's newest entry must be META.json's
# version (a release adds one).
# make test-versions [VERSIONS="15 17 18"]: for each version, in fresh chroots of the Debian suite
# that ships it, make test and make deb in a clean clone, then the package installed with apt into
# a second clean chroot and its debian/tests run there; a table of the results (test/versions.sh).
.PHONY: deb test-versions
deb:
	bash test/deb.sh
test-versions:
	bash test/versions.sh
