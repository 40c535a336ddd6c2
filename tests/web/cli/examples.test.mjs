// Every document in examples/ is valid: against the generated JSON Schemas (ajv, draft-07) and
// through `isimport validate` (exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

import { ROOT, runCli, parseJsonReport } from '../support/cli-run.mjs';

const SCHEMAS = {
  ImageStreamImport: 'imagestreamimport-image-v1.json',
  ImageStream: 'imagestream-image-v1.json',
  Image: 'image-image-v1.json',
};
const files = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const documents = files.flatMap((file) => {
  const text = readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8');
  return parseAllDocuments(text, { version: '1.1' }).map((doc, index) => {
    assert.deepEqual(doc.errors, [], `${file}#${index} parses`);
    return { file, index, object: doc.toJS() };
  });
});

test('examples/ holds at least 5 documents of each kind the CLI validates', () => {
  assert.ok(documents.length >= 5, `${documents.length} documents`);
  const kinds = new Set(documents.map((d) => d.object.kind));
  assert.deepEqual([...kinds].sort(), ['Image', 'ImageStream', 'ImageStreamImport']);
  const imports = documents.filter((d) => d.object.kind === 'ImageStreamImport');
  assert.ok(imports.some((d) => d.object.spec.repository), 'a repository import');
  assert.ok(imports.some((d) => d.object.spec.images?.length > 1 && d.object.spec.images.some((i) => i.importPolicy?.importMode === 'PreserveOriginal')), 'a multi-image import with PreserveOriginal');
  assert.ok(imports.some((d) => d.object.spec.images?.length === 1), 'a tag import');
});

test('every example validates against its JSON Schema (ajv, draft-07)', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-kubernetes-group-version-kind', schemaType: 'array' });
  const validators = Object.fromEntries(Object.entries(SCHEMAS).map(([kind, file]) => [
    kind, ajv.compile(JSON.parse(readFileSync(new URL(`../../../schemas/${file}`, import.meta.url), 'utf8'))),
  ]));
  for (const { file, index, object } of documents) {
    const validate = validators[object.kind];
    assert.ok(validate, `${file}#${index}: a schema for ${object.kind}`);
    assert.ok(validate(object), `${file}#${index}: ${JSON.stringify(validate.errors)}`);
  }
});

test('`isimport validate examples/` accepts every example (exit 0)', async () => {
  const r = await runCli(['validate', '-o', 'json', 'examples'], { cwd: ROOT });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const entries = parseJsonReport(assert, r.stdout);
  assert.deepEqual(entries.map((e) => e.source), documents.map((d) => `examples/${d.file}#${d.index}`));
  for (const e of entries) {
    assert.equal(e.valid, true, e.source);
    assert.deepEqual(e.warnings, [], e.source);
  }
});
