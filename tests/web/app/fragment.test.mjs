// The page's URL fragment: #spec=<base64url of the text, padding optional>&run=1&proxy=…
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSpec, encodeSpec, readFragment, writeFragment } from '../../../web/app/fragment.js';

test('a spec goes into the fragment as base64url of its UTF-8 and comes back the same', () => {
  const spec = 'metadata:\n  name: café ✓ ?&=#/+\n';
  const encoded = encodeSpec(spec);
  assert.match(encoded, /^[A-Za-z0-9_-]+$/);
  assert.equal(decodeSpec(encoded), spec);
  assert.deepEqual(readFragment(writeFragment({ spec, run: true, proxy: 'http://127.0.0.1:4173/proxy/' })), { spec, run: true, proxy: 'http://127.0.0.1:4173/proxy/' });
  assert.deepEqual(readFragment(writeFragment({ spec })), { spec, run: false });
});

test('padding is optional and plain base64 is read too, as docs/architecture.md promises', () => {
  const b64 = Buffer.from('a: 1\n').toString('base64'); // "YTogMQo="
  assert.equal(decodeSpec(b64), 'a: 1\n');
  assert.equal(decodeSpec(b64.replace(/=+$/, '')), 'a: 1\n');
  assert.equal(decodeSpec(Buffer.from('??>>').toString('base64')), '??>>');
  assert.equal(decodeSpec(Buffer.from('??>>').toString('base64url')), '??>>');
});

test('a fragment that is not base64url, or not UTF-8, says so instead of loading something else', () => {
  assert.equal(readFragment('#spec=%%%').error, 'the spec in the link is not base64url');
  assert.equal(readFragment('#spec=abcde').error, 'the spec in the link is not base64url');
  assert.throws(() => decodeSpec(Buffer.from([0xff, 0xfe, 0x00]).toString('base64url')), TypeError);
  assert.deepEqual(readFragment(''), { run: false });
  assert.deepEqual(readFragment('#run=1'), { run: true });
});

test('the link carries the spec, run and proxy only: credentials, keys and policies never go into it', () => {
  const state = { spec: 'a: 1\n', run: true, proxy: 'http://127.0.0.1/proxy/', credentials: '{"auths":{}}', keys: ['-----BEGIN PUBLIC KEY-----'], policies: ['kind: ClusterImagePolicy'] };
  const fragment = writeFragment(state);
  assert.deepEqual([...new URLSearchParams(fragment.slice(1)).keys()], ['spec', 'run', 'proxy']);
  assert.deepEqual(readFragment(fragment), { spec: 'a: 1\n', run: true, proxy: 'http://127.0.0.1/proxy/' });
});
