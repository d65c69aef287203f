// Render a demo page headless in Debian's Chromium and check that people would see it
// (`make test-browser`, through test/browser/run.sh, which finds playwright-core and Chromium):
//
//   node test/browser/check.mjs PAGE_PATH SCREENSHOT_PATH [MIN_AREAS]
//
// Environment: PLAYWRIGHT_CORE (the playwright-core package directory, required),
// CHROMIUM (default /usr/bin/chromium), CHROMIUM_NO_SANDBOX=1 (also without the sandbox when
// not root; root always is).
// Saves a full-page screenshot (viewport 1440x900) and fails (exit 1, one line per failure) on:
// a console error or an uncaught page error; any request other than the page file itself (the
// page must work offline); a blank map: svg#map-coverage narrower than 300 px, fewer than
// MIN_AREAS (default 101) départements (.area[data-code]), an area with an empty box, a fill
// that is none or transparent or not one of the legend's fills ([data-legend-fill], within
// [data-legend-for="map-coverage"] if the page has one, else anywhere in the page), areas
// hidden under something else, too few legend-coloured pixels in the map's screenshot; a page
// wider than 1600 px; a screenshot under 10 KB; on a page with data-chart roots (the report page),
// one of map, tiers, money, statuses, trend missing or drawn with an empty box.
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pageArg, shotArg, minArg = '101'] = process.argv.slice(2);
if (!pageArg || !shotArg || !/^\d+$/.test(minArg) || !process.env.PLAYWRIGHT_CORE) {
  console.error('usage: PLAYWRIGHT_CORE=DIR node check.mjs PAGE_PATH SCREENSHOT_PATH [MIN_AREAS]');
  process.exit(2);
}
const minAreas = Number(minArg);
const MAX_PAGE_WIDTH = 1600, MIN_MAP_WIDTH = 300, MIN_SHOT_BYTES = 10 * 1024;
const MIN_HIT_SHARE = 0.8;     // areas whose box centre shows an area (not a cover)
const MIN_LEGEND_PIXELS = 0.05; // share of the map's pixels painted in a legend colour

const { chromium } = createRequire(import.meta.url)(resolve(process.env.PLAYWRIGHT_CORE));
const pageUrl = pathToFileURL(resolve(pageArg)).href;
const failures = [];
const fail = (msg) => failures.push(msg);
const consoleErrors = [], pageErrors = [], requests = [];

// Anything thrown (Chromium does not start, the page does not load) ends the run with one line.
process.on('uncaughtException', (err) => {
  const lines = String(err && err.message ? err.message : err).split('\n').slice(0, 30);
  console.log(`test-browser: FAIL: ${pageArg}: ${lines.join('\n  ')}`);
  process.exit(1);
});
process.on('unhandledRejection', (err) => { throw err; });

