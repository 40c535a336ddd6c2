// decode(): the contract of the core's decode() as seen through the JS API.
// Result: {ok, kind, object (when ok), warnings: [string], status (metav1.Status, when !ok)}.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { load } from 'isimport';
import { MiB, expectFailure, expectSuccess, goodImport, goodText, goodWith } from '../support/docs.mjs';

let isi;
before(async () => { isi = await load(); });

test('a valid ImageStreamImport decodes to ok with the object', () => {
  const obj = expectSuccess(assert, isi.decode(goodText()));
  assert.equal(obj.kind, 'ImageStreamImport');
  assert.equal(obj.apiVersion, 'image.openshift.io/v1');
  assert.equal(obj.metadata.name, 'demo');
  assert.equal(obj.spec.import, false);
  assert.equal(obj.spec.images.length, 1);
  assert.equal(obj.spec.images[0].from.kind, 'DockerImage');
  assert.equal(obj.spec.images[0].from.name, 'registry.example.com/team/app:1.0');
  assert.equal(obj.spec.repository.from.name, 'registry.example.com/team/tools');
});

test('an object decodes the same as its JSON text', () => {
  assert.deepEqual(isi.decode(goodImport()), isi.decode(goodText()));
});

test('UTF-8 bytes decode the same as text', () => {
  const bytes = new TextEncoder().encode(goodText());
  assert.deepEqual(isi.decode(bytes), isi.decode(goodText()));
  assert.deepEqual(isi.decode(bytes.buffer), isi.decode(goodText()));
});

test('every fieldValidation mode accepts a valid document without warnings', () => {
  for (const fieldValidation of ['Strict', 'Warn', 'Ignore']) {
    const result = isi.decode(goodText(), { fieldValidation });
    expectSuccess(assert, result);
    assert.deepEqual(result.warnings, [], fieldValidation);
  }
});

test('a syntax error is a 400 BadRequest', () => {
  expectFailure(assert, isi.decode('{"kind": "ImageStreamImport", "spec": '), { code: 400, reason: 'BadRequest' });
});

test('a wrong type is a 400 BadRequest', () => {
  const doc = goodImport();
  doc.spec.import = 'yes';
  expectFailure(assert, isi.decode(doc), { code: 400, reason: 'BadRequest' });
});

test('Strict (the default): an unknown field is a 400 BadRequest naming the field', () => {
  const doc = goodImport();
  doc.spec.images[0].from.bogus = 1;
  for (const options of [undefined, { fieldValidation: 'Strict' }]) {
    const s = expectFailure(assert, isi.decode(doc, options), { code: 400, reason: 'BadRequest' });
    assert.match(s.message, /unknown field "spec\.images\[0\]\.from\.bogus"/);
  }
});

test('Strict: a duplicate field is a 400 BadRequest naming the field', () => {
  const s = expectFailure(assert, isi.decode(goodWith('"kind":"ImageStreamImport"')), { code: 400, reason: 'BadRequest' });
  assert.match(s.message, /duplicate field "kind"/);
});

test('Warn: an unknown field decodes, with a warning naming it', () => {
  const doc = goodImport();
  doc.spec.bogus = true;
  const result = isi.decode(doc, { fieldValidation: 'Warn' });
  const obj = expectSuccess(assert, result);
  assert.equal(obj.spec.bogus, undefined, 'unknown fields are dropped');
  assert.ok(result.warnings.some((w) => /unknown field "spec\.bogus"/.test(w)), JSON.stringify(result.warnings));
});

test('Ignore: an unknown field decodes silently', () => {
  const doc = goodImport();
  doc.spec.bogus = true;
  const result = isi.decode(doc, { fieldValidation: 'Ignore' });
  expectSuccess(assert, result);
  assert.deepEqual(result.warnings, []);
});

test('a body over 3 MiB is a 413 RequestEntityTooLarge', () => {
  const doc = goodImport();
  doc.metadata.annotations = { big: 'x'.repeat(3 * MiB) };
  expectFailure(assert, isi.decode(JSON.stringify(doc)), { code: 413, reason: 'RequestEntityTooLarge' });
});

test('a body just under 3 MiB decodes', () => {
  const doc = goodImport();
  doc.metadata.annotations = { big: '' };
  const base = JSON.stringify(doc).length;
  doc.metadata.annotations.big = 'x'.repeat(3 * MiB - base - 16);
  expectSuccess(assert, isi.decode(JSON.stringify(doc)));
});

test('values the JS side cannot serialize are a 400 BadRequest, not an exception', () => {
  const cyclic = goodImport();
  cyclic.self = cyclic;
  expectFailure(assert, isi.decode(cyclic), { code: 400, reason: 'BadRequest' });
  expectFailure(assert, isi.decode(undefined), { code: 400, reason: 'BadRequest' });
  expectFailure(assert, isi.decode({ n: 1n }), { code: 400, reason: 'BadRequest' });
});
