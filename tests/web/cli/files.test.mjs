// Real files and real habits: what `oc get -o yaml` prints and repositories keep (Lists, typed
// lists, Templates and Deployments beside image documents, OpenShift 3's v1), read as kubectl
// reads them, and every output format of `isimport validate`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stringify as yamlStringify, parse as yamlParse } from 'yaml';

import { childPaths } from '../../../web/cli/io.js';
import { runCli, tempTree, parseJsonReport } from '../support/cli-run.mjs';
import { parseXml, findAll } from '../support/xml.mjs';

// `oc get is -o yaml`: a v1 List of ImageStreams (line numbers below refer to this text).
const OC_GET_IS = `apiVersion: v1
items:
- apiVersion: image.openshift.io/v1
  kind: ImageStream
  metadata:
    name: ruby
    namespace: demo
  spec:
    lookupPolicy:
      local: false
    tags:
    - name: "3.3"
      from:
        kind: DockerImage
        name: registry.access.redhat.com/ubi9/ruby-33:latest
- apiVersion: image.openshift.io/v1
  kind: ImageStream
  metadata:
    name: Bad_Name
    namespace: demo
- apiVersion: image.openshift.io/v1
  kind: ImageStream
  metadata:
    name: nodejs
    namespace: demo
kind: List
metadata:
  resourceVersion: ""
`;

// A typed list, as the API serves it: the items carry no kind and no apiVersion.
const IS_LIST = JSON.stringify({
  kind: 'ImageStreamList',
  apiVersion: 'image.openshift.io/v1',
  metadata: {},
  items: [
    { metadata: { name: 'a' }, spec: { tags: [{ name: 'x', from: { kind: 'DockerImage', name: 'quay.io/a/b:1' } }] } },
    { metadata: { name: 'b' }, spec: { tags: [{ name: 'y', from: { kind: 'DockerImage', name: 'Quay.io/A/B:1' } }] } },
  ],
}, null, 2);

const TEMPLATE = `apiVersion: template.openshift.io/v1
kind: Template
metadata:
  name: app
objects:
- apiVersion: image.openshift.io/v1
  kind: ImageStream
  metadata:
    name: \${NAME}
parameters:
- name: NAME
`;
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
const ISI = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: web\nspec:\n  import: false\n  images:\n  - from:\n      kind: DockerImage\n      name: quay.io/org/app:1\n';
// OpenShift 3: apiVersion v1 and a top-level labels.
const OLD_STREAM = 'apiVersion: v1\nkind: ImageStream\nmetadata:\n  name: old\nspec: {}\n';
const LABELS = 'apiVersion: image.openshift.io/v1\nkind: ImageStream\nmetadata:\n  name: old\nlabels:\n  app: old\n';
const TYPO_KIND = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImprot\nmetadata:\n  name: web\n';
const UNMODELED = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamTag\nmetadata:\n  name: web:latest\n';