// Root (CI containers) cannot use Chromium's sandbox; a normal user keeps it, unless
// CHROMIUM_NO_SANDBOX=1 (a container without user namespaces: "No usable sandbox!").
const noSandbox = (typeof process.getuid === 'function' && process.getuid() === 0)
  || process.env.CHROMIUM_NO_SANDBOX === '1';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  chromiumSandbox: !noSandbox,
  args: ['--disable-gpu'], // playwright adds --disable-dev-shm-usage and --headless itself
  timeout: 60000,
});
let report;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // Only the page file itself may be loaded: every other request is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.split('#')[0] === pageUrl ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (req) => {
    const url = req.url();
    if (url.split('#')[0] !== pageUrl && !/^(data|blob|about):/.test(url)) requests.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push(`${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => pageErrors.push(String(err && err.message ? err.message : err)));
  page.on('crash', () => fail('the page crashed'));

  const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: 30000 });
  if (response && !response.ok()) fail(`loading ${pageArg} gave status ${response.status()}`);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(500); // late scripts, timers, lazy requests

  // Everything about the map is measured in the page, against the contract of the generator.
  report = await page.evaluate(async () => {
    const r = { areas: 0, codes: 0, filled: 0, hit: 0, bad: [], legend: [], solid: [] };
    const doc = document.documentElement, body = document.body;
    r.pageWidth = Math.max(doc.scrollWidth, body ? body.scrollWidth : 0);
    r.pageHeight = Math.max(doc.scrollHeight, body ? body.scrollHeight : 0);
    // The other charts, reported only: how many are drawn with a box that is not empty.
    const charts = [...document.querySelectorAll('svg.chart')];
    r.charts = charts.length;
    r.chartsDrawn = charts.filter((c) => { const b = c.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length;
    // The report page's charts by their roots (data-chart), when the page has any: each drawn.
    r.dataCharts = [...document.querySelectorAll('[data-chart]')].map((c) => {
      const b = c.getBoundingClientRect();
      return { kind: c.getAttribute('data-chart'), drawn: b.width > 0 && b.height > 0 };
    });
    const map = document.getElementById('map-coverage');
    if (!map || map.namespaceURI !== 'http://www.w3.org/2000/svg') { r.noMap = true; return r; }
    const mb = map.getBoundingClientRect();
    r.mapWidth = Math.round(mb.width); r.mapHeight = Math.round(mb.height);
    // A fill as the browser computes it, so "#08306B", "#08306b" and rgb() compare equal.
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    map.appendChild(probe);
    const norm = (f) => { probe.setAttribute('fill', f); return getComputedStyle(probe).fill; };
    // The map's legend: the [data-legend-fill] in (or being) a [data-legend-for="map-coverage"],
    // or, when the page has none of these, every [data-legend-fill] of the page.
    const scopes = [...document.querySelectorAll('[data-legend-for="map-coverage"]')];
    r.legendScoped = scopes.length > 0;
    const legendEls = r.legendScoped
      ? scopes.flatMap((s) => [s, ...s.querySelectorAll('[data-legend-fill]')]).filter((e) => e.hasAttribute('data-legend-fill'))
      : [...document.querySelectorAll('[data-legend-fill]')];
    const legend = new Map();
    for (const el of legendEls) {
      const f = el.getAttribute('data-legend-fill').trim();
      legend.set(norm(f), f);
    }
    r.legend = [...legend.values()];
    // The legend's solid colours (not patterns), for the pixels of the map's screenshot.
    for (const f of legend.keys()) {
      const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(f);
      if (m) r.solid.push([1, 2, 3].map((i) => Number(m[i])));
    }
    const areas = [...map.querySelectorAll('.area')];
    r.areas = areas.length;
    r.codes = new Set(areas.map((a) => a.getAttribute('data-code')).filter(Boolean)).size;
    const bad = (a, why) => r.bad.push(`${a.getAttribute('data-code') || `<${a.tagName}> without data-code`}: ${why}`);
    for (const a of areas) {
      const cs = getComputedStyle(a);
      const fill = cs.fill;
      const box = a.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0)) { bad(a, `empty box ${box.width}x${box.height}`); continue; }
      if (cs.display === 'none' || cs.visibility !== 'visible' || Number(cs.opacity) === 0 || Number(cs.fillOpacity) === 0) {
        bad(a, 'not visible (display, visibility or opacity)'); continue;
      }
      if (!fill || fill === 'none' || /transparent|rgba\(.*,\s*0\)$/.test(fill)) { bad(a, `fill ${fill || 'missing'}`); continue; }
      if (!legend.has(fill)) {
        const attr = a.getAttribute('fill');
        bad(a, attr && norm(attr) === fill ? `fill ${attr} is not in the legend`
          : `drawn with fill ${fill} (its fill attribute is ${attr || 'missing'}), which is not in the legend`);
        continue;
      }
      const ref = /^url\("?#([^")]+)"?\)$/.exec(fill);
      if (ref && !document.getElementById(ref[1])) { bad(a, `fill ${fill} names no element`); continue; }
      r.filled++;
      // Is the area what one sees at its centre (not under another element)? The centre of a
      // concave shape may fall on a neighbour: any area counts, and so does a label of the map
      // (the code written on an overseas tile).
      a.scrollIntoView({ block: 'center', inline: 'center' });
      const b = a.getBoundingClientRect();
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      if (hit && (hit.closest('#map-coverage .area') || (hit.closest('#map-coverage') && hit.localName === 'text'))) r.hit++;
    }
    probe.remove();
    window.scrollTo(0, 0);
    return r;
  });

  // The map as painted: the share of its pixels in one of the legend's solid colours.
  if (report.noMap) {
    fail('no <svg id="map-coverage"> in the page');
  } else if (report.mapWidth > 0 && report.mapHeight > 0) {
    const png = await page.locator('#map-coverage').screenshot({ timeout: 30000 });
    const shot = await browser.newPage();
    try {
      Object.assign(report, await shot.evaluate(async ({ data, solid }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        let legendPx = 0;
        for (let i = 0; i < px.length; i += 4) {
          colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
          if (solid.some(([r, g2, b]) => Math.abs(px[i] - r) <= 6 && Math.abs(px[i + 1] - g2) <= 6 && Math.abs(px[i + 2] - b) <= 6)) legendPx++;
        }
        return { colours: colours.size, legendShare: legendPx / (px.length / 4) };
      }, { data: png.toString('base64'), solid: report.solid }));
    } finally {
      await shot.close();
    }
  }
  await page.screenshot({ path: shotArg, fullPage: true, timeout: 60000 });
} finally {
  await browser.close();
}

// Verdicts, then the report.
for (const e of pageErrors) fail(`uncaught page error: ${e}`);
for (const e of consoleErrors) fail(`console error: ${e}`);
for (const u of requests) fail(`request other than the page file (the page must work offline): ${u}`);
if (!report.noMap) {
  if (report.mapWidth < MIN_MAP_WIDTH) fail(`blank map: svg#map-coverage is ${report.mapWidth} px wide (at least ${MIN_MAP_WIDTH})`);
  if (report.codes < minAreas) fail(`blank map: ${report.codes} départements (.area with data-code), expected at least ${minAreas}`);
  if (report.legend.length === 0) fail('blank map: no legend ([data-legend-fill])');
  for (const b of report.bad.slice(0, 10)) fail(`blank map: area ${b}`);
  if (report.bad.length > 10) fail(`blank map: ${report.bad.length - 10} more areas as above`);
  if (report.filled > 0 && report.hit < MIN_HIT_SHARE * report.filled) {
    fail(`blank map: only ${report.hit} of ${report.filled} areas are what shows at their centre (something covers the map)`);
  }
  if (report.legendShare !== undefined && report.solid.length > 0 && report.legendShare < MIN_LEGEND_PIXELS) {
    fail(`blank map: ${(100 * report.legendShare).toFixed(1)} % of the map's pixels are in a legend colour (at least ${100 * MIN_LEGEND_PIXELS} %)`);
  }
}
if (report.dataCharts.length > 0) {
  for (const kind of ['map', 'tiers', 'money', 'statuses', 'trend']) {
    const found = report.dataCharts.filter((c) => c.kind === kind);
    if (found.length === 0) fail(`no chart with data-chart="${kind}"`);
    else if (!found.some((c) => c.drawn)) fail(`chart data-chart="${kind}" has an empty box`);
  }
}
if (report.pageWidth > MAX_PAGE_WIDTH) fail(`page is ${report.pageWidth} px wide (at most ${MAX_PAGE_WIDTH})`);
let shotBytes = 0;
try { shotBytes = statSync(shotArg).size; } catch { /* reported below */ }
if (shotBytes < MIN_SHOT_BYTES) fail(`screenshot ${shotArg} is ${shotBytes} bytes (at least ${MIN_SHOT_BYTES})`);

