// isi.validate() / isi.validateAll(): the contract {valid, causes, warnings, status, object}, YAML as
// kubectl reads it, positions for YAML and JSON input, "did you mean" hints.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';

import { load } from 'isimport';
import { withinOneEdit, suggestField } from '../../../web/lib/hints.js';
import { parsePath, offsetOfPath } from '../../../web/lib/locate.js';
import { splitDocuments } from '../../../web/lib/documents.js';
import { LineIndex } from '../../../web/lib/position-tree.js';
import { VALID_YAML, validImport } from '../support/cli-run.mjs';

let isi;
before(async () => { isi = await load(); });

const pos = (line, column) => ({ line, column });

describe('the result', () => {
  test('a valid document: valid, no causes, the defaulted object, no status', () => {
    const r = isi.validate(VALID_YAML);
    assert.equal(r.valid, true);
    assert.equal(r.kind, 'ImageStreamImport');
    assert.deepEqual(r.causes, []);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.positions, []);
    assert.deepEqual(r.diagnostics, []);
    assert.equal('status' in r, false);
    assert.equal(r.object.metadata.namespace, 'default', 'filled as the server fills it from the request');
    assert.equal(r.object.spec.images[0].importPolicy.importMode, 'Legacy', 'defaulted');
    assert.equal(r.object.spec.images[0].to.name, '1.25', 'to defaults to the tag of from');
  });

  test('text, bytes, an ArrayBuffer and an object give the same answer', () => {
    const doc = validImport({ metadata: { name: 'a/b' } });
    const fromObject = isi.validate(doc);
    for (const input of [JSON.stringify(doc), new TextEncoder().encode(JSON.stringify(doc)), new TextEncoder().encode(JSON.stringify(doc)).buffer]) {
      const r = isi.validate(input);
      assert.deepEqual(r.causes, fromObject.causes);
      assert.deepEqual(r.status, fromObject.status);
    }
    assert.deepEqual(fromObject.positions, [null], 'an object has no positions');
  });

  test('an invalid document: the 422 Status with causes, and the object', () => {
    const r = isi.validate(validImport({ metadata: { name: 'a/b' } }));
    assert.equal(r.valid, false);
    assert.equal(r.status.code, 422);
    assert.deepEqual(r.causes, [{ reason: 'FieldValueInvalid', message: `Invalid value: "a/b": may not contain '/'`, field: 'metadata.name' }]);
    assert.equal(r.object.metadata.name, 'a/b');
  });

  test('Strict is the default; Warn warns; Ignore ignores', () => {
    const text = VALID_YAML.replace('import: false', 'import: false\n  bogus: 1');
    assert.equal(isi.validate(text).status.code, 400);
    assert.equal(isi.validate(text, { fieldValidation: 'Strict' }).status.code, 400);
    const warn = isi.validate(text, { fieldValidation: 'Warn' });
    assert.equal(warn.valid, true);
    assert.deepEqual(warn.warnings, ['unknown field "spec.bogus"']);
    const ignore = isi.validate(text, { fieldValidation: 'Ignore' });
    assert.equal(ignore.valid, true);
    assert.deepEqual(ignore.warnings, []);
  });

  test('namespace: fills an empty one; a different one is the server\'s 400', () => {
    assert.equal(isi.validate(VALID_YAML, { namespace: 'team' }).object.metadata.namespace, 'team');
    const r = isi.validate(validImport({ metadata: { name: 'web', namespace: 'a' } }), { namespace: 'b' });
    assert.equal(r.status.code, 400);
    assert.equal(r.status.message, 'the namespace of the provided object does not match the namespace sent on the request');
  });

  test('kind: ImageStream and Image documents are validated as such', () => {
    assert.equal(isi.validate('kind: ImageStream\napiVersion: image.openshift.io/v1\nmetadata: {name: s}\n').kind, 'ImageStream');
    const img = isi.validate('kind: Image\napiVersion: image.openshift.io/v1\nmetadata: {name: i}\n');
    assert.equal(img.kind, 'Image');
    assert.deepEqual(img.causes.map((c) => c.field), ['dockerImageReference']);
  });

  test('bad options throw a TypeError (a programming error, not bad input)', () => {
    assert.throws(() => isi.validate(VALID_YAML, { fieldValidation: 'strict' }), TypeError);
    assert.throws(() => isi.validate(VALID_YAML, { namespace: 5 }), TypeError);
    assert.throws(() => isi.validate(VALID_YAML, { kind: 5 }), TypeError);
    assert.throws(() => isi.validate(VALID_YAML, 'Strict'), TypeError);
    assert.throws(() => isi.validateAll(VALID_YAML, { fieldValidation: 'Loose' }), /fieldValidation must be one of Strict, Warn, Ignore/);
  });

  test('validate() takes one document; validateAll() many, each with its source index', () => {
    const text = `---\n# only a comment\n---\nnull\n---\n${VALID_YAML}---\n${VALID_YAML.replace('DockerImage', 'X')}`;
    const one = isi.validate(text);
    assert.equal(one.status.code, 400);
    assert.match(one.status.message, /the input holds 2 objects; validate\(\) takes one \(use validateAll\(\)\)/);
    const all = isi.validateAll(text);
    assert.deepEqual(all.map((r) => [r.source, r.valid]), [[0, true], [1, false]]);
    assert.deepEqual(all[1].positions, [pos(25, 13)]);
    assert.equal(isi.validate('# nothing\n').status.message, 'no objects passed to validate');
    assert.deepEqual(isi.validateAll(''), []);
  });

  test('JSON: a root "items" makes a list (the core says so); "items" anywhere else does not', () => {
    const doc = validImport({ metadata: { name: 'web', annotations: { items: '"items"' } } });
    const one = isi.validateAll(JSON.stringify(doc));
    assert.deepEqual(one.map((r) => [r.item, r.valid]), [['', true]], 'one object, items only in an annotation');
    const list = { kind: 'List', apiVersion: 'v1', items: [doc, validImport({ metadata: { name: 'b/c' } })] };
    assert.deepEqual(isi.validateAll(JSON.stringify(list)).map((r) => [r.item, r.valid]), [['items[0]', true], ['items[1]', false]]);
    // An ImageStreamImport with a root "items" is a list to kubectl whatever the field validation:
    // with Ignore the core accepts it, and only its answer can tell that the root has "items".
    const withItems = JSON.stringify({ ...doc, items: [] });
    for (const fieldValidation of ['Strict', 'Ignore']) {
      assert.deepEqual(isi.validateAll(withItems, { fieldValidation }), [], `an empty list (${fieldValidation})`);
      assert.equal(isi.validate(withItems, { fieldValidation }).status.message, 'no objects passed to validate');
    }
  });

  test('the decoded object is read on demand, and JSON.stringify shows it after diagnostics', () => {
    const r = isi.validate(JSON.stringify(validImport({ metadata: { name: 'web' } })));
    assert.equal('object' in r, true);
    const shown = JSON.parse(JSON.stringify(r));
    assert.deepEqual(Object.keys(shown), ['valid', 'kind', 'causes', 'warnings', 'positions', 'diagnostics', 'object']);
    assert.deepEqual(shown.object, r.object);
    assert.equal(shown.object.metadata.namespace, 'default');
    assert.equal(r.object, r.object, 'decoded once');
  });
});

