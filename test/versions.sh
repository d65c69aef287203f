#!/usr/bin/env bash
# make test-versions [VERSIONS="15 17 18"]: every supported PostgreSQL, each in the Debian suite
# that ships it (15: bookworm, 17: trixie, 18: sid), on a machine that has only the repository.
# Not part of make test. Runs as root (chroot, mount).
#
# For each version NN:
#   1. a fresh chroot of the suite (a copy of its pristine debootstrap base, kept in
#      /tmp/fresh-base[-SUITE] and made once when missing), a clean clone of this repository's last
#      commit (uncommitted changes are not tested), make git and ca-certificates installed, then
#      `make test PG_MAJOR=NN` and `make deb PG_MAJOR=NN` in the clone;
#   2. a second fresh chroot of the same suite, the package installed with
#      `apt-get install ./postgresql-NN-exco_….deb` and the rest of debian/tests/control's Depends,
#      a clean clone for the tests only, and debian/tests/installcheck run in it as autopkgtest
#      would (pg_buildext installcheck: the pg_regress and isolation suites against a throwaway
#      cluster). The installed files are checked against the package afterwards (dpkg --verify):
#      what was tested is what the package installed, nothing built from the clone.
# Prints a table version × step × result × time, and exits 1 if any step failed. The logs stay in
# VERSIONS_LOGDIR (default /tmp/exco-versions/): NN-test.log, NN-deb.log, NN-package.log.
# Every mount and chroot is removed on every exit path (trap). Downloaded .debs are kept between
# runs in /tmp/exco-versions-apt-SUITE (apt's archive cache, bind-mounted into each chroot).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
repo=$(pwd)

VERSIONS=${VERSIONS:-"15 17 18"}
logdir=${VERSIONS_LOGDIR:-/tmp/exco-versions}
# Seconds one make may take inside a chroot before it counts as failed.
step_timeout=${VERSIONS_TIMEOUT:-2400}

say() { printf '== test-versions: %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { echo "make test-versions runs as root (chroot and mount)" >&2; exit 2; }
# The commit measured: every clone checks out this one, even if the branch moves meanwhile.
commit=$(git rev-parse --verify -q HEAD) || { echo "make test-versions: no commit to clone" >&2; exit 2; }

suite_of() {
  case "$1" in
    15) echo bookworm ;;
    17) echo trixie ;;
    18) echo sid ;;
    *) return 1 ;;
  esac
}
base_of() {
  case "$1" in
    bookworm) echo /tmp/fresh-base ;;
    *) echo "/tmp/fresh-base-$1" ;;
  esac
}
for v in $VERSIONS; do
  suite_of "$v" >/dev/null || { echo "VERSIONS: $v is not one of 15 17 18 (no Debian suite ships PostgreSQL $v)" >&2; exit 2; }
done

mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
[ -n "$mirror" ] || { echo "no Debian mirror in /etc/apt/sources.list.d/debian.sources" >&2; exit 2; }
mkdir -p "$logdir"
work=$(mktemp -d /tmp/exco-versions-work.XXXXXX)
roots=()

