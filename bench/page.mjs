// What a person waits for, in Debian's Chromium: from opening the page to the first validation
// result, and to a finished demo import (the `npm start` spec against a loopback docker-registry),
// and the bytes the page downloads before it is usable (its first validation).
//
//   node bench/page.mjs [--runs N]      (npm run bench runs it; needs `npm run build` first)
// Each run is a fresh browser context with an empty cache; medians are printed with min and max.
import { chromium } from 'playwright-core';
import { startRegistry } from '../e2e/registry/start.mjs';
import { populate, DEMO_REPOS } from '../e2e/registry/images.mjs';
import { demoSpec } from '../scripts/serve-page.mjs';
import { writeFragment } from '../web/app/fragment.js';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;

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
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const samples = { firstValidation: [], demoImport: [], bytes: [], files: 0 };
    for (let i = 0; i < n + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        document.addEventListener('validate', () => { window.__firstValidation ??= performance.now(); });
        document.addEventListener('done', () => { window.__done = performance.now(); });
      });
      await page.goto(`${base}${writeFragment({ spec: demoSpec(registry.url), run: true })}`);
      await page.waitForFunction(() => window.__done !== undefined, null, { timeout: 60_000 });
      const m = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const before = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= window.__firstValidation && !r.name.includes('/v2/'));
        return {
          firstValidation: window.__firstValidation,
          done: window.__done,
          bytes: nav.transferSize + before.reduce((a, r) => a + r.transferSize, 0),
          files: before.length + 1,
        };
      });
      await context.close();
      if (i === 0) continue; // the first run warms the server and the browser's own caches
      samples.firstValidation.push(m.firstValidation);
      samples.demoImport.push(m.done);
      samples.bytes.push(m.bytes);
      samples.files = m.files;
    }
    return {
      runs: n,
      firstValidationMs: stats(samples.firstValidation),
      demoImportMs: stats(samples.demoImport),
      bytesBeforeUsable: stats(samples.bytes),
      filesBeforeUsable: samples.files,
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
  console.log(`page, Chromium, ${r.runs} runs, fresh context each (no cache):`);
  console.log(`  open → first validation result   ${ms(r.firstValidationMs)}`);
  console.log(`  open → demo import finished      ${ms(r.demoImportMs)}`);
  console.log(`  bytes before usable              ${(r.bytesBeforeUsable.median / 1024).toFixed(0)} KiB over the wire (gzip, as vite preview sends it) in ${r.filesBeforeUsable} files`);
}