describe('YAML as kubectl reads it (YAML 1.1, go-yaml v2 → JSON)', () => {
  const meta = (extra) => VALID_YAML.replace('  name: web\n', `  name: web\n${extra}`);
  test('yes/on/y are booleans; quoted "yes" is a string', () => {
    for (const word of ['yes', 'Yes', 'on', 'ON', 'y', 'true']) {
      const r = isi.validate(VALID_YAML.replace('import: false', `import: ${word}`));
      assert.equal(r.object?.spec.import, true, word);
    }
    for (const word of ['no', 'off', 'n', 'False']) assert.equal(isi.validate(VALID_YAML.replace('import: false', `import: ${word}`)).object.spec.import, false, word);
    assert.equal(isi.validate(VALID_YAML.replace('import: false', 'import: "yes"')).status.code, 400);
  });

  test('YAML 1.1 integers: octal 010, hex 0x10, 1_000; timestamps stay text', () => {
    assert.equal(isi.validate(meta('  generation: 010\n')).object.metadata.generation, 8);
    assert.equal(isi.validate(meta('  generation: 0x10\n')).object.metadata.generation, 16);
    assert.equal(isi.validate(meta('  generation: 1_000\n')).object.metadata.generation, 1000);
    assert.equal(isi.validate(meta('  creationTimestamp: 2024-01-02T03:04:05Z\n')).object.metadata.creationTimestamp, '2024-01-02T03:04:05Z');
    // go-yaml v2 has no sexagesimal numbers: 1:20 is a string.
    assert.equal(isi.validate(meta('  labels: {a: 1:20}\n')).object.metadata.labels.a, '1:20');
  });

  test('integers beyond 2^53 reach the core as their exact digits', () => {
    const r = isi.validate(meta('  generation: 9223372036854775808\n'));
    assert.match(r.status.message, /cannot unmarshal number 9223372036854775808 into Go struct field ObjectMeta\.metadata\.generation of type int64$/);
    const ok = isi.validate(meta('  generation: 9223372036854775807\n'));
    assert.equal(ok.valid, true, 'the largest int64 is accepted');
  });

  test('merge keys (<<) and aliases', () => {
    const text = `${VALID_YAML}    importPolicy: &policy {importMode: PreserveOriginal}
  - from: {kind: DockerImage, name: redis}
    importPolicy:
      <<: *policy
      insecure: true
`;
    const r = isi.validate(text);
    assert.equal(r.valid, true, JSON.stringify(r.status));
    assert.deepEqual(r.object.spec.images[1].importPolicy, { insecure: true, importMode: 'PreserveOriginal' });
  });

  test('non-string keys become strings as sigs.k8s.io/yaml makes them', () => {
    const r = isi.validate(meta('  labels: {1: a, true: b, 1.5: c}\n'));
    assert.deepEqual(r.object.metadata.labels, { 1: 'a', true: 'b', 1.5: 'c' });
  });
});