# Unmount everything under a chroot, deepest first; remove the chroot only when nothing is still
# mounted under it (rm -rf through a live bind mount of /dev would empty the host's /dev).
drop_root() {
  local root=$1 m p
  [ -n "$root" ] && [ -d "$root" ] || return 0
  # What still runs inside (an interrupted step: make, apt, a server) is ended first, by its id.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -KILL "${p#/proc/}" 2>/dev/null
  done
  sleep 1
  awk -v r="$root/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
  if awk -v r="$root/" 'index($2, r) == 1 {found=1} END {exit !found}' /proc/mounts; then
    say "WARNING: still mounted under $root, left in place"
    return 1
  fi
  rm -rf "$root"
}
# shellcheck disable=SC2317  # run by the trap
cleanup() {
  local r
  for r in "${roots[@]}"; do drop_root "$r"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# A fresh chroot of a suite, as ../shared/tools/fresh-machine makes them: a copy of the pristine
# base, the host's mirror, the Valid-Until check off for sid, the host's extra CA (this network
# intercepts TLS), no service started by a package (policy-rc.d), /proc /sys /dev /dev/pts and a
# /dev/shm for PostgreSQL, apt's archive cache shared with the other runs of the suite.
# Sets root to the chroot's path (not a $(...) subshell: roots must reach the cleanup trap).
new_root() {
  local suite=$1 base
  root=""
  base=$(base_of "$suite")
  if [ ! -x "$base/bin/bash" ]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    say "making the pristine $suite base $base (once)"
    debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$logdir/debootstrap-$suite.log" 2>&1 \
      || { rm -rf "$base"; say "debootstrap $suite failed (see $logdir/debootstrap-$suite.log)"; return 1; }
  fi
  root=$(mktemp -d /tmp/exco-versions-root.XXXXXX)
  roots+=("$root")
  cp -a "$base/." "$root/"
  rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
  if [ "$suite" = bookworm ]; then
    # The host's own sources (bookworm with its updates and security suites).
    cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/debian.sources"
  else
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$suite" >"$root/etc/apt/sources.list.d/debian.sources"
  fi
  [ "$suite" = sid ] && echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99valid-until"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"; chmod +x "$root/usr/sbin/policy-rc.d"
  mkdir -p "/tmp/exco-versions-apt-$suite/partial" "$root/var/cache/apt/archives"
  if ! { mount -t proc proc "$root/proc" && mount -t sysfs sys "$root/sys" \
          && mount --bind /dev "$root/dev" && mount --bind /dev/pts "$root/dev/pts" \
          && mount -t tmpfs -o size=2g tmpfs "$root/dev/shm" \
          && mount --bind "/tmp/exco-versions-apt-$suite" "$root/var/cache/apt/archives"; }; then
    say "mounting into $root failed"
    return 1
  fi
}

# Run a shell command in a chroot with a clean environment (nothing of this make leaks in).
in_root() {
  local root=$1; shift
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$1"
}

# A clean clone of the measured commit into a chroot.
clone() {
  git clone -q --no-checkout "$repo" "$1/root/exco" && git -C "$1/root/exco" checkout -q "$commit"
}

results=()     # one "version|suite|step|result|seconds" per step
failed=0
record() {
  results+=("$1|$2|$3|$4|$5")
  [ "$4" = pass ] || failed=1
}

# Run a timed step: record it, keep its log. Returns the command's status.
step() {
  local v=$1 suite=$2 name=$3 log=$4 root=$5 cmd=$6 t0 rc
  say "PostgreSQL $v on $suite: $name (log: $log)"
  t0=$(date +%s)
  # In the background and waited for, so that a signal reaches the trap at once.
  in_root "$root" "$cmd" >"$log" 2>&1 &
  wait $!
  rc=$?
  if [ $rc -eq 0 ]; then record "$v" "$suite" "$name" pass $(( $(date +%s) - t0 ))
  else
    record "$v" "$suite" "$name" "FAIL (rc=$rc)" $(( $(date +%s) - t0 ))
    # The last lines of the step's own output (not the servers' log lines).
    grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ [A-Z]+ \[' "$log" | tail -n 15 >&2
  fi
  return $rc
}

for v in $VERSIONS; do
  suite=$(suite_of "$v")

  # 1. make test and make deb in a clean clone on a fresh machine.
  new_root "$suite" || { record "$v" "$suite" "chroot" FAIL 0; continue; }
  clone "$root"
  step "$v" "$suite" "make test" "$logdir/$v-test.log" "$root" \
    "apt-get update -qq && apt-get install -y -qq --no-install-recommends make git ca-certificates >/dev/null \
     && update-ca-certificates >/dev/null 2>&1 && cd /root/exco && timeout $step_timeout make test PG_MAJOR=$v"
  deb=""
  if step "$v" "$suite" "make deb" "$logdir/$v-deb.log" "$root" \
      "cd /root/exco && timeout $step_timeout make deb PG_MAJOR=$v"; then
    for f in "$root/root/exco/build/deb/postgresql-$v-exco_"*.deb; do
      [ -f "$f" ] && deb=$(basename "$f")
    done
    if [ -n "$deb" ]; then cp "$root/root/exco/build/deb/$deb" "$work/"; cp "$work/$deb" "$logdir/"; fi
  fi
  drop_root "$root"

  # 2. The package installed into a second fresh machine of the suite, its tests run there.
  if [ -z "$deb" ]; then
    record "$v" "$suite" "package installcheck" "not run (no package)" 0
    continue
  fi
  new_root "$suite" || { record "$v" "$suite" "chroot" FAIL 0; continue; }
  clone "$root"
  cp "$work/$deb" "$root/root/"
  # debian/tests/control's Depends, with @ (the packages of this source) the .deb itself.
  deps=$(sed -n 's/^Depends: *//p' "$root/root/exco/debian/tests/control" | tr ',' '\n' \
           | sed 's/^ *//; s/ *$//' | sed "s|^@\$|/root/$deb|" | tr '\n' ' ')
  step "$v" "$suite" "package installcheck" "$logdir/$v-package.log" "$root" \
    "set -e
     apt-get update -qq
     apt-get install -y -qq --no-install-recommends $deps >/dev/null
     echo \"== installed: \$(dpkg-query -W -f='\${Package} \${Version}' postgresql-$v-exco)\"
     owner=\$(dpkg -S /usr/lib/postgresql/$v/lib/exco.so | cut -d: -f1)
     [ \"\$owner\" = postgresql-$v-exco ] || { echo \"exco.so belongs to '\$owner'\"; exit 1; }
     cd /root/exco
     export AUTOPKGTEST_TMP=\$(mktemp -d)
     timeout $step_timeout debian/tests/installcheck
     # What the suites ran against is the package's files, unchanged (make installcheck builds
     # and installs nothing).
     changed=\$(dpkg --verify postgresql-$v-exco)
     [ -z \"\$changed\" ] || { echo \"installed files differ from the package: \$changed\"; exit 1; }
     echo '== the installed package passes its debian/tests'"
  drop_root "$root"
done

# The table.
{
  printf '\n%-10s %-9s %-22s %-22s %8s\n' PostgreSQL Debian step result time
  for r in "${results[@]}"; do
    IFS='|' read -r v suite name result secs <<<"$r"
    printf '%-10s %-9s %-22s %-22s %5dm%02ds\n' "$v" "$suite" "$name" "$result" $((secs / 60)) $((secs % 60))
  done
  echo
} | tee "$logdir/summary.txt"
if [ $failed -eq 0 ]; then
  echo "make test-versions: every step passed on PostgreSQL $VERSIONS (commit ${commit:0:7})"
else
  echo "make test-versions: FAILED (logs in $logdir)"
fi
exit $failed
