// The core built with every check Emscripten has (build/wasm/checked: assertions, a stack-overflow
// check in every function, checked loads and stores, a 64 KiB stack) given the whole bad-document
// corpus as bytes, through one instance of each module: after every document the validation module
// still validates a good one and the import engine still starts a good import. The deepest document
// Go accepts (10 000 levels) fits in that small stack: no reader recurses on nesting.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BAD_DOCUMENTS } from '../fixtures/bad-documents.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const checked = (name) => `${root}build/wasm/checked/${name}`;

const GOOD = JSON.stringify({
  kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'web', namespace: 'ns' },
  spec: { import: false, images: [{ from: { kind: 'DockerImage', name: 'registry.example/team/app:1' } }] },
});

// The checked glue is built for web and node; its Node branch expects CommonJS's two globals,
// which an ES module does not have.
globalThis.require ??= createRequire(import.meta.url);
globalThis.__dirname ??= dirname(fileURLToPath(import.meta.url));

async function instantiate(name) {
  const { default: factory } = await import(checked(`${name}.mjs`));
  const printed = [];
  const core = await factory({
    wasmBinary: readFileSync(checked(`${name}.wasm`)),
    print: (line) => printed.push(line),
    printErr: (line) => printed.push(line),
  });
  return { core, printed };
}

let validation;
let engine;
before(async () => {
  validation = await instantiate('isimport_validation_checked');
  engine = await instantiate('isimport_import_checked');
});

// validateBytes() with the exact bytes of a document (no re-encoding on the way in).
function validateBytes(core, bytes) {
  const text = core._malloc(bytes.length + 1);
  const out = core._malloc(1 << 20);
  try {
    core.HEAPU8.set(bytes, text);
    const code = core._validateBytes(text, bytes.length, 0, 0, 0, 0, false, false, out, 1 << 20);
    if (code >= 0) return { valid: true };
    const length = -code - 1;
    assert.ok(length <= 1 << 20, `an answer of ${length} bytes`);
    return JSON.parse(new TextDecoder().decode(core.HEAPU8.subarray(out, out + length)));
  } finally {
    core._free(text);
    core._free(out);
  }
}

const contentOf = (content) => {
  const value = typeof content === 'function' ? content() : content;
  return typeof value === 'string' ? Buffer.from(value) : value;
};

test(`the checked modules have a 64 KiB stack and the release ones state theirs (1 MiB)`, () => {
  assert.match(readFileSync(checked('isimport_validation_checked.mjs'), 'utf8'), /TOTAL_STACK=65536;/);
  const cmake = readFileSync(`${root}CMakeLists.txt`, 'utf8');
  assert.match(cmake, /-sTOTAL_STACK=1048576/);
});

test(`${BAD_DOCUMENTS.length} bad documents through one checked validation module: each answered, the next good one still valid`, () => {
  const { core, printed } = validation;
  assert.ok(BAD_DOCUMENTS.length >= 100);
  for (const [name, content] of BAD_DOCUMENTS) {
    const bytes = contentOf(content);
    const answer = validateBytes(core, bytes);
    assert.equal(typeof answer.valid, 'boolean', name);
    if (!answer.valid) assert.ok(answer.status?.message, `${name}: a Status with a message`);
    if (!answer.valid && answer.status.code === 400 && bytes.length < 3 * 1024 * 1024) {
      // The text path (embind's string) too, when the bytes are UTF-8.
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      JSON.parse(core.validate(text, '{"fieldValidation":"Warn"}'));
      JSON.parse(core.decode(text, '{"kind":"ImageStream"}'));
    }
    assert.equal(validateBytes(core, Buffer.from(GOOD)).valid, true, `a good document after ${name}`);
  }
  assert.deepEqual(printed, [], 'the checked build printed nothing (no assertion, no warning)');
});

test('the same documents as import specs through one checked import engine: refused before any request, the next good spec still starts', () => {
  const { core, printed } = engine;
  for (const [name, content] of BAD_DOCUMENTS) {
    const bytes = contentOf(content);
    if (bytes.length > 4 * 1024 * 1024) continue; // embind copies the spec through a JS string
    const session = new core.ImportSession(new TextDecoder().decode(bytes), '{"now":"2024-01-01T00:00:00Z"}');
    const state = JSON.parse(session.start());
    assert.equal(state.done, true, `${name}: refused at once`);
    assert.equal(state.status?.kind, 'Status', name);
    session.delete();
    const good = new core.ImportSession(GOOD, '{"now":"2024-01-01T00:00:00Z"}');
    const started = JSON.parse(good.start());
    assert.equal(started.done, false, `a good spec after ${name}`);
    assert.ok(started.requests.length >= 1);
    good.delete();
  }
  assert.deepEqual(printed, []);
});

test('the deepest document Go accepts (10 000 levels) fits in the 64 KiB stack, in both readers', () => {
  const { core } = validation;
  const deep = (levels) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  // Inside a field kept as raw JSON (managedFields[].fieldsV1): decoded, validated, answered.
  const body = JSON.stringify({
    kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1',
    metadata: { name: 'web', managedFields: [{ manager: 'm', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { PLACEHOLDER: 1 } }] },
    spec: { images: [{ from: { kind: 'DockerImage', name: 'nginx' } }] },
  }).replace('{"PLACEHOLDER":1}', deep(9990));
  const answer = validateBytes(core, Buffer.from(body));
  assert.equal(answer.valid, true, JSON.stringify(answer).slice(0, 300));
  const withObject = JSON.parse(core.validate(body, '{}'));
  assert.equal(withObject.object.metadata.managedFields[0].fieldsV1.a.a.a.a !== undefined, true);
  // One level more than Go allows: refused in Go's words, no trap.
  const tooDeep = validateBytes(core, Buffer.from(`${'['.repeat(10001)}${']'.repeat(10001)}`));
  assert.match(tooDeep.status.message, /exceeded max depth/);
  // The tree reader (options, registry answers) on the import side: a 10 000-deep options value,
  // read whole before the option it is given for ("x", which nobody declared) is refused.
  const session = new engine.core.ImportSession(GOOD, `{"now":"2024-01-01T00:00:00Z","x":${'['.repeat(9999)}${']'.repeat(9999)}}`);
  assert.equal(JSON.parse(session.start()).usageError, 'unknown option "x"');
  session.delete();
});
