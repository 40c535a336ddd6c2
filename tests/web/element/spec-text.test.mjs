// The form's edits written into the spec's text: comments and layout kept in YAML, JSON
// re-indented, optional fields removed when emptied, and text the form cannot edit left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdit, readSpec } from '../../../web/element/spec-text.js';

const YAML = `# the demo
apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: demo  # the stream
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: quay.io/org/app:1
`;

test('readSpec reads one YAML or JSON document as the form shows it, or says why it cannot', () => {
  assert.equal(readSpec(YAML).object.spec.images[0].from.name, 'quay.io/org/app:1');
  assert.equal(readSpec('{"spec": {"import": true}}').format, 'json');
  assert.deepEqual(readSpec(''), { format: 'yaml', object: {} });
  assert.equal(readSpec('a: [1').error, 'fix the YAML syntax to use the form');
  assert.equal(readSpec('{"a": ').error, 'fix the JSON syntax to use the form');
  assert.equal(readSpec('a: 1\n---\nb: 2\n').error, 'the form edits one document; this text holds several');
  assert.equal(readSpec('- 1\n').error, 'the form edits a mapping (an object)');
  assert.equal(readSpec('[1]').error, 'the form edits a JSON object');
});

test('a YAML edit keeps the comments, the kubectl sequence indentation and every untouched line', () => {
  const out = applyEdit(YAML, { op: 'set', path: ['spec', 'images', 0, 'to', 'name'], value: 'stable' });
  assert.equal(out, `# the demo
apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: demo # the stream
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: quay.io/org/app:1
    to:
      name: stable
`);
});

test('emptying an optional field removes it, and the mapping it leaves empty; keep: true keeps an empty value', () => {
  const withTo = applyEdit(YAML, { op: 'set', path: ['spec', 'images', 0, 'to', 'name'], value: 'stable' });
  assert.equal(applyEdit(withTo, { op: 'set', path: ['spec', 'images', 0, 'to', 'name'], value: '' }), YAML.replace('demo  #', 'demo #'));
  const unchecked = applyEdit(YAML, { op: 'set', path: ['spec', 'images', 0, 'importPolicy', 'insecure'], value: false });
  assert.doesNotMatch(unchecked, /importPolicy/);
  const emptied = applyEdit(YAML, { op: 'set', path: ['spec', 'images', 0, 'from', 'name'], value: '', keep: true });
  assert.match(emptied, /name: ""/);
});

test('append and delete: images are added and removed by index', () => {
  const two = applyEdit(YAML, { op: 'append', path: ['spec', 'images'], value: { from: { kind: 'DockerImage', name: '' } } });
  assert.equal(readSpec(two).object.spec.images.length, 2);
  const typed = applyEdit(two, { op: 'set', path: ['spec', 'images', 1, 'from', 'name'], value: 'quay.io/org/second:2', keep: true });
  assert.match(typed, /name: quay\.io\/org\/second:2\n/); // plain, not the "" it replaced
  const one = applyEdit(typed, { op: 'delete', path: ['spec', 'images', 0] });
  assert.deepEqual(readSpec(one).object.spec.images, [{ from: { kind: 'DockerImage', name: 'quay.io/org/second:2' } }]);
  const fresh = applyEdit('', { op: 'append', path: ['spec', 'images'], value: { from: { kind: 'DockerImage', name: 'x' } } });
  assert.deepEqual(readSpec(fresh).object, { spec: { images: [{ from: { kind: 'DockerImage', name: 'x' } }] } });
});

test('JSON is edited as JSON: two-space indentation, nothing lost', () => {
  const json = '{"kind":"ImageStreamImport","spec":{"images":[{"from":{"kind":"DockerImage","name":"a:1"}}]}}';
  const out = applyEdit(json, { op: 'set', path: ['spec', 'images', 0, 'importPolicy', 'importMode'], value: 'PreserveOriginal' });
  assert.deepEqual(JSON.parse(out), { kind: 'ImageStreamImport', spec: { images: [{ from: { kind: 'DockerImage', name: 'a:1' }, importPolicy: { importMode: 'PreserveOriginal' } }] } });
  assert.match(out, /^\{\n {2}"kind"/);
  const removed = applyEdit(out, { op: 'set', path: ['spec', 'images', 0, 'importPolicy', 'importMode'], value: '' });
  assert.deepEqual(JSON.parse(removed).spec.images[0], { from: { kind: 'DockerImage', name: 'a:1' } });
});

test('text the form cannot edit is left alone (null)', () => {
  assert.equal(applyEdit('a: [1', { op: 'set', path: ['a'], value: 1 }), null);
  assert.equal(applyEdit('a: 1\n---\nb: 2\n', { op: 'set', path: ['a'], value: 2 }), null);
});