const pct = (x) => (x === undefined ? '-' : `${(100 * x).toFixed(1)} %`);
console.log(`test-browser: ${pageArg}`);
if (!report.noMap) {
  console.log(`  map: ${report.mapWidth}x${report.mapHeight} px, ${report.codes} départements in ${report.areas} areas ` +
    `(at least ${minAreas}), ${report.filled} filled from the ${report.legend.length} fills of ` +
    `${report.legendScoped ? 'its legend' : 'the page\'s legends'}, ` +
    `${report.hit} shown at their centre, ${pct(report.legendShare)} of its pixels in a legend colour, ${report.colours ?? '-'} colours`);
}
console.log(`  charts (svg.chart): ${report.charts}, ${report.chartsDrawn} with a box that is not empty; ` +
  `data-chart roots: ${report.dataCharts.map((c) => c.kind + (c.drawn ? '' : ' (empty)')).join(', ') || 'none'}`);
console.log(`  page: ${report.pageWidth}x${report.pageHeight} px (at most ${MAX_PAGE_WIDTH} wide)`);
console.log(`  console errors: ${consoleErrors.length}, page errors: ${pageErrors.length}, other requests: ${requests.length}`);
console.log(`  screenshot: ${shotArg} (${Math.round(shotBytes / 1024)} KB)`);
if (failures.length) {
  for (const f of failures) console.log(`test-browser: FAIL: ${f}`);
  process.exit(1);
}
console.log('test-browser: ok');