describe('positions', () => {
  test('YAML: a cause points at the value it names', () => {
    const r = isi.validate(VALID_YAML.replace('kind: DockerImage', 'kind: ImageStreamTag'));
    assert.deepEqual(r.positions, [pos(9, 13)]);
    assert.deepEqual(r.diagnostics, [{
      severity: 'error', field: 'spec.images[0].from.kind', line: 9, column: 13,
      message: 'spec.images[0].from.kind: Invalid value: "ImageStreamTag": only DockerImage is supported',
      kind: 'cause', path: 'spec.images[0].from.kind', byteOffset: -1,
    }]);
  });

  test('YAML: a missing field points at its nearest ancestor', () => {
    const r = isi.validate(VALID_YAML.replace('      name: docker.io/library/nginx:1.25\n', ''));
    assert.deepEqual(r.causes.map((c) => c.field), ['spec.images[0].from.name']);
    assert.deepEqual(r.positions, [pos(8, 5)], 'the `from:` key');
    const noMeta = isi.validate('kind: ImageStreamImport\napiVersion: image.openshift.io/v1\nspec: {images: [{from: {kind: DockerImage, name: x}}]}\n');
    assert.deepEqual(noMeta.positions, [pos(1, 1)], 'the document');
  });

  test('YAML: a label named by its key', () => {
    const r = isi.validate(VALID_YAML.replace('  name: web\n', '  name: web\n  labels:\n    ok: fine\n    "bad key": x\n'));
    assert.deepEqual(r.causes.map((c) => c.field), ['metadata.labels']);
    assert.deepEqual(r.positions, [pos(7, 5)]);
  });

  const STREAM = `kind: ImageStream
apiVersion: image.openshift.io/v1
metadata: {name: s}
spec:
  tags:
  - name: one
    from: {kind: DockerImage, name: a}
  - name: two
    from: {kind: DockerImage, name: b}
    referencePolicy:
      type: Other
status:
  dockerImageRepository: ""
  tags:
  - tag: two
    items:
    - created: null
      dockerImageReference: ""
      image: x
      generation: 0
`;

  test('YAML: list entries named by their name (spec.tags[<name>])', () => {
    const r = isi.validate(STREAM);
    assert.deepEqual(r.causes.map((c) => c.field), ['spec.tags[two].referencePolicy.type']);
    assert.deepEqual(r.positions, [pos(11, 13)]);
  });

  test('paths: status.tags[<tag>], map keys, dotted keys, the nearest ancestor', () => {
    const lines = new LineIndex(STREAM);
    const [{ tree }] = splitDocuments(STREAM, lines).docs;
    const at = (path, opts) => lines.position(offsetOfPath(tree, path, opts));
    assert.deepEqual(at('status.tags[two].items[0].dockerImageReference'), pos(18, 29));
    assert.deepEqual(at('status.tags[two].items[0]'), pos(17, 7));
    assert.deepEqual(at('spec.tags[two].from.name'), pos(9, 37));
    assert.deepEqual(at('spec.tags[two].importPolicy.importMode'), pos(8, 5), 'missing: the list entry');
    assert.deepEqual(at('spec.tags[three].from'), pos(5, 3), 'no such entry: the list');
    assert.deepEqual(at('metadata.name'), pos(3, 18));
    const labels = 'metadata:\n  labels:\n    app.kubernetes.io/name: x\n';
    const l2 = new LineIndex(labels);
    const t2 = splitDocuments(labels, l2).docs[0].tree;
    assert.deepEqual(l2.position(offsetOfPath(t2, 'metadata.labels[app.kubernetes.io/name]')), pos(3, 29));
    assert.deepEqual(l2.position(offsetOfPath(t2, 'metadata.labels.app.kubernetes.io/name', { preferKey: true })), pos(3, 5));
  });

  test('JSON: causes, unknown and duplicate fields, type and syntax errors', () => {
    const json = (s) => s.replace(/'/g, '"');
    let r = isi.validate(json(`{
  'kind': 'ImageStreamImport',
  'apiVersion': 'image.openshift.io/v1',
  'metadata': {'name': 'a/b'},
  'spec': {'images': [{'from': {'kind': 'DockerImage', 'name': 'x'}}]}
}`));
    assert.deepEqual(r.positions, [pos(4, 24)]);
    r = isi.validate(json(`{'kind': 'ImageStreamImport', 'apiVersion': 'image.openshift.io/v1',
 'metadata': {'name': 'a'},
 'spec': {'imports': 1, 'images': [{'from': {'kind': 'DockerImage', 'name': 'x'}}]},
 'spec': {}}`));
    assert.deepEqual(r.diagnostics.map((d) => [d.message, d.line, d.column, d.hint]), [
      ['unknown field "spec.imports"', 3, 11, 'did you mean "import"?'],
      ['duplicate field "spec"', 4, 2, undefined],
    ]);
    r = isi.validate(json(`{'kind': 'ImageStreamImport', 'apiVersion': 'image.openshift.io/v1', 'metadata': {'name': 'a'},
 'spec': {'images': [{'from': {'kind': 'DockerImage', 'name': 'x'}}, {'from': {'kind': 'DockerImage', 'name': 7}}]}}`));
    assert.equal(r.status.code, 400);
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.column]), [[2, 111]], 'the number, in the second image');
    r = isi.validate('{"kind": "ImageStreamImport",\n  "spec": {"images": [}\n}');
    assert.equal(r.status.code, 400);
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.column]), [[2, 23]]);
  });

  test('YAML: unknown fields point at their key; errors before the core at their place', () => {
    const r = isi.validate(VALID_YAML.replace('      kind: DockerImage', '      kind: DockerImage\n      nmae: x'), { fieldValidation: 'Warn' });
    // YAML reaches the core re-encoded as JSON: the finding is placed by its path, and has no byte of the text.
    assert.deepEqual(r.diagnostics, [{
      severity: 'warning', message: 'unknown field "spec.images[0].from.nmae"', field: 'spec.images[0].from.nmae', line: 10, column: 7, hint: 'did you mean "name"?',
      kind: 'unknownField', path: 'spec.images[0].from.nmae', byteOffset: -1,
    }]);
    const tab = isi.validate('kind: ImageStreamImport\nmetadata:\n\tname: x\n');
    assert.deepEqual(tab.diagnostics, [{ kind: 'syntax', severity: 'error', path: '', byteOffset: -1, message: 'Tabs are not allowed as indentation', line: 3, column: 1 }]);
  });

  test('the namespace mismatch points at metadata.namespace', () => {
    const r = isi.validate(VALID_YAML.replace('  name: web\n', '  name: web\n  namespace: a\n'), { namespace: 'b' });
    assert.deepEqual(r.diagnostics.map((d) => [d.field, d.line, d.column]), [['metadata.namespace', 5, 14]]);
  });
});

