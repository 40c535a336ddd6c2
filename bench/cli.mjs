// What one call of the command costs before and while it works, beside Node's own start:
// `isimport --version`, validating one small JSON and one small YAML file, and `npx isimport`.
//
//   node bench/cli.mjs [--runs N]      (npm run bench runs it)
// Whole processes, one after another; medians (and min, max) of N runs after one warm-up each.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const cli = `${root}web/cli/isimport.js`;

const CASES = [
  ['node -e 0 (Node\u2019s own start)', [process.execPath, '-e', '0']],
  ['isimport --version', [process.execPath, cli, '--version']],
  ['isimport validate examples/tag-import.json', [process.execPath, cli, 'validate', 'examples/tag-import.json']],
  ['isimport validate examples/tag-import.yaml', [process.execPath, cli, 'validate', 'examples/tag-import.yaml']],
  ['npx isimport --version', ['npx', '--offline', '--no-install', 'isimport', '--version']],
];

function time([cmd, ...args]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
export function benchCli(n = runs) {
  return CASES.map(([name, command]) => {
    time(command);
    const xs = sorted(Array.from({ length: n }, () => time(command)));
    return { name, median: xs[Math.floor(n / 2)], min: xs[0], max: xs.at(-1) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = benchCli();
  const base = rows[0].median;
  console.log(`command start-up, ${runs} runs each (wall ms: median, min–max; ratio to node -e 0):`);
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(46)} ${r.median.toFixed(0).padStart(5)} ms  (${r.min.toFixed(0)}–${r.max.toFixed(0)})  ${(r.median / base).toFixed(2)}×`);
  }
}
