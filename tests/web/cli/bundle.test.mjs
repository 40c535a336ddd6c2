// `isimport validate` from its bundle (web/cli/bundle.mjs → web/cli/bundle/validate.mjs): built in
// a copy of the package, run by the bin instead of the source modules while it is newer than each
// of them, answering exactly as the sources do; a bundle older than a source, or none, and every
// other command run from the sources.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, HERMETIC_ENV } from '../support/cli-run.mjs';

let copy;
before(() => {
  copy = mkdtempSync(join(tmpdir(), 'isimport-bundle-'));
  for (const path of ['package.json', 'schemas', 'examples', 'web/cli', 'web/lib']) {
    cpSync(join(ROOT, path), join(copy, path), { recursive: true, filter: (p) => !p.includes(`${join('web', 'cli', 'bundle')}`) || p.endsWith('bundle.mjs') });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const built = spawnSync(process.execPath, [join(copy, 'web/cli/bundle.mjs')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
});
after(() => rmSync(copy, { recursive: true, force: true }));

// Runs in Node's hooks thread: every module loaded, one URL a line.
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }`;

/**
 * `isimport ARGS` in the copy (`bin` the bin, or main.js for the sources alone): its answer and
 * the package's modules it loaded.
 */
function run(args, { bin = 'web/cli/isimport.js', input } = {}) {
  const log = join(copy, 'modules.log');
  writeFileSync(log, '');
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, { data: { log: ${JSON.stringify(log)} } });`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(copy, bin), ...args],
    { cwd: copy, input, encoding: 'utf8', env: HERMETIC_ENV });
  const modules = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith(`file://${copy}/web/`)).map((u) => u.slice(`file://${copy}/`.length));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

const RUNS = [
  ['validate', 'examples/tag-import.json'],
  ['validate', 'examples/tag-import.yaml', 'examples/streams.yaml', '--summary'],
  ['validate', '-o', 'json', '-'],
  ['validate', '-o', 'tap', '--namespace', 'other', 'examples'],
  ['validate', '--bogus'],
  ['validate', 'missing.json'],
  ['validate', '--help'],
];
const STDIN = '{"apiVersion": "image.openshift.io/v1", "kind": "ImageStreamImport", "metadata": {"name": "x/y"}, "spec": {"bogus": 1}}';

describe('isimport validate from its bundle', () => {
  test('the bin runs the bundle: one module of the package besides the bin and the wasm glue', () => {
    const { status, modules } = run(['validate', 'examples/tag-import.json']);
    assert.equal(status, 0);
    assert.deepEqual(modules, ['web/cli/isimport.js', 'web/cli/bundle/validate.mjs', 'web/lib/wasm/isimport_validation.mjs']);
  });

  for (const args of RUNS) {
    test(`answers as the sources do: ${args.join(' ')}`, () => {
      const bundled = run(args, { input: STDIN });
      const sources = run(args, { bin: 'web/cli/main.js', input: STDIN });
      assert.ok(bundled.modules.includes('web/cli/bundle/validate.mjs'));
      assert.ok(!sources.modules.includes('web/cli/bundle/validate.mjs'));
      assert.deepEqual({ ...bundled, modules: undefined }, { ...sources, modules: undefined });
    });
  }

  test('--jobs 2: the workers answer as one thread does', () => {
    const args = ['validate', '-o', 'json', 'examples'];
    assert.deepEqual(run([...args, '--jobs', '2']).stdout, run([...args, '--jobs', '1']).stdout);
  });

  test('other commands run from the sources', () => {
    const { status, modules } = run(['import', '--help']);
    assert.equal(status, 0);
    assert.ok(modules.includes('web/cli/import-command.js'));
    assert.ok(!modules.includes('web/cli/bundle/validate.mjs'));
  });

  test('a source newer than the bundle: the sources run, until the bundle is built again', () => {
    const source = join(copy, 'web/lib/options.js');
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    try {
      const stale = run(['validate', 'examples/tag-import.json']);
      assert.equal(stale.status, 0);
      assert.ok(!stale.modules.includes('web/cli/bundle/validate.mjs'));
      assert.ok(stale.modules.includes('web/lib/options.js'));
    } finally {
      const now = new Date();
      utimesSync(source, now, now);
    }
    const built = spawnSync(process.execPath, [join(copy, 'web/cli/bundle.mjs')], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    assert.ok(run(['validate', 'examples/tag-import.json']).modules.includes('web/cli/bundle/validate.mjs'));
  });

  test('no bundle: the sources', () => {
    rmSync(join(copy, 'web/cli/bundle'), { recursive: true });
    mkdirSync(join(copy, 'web/cli/bundle'));
    const { status, stdout, modules } = run(['validate', 'examples/tag-import.json']);
    assert.equal(status, 0);
    assert.equal(stdout, 'examples/tag-import.json#0: valid\n');
    assert.ok(modules.includes('web/cli/validate-command.js'));
  });
});
