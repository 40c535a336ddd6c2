// What a person waits for, in Debian's Chromium: from opening the page to the first validation
// result, and to a finished demo import (the `npm start` spec against a loopback docker-registry),
// and the bytes the page downloads before it is usable (its first validation), file by file. The
// first validation and its bytes are printed beside issue 19's bars (BARS), met or not.
//
//   node bench/page.mjs [--runs N]      (npm run bench runs it; needs `npm run build` first)
// Each run is a fresh browser context with an empty cache; medians are printed with min and max.
import { chromium } from 'playwright-core';
import { startRegistry } from '../e2e/registry/start.mjs';
import { populate, DEMO_REPOS } from '../e2e/registry/images.mjs';
import { demoSpec } from '../scripts/serve-page.mjs';
import { writeFragment } from '../web/app/fragment.js';
import { fileURLToPath } from 'node:url';

import { beside } from './bars.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;

/** Issue 19's bars for the page: opening → first validation, and the bytes before it. */
export const BARS = { firstValidationMs: 250, bytesBeforeUsable: 200 * 1024 };

// Run in the page before its own scripts: when the first validation is shown, and when the demo
// import is done (said on the console too, which is how the bench waits for it).
const DONE = 'isimport bench: demo import done';
/** @param {string} done the console message */
function markTimes(done) {
  document.addEventListener('validate', () => { window.__firstValidation ??= performance.now(); });
  document.addEventListener('done', () => {
    window.__done = performance.now();
    console.debug(done);
  }, { once: true });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

export async function benchPage({ runs: n = runs } = {}) {
  const registry = await startRegistry({ mode: 'anonymous' });
  let server;
  let browser;
  try {
    await populate(registry, { repos: DEMO_REPOS });
    process.env.ISIMPORT_PROXY_TARGETS = registry.url;
    const { preview } = await import('vite');
    server = await preview({ configFile: `${root}web/app/vite.config.js`, logLevel: 'error', preview: { port: 0 } });
    const base = server.resolvedUrls.local[0];
    browser = await chromium.launch({
      executablePath: process.env.ISIMPORT_CHROMIUM ?? '/usr/bin/chromium',
      // Each run opens a new window, and this Chromium builds its address bar's pop-up (a WebUI
      // page of its own) in a renderer of its own for every new window, while the page loads on
      // the same two cores. A person opening a link has that done long before; it is turned off.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'],
    });
    const samples = { firstValidation: [], demoImport: [], bytes: [], files: 0, breakdown: [] };
    for (let i = 0; i < n + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(markTimes, DONE);
      // Waited for by its console message: polling the page (waitForFunction) would put
      // Playwright's own script into it while it loads, on the main thread the page needs.
      const done = page.waitForEvent('console', { predicate: (message) => message.text() === DONE, timeout: 60_000 });
      await page.goto(`${base}${writeFragment({ spec: demoSpec(registry.url), run: true })}`);
      await done;
      const m = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const before = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= window.__firstValidation && !r.name.includes('/v2/'));
        // Each file's name as the page has it (hashes and all), the page itself as index.html.
        const breakdown = [{ name: 'index.html', bytes: nav.transferSize }, ...before.map((r) => ({ name: new URL(r.name).pathname.replace(/^.*\//, ''), bytes: r.transferSize }))];
        return {
          firstValidation: window.__firstValidation,
          done: window.__done,
          bytes: nav.transferSize + before.reduce((a, r) => a + r.transferSize, 0),
          files: before.length + 1,
          breakdown,
        };
      });
      await context.close();
      if (i === 0) continue; // the first run warms the server and the browser's own caches
      samples.firstValidation.push(m.firstValidation);
      samples.demoImport.push(m.done);
      samples.bytes.push(m.bytes);
      samples.files = m.files;
      samples.breakdown = m.breakdown; // the last run's: the files are the same run after run
    }
    return {
      runs: n,
      firstValidationMs: stats(samples.firstValidation),
      demoImportMs: stats(samples.demoImport),
      bytesBeforeUsable: stats(samples.bytes),
      filesBeforeUsable: samples.files,
      // [{name, bytes}], largest first
      filesBefore: [...samples.breakdown].sort((a, b) => b.bytes - a.bytes),
      bars: BARS,
    };
  } finally {
    await browser?.close();
    await server?.close();
    await registry.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchPage();
  const ms = (s) => `${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`page, Chromium, ${r.runs} runs, fresh context each (no cache); medians, bars met or not by the median:`);
  const first = r.firstValidationMs;
  console.log(`  open → first validation result   ${beside('page: opening → first validation shown', `${first.median.toFixed(0)} ms`, `≤ ${r.bars.firstValidationMs} ms`, first.median <= r.bars.firstValidationMs)} (min ${first.min.toFixed(0)}, max ${first.max.toFixed(0)})`);
  console.log(`  open → demo import finished      ${ms(r.demoImportMs)}`);
  const bytes = r.bytesBeforeUsable.median;
  console.log(`  bytes before usable              ${beside('page: bytes before the first validation', `${kib(bytes)} (${bytes} bytes)`, `≤ ${kib(r.bars.bytesBeforeUsable)}, ${r.bars.bytesBeforeUsable} bytes`, bytes <= r.bars.bytesBeforeUsable)} over the wire (gzip, as vite preview sends it) in ${r.filesBeforeUsable} files`);
  for (const f of r.filesBefore) console.log(`    ${f.name.padEnd(48)} ${(f.bytes / 1024).toFixed(1).padStart(6)} KiB ${String(f.bytes).padStart(7)} bytes`);
}
