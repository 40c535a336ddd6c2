// No credential at rest: an authenticated import from the lying registry (a Bearer registry whose
// realm issues tokens for one user; one repository whose token exchange is refused, one whose
// token answer is over its cap), run through the CLI on a terminal (progress bar and all), through
// the CLI with its two streams apart, and through the library with every callback. Every byte any
// of them printed or answered is searched for the password, the user:password pair in base64, and
// each token the realm issued; so is every URL the registries were asked for, and the JS heap of
// a process once its import has ended, and the import engine's own memory (which zeroes every block
// it frees).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { startLyingRegistry } from '../../e2e/registry/lying-registry.mjs';
import { runImport } from '../../web/lib/import-driver.js';
import { CLI, HERMETIC_ENV, runCli, tempTree } from '../web/support/cli-run.mjs';

const CHILD = fileURLToPath(new URL('../web/support/import-in-child.mjs', import.meta.url));
const HEAP_CHILD = fileURLToPath(new URL('../web/support/heap-after-import.mjs', import.meta.url));
const NOW = '2024-06-01T12:00:00Z';

let reg;
let files;
let spec;
before(async () => {
  reg = await startLyingRegistry({ idleMs: 60_000 });
  const host = reg.locked.host;
  const entry = (name) => ({ from: { kind: 'DockerImage', name }, importPolicy: { insecure: true } });
  spec = {
    kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'secret', namespace: 'default' },
    spec: {
      import: true,
      images: [entry(`${host}/good/app:t`), entry(`${host}/refused-token/app:t`), entry(`${host}/big-token/app:t`), entry(`${host}/redirect/app:t`)],
      repository: entry(`${host}/paged/app`),
    },
  };
  const auth = Buffer.from(`${reg.user.username}:${reg.user.password}`).toString('base64');
  files = await tempTree({
    'spec.json': JSON.stringify(spec),
    'auth.json': JSON.stringify({ auths: { [host]: { auth } } }),
  });
});
after(async () => {
  await files?.remove();
  await reg?.stop();
});

// Every form a secret could take in output: the password, user:password in base64 (a Basic
// header or an auth.json entry) and every token issued so far.
function secrets() {
  const pair = Buffer.from(`${reg.user.username}:${reg.user.password}`).toString('base64');
  return [reg.user.password, pair, ...reg.tokens];
}
function assertNoSecret(text, where) {
  for (const secret of secrets()) assert.ok(!text.includes(secret), `${where} holds a credential (${secret.slice(0, 6)}…)`);
}

// The CLI on a pseudo-terminal (util-linux script), so that it draws its progress bar.
function runOnTerminal(args) {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...HERMETIC_ENV, COLUMNS: '120' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end();
  });
}

test('the CLI on a terminal: progress, per-image failures and the answer, without a credential', async () => {
  const issuedBefore = reg.tokens.size;
  const r = await runOnTerminal(['import', '-f', files.path('spec.json'), '--authfile', files.path('auth.json'), '--now', NOW, '-o', 'yaml']);
  assert.equal(r.code, 0, r.out.slice(-2000));
  assert.match(r.out, /\] \d+\/\d+ requests, \d+\/\d+ images/, 'the progress bar was drawn');
  assert.match(r.out, /refused-token\/app:t.*unauthorized/, 'the failing token exchange is reported');
  assert.match(r.out, /big-token\/app:t.*exceeds the limit of 1048576 bytes/);
  assert.ok(reg.tokens.size > issuedBefore, 'tokens were issued, so there was something to leak');
  assertNoSecret(r.out, 'the terminal');
});

test('the CLI with standard output and standard error apart, as JSON', async () => {
  const r = await runCli(['import', '-f', files.path('spec.json'), '--authfile', files.path('auth.json'), '--now', NOW]);
  assert.equal(r.code, 0, r.stderr);
  const answer = JSON.parse(r.stdout);
  assert.equal(answer.status.images[0].status.status, 'Success');
  assert.match(r.stderr, /refused-token/);
  assertNoSecret(r.stdout, 'standard output');
  assertNoSecret(r.stderr, 'standard error');
});

test('the library: the answer and every progress, request-failure and notice callback', async () => {
  const credentials = { auths: { [reg.locked.host]: { username: reg.user.username, password: reg.user.password } } };
  const child = spawn(process.execPath, [CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.stdin.end(JSON.stringify({ spec, options: { now: NOW, credentials } }));
  assert.equal(await closed, 0, err);
  const r = JSON.parse(out);
  assert.ok(r.events.some((e) => e.progress), 'progress was reported');
  assert.equal(r.answer.status.images.filter((i) => i.status.status === 'Failure').length, 2);
  assertNoSecret(out, 'the answer and callbacks');
  assertNoSecret(err, 'the library\'s console');
});

test('no URL any registry or realm was asked for carries a credential', () => {
  assert.ok(reg.requests.length > 20);
  for (const q of reg.requests) assertNoSecret(q.url, `${q.server} ${q.url}`);
  // And Basic went to the realm only.
  for (const q of reg.requests.filter((q) => q.authorization?.startsWith('Basic '))) {
    assert.deepEqual([q.server, q.url.split('?')[0]], ['locked', '/token']);
  }
});

test('after the import, the JS heap holds no credential: the library kept no reference to any', async () => {
  const snapshot = files.path('after.heapsnapshot');
  const credentials = { auths: { [reg.locked.host]: { username: reg.user.username, password: reg.user.password } } };
  const child = spawn(process.execPath, ['--expose-gc', HEAP_CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const closed = new Promise((resolve) => child.on('close', resolve));
  const issuedBefore = reg.tokens.size;
  child.stdin.end(JSON.stringify({ spec: { ...spec, spec: { ...spec.spec, repository: undefined } }, options: { now: NOW, credentials }, snapshot }));
  assert.equal(await closed, 0, err);
  assert.deepEqual(JSON.parse(out).outcome, ['Success', 'Failure', 'Failure', 'Success']);
  assert.ok(reg.tokens.size > issuedBefore, 'a token was issued and used');
  const heap = readFileSync(snapshot, 'utf8');
  assert.ok(heap.includes(reg.locked.host), 'the snapshot holds the strings of the answer (a sanity check of the search)');
  assertNoSecret(heap, 'the heap after the import');
});

test('after the import, the import engine\'s memory holds no credential: every freed block was zeroed', async () => {
  const wasm = (name) => fileURLToPath(new URL(`../../web/lib/wasm/${name}`, import.meta.url));
  const { default: createEngine } = await import(wasm('isimport_import.mjs'));
  const engine = await createEngine({ wasmBinary: readFileSync(wasm('isimport_import.wasm')) });
  const credentials = { auths: { [reg.locked.host]: { username: reg.user.username, password: reg.user.password } } };
  const issuedBefore = reg.tokens.size;
  const options = JSON.stringify({ now: NOW, credentials });
  const answer = await runImport(engine, JSON.stringify(spec), options, { concurrency: 4, importTimeoutMs: 60_000 });
  assert.equal(answer.status.images[0].status.status, 'Success');
  assert.ok(reg.tokens.size > issuedBefore, 'tokens were issued and used');
  const memory = Buffer.from(engine.HEAPU8.buffer, engine.HEAPU8.byteOffset, engine.HEAPU8.byteLength);
  for (const secret of secrets()) assert.equal(memory.indexOf(secret), -1, `the engine's memory holds ${secret.slice(0, 6)}…`);
});
