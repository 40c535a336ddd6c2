// Many malformed bodies through ONE instance: each must come back as an error value (never an
// exception, trap or abort), and the instance must still decode a good document afterwards.
// Every body here is one the API server rejects in Strict mode (JSON body; fieldValidation=Strict).
// Add cases to CASES: [name, body (string or Uint8Array), optional {code, reason}].
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { load } from 'isimport';
import { MiB, expectFailure, expectSuccess, goodImport, goodText, goodWith } from '../support/docs.mjs';

const BAD = { code: 400, reason: 'BadRequest' };
const TOO_LARGE = { code: 413, reason: 'RequestEntityTooLarge' };

const withSpec = (spec) => JSON.stringify({ ...goodImport(), spec });
const withMeta = (metadata) => JSON.stringify({ ...goodImport(), metadata });
const withImage = (patch) => {
  const doc = goodImport();
  Object.assign(doc.spec.images[0], patch);
  return JSON.stringify(doc);
};
const bytes = (...b) => new Uint8Array(b);
const utf8 = (s) => new TextEncoder().encode(s);

const CASES = [
  // Not JSON at all, or not one complete JSON value.
  ['empty body', '', BAD],
  ['whitespace only', ' \n\t ', BAD],
  ['lone open brace', '{', BAD],
  ['lone close brace', '}', BAD],
  ['lone open bracket', '[', BAD],
  ['truncated after a key', '{"kind":', BAD],
  ['truncated document', goodText().slice(0, -1), BAD],
  ['unterminated string', '{"kind":"ImageStreamImport', BAD],
  ['trailing comma in object', goodWith(''), BAD],
  ['trailing comma in array', withSpec({ import: false, images: [] }).replace('[]', '[{"from":{"kind":"DockerImage","name":"a"}},]'), BAD],
  ['single-quoted strings', "{'kind':'ImageStreamImport','spec':{'import':false}}", BAD],
  ['unquoted key', '{kind:"ImageStreamImport"}', BAD],
  ['a second value after the document', goodText() + '{}', BAD],
  ['garbage after the document', goodText() + ' x', BAD],
  ['NaN literal', goodWith('"x":NaN'), BAD],
  ['leading zero', withMeta({ name: 'a', generation: 1 }).replace('"generation":1', '"generation":01'), BAD],
  ['bad escape', '{"kind":"\\x41"}', BAD],
  ['short unicode escape', '{"kind":"\\u12"}', BAD],
  ['raw control character in a string', '{"kind":"Image\u0001StreamImport","spec":{"import":false}}', BAD],
  ['invalid UTF-8 outside strings', bytes(0x7b, 0xff, 0x7d), BAD],
  ['comment', '// c\n' + goodText(), BAD],

  // JSON, but not an object.
  ['empty array', '[]', BAD],
  // (Not 'null': upstream decodes a JSON null body like {}, as Go unmarshals null into a struct.)
  ['true', 'true', BAD],
  ['false', 'false', BAD],
  ['number', '42', BAD],
  ['string', '"ImageStreamImport"', BAD],
  ['array of the document', `[${goodText()}]`, BAD],

  // Wrong types for known fields.
  ['spec.import is a string', withSpec({ import: 'yes' }), BAD],
  ['spec is an array', withSpec([]), BAD],
  ['spec.images is an object', withSpec({ import: false, images: {} }), BAD],
  ['spec.images[0] is a string', withSpec({ import: false, images: ['quay.io/a/b'] }), BAD],
  ['from.name is a number', withImage({ from: { kind: 'DockerImage', name: 1 } }), BAD],
  ['includeManifest is a string', withImage({ includeManifest: 'true' }), BAD],
  ['metadata is a string', withMeta('demo'), BAD],
  ['label value is a number', withMeta({ name: 'a', labels: { a: 1 } }), BAD],
  ['generation is a fraction', withMeta({ name: 'a', generation: 1.5 }), BAD],
  ['generation overflows int64', withMeta({ name: 'a', generation: 1 }).replace('"generation":1', '"generation":99999999999999999999'), BAD],
  ['status.images is a string', JSON.stringify({ ...goodImport(), status: { images: 'x' } }), BAD],

  // Strict field validation.
  ['unknown top-level field', goodWith('"bogus":1'), BAD],
  ['unknown nested field', withImage({ bogus: {} }), BAD],
  ['duplicate top-level field', goodWith('"apiVersion":"image.openshift.io/v1"'), BAD],
  ['duplicate nested field', withSpec({ import: false }).replace('"import":false', '"import":false,"import":true'), BAD],

  // Hostile shapes.
  ['arrays nested 100000 deep', '['.repeat(100000) + ']'.repeat(100000), BAD],
  ['objects nested 20000 deep in an unknown field',
    goodWith('"x":' + '{"a":'.repeat(20000) + '1' + '}'.repeat(20000)), BAD],
  ['over 3 MiB of whitespace', ' '.repeat(3 * MiB + 1) + goodText(), TOO_LARGE],
  ['over 3 MiB in one string', withMeta({ name: 'a', annotations: { a: 'x'.repeat(3 * MiB) } }), TOO_LARGE],
  ['over 3 MiB as bytes', utf8(withMeta({ name: 'a', annotations: { a: 'é'.repeat(1.6 * MiB) } })), TOO_LARGE],
];

let isi;
before(async () => { isi = await load(); });

test(`${CASES.length} malformed bodies through one instance each return an error value`, async (t) => {
  assert.ok(CASES.length >= 30);
  for (const [name, body, expected] of CASES) {
    await t.test(name, () => {
      let result;
      assert.doesNotThrow(() => { result = isi.decode(body); }, `decode threw for: ${name}`);
      expectFailure(assert, result, expected);
    });
  }
});

test('the same instance still decodes a good document afterwards', () => {
  const obj = expectSuccess(assert, isi.decode(goodText()));
  assert.deepEqual(obj.spec.images[0].from, goodImport().spec.images[0].from);
});

test('the malformed bodies again, in every fieldValidation mode, then a good document', () => {
  // In Warn/Ignore mode unknown and duplicate fields may pass; everything must still be a value.
  for (const fieldValidation of ['Strict', 'Warn', 'Ignore']) {
    for (const [name, body] of CASES) {
      const result = isi.decode(body, { fieldValidation });
      assert.equal(typeof result?.ok, 'boolean', `${fieldValidation}: ${name}`);
      if (!result.ok) expectFailure(assert, result);
    }
  }
  expectSuccess(assert, isi.decode(goodText()));
});