let tree;
before(async () => {
  tree = await tempTree({
    'oc-get-is.yaml': OC_GET_IS,
    'is-list.json': IS_LIST,
    'manifests/template.yaml': TEMPLATE,
    'manifests/deployment.yaml': `${DEPLOYMENT}---\n${SERVICE}`,
    'manifests/isi.yaml': ISI,
    'manifests/more/nested.yaml': ISI,
    'old.yaml': OLD_STREAM,
    'labels.yaml': LABELS,
    'typo-kind.yaml': TYPO_KIND,
    'unmodeled.yaml': UNMODELED,
    'bad.json': '{\n  "apiVersion": "image.openshift.io/v1",\n  "kind": "ImageStreamImport",\n  "metadata": {"name": "x",}\n}\n',
    'bad.yaml': 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: x\n   oops: [1\n',
    'not-a-list.yaml': 'apiVersion: v1\nkind: List\nitems: {a: 1}\n',
  });
});
after(() => tree?.remove());

const json = async (args) => {
  const r = await runCli(['validate', '-o', 'json', ...args], { cwd: tree.dir });
  return { ...r, entries: parseJsonReport(assert, r.stdout) };
};

describe('lists', () => {
  test('oc get is -o yaml: each item validated on its own, named file#N/items[i], positions inside the file; a bad item hides no other', async () => {
    const r = await runCli(['validate', 'oc-get-is.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      'oc-get-is.yaml#0/items[0]: valid',
      'oc-get-is.yaml#0/items[1]: ImageStream.image.openshift.io "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"',
      '  oc-get-is.yaml:19:11: metadata.name: Invalid value: "Bad_Name": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"',
      'oc-get-is.yaml#0/items[2]: valid',
      '',
    ].join('\n'));
  });

  test('a typed list (ImageStreamList) whose items carry no kind: they are ImageStreams, as kubectl reads them', async () => {
    const { code, entries } = await json(['is-list.json']);
    assert.equal(code, 1);
    assert.deepEqual(entries.map((e) => [e.source, e.valid]), [['is-list.json#0/items[0]', true], ['is-list.json#0/items[1]', false]]);
    assert.equal(entries[1].status.details.kind, 'ImageStream');
    assert.deepEqual(entries[1].causes.map((c) => c.field), ['spec.tags[y].from.name']);
    assert.deepEqual(entries[1].positions, [{ line: 32, column: 23 }]); // "Quay.io/A/B:1"
  });

  test('items that are not a list are refused as kubectl\u2019s decoder refuses them', async () => {
    const { code, entries } = await json(['not-a-list.yaml']);
    assert.equal(code, 1);
    assert.match(entries[0].status.message, /cannot unmarshal object into Go struct field \.items of type \[\]json\.RawMessage/);
  });
});

describe('kinds', () => {
  test('a directory of manifests: other groups\u2019 kinds are skipped, counted, and change no exit status; subdirectories only with -R', async () => {
    const r = await runCli(['validate', '--summary', 'manifests'], { cwd: tree.dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, [
      'manifests/deployment.yaml#0: skipped: apps/v1 Deployment: not an image.openshift.io kind',
      'manifests/deployment.yaml#1: skipped: v1 Service: not an image.openshift.io kind',
      'manifests/isi.yaml#0: valid',
      'manifests/template.yaml#0: skipped: template.openshift.io/v1 Template: not an image.openshift.io kind',
      'Summary: 4 objects found in 3 inputs - Valid: 1, Invalid: 0, Errors: 0, Skipped: 3',
      '',
    ].join('\n'));
    const recursive = await runCli(['validate', '-R', '--summary', '-q', 'manifests'], { cwd: tree.dir });
    assert.equal(recursive.stdout, 'Summary: 5 objects found in 4 inputs - Valid: 2, Invalid: 0, Errors: 0, Skipped: 3\n');
  });

  test('-o json: a skipped object is {source, skipped, kind, apiVersion, reason}, without valid', async () => {
    const { entries } = await json(['manifests/deployment.yaml']);
    assert.deepEqual(entries, [
      { source: 'manifests/deployment.yaml#0', skipped: true, kind: 'Deployment', apiVersion: 'apps/v1', reason: 'apps/v1 Deployment: not an image.openshift.io kind' },
      { source: 'manifests/deployment.yaml#1', skipped: true, kind: 'Service', apiVersion: 'v1', reason: 'v1 Service: not an image.openshift.io kind' },
    ]);
  });

  test('--reject-unknown-kinds makes them errors; --skip and --kinds narrow the set (Kind or apiVersion/Kind)', async () => {
    const rejected = await json(['--reject-unknown-kinds', 'manifests/deployment.yaml', 'manifests/isi.yaml']);
    assert.equal(rejected.code, 1);
    assert.deepEqual(rejected.entries.map((e) => e.valid), [false, false, true]);
    assert.match(rejected.entries[0].status.message, /^isimport does not validate apps\/v1 Deployment \(--reject-unknown-kinds\)/);
    assert.deepEqual(rejected.entries[0].positions, []);
    assert.deepEqual(rejected.entries[0].diagnostics[0], { severity: 'error', message: rejected.entries[0].status.message, field: 'kind', line: 2, column: 7, kind: 'cause', path: 'kind', byteOffset: -1 });

    const skip = await json(['--skip', 'ImageStreamImport,v1/Service', 'manifests/deployment.yaml', 'manifests/isi.yaml']);
    assert.deepEqual(skip.entries.map((e) => e.reason), ['apps/v1 Deployment: not an image.openshift.io kind', 'v1 Service: skipped (--skip)', 'image.openshift.io/v1 ImageStreamImport: skipped (--skip)']);
    const kinds = await json(['--kinds', 'ImageStream', 'oc-get-is.yaml', 'manifests/isi.yaml']);
    assert.deepEqual(kinds.entries.map((e) => e.skipped ?? false), [false, false, false, true]);
    assert.equal(kinds.entries[3].reason, 'image.openshift.io/v1 ImageStreamImport: not among the kinds asked for (--kinds)');
  });

  test('a typo of an image kind is an error naming the nearest kind; an image kind isimport does not model is an error too', async () => {
    const r = await runCli(['validate', 'typo-kind.yaml', 'unmodeled.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      // The core's answer, as the API server words it; the hint is isimport's.
      'typo-kind.yaml#0: ImageStreamImprot in version "v1" cannot be handled as a ImageStreamImport: no kind "ImageStreamImprot" is registered for version "image.openshift.io/v1"',
      '  typo-kind.yaml:2:7: ImageStreamImprot in version "v1" cannot be handled as a ImageStreamImport: no kind "ImageStreamImprot" is registered for version "image.openshift.io/v1"; did you mean kind: ImageStreamImport?',
      'unmodeled.yaml#0: isimport does not validate ImageStreamTag (image.openshift.io/v1): it models ImageStreamImport, ImageStream and Image',
      '  unmodeled.yaml:2:7: isimport does not validate ImageStreamTag (image.openshift.io/v1): it models ImageStreamImport, ImageStream and Image',
      '',
    ].join('\n'));
  });

  test('OpenShift 3\u2019s apiVersion: v1 is refused as OpenShift 4 refuses it, with the fix; a top-level labels points to metadata.labels', async () => {
    const r = await runCli(['validate', 'old.yaml', 'labels.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      'old.yaml#0: the API version in the data (v1) does not match the expected API version (image.openshift.io/v1)',
      '  old.yaml:1:13: the API version in the data (v1) does not match the expected API version (image.openshift.io/v1); apiVersion: image.openshift.io/v1 (OpenShift 3 wrote v1; OpenShift 4 serves the image kinds only in image.openshift.io/v1)',
      'labels.yaml#0: ImageStream in version "v1" cannot be handled as a ImageStream: strict decoding error: unknown field "labels"',
      '  labels.yaml:5:1: unknown field "labels"; did you mean "metadata.labels"?',
      '',
    ].join('\n'));
  });
});

describe('syntax errors', () => {
  test('JSON in Go\u2019s encoding/json words at its line and column; YAML at its line and column; one line each', async () => {
    const r = await runCli(['validate', 'bad.json', 'bad.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4, r.stdout);
    assert.equal(lines[0], 'bad.json#0: the object provided is unrecognized (must be of type ImageStreamImport): couldn\'t get version/kind; json parse error: invalid character \'}\' looking for beginning of object key string ({\n  "apiVersion": "image.opens ...)'.replace('\n', '\\n'));
    assert.equal(lines[1], "  bad.json:4:28: invalid character '}' looking for beginning of object key string");
    assert.match(lines[2], /^bad\.yaml#0: error converting YAML to JSON: yaml: line 4, column 9: Nested mappings are not allowed in compact mappings$/);
    assert.equal(lines[3], '  bad.yaml:4:9: Nested mappings are not allowed in compact mappings');
  });
});

describe('outputs', () => {
  const inputs = ['oc-get-is.yaml', 'manifests/deployment.yaml', 'missing.yaml'];

  test('-f FILE as well as operands; an unreadable file is an entry of -o json and -o yaml too', async () => {
    const r = await runCli(['validate', '-o', 'json', '-f', 'oc-get-is.yaml', '--filename', 'manifests/deployment.yaml', 'missing.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 2);
    const entries = parseJsonReport(assert, r.stdout);
    assert.deepEqual(entries.map((e) => e.source), ['oc-get-is.yaml#0/items[0]', 'oc-get-is.yaml#0/items[1]', 'oc-get-is.yaml#0/items[2]', 'manifests/deployment.yaml#0', 'manifests/deployment.yaml#1', 'missing.yaml']);
    assert.deepEqual(entries[5], { source: 'missing.yaml', valid: false, error: 'cannot read missing.yaml: no such file or directory' });
    const y = await runCli(['validate', '-o', 'yaml', ...inputs], { cwd: tree.dir });
    assert.deepEqual(yamlParse(y.stdout), entries);
  });

  test('decode errors keep their positions in -o json (diagnostics, with hints)', async () => {
    const { entries } = await json(['labels.yaml', 'bad.json']);
    assert.deepEqual(entries[0].diagnostics, [{ severity: 'error', message: 'unknown field "labels"', field: 'labels', line: 5, column: 1, hint: 'did you mean "metadata.labels"?', kind: 'unknownField', path: 'labels', byteOffset: -1 }]);
    // JSON text: the core's byte of it, placed.
    assert.deepEqual(entries[1].diagnostics, [{ severity: 'error', message: "invalid character '}' looking for beginning of object key string", line: 4, column: 28, kind: 'syntax', path: '', byteOffset: 101 }]);
  });

  test('--summary and -q: the counts, and only the problems', async () => {
    const r = await runCli(['validate', '-q', '--summary', ...inputs], { cwd: tree.dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, [
      'oc-get-is.yaml#0/items[1]: ImageStream.image.openshift.io "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"',
      '  oc-get-is.yaml:19:11: metadata.name: Invalid value: "Bad_Name": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"',
      'Summary: 5 objects found in 3 inputs - Valid: 2, Invalid: 1, Errors: 1, Skipped: 2',
      '',
    ].join('\n'));
    assert.equal(r.stderr, 'isimport: cannot read missing.yaml: no such file or directory\n');
    const j = await runCli(['validate', '-o', 'json', '--summary', ...inputs], { cwd: tree.dir });
    const { objects, summary } = JSON.parse(j.stdout);
    assert.equal(objects.length, 6);
    assert.deepEqual(summary, { objects: 5, valid: 2, invalid: 1, skipped: 2, errors: 1, inputs: 3 });
  });

  test('-o tap: a test point per object, problems in a YAML block, skips as directives', async () => {
    const r = await runCli(['validate', '-o', 'tap', ...inputs], { cwd: tree.dir });
    assert.equal(r.code, 2);
    const lines = r.stdout.split('\n');
    // A TAP description holds no bare # (it would start a directive).
    assert.deepEqual(lines.slice(0, 3), ['TAP version 13', '1..6', 'ok 1 - oc-get-is.yaml\\#0/items[0]']);
    assert.equal(lines[3], 'not ok 2 - oc-get-is.yaml\\#0/items[1]');
    assert.equal(lines[4], '  ---');
    const end = lines.indexOf('  ...');
    const block = yamlParse(lines.slice(5, end).map((l) => l.slice(2)).join('\n'));
    assert.equal(block.severity, 'fail');
    assert.deepEqual(block.errors, ['oc-get-is.yaml:19:11: metadata.name: Invalid value: "Bad_Name": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"']);
    assert.ok(lines.includes('ok 4 - manifests/deployment.yaml\\#0 # SKIP apps/v1 Deployment: not an image.openshift.io kind'), r.stdout);
    assert.ok(lines.includes('not ok 6 - missing.yaml'));
  });

  test('-o junit: lists\u2019 items are testcases, skipped objects <skipped/>', async () => {
    const r = await runCli(['validate', '-o', 'junit', 'oc-get-is.yaml', 'manifests/deployment.yaml'], { cwd: tree.dir });
    const root = parseXml(r.stdout);
    const cases = findAll(root, 'testcase');
    assert.deepEqual(cases.map((c) => c.attrs.name), ['oc-get-is.yaml#0/items[0]', 'oc-get-is.yaml#0/items[1]', 'oc-get-is.yaml#0/items[2]', 'manifests/deployment.yaml#0', 'manifests/deployment.yaml#1']);
    assert.equal(findAll(root, 'skipped').length, 2);
    assert.equal(root.attrs.skipped, '2');
    // junit is the report that shows each object's time: it is measured for it.
    assert.ok(Number(root.attrs.time) > 0, `total time ${root.attrs.time}`);
  });

  test('a directory\u2019s files are named as path.join names them, however the directory is written', () => {
    for (const dir of ['.', './', '..', '/', 'files', 'files/', 'files//', './files/', 'a/./b', 'a/../b', 'a/..', '/x/y/']) {
      const pathIn = childPaths(dir);
      for (const name of ['a.yaml', '.hidden.json', 'with space.yml']) assert.equal(pathIn(name), join(dir, name), `${dir} + ${name}`);
    }
  });
});

describe('the library reads files the same way (validateAll)', () => {
  test('items with source and item, skipped objects, and validate() of a one-item list', async () => {
    const { load } = await import('../../../web/lib/isimport.js');
    const isi = await load();
    const all = isi.validateAll(`${OC_GET_IS}---\n${DEPLOYMENT}`);
    assert.deepEqual(all.map((r) => [r.source, r.item, r.valid, r.skipped ?? false]), [
      [0, 'items[0]', true, false], [0, 'items[1]', false, false], [0, 'items[2]', true, false], [1, '', true, true],
    ]);
    const one = isi.validate(yamlStringify({ apiVersion: 'v1', kind: 'List', items: [yamlParse(ISI)] }));
    assert.equal(one.valid, true);
    assert.equal(one.kind, 'ImageStreamImport');
    assert.match(isi.validate(OC_GET_IS).status.message, /the input holds 3 objects; validate\(\) takes one/);
  });

  test('importPreview’s currentImageStream (what isimport import --current hands it) takes a one-item List, as oc get is NAME -o yaml may print', async () => {
    const { load } = await import('../../../web/lib/isimport.js');
    const isi = await load();
    const current = yamlStringify({ apiVersion: 'v1', kind: 'List', items: [{
      apiVersion: 'image.openshift.io/v1', kind: 'ImageStream', metadata: { name: 'web', namespace: 'default' },
      spec: { tags: [{ name: 'kept', from: { kind: 'DockerImage', name: 'quay.io/org/app:0' } }] },
    }] });
    const spec = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: web\nspec:\n  import: true\n  images:\n  - from:\n      kind: DockerImage\n      name: registry.invalid/org/app:1\n';
    const notFound = async () => new Response('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}', { status: 404, headers: { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' } });
    const answer = await isi.importPreview(spec, { fetch: notFound, currentImageStream: current });
    assert.equal(answer.kind, 'ImageStreamImport', JSON.stringify(answer));
    assert.deepEqual(answer.status.import.spec.tags.map((t) => t.name), ['1', 'kept']);
    const two = yamlStringify({ apiVersion: 'v1', kind: 'List', items: [yamlParse(current).items[0], yamlParse(current).items[0]] });
    await assert.rejects(isi.importPreview(spec, { fetch: notFound, currentImageStream: two }), /currentImageStream: the list holds 2 objects; one ImageStream is needed/);
  });
});
