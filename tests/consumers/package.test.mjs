// The package as a consumer receives it: what `npm pack` puts in the tarball, the linters of npm
// packages (publint, @arethetypeswrong/cli) on that tarball, `npm publish --dry-run`, and the
// prepack check that refuses an unbuilt tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { consumers } from './prepare.mjs';
import { inFolder } from './support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { tarball, pack } = consumers();
const files = pack.files.map((f) => f.path);

test('the tarball holds the library, element, React wrapper, CLI, both wasm modules, schemas, types, README and licence', () => {
  for (const path of [
    'package.json', 'README.md', 'LICENSE',
    'web/lib/isimport.js', 'web/lib/api.d.ts', 'web/lib/model.d.ts', 'web/lib/boundary.d.ts', 'web/lib/host/node.js', 'web/lib/host/browser.js',
    'web/lib/wasm/isimport_validation.mjs', 'web/lib/wasm/isimport_validation.wasm',
    'web/lib/wasm/isimport_import.mjs', 'web/lib/wasm/isimport_import.wasm',
    'web/element/index.js', 'web/element/index.d.ts', 'web/react/index.js', 'web/react/index.d.ts',
    'web/cli/isimport.js', 'schemas/imagestreamimport-image-v1.json',
  ]) assert.ok(files.includes(path), `${path} is packed`);
});

test('…and nothing that is not the product: no tests, fuzz corpora, benchmarks, e2e fixtures, scripts, C++ or checked builds', () => {
  const junk = files.filter((path) => /^(tests|fuzz|bench|e2e|scripts|examples|wasm|build|dist)\/|\.(cpp|h)$|_checked\./.test(path));
  assert.deepEqual(junk, []);
  assert.ok(pack.size <= 1.5 * 1024 * 1024, `packed ${pack.size} bytes, at most 1.5 MB`);
  // (79 files before the CLI's validate path was also shipped as one bundled module.)
  assert.ok(files.length < 85, `${files.length} files`);
});

test('installing it runs nothing: no install scripts', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(manifest.scripts[script], undefined, script);
});

test('publint finds no error and no warning in the tarball', async () => {
  const { messages } = await publint({ pack: { tarball: readFileSync(tarball).buffer }, level: 'suggestion', strict: true });
  const serious = messages.filter((m) => m.type !== 'suggestion');
  assert.deepEqual(serious.map((m) => `${m.type} ${m.code} ${m.path.join('.')}`), []);
});

// The profile leaves out CommonJS resolution (node10, node16 from CJS): the package is ES modules
// only. The .wasm subpaths are files to serve, not modules with types: nothing to check there.
test('@arethetypeswrong/cli (--profile esm-only) finds no problem in the tarball', async () => {
  const attw = join(root, 'node_modules/.bin/attw');
  const { stdout, stderr, code } = await inFolder(root, attw, [tarball, '--profile', 'esm-only', '--format', 'json',
    '--exclude-entrypoints', './wasm/isimport_validation.wasm', './wasm/isimport_import.wasm']);
  assert.equal(code, 0, `${stdout}${stderr}`);
  const { analysis, problems } = JSON.parse(stdout);
  assert.deepEqual(Object.keys(analysis.entrypoints).sort(), ['.', './element', './package.json', './react', './schemas/*.json']);
  const inProfile = Object.values(problems).flat().filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind));
  assert.deepEqual(inProfile, []);
});

test('npm publish --dry-run passes (and publishes nothing)', async () => {
  const { stdout, stderr, code } = await inFolder(root, 'npm', ['publish', '--dry-run', '--json']);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))).isimport;
  assert.equal(report.name, 'isimport');
  assert.ok(report.files.some((f) => f.path === 'web/lib/wasm/isimport_import.wasm'));
});

test('npm pack refuses a tree whose wasm modules are not built, and says what to run', async () => {
  const tree = mkdtempSync(join(tmpdir(), 'isimport-unbuilt-'));
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    writeFileSync(join(tree, 'package.json'), JSON.stringify(manifest));
    mkdirSync(join(tree, 'scripts'));
    mkdirSync(join(tree, 'wasm'));
    copyFileSync(join(root, 'scripts/check-pack.mjs'), join(tree, 'scripts/check-pack.mjs'));
    copyFileSync(join(root, 'CMakeLists.txt'), join(tree, 'CMakeLists.txt'));
    const { stderr, code } = await inFolder(tree, 'npm', ['pack', '--dry-run']);
    assert.notEqual(code, 0);
    assert.match(stderr, /not packing: the wasm modules are not built \(web\/lib\/wasm\/isimport_validation\.mjs/);
    assert.match(stderr, /Run `npm run setup && npm run build` first/);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});
