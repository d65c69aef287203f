#!/usr/bin/env bash
# Render a page headless in Debian's Chromium and check it (test/browser/check.mjs): no console
# or page error, no request but the file itself, a map that is not blank, at most 1600 px wide.
# Saves a full-page screenshot. Used by `make test-browser` (test/harness.sh) on the demo page.
#
#   bash test/browser/run.sh PAGE_PATH SCREENSHOT_PATH [MIN_AREAS]
#
# MIN_AREAS: départements the map must draw at least (default 101, the real territory).
# Needs node (18 or later), npm the first time, and Chromium (CHROMIUM, default /usr/bin/chromium;
# it runs without its sandbox as root, or when CHROMIUM_NO_SANDBOX=1);
# test/harness.sh installs them. playwright-core (pinned below, no browser download) is fetched
# once with npm into .cache/browser/.
set -euo pipefail
die() { printf 'test-browser: %s\n' "$*" >&2; exit 1; }
[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: $0 PAGE_PATH SCREENSHOT_PATH [MIN_AREAS]"
page=$(realpath -m -- "$1") shot=$(realpath -m -- "$2") min=${3:-101}
cd "$(dirname "$0")/../.."

# playwright-core 1.49.1: the last release line whose engines allow Debian 12's Node 18.
PLAYWRIGHT_VERSION=1.49.1
cache=.cache/browser

[ -s "$page" ] || die "no page at $page (make demo writes demo-report/index.html)"
[[ $min =~ ^[0-9]+$ ]] || die "MIN_AREAS must be a number, not '$min'"
command -v node >/dev/null || die "node is needed (Debian: apt-get install nodejs)"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || die "no Chromium at $chromium (Debian: apt-get install chromium)"

pw=$cache/node_modules/playwright-core
installed=$(node -p "require('./$pw/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$PLAYWRIGHT_VERSION" ]; then
  command -v npm >/dev/null || die "npm is needed once to fetch playwright-core@$PLAYWRIGHT_VERSION"
  printf '== fetching playwright-core@%s with npm into %s\n' "$PLAYWRIGHT_VERSION" "$cache" >&2
  mkdir -p "$cache"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error \
    "playwright-core@$PLAYWRIGHT_VERSION" >&2 || die "npm install playwright-core@$PLAYWRIGHT_VERSION failed"
fi

mkdir -p "$(dirname "$shot")"
PLAYWRIGHT_CORE=$pw CHROMIUM=$chromium node test/browser/check.mjs "$page" "$shot" "$min"
