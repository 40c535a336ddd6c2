// validate()'s short ways give what the general reading gives: a JSON text is validated without
// being split into documents, the options of the last call are reused while they are unchanged,
// the text is written through a view of the core's memory kept from call to call. Results are
// compared with those of the same input as bytes (which take the general reading), deep-equal
// and JSON.stringify-identical (key order included).
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';

import { load } from 'isimport';
import { validImport } from '../support/cli-run.mjs';

let isi;
before(async () => { isi = await load(); });

const bytes = (text) => new TextEncoder().encode(text);
/** A valid ImageStreamImport with an unknown field in its spec, and `metadata` members added. */
const withUnknownField = (metadata = {}) => {
  const doc = validImport();
  doc.spec.bogus = 1;
  Object.assign(doc.metadata, metadata);
  return doc;
};
/** A valid ImageStreamImport with `metadata` members added. */
const withMetadata = (metadata) => validImport({ metadata: { name: 'web', ...metadata } });

/** The same answer for a text and its bytes, whole and as JSON, with its object read or not. */
function assertSame(text, options) {
  const fromText = isi.validate(text, options);
  const fromBytes = isi.validate(bytes(text), options);
  assert.deepEqual(Object.keys(fromText), Object.keys(fromBytes));
  assert.equal(JSON.stringify(fromText), JSON.stringify(isi.validate(bytes(text), options)));
  assert.deepEqual(fromText, fromBytes);
  assert.deepEqual(fromText.object, fromBytes.object);
  // validateAll's first result is the same one, numbered.
  const all = isi.validateAll(text, options);
  assert.equal(all.length, 1);
  assert.equal(JSON.stringify(all[0]), JSON.stringify(fromText).replace(/}$/, `,"source":0,"item":${JSON.stringify(all[0].item)}}`));
  return fromText;
}

describe('a JSON text, read without splitting', () => {
  const valid = JSON.stringify(validImport());
  const cases = {
    valid,
    'valid, indented, leading blanks': `\n\t  ${JSON.stringify(validImport(), null, 2)}`,
    'an unknown field (a finding with a byte)': JSON.stringify(withUnknownField()),
    'a 422 (causes, positions)': JSON.stringify(validImport({ metadata: { name: 'a/b' } })),
    'a type error': JSON.stringify(validImport({ spec: { import: 'yes' } })),
    'a syntax error': '{"apiVersion": "image.openshift.io/v1", "kind": ',
    'non-ASCII text before a finding': JSON.stringify(withUnknownField({ annotations: { 'ü€𝄞': 'ß' } })),
    'another group\u2019s kind (skipped)': '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"}}',
    'an image.openshift.io kind not modelled (refused at its kind)': '{"apiVersion": "image.openshift.io/v1", "kind": "ImageStreamTag",\n "metadata": {"name": "x:y"}}',
    'a kind the group does not have': '{"apiVersion": "image.openshift.io/v1", "kind": "ImageStreamImprot", "metadata": {"name": "x"}}',
    'a list of one': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [validImport()] }),
    '"items" inside a string only': JSON.stringify(withMetadata({ annotations: { note: '"items"' } })),
    'an array': '[1, 2]',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => { assertSame(text); });
  }

  test('a list of two is refused by validate() as before', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [validImport(), validImport()] });
    assert.deepEqual(isi.validate(text), isi.validate(bytes(text)));
    assert.equal(isi.validate(text).status.message, 'the input holds 2 objects; validate() takes one (use validateAll())');
  });

  test('with options (a namespace, Warn, a kind)', () => {
    const text = JSON.stringify(withUnknownField({ namespace: 'other' }));
    for (const options of [{ namespace: 'default' }, { fieldValidation: 'Warn' }, { fieldValidation: 'Ignore', namespace: 'other' }]) {
      assertSame(text, options);
    }
    const stream = '{"apiVersion": "image.openshift.io/v1", "kind": "ImageStream", "metadata": {"name": "s"}, "spec": {"bogus": 1}}';
    assertSame(stream, { kind: 'ImageStream' });
  });

  test('each result decodes its own object, read late', () => {
    const a = isi.validate(JSON.stringify(withMetadata({ name: 'first' })));
    const b = isi.validate(JSON.stringify(withMetadata({ name: 'second' })), { namespace: 'ns' });
    isi.validate('{"apiVersion": "image.openshift.io/v1", "kind": "ImageStreamImport", "metadata": {"name": "third"}}');
    assert.equal(b.object.metadata.name, 'second');
    assert.equal(b.object.metadata.namespace, 'ns');
    assert.equal(a.object.metadata.name, 'first');
    assert.equal(a.object.metadata.namespace, 'default');
  });
});

