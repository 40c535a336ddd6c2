// SHA-256 as the importer verifies bodies (libsodium in the import module, the bytes copied in as
// a feed copies them) beside WebCrypto's crypto.subtle.digest, both in Debian's Chromium, over a
// config-sized, a layer-sized and a large buffer.
//
//   node bench/digest.mjs [--runs N]     (npm run bench runs it; needs `npm run build`)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
export const SIZES = [64 * 1024, 1024 * 1024, 16 * 1024 * 1024];

// The page: loads the import module and times both digests; answers MB/s (medians of `runs`).
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import createIsimportImport from './isimport_import.mjs';
window.measure = async (sizes, runs) => {
  const core = await createIsimportImport({ locateFile: (f) => f });
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out = [];
  for (const size of sizes) {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const expected = 'sha256:' + hex(await crypto.subtle.digest('SHA-256', bytes));
    if (core.sha256(bytes) !== expected) throw new Error('the two digests differ');
    const repeat = Math.max(1, Math.round((4 << 20) / size)); // about 4 MiB per sample
    const time = async (fn) => {
      const samples = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        for (let k = 0; k < repeat; k++) await fn();
        samples.push((size * repeat) / ((performance.now() - t) / 1000) / 1e6);
      }
      return median(samples);
    };
    out.push({ size, wasm: await time(() => core.sha256(bytes)), webcrypto: await time(() => crypto.subtle.digest('SHA-256', bytes)) });
  }
  return out;
};
window.ready = true;
</script>`;

export async function benchDigest() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    try {
      const bytes = await readFile(`${root}web/lib/wasm/${path.slice(1).replace(/[^\w.]/g, '')}`);
      res.writeHead(200, { 'content-type': path.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' }).end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.ISIMPORT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.ready === true);
    return await page.evaluate(([sizes, n]) => window.measure(sizes, n), [SIZES, runs]);
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchDigest();
  const size = (n) => (n >= 1 << 20 ? `${n >> 20} MiB` : `${n >> 10} KiB`);
  console.log(`SHA-256 in Chromium, MB/s (median of ${runs}), the import module's libsodium vs WebCrypto:`);
  for (const r of rows) {
    console.log(`  ${size(r.size).padStart(7)}: wasm ${r.wasm.toFixed(0).padStart(5)}  WebCrypto ${r.webcrypto.toFixed(0).padStart(5)}  (wasm / WebCrypto ${(r.wasm / r.webcrypto).toFixed(2)}×)`);
  }
}
