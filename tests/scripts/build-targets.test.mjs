// What `npm start` builds (issue 19: only what the page and the demo import need) against what
// `npm test` / `npm run build` build (everything), read from the scripts' own plans; and the
// reading of libsodium's Makefile.am that replaced its configure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempTree } from '../web/support/cli-run.mjs';

const script = (name) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));
const BUILD = script('build.sh');
const LIBSODIUM = script('libsodium-wasm.sh');

/** `build.sh --plan ARGS…` → [[step, ...cmake targets]] */
function plan(...args) {
  const r = spawnSync('bash', [BUILD, '--plan', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => l.split(' '));
}

/** The argument lists of every `bash scripts/build.sh …` line of a script. */
function buildCalls(name) {
  return [...readFileSync(script(name), 'utf8').matchAll(/^[^#\n]*bash scripts\/build\.sh((?: [a-z-]+)*)/gm)]
    .map((m) => m[1].trim().split(' ').filter(Boolean));
}

test('npm start builds the two shipped wasm modules and the site, and nothing native or checked', () => {
  const calls = buildCalls('start.sh');
  assert.ok(calls.length > 0, 'start.sh calls build.sh');
  const steps = calls.flatMap((args) => {
    assert.ok(args.length > 0, 'start.sh names its build targets (no argument builds everything)');
    return plan(...args);
  });
  assert.deepEqual(steps.map((s) => s[0]).sort(), ['modules', 'site']);
  const modules = steps.find((s) => s[0] === 'modules').slice(1);
  assert.deepEqual(modules, ['isimport_modules']);
  // The checked builds (isimport_*_checked_module) and `all` are npm test's.
  assert.ok(!steps.flat().some((t) => t === 'all' || /checked/.test(t)));
});

test('the wasm target build.sh names is CMakeLists.txt\u2019s two release modules', () => {
  const cmake = readFileSync(fileURLToPath(new URL('../../CMakeLists.txt', import.meta.url)), 'utf8');
  // isimport_module(name …) defines isimport_<name>_module; isimport_modules gathers the shipped ones.
  const defined = [...cmake.matchAll(/^\s*isimport_module\((\w+) /gm)].map((m) => `isimport_${m[1]}_module`);
  const gathered = cmake.match(/^\s*add_dependencies\(isimport_modules ([\w ]+)\)/m)?.[1].split(' ') ?? [];
  assert.deepEqual(gathered.sort(), ['isimport_import_module', 'isimport_validation_module']);
  for (const t of gathered) assert.ok(defined.includes(t), `${t} is not a module of CMakeLists.txt (${defined.join(', ')})`);
  assert.deepEqual(plan('modules')[0].slice(1), ['isimport_modules']);
});

test('npm test and npm run build build everything: native, every wasm module, the site', () => {
  assert.deepEqual(buildCalls('test.sh'), [[]]);
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
  assert.equal(pkg.scripts.build, 'bash scripts/build.sh');
  assert.deepEqual(plan(), [['native', 'all'], ['wasm', 'all'], ['site', 'vite'], ['cli', 'bundle']]);
});

test('npm start installs the Debian packages it needs, and not npm test\u2019s (Chromium, GoogleTest, the native toolchain)', () => {
  const list = (...args) => {
    const r = spawnSync('bash', [script('setup-apt.sh'), '--print-packages', ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n');
  };
  const all = list();
  const start = list('start');
  assert.ok(start.every((p) => all.includes(p)), 'npm test installs everything npm start does');
  for (const p of ['emscripten', 'cmake', 'make', 'dpkg-dev', 'docker-registry', 'skopeo', 'umoci', 'openssl']) assert.ok(start.includes(p), p);
  for (const p of ['chromium', 'googletest', 'libgtest-dev', 'libsodium-dev', 'libclang-rt-14-dev']) assert.ok(!start.includes(p), p);
  assert.match(readFileSync(script('start.sh'), 'utf8'), /^bash scripts\/setup-apt\.sh start$/m);
  assert.doesNotMatch(readFileSync(script('start.sh'), 'utf8'), /^[^#\n]*scripts\/setup\.sh(?! npm)/m, 'start.sh runs setup.sh only for npm');
});

test('build.sh refuses a target it does not know', () => {
  const r = spawnSync('bash', [BUILD, '--plan', 'everything'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown target everything/);
});

test('libsodium\u2019s sources are read from Makefile.am with its conditionals decided for wasm (minimal, no asm, no 128-bit mode, Emscripten)', async () => {
  const tree = await tempTree({
    'Makefile.am': [
      'lib_LTLIBRARIES = \\',
      '\tlibsodium.la',
      '',
      'libsodium_la_SOURCES = \\',
      '\tcrypto_hash/sha256/cp/hash_sha256_cp.c \\',
      '\tinclude/sodium/private/common.h \\',
      '\tsodium/utils.c',
      '',
      'if HAVE_TI_MODE',
      'libsodium_la_SOURCES += \\',
      '\tti/only.c',
      'else',
      'libsodium_la_SOURCES += \\',
      '\tnot_ti/fe.c',
      'endif',
      '',
      'if HAVE_AMD64_ASM',
      'libsodium_la_SOURCES += amd64/salsa20_xmm6.c',
      'else',
      'libsodium_la_SOURCES += ref/salsa20_ref.c',
      'endif',
      '',
      'if !MINIMAL',
      'libsodium_la_SOURCES += \\',
      '\tfull/crypto_box_seal.c',
      'endif',
      '',
      'libsse2_la_SOURCES = \\',
      '\tsse2/poly1305_sse2.c',
      '',
      'librdrand_la_SOURCES = \\',
      '\trandombytes/internal/randombytes_internal_random.c',
      'if !EMSCRIPTEN',
      'libsodium_la_SOURCES += \\',
      '\trandombytes/sysrandom/randombytes_sysrandom.c',
      'endif',
      '',
    ].join('\n'),
    'Unknown.am': 'libsodium_la_SOURCES = a.c\nif HAVE_NEW_THING\nlibsodium_la_SOURCES += b.c\nendif\n',
  });
  try {
    const r = spawnSync('bash', [LIBSODIUM, '--print-sources', tree.path('Makefile.am')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'crypto_hash/sha256/cp/hash_sha256_cp.c',
      'sodium/utils.c',
      'not_ti/fe.c',
      'ref/salsa20_ref.c',
      'sse2/poly1305_sse2.c',
    ]);
    // A conditional the script was not told how configure decides stops the build.
    const u = spawnSync('bash', [LIBSODIUM, '--print-sources', tree.path('Unknown.am')], { encoding: 'utf8' });
    assert.notEqual(u.status, 0);
    assert.match(u.stderr, /conditional this script does not know: HAVE_NEW_THING/);
  } finally {
    await tree.remove();
  }
});
