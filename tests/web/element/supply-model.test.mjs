// What the element's supply-chain parts read, without a DOM: keys out of pasted text, subjects
// placed on their cards, a subject's errors, short names, refusals as problems, and each input
// checked alone by the real library (no request is made for an answer with nothing imported).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { load } from '../../../web/lib/isimport.js';
import {
  entryIndex, errorsOf, inputProblems, pemBlocks, placeSubjects, problemOf, shortDigest, shortFingerprint, tally,
} from '../../../web/element/supply-model.js';

const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
const subject = (source, digest = `sha256:${'a'.repeat(64)}`, artifacts = []) => ({ source, repository: 'quay.io/org/app', digest, artifacts, policy: null });
const artifact = (state) => ({ digest: 'sha256:1', mediaType: 'm', artifactType: 't', kind: 'signature', format: 'cosign', foundBy: 'cosign-tag', verification: { state, reason: 'r' } });

test('pemBlocks: each PEM block of a pasted text, explanatory text dropped; a text without any handed over whole', () => {
  const [a, b] = [pem(), pem()];
  assert.deepEqual(pemBlocks(`the demo key\n${a}\nand another:\n${b}`), [`${a.trim()}\n`, `${b.trim()}\n`]);
  assert.deepEqual(pemBlocks('not a key'), ['not a key']);
  assert.deepEqual(pemBlocks('  \n'), []);
});

test('placeSubjects: each card gets its image then its list entries in list order; the repository its tags', () => {
  const chain = {
    subjects: [
      subject('status.images[0].manifests[10]'), subject('status.images[0].manifests[2]'), subject('status.images[0]'),
      subject('status.images[1]'), subject('status.repository.images[3]'), subject('status.images[7]'),
    ],
    errors: [],
  };
  const places = placeSubjects(chain, 2);
  assert.deepEqual(places.images[0].map((s) => s.source), ['status.images[0]', 'status.images[0].manifests[2]', 'status.images[0].manifests[10]']);
  assert.deepEqual(places.images[1].map((s) => s.source), ['status.images[1]']);
  assert.deepEqual(places.repository.map((s) => s.source), ['status.repository.images[3]']);
  assert.equal(places.images.length, 2, 'a source past the cards is not shown anywhere');
  assert.equal(entryIndex(subject('status.images[0].manifests[10]')), 10);
  assert.equal(entryIndex(subject('status.images[0]')), -1);
});

test('errorsOf: the errors whose message starts with the subject\u2019s digest, in its repository', () => {
  const s = subject('status.images[0]');
  const errors = [
    { repository: 'quay.io/org/app', message: `${s.digest}: the registry answered 500` },
    { repository: 'quay.io/org/other', message: `${s.digest}: elsewhere` },
    { repository: 'quay.io/org/app', message: 'sha256:bbbb: another image' },
  ];
  assert.deepEqual(errorsOf(errors, s), [errors[0]]);
});

test('short names keep the prefix and 16 (keys) or 12 (digests) hex digits; anything else is left whole', () => {
  assert.equal(shortFingerprint(`SHA256:${'0123456789abcdef'.repeat(4)}`), 'SHA256:0123456789abcdef…');
  assert.equal(shortFingerprint('a key'), 'a key');
  assert.equal(shortDigest(`sha256:${'0123456789abcdef'.repeat(4)}`), 'sha256:0123456789ab…');
});

test('tally counts artifacts by state', () => {
  const t = tally({ subjects: [subject('status.images[0]', undefined, [artifact('verified'), artifact('failed')]), subject('status.images[1]', undefined, [artifact('unverified')])], errors: [{ repository: 'r', message: 'm' }] });
  assert.deepEqual(t, { subjects: 2, artifacts: 3, verified: 1, failed: 1, unverified: 1, errors: 1 });
});

test('problemOf: a TypeError\u2019s message, a 422\u2019s message and causes with field paths, the library\u2019s prefix dropped', () => {
  assert.deepEqual(problemOf(new TypeError('isimport: keys[0]: no PEM block found')), { message: 'keys[0]: no PEM block found', causes: [] });
  const refused = Object.assign(new Error('isimport: x'), { status: { message: 'ClusterImagePolicy.config.openshift.io "p" is invalid: [spec.policy: Required value]', details: { causes: [{ reason: 'FieldValueRequired', field: 'spec.policy', message: 'Required value' }] } } });
  assert.deepEqual(problemOf(refused), { message: 'ClusterImagePolicy.config.openshift.io "p" is invalid: [spec.policy: Required value]', causes: [{ field: 'spec.policy', message: 'Required value' }] });
  assert.deepEqual(problemOf('plain'), { message: 'plain', causes: [] });
});

test('inputProblems: each input checked alone by the library, with no request', async () => {
  const isi = await load();
  const realFetch = globalThis.fetch;
  let requests = 0;
  globalThis.fetch = async (...args) => { requests++; return realFetch(...args); };
  try {
    const policy = (spec) => `apiVersion: config.openshift.io/v1\nkind: ClusterImagePolicy\nmetadata:\n  name: p\nspec:\n${spec}`;
    const key = pem();
    const good = policy(`  scopes: [quay.io/org]\n  policy:\n    rootOfTrust:\n      policyType: PublicKey\n      publicKey:\n        keyData: ${Buffer.from(key).toString('base64')}\n`);
    assert.deepEqual(await inputProblems(isi, { keys: [key], policies: [good] }), { keys: null, policies: null });
    assert.deepEqual(await inputProblems(isi, { keys: [], policies: [] }), { keys: null, policies: null });

    const refused = await inputProblems(isi, { keys: ['not a key'], policies: [policy('  scopes: [quay.io/org]\n')] });
    assert.match(refused.keys.message, /no PEM block found/);
    assert.match(refused.policies.message, /ClusterImagePolicy.config.openshift.io "p" is invalid/);
    assert.ok(refused.policies.causes.some((c) => c.field === 'spec.policy'), JSON.stringify(refused.policies.causes));
    const unreadable = await inputProblems(isi, { keys: [], policies: ['kind: [\n'] });
    assert.match(unreadable.policies.message, /^policies\[0\]: /);
    assert.equal(requests, 0);
  } finally {
    globalThis.fetch = realFetch;
  }
});
