// `npm start` as a new machine meets it: a fresh clone of this repository's HEAD (committed work
// only) with ccache off and nothing built, from `npm start` to the line that gives the page's URL
// (npm ci, libsodium for wasm, the two modules, the site, the demo registry, the first import).
// What this cannot repeat is apt: the Debian packages are installed here already (setup-apt.sh
// finds them in a fraction of a second); BENCHMARKS.md says what apt adds. npm's own cache, if
// this machine has one, stays in use.
//
//   node bench/start.mjs [--keep]     (npm run bench runs it; takes minutes: it builds everything
//                                      the page needs from nothing; --keep leaves the clone)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

import { beside } from './bars.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Issue 19's bar: clone → the page's URL, on a fresh machine.
export const START_BAR_SECONDS = 150;
const TIMEOUT_MS = 15 * 60_000;

/**
 * Seconds from `npm start` to the page's URL in a fresh clone, and the step times start.sh printed.
 * @returns {Promise<{seconds: number, steps: string[]}>}
 */
export async function benchStart({ keep = false } = {}) {
  const dir = mkdtempSync(`${tmpdir()}/isimport-start-`);
  const clone = `${dir}/main`;
  const cloned = spawnSync('git', ['clone', '-q', root, clone], { stdio: 'inherit' });
  if (cloned.status !== 0) throw new Error('git clone failed');
  const t0 = performance.now();
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: clone, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CCACHE_DISABLE: '1' },
  });
  let out = '';
  try {
    const seconds = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after ${TIMEOUT_MS / 60_000} min:\n${out.slice(-2000)}`)), TIMEOUT_MS);
      const read = (chunk) => {
        out += chunk;
        if (/Open this to import the demo in your browser:\s*\n\s*\nhttp/.test(out.replace(/^ +/gm, ''))) {
          clearTimeout(timer);
          resolve((performance.now() - t0) / 1000);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited ${code}:\n${out.slice(-2000)}`)); });
    });
    const steps = out.split('\n').filter((line) => / in [0-9.]+ s\b/.test(line) && /^(build|setup|start):/.test(line));
    return { seconds, steps };
  } finally {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    spawnSync('bash', ['scripts/demo-registry.sh', '--stop'], { cwd: clone, stdio: 'ignore' });
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchStart({ keep: process.argv.includes('--keep') });
  console.log('npm start in a fresh clone, ccache off, Debian packages already installed:');
  for (const line of r.steps) console.log(`  ${line}`);
  const figure = `${Math.floor(r.seconds / 60)} min ${Math.round(r.seconds % 60)} s`;
  console.log(`  clone → the page's URL: ${beside('npm start, clone → the page\u2019s URL (apt not included)', figure,
    `≤ ${Math.floor(START_BAR_SECONDS / 60)} min ${START_BAR_SECONDS % 60} s`, r.seconds <= START_BAR_SECONDS)}`);
}
