// `npm run bench`: every benchmark of bench/, one after the other (they share the machine's two
// cores, so none runs beside another). Figures are printed; BENCHMARKS.md records a run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const benches = ['validate.mjs', 'wasm-size.mjs', 'cli.mjs', 'import.mjs', 'supply-chain.mjs', 'digest.mjs', 'page.mjs', 'bad-documents.mjs'];
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench/${bench}`);
  const r = spawnSync(process.execPath, [here(bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
