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
  const bytes = await readFile(new URL('../../../web/lib/wasm/isimport_core.wasm', import.meta.url));
  const isi = await byName.load({ wasmBinary: bytes });
  expectSuccess(assert, isi.decode(goodText()));
});

test('load({wasmUrl}) over http: the browser path (locateFile + fetch)', async (t) => {
  const bytes = await readFile(new URL('../../../web/lib/wasm/isimport_core.wasm', import.meta.url));
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

test('load() with a missing .wasm rejects', async () => {
  await assert.rejects(byName.load({ wasmUrl: new URL('./no-such-core.wasm', import.meta.url) }));
});
