// load(): the module loads in Node (bytes read from disk), through the package's own name
// (package.json "exports"), and the browser path (locateFile + fetch) works too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

import * as byName from 'isimport';
import * as byPath from '../../../web/lib/isimport.js';
import { expectSuccess, goodText } from '../support/docs.mjs';

test('the package resolves by its own name to web/lib/isimport.js', () => {
  assert.equal(typeof byName.load, 'function');
  assert.equal(byName.load, byPath.load);
});

test('load() returns a working instance with a version', async () => {
  const isi = await byName.load();
  assert.equal(typeof isi.version, 'string');
  assert.ok(isi.version.length > 0, 'version is not empty');
  assert.equal(typeof isi.decode, 'function');
  expectSuccess(assert, isi.decode(goodText()));
});

test('instances are independent and version is read-only', async () => {
  const [a, b] = await Promise.all([byName.load(), byName.load()]);
  assert.notEqual(a, b);
  assert.equal(a.version, b.version);
  assert.throws(() => { a.version = 'x'; }, TypeError);
  expectSuccess(assert, a.decode(goodText()));
  expectSuccess(assert, b.decode(goodText()));
});

test('load({wasmBinary}) uses the given bytes', async () => {
  const bytes = await readFile(new URL('../../../web/lib/wasm/isimport_validation.wasm', import.meta.url));
  const isi = await byName.load({ wasmBinary: bytes });
  expectSuccess(assert, isi.decode(goodText()));
});

test('load({wasmUrl}) over http: the browser path (fetch, compiled as it streams in)', async (t) => {
  const bytes = await readFile(new URL('../../../web/lib/wasm/isimport_validation.wasm', import.meta.url));
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    if (req.url !== '/core.wasm') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'application/wasm', 'content-length': bytes.length }).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address();
  const isi = await byName.load({ wasmUrl: `http://127.0.0.1:${port}/core.wasm` });
  assert.ok(requests >= 1, 'the .wasm was fetched from the URL');
  expectSuccess(assert, isi.decode(goodText()));
});

test('load({wasmUrl}) from a server that sends the module as another content type: read whole on a second request', async (t) => {
  const bytes = await readFile(new URL('../../../web/lib/wasm/isimport_validation.wasm', import.meta.url));
  const types = [];
  const server = createServer((req, res) => {
    types.push(req.url);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const isi = await byName.load({ wasmUrl: `http://127.0.0.1:${server.address().port}/octets.wasm` });
  expectSuccess(assert, isi.decode(goodText()));
  assert.deepEqual(types, ['/octets.wasm', '/octets.wasm'], 'compileStreaming refused the type; the second request was compiled whole');
});

test('load({wasmUrl}) answered 404: rejects, saying what could not be fetched, and tries again on the next load()', async (t) => {
  let requests = 0;
  const server = createServer((req, res) => { requests++; res.writeHead(404).end('no'); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const wasmUrl = `http://127.0.0.1:${server.address().port}/gone.wasm`;
  await assert.rejects(byName.load({ wasmUrl }), /could not fetch http:\/\/127\.0\.0\.1:\d+\/gone\.wasm: 404/);
  const first = requests;
  await assert.rejects(byName.load({ wasmUrl }));
  assert.ok(requests > first, 'a failed compile is not kept');
});

test('load() with a missing .wasm rejects', async () => {
  await assert.rejects(byName.load({ wasmUrl: new URL('./no-such-core.wasm', import.meta.url) }));
});

test('load() fetches the validation module only; the import engine comes with the first importPreview(), once', async (t) => {
  const files = {
    '/validation.wasm': await readFile(new URL('../../../web/lib/wasm/isimport_validation.wasm', import.meta.url)),
    '/import.wasm': await readFile(new URL('../../../web/lib/wasm/isimport_import.wasm', import.meta.url)),
  };
  const served = [];
  const server = createServer((req, res) => {
    served.push(req.url);
    const bytes = files[req.url];
    if (!bytes) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'application/wasm', 'content-length': bytes.length }).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const isi = await byName.load({ wasmUrl: `${origin}/validation.wasm`, importWasmUrl: `${origin}/import.wasm` });
  assert.equal(isi.validate(goodText()).valid, true);
  assert.deepEqual(served, ['/validation.wasm'], 'validation needs the validation module alone');

  // A registry that cannot be reached: the import engine answers with the image's failure.
  const spec = {
    kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'one', namespace: 'ns' },
    spec: { import: false, images: [{ from: { kind: 'DockerImage', name: 'registry.invalid/app:1' } }] },
  };
  const unreachable = async () => { throw new TypeError('fetch failed'); };
  const first = await isi.importPreview(spec, { fetch: unreachable });
  assert.equal(first.kind, 'ImageStreamImport', JSON.stringify(first));
  assert.equal(first.status.images[0].status.status, 'Failure');
  await isi.importPreview(spec, { fetch: unreachable });
  assert.deepEqual(served, ['/validation.wasm', '/import.wasm'], 'the import engine is fetched once, when first needed');
});

test('an import engine that cannot be fetched answers a 500 Status; validation goes on', async () => {
  const isi = await byName.load({ importWasmUrl: new URL('./no-such-import.wasm', import.meta.url) });
  const spec = {
    kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'one', namespace: 'ns' },
    spec: { import: false, images: [{ from: { kind: 'DockerImage', name: 'registry.invalid/app:1' } }] },
  };
  const answer = await isi.importPreview(spec, { fetch: async () => { throw new TypeError('fetch failed'); } });
  assert.equal(answer.kind, 'Status');
  assert.equal(answer.code, 500);
  assert.match(answer.message, /could not load its import engine/);
  assert.equal(isi.validate(goodText()).valid, true);
});
