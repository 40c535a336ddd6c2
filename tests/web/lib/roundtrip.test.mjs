// Round trip through the wasm core from Node: decoding the every-field fixture and encoding it again
// gives exactly the fixture's compact JSON, with Go's escaping (<, >, & and U+2028/U+2029 as \uXXXX).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { load } from 'isimport';
import createIsimportValidation from '../../../web/lib/wasm/isimport_validation.mjs';

const FIXTURE = new URL('../../fixtures/every-field.imagestreamimport.json', import.meta.url);
const text = readFileSync(FIXTURE, 'utf8');

// encoding/json's compact form: JSON.stringify, then the characters Go escapes in strings.
const goCompact = (value) => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

test('isi.decode(fixture) gives back the fixture (deep equal)', async () => {
  const isi = await load();
  const result = isi.decode(readFileSync(FIXTURE));
  assert.equal(result.ok, true, JSON.stringify(result.status));
  assert.deepEqual(result.object, JSON.parse(text));
  assert.deepEqual(result.warnings, []);
});

test('the core re-encodes the fixture to exactly its compact JSON, Go-escaped', async () => {
  const core = await createIsimportValidation({ wasmBinary: readFileSync(new URL('../../../web/lib/wasm/isimport_validation.wasm', import.meta.url)) });
  const raw = core.decode(text, '{}');
  const expected = goCompact(JSON.parse(text));
  assert.ok(/[<>&\u2028]/.test(JSON.stringify(JSON.parse(text))), 'the fixture exercises the escaped characters');
  const prefix = '{"ok":true,"kind":"ImageStreamImport","object":';
  assert.ok(raw.startsWith(prefix), raw.slice(0, 100));
  assert.equal(raw, `${prefix}${expected},"warnings":[]}`);
});
