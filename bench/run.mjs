// `npm run bench`: every benchmark of bench/, one after the other (they share the machine's two
// cores, so none runs beside another), then every bar of the run in one table. Figures are
// printed; BENCHMARKS.md records a run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const benches = ['validate.mjs', 'wasm-size.mjs', 'cli.mjs', 'import.mjs', 'supply-chain.mjs', 'digest.mjs', 'page.mjs', 'bad-documents.mjs', 'start.mjs'];
const dir = mkdtempSync(`${tmpdir()}/isimport-bench-`);
const bars = `${dir}/bars.jsonl`;
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench/${bench}`);
  const r = spawnSync(process.execPath, [here(bench), ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, ISIMPORT_BENCH_BARS: bars },
  });
  if (r.status !== 0) failed++;
}

let rows = [];
try {
  rows = readFileSync(bars, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
} catch {
  // no bench reported a bar
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n=== bars: ${rows.filter((r) => r.met).length} of ${rows.length} met`);
const width = Math.max(0, ...rows.map((r) => r.measure.length));
for (const r of rows) console.log(`  ${r.met ? 'met    ' : 'not met'}  ${r.measure.padEnd(width)}  ${r.figure}  (bar ${r.bar})`);
process.exit(failed ? 1 : 0);