describe('the options of the last call, reused while unchanged', () => {
  const unknownField = JSON.stringify(withUnknownField());

  test('a member changed between calls is read again', () => {
    const options = { fieldValidation: 'Strict' };
    assert.equal(isi.validate(unknownField, options).valid, false);
    options.fieldValidation = 'Ignore';
    assert.equal(isi.validate(unknownField, options).valid, true);
    options.fieldValidation = 'Warn';
    const warned = isi.validate(unknownField, options);
    assert.equal(warned.valid, true);
    assert.equal(warned.diagnostics[0].severity, 'warning');
    delete options.fieldValidation;
    assert.equal(isi.validate(unknownField, options).valid, false, 'Strict again, by default');
  });

  test('a member added or removed is read again', () => {
    const options = {};
    const text = JSON.stringify(withMetadata({ namespace: 'team' }));
    assert.equal(isi.validate(text, options).valid, true);
    options.namespace = 'other';
    assert.equal(isi.validate(text, options).valid, false, 'the request\u2019s namespace is not the object\u2019s');
    options.namespace = 'team';
    assert.equal(isi.validate(text, options).valid, true);
    delete options.namespace;
    assert.equal(isi.validate(text, options).valid, true);
    assert.equal(isi.validate(JSON.stringify(withMetadata({ namespace: '' })), options).object.metadata.namespace, 'default');
  });

  test('a list of kinds changed in place is read again', () => {
    const text = JSON.stringify(validImport());
    const options = { kinds: ['Image'] };
    assert.equal(isi.validateAll(text, options)[0].skipped, true);
    options.kinds[0] = 'ImageStreamImport';
    assert.equal(isi.validateAll(text, options)[0].skipped, undefined);
    options.kinds.length = 0;
    options.kinds.push('ImageStream');
    assert.equal(isi.validateAll(text, options)[0].skipped, true);
    options.kinds.push('ImageStreamImport');
    assert.equal(isi.validateAll(text, options)[0].skipped, undefined);
  });

  test('a bad value still throws, every time, and a good one after it works', () => {
    const options = { fieldValidation: 'Strict' };
    assert.equal(isi.validate(unknownField, options).valid, false);
    options.fieldValidation = 'strict';
    assert.throws(() => isi.validate(unknownField, options), TypeError);
    assert.throws(() => isi.validate(unknownField, options), TypeError);
    options.fieldValidation = 'Ignore';
    assert.equal(isi.validate(unknownField, options).valid, true);
    const withFunction = { fieldValidation: 'Ignore', namespace: () => 'x' };
    assert.throws(() => isi.validate(unknownField, withFunction), TypeError);
    assert.throws(() => isi.validate(unknownField, withFunction), TypeError);
  });

  test('options with a getter, or from another prototype, answer as their JSON says', () => {
    let calls = 0;
    const getter = { get fieldValidation() { calls++; return calls > 1 ? 'Ignore' : 'Strict'; } };
    assert.equal(isi.validate(unknownField, getter).valid, false);
    assert.equal(isi.validate(unknownField, getter).valid, true);
    class Options { fieldValidation = 'Ignore'; }
    const fromClass = new Options();
    assert.equal(isi.validate(unknownField, fromClass).valid, true);
    fromClass.fieldValidation = 'Strict';
    assert.equal(isi.validate(unknownField, fromClass).valid, false);
  });

  test('isi.options() answers the same object for undefined and null, frozen', () => {
    assert.equal(isi.options('validate'), isi.options('validate', null));
    assert.ok(Object.isFrozen(isi.options('validate')));
  });
});

describe('the text written through a kept view of the core\u2019s memory', () => {
  test('a text that makes the memory grow, then small ones again', () => {
    const small = JSON.stringify(withUnknownField());
    const before = isi.validate(small);
    // ~2.5 MB of UTF-8 (under the 3 MiB body limit), reserved as three bytes a character.
    const big = JSON.stringify(withUnknownField({ annotations: { note: 'é'.repeat(1_250_000) } }));
    const answer = isi.validate(big);
    assert.equal(answer.valid, false);
    assert.deepEqual(answer, isi.validate(bytes(big)));
    assert.equal(JSON.stringify(isi.validate(small)), JSON.stringify(before));
    assertSame(small);
  });
});