describe('did you mean', () => {
  test('one edit away: insertion, deletion, substitution, transposition; or only the case differs', () => {
    assert.equal(withinOneEdit('frm', 'from'), true);
    assert.equal(withinOneEdit('fromm', 'from'), true);
    assert.equal(withinOneEdit('fram', 'from'), true);
    assert.equal(withinOneEdit('form', 'from'), true);
    assert.equal(withinOneEdit('from', 'from'), false);
    assert.equal(withinOneEdit('fm', 'from'), false);
    assert.equal(withinOneEdit('morf', 'from'), false);
  });

  test('hints by kind and place, from the JSON Schemas', async () => {
    const schemas = (await import('node:fs')).readFileSync;
    const read = (f) => JSON.parse(schemas(new URL(`../../../schemas/${f}`, import.meta.url), 'utf8'));
    const s = { ImageStreamImport: read('imagestreamimport-image-v1.json'), ImageStream: read('imagestream-image-v1.json'), Image: read('image-image-v1.json') };
    assert.equal(suggestField(s, 'ImageStreamImport', 'spec.images[0].form'), 'did you mean "from"?');
    assert.equal(suggestField(s, 'ImageStreamImport', 'metdata'), 'did you mean "metadata"?');
    assert.equal(suggestField(s, 'ImageStreamImport', 'spec.Import'), 'did you mean "import"?');
    assert.equal(suggestField(s, 'ImageStreamImport', 'spec.repository.importPolicy.importmode'), 'did you mean "importMode"?');
    assert.equal(suggestField(s, 'ImageStreamImport', 'metadata.ownerReferences[0].ui'), 'did you mean "uid"?');
    assert.equal(suggestField(s, 'ImageStream', 'spec.tags[0].referencePolcy'), 'did you mean "referencePolicy"?');
    assert.equal(suggestField(s, 'Image', 'dockerImageRefrence'), 'did you mean "dockerImageReference"?');
    assert.equal(suggestField(s, 'ImageStreamImport', 'spec.bogus'), null);
    assert.equal(suggestField(s, 'ImageStreamImport', 'spec.images[0].from.kind.x'), null);
    assert.deepEqual(parsePath('status.tags[a.b/c].items[2].x'), [{ name: 'status' }, { name: 'tags' }, { key: 'a.b/c' }, { name: 'items' }, { key: '2' }, { name: 'x' }]);
  });

  test('the server\'s texts are never altered; load({schemas: false}) gives no hints', async () => {
    const text = VALID_YAML.replace('  - from:', '  - frm:');
    const r = isi.validate(text);
    assert.equal(r.status.message, 'ImageStreamImport in version "v1" cannot be handled as a ImageStreamImport: strict decoding error: unknown field "spec.images[0].frm"');
    assert.equal(r.diagnostics[0].message, 'unknown field "spec.images[0].frm"');
    assert.equal(r.diagnostics[0].hint, 'did you mean "from"?');
    const bare = await load({ schemas: false });
    assert.equal(bare.validate(text).diagnostics[0].hint, undefined);
  });
});
