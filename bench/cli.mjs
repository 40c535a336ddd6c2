// What one call of the command costs before and while it works, beside Node's own start:
// `isimport --version`, validating one small JSON and one small YAML file, and `npx isimport`;
// then `isimport validate` over a directory of 2 000 files, in one thread and in one per core.
//
//   node bench/cli.mjs [--runs N]      (npm run bench runs it)
// Whole processes, one after another; medians (and min, max) of N runs after one warm-up each.
// The rows issue 19 sets a bar for print it beside them, with whether the run met it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { stringify as yamlStringify } from 'yaml';

import { beside } from './bars.mjs';
import { corpus } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const cli = `${root}web/cli/isimport.js`;

// Each case, and the bar it is held to (issue 19): the most a run may take, as a multiple of
// `node -e 0`.
const CASES = [
  ['node -e 0 (Node\u2019s own start)', [process.execPath, '-e', '0']],
  ['isimport --version', [process.execPath, cli, '--version']],
  ['isimport validate examples/tag-import.json', [process.execPath, cli, 'validate', 'examples/tag-import.json'], 1.2],
  ['isimport validate examples/tag-import.yaml', [process.execPath, cli, 'validate', 'examples/tag-import.yaml'], 1.3],
  ['npx isimport --version', ['npx', '--offline', '--no-install', 'isimport', '--version']],
];
// The bar of the 2 000-file run in one thread: files per second, at least.
export const FILES_PER_SECOND_BAR = 5000;

function time([cmd, ...args]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Rows {name, median, min, max, bar?}: `bar` the most the row may take, × `node -e 0`. */
export function benchCli(n = runs) {
  return CASES.map(([name, command, bar]) => {
    time(command);
    const xs = sorted(Array.from({ length: n }, () => time(command)));
    return { name, median: xs[Math.floor(n / 2)], min: xs[0], max: xs.at(-1), ...(bar ? { bar } : {}) };
  });
}

// kubeconform's published figure: about 1 900 resources per second on one core.
export const KUBECONFORM_PER_CORE = 1900;
const FILES = 2000;

// A directory of FILES documents from the validation corpus, a quarter of them YAML.
function manyFiles() {
  const dir = `${root}build/bench/files`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs = corpus({ count: FILES, seed: 7 });
  docs.forEach((text, i) => {
    const name = `${dir}/doc-${String(i).padStart(4, '0')}`;
    if (i % 4 === 3) writeFileSync(`${name}.yaml`, yamlStringify(JSON.parse(text)));
    else writeFileSync(`${name}.json`, text);
  });
  return dir;
}

export function benchManyFiles(n = Math.min(runs, 5)) {
  const dir = manyFiles();
  const cores = availableParallelism();
  return [...new Set([1, 2, cores])].map((jobs) => {
    const command = [process.execPath, cli, 'validate', '-q', '--jobs', String(jobs), dir];
    time(command);
    const xs = sorted(Array.from({ length: n }, () => time(command)));
    const median = xs[Math.floor(n / 2)];
    return { jobs, median, min: xs[0], max: xs.at(-1), filesPerSecond: FILES / (median / 1000) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // The bin runs `validate` from its bundle only while no source is newer than it, else from the
  // source modules, silently: a source edited after `npm run build` once had the bars measure the
  // sources. The bundle is built anew here first (a fraction of a second), so that they never do.
  const bundled = spawnSync(process.execPath, [`${root}web/cli/bundle.mjs`], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  if (bundled.status !== 0) throw new Error('web/cli/bundle.mjs could not build the bundle');
  const rows = benchCli();
  const base = rows[0].median;
  console.log(`command start-up, ${runs} runs each (wall ms: median, min–max; ratio to node -e 0):`);
  console.log('  (validate from web/cli/bundle/validate.mjs, built anew for this run)');
  for (const r of rows) {
    const ratio = r.median / base;
    const shown = r.bar ? beside(`${r.name} / node -e 0`, `${ratio.toFixed(2)}×`, `≤ ${r.bar}×`, ratio <= r.bar) : `${ratio.toFixed(2)}×`;
    console.log(`  ${r.name.padEnd(46)} ${r.median.toFixed(0).padStart(5)} ms  (${r.min.toFixed(0)}–${r.max.toFixed(0)})  ${shown}`);
  }
  const many = benchManyFiles();
  console.log(`isimport validate -q DIR, ${FILES} files (a quarter YAML), whole process:`);
  for (const r of many) {
    const perCore = r.filesPerSecond / r.jobs;
    const rate = `${r.filesPerSecond.toFixed(0)} files/s`;
    console.log(`  --jobs ${r.jobs}: ${r.median.toFixed(0)} ms (${r.min.toFixed(0)}–${r.max.toFixed(0)}), ` +
      `${r.jobs === 1 ? beside(`isimport validate -q, ${FILES} files, --jobs 1`, rate, `≥ ${FILES_PER_SECOND_BAR} files/s`, r.filesPerSecond >= FILES_PER_SECOND_BAR) : rate}, ` +
      `${perCore.toFixed(0)} per core (kubeconform publishes ~${KUBECONFORM_PER_CORE} per core: ${(perCore / KUBECONFORM_PER_CORE).toFixed(1)}×)`);
  }
}
