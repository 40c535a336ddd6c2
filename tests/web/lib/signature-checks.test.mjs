// The signature checks the core prepares, made with WebCrypto (web/lib/signature-checks.js): a
// check holds only when the signature verifies over the exact bytes with that key and hash; keys
// WebCrypto refuses and signatures of the wrong shape hold nothing, and nothing throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';

import { verifyChecks } from '../../../web/lib/signature-checks.js';

const data = Buffer.from('{"critical":{"type":"cosign container image signature"}}');
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

/** A key as the core hands it over, and a signature over `data` in WebCrypto's form. */
function keyAndSignature(type, options, hash, algorithm) {
  const { publicKey, privateKey } = generateKeyPairSync(type, options);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const signature = sign(hash, data, type === 'ec' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return { key: { fingerprint: `SHA256:${algorithm}`, algorithm, spki: b64(spki) }, signature: b64(signature) };
}

const p256 = keyAndSignature('ec', { namedCurve: 'P-256' }, 'sha256', 'ecdsa-p256');
const p384 = keyAndSignature('ec', { namedCurve: 'P-384' }, 'sha384', 'ecdsa-p384');
const rsa = keyAndSignature('rsa', { modulusLength: 3072 }, 'sha256', 'rsa');
const ed25519 = keyAndSignature('ed25519', undefined, null, 'ed25519');
const keys = [p256.key, p384.key, rsa.key, ed25519.key];
const check = (id, key, hash, signature, signed = data) => ({ id, key: key.fingerprint, hash, data: b64(signed), signature });

test('each key verifies its own signature with the hash it was made with, and no other', async () => {
  const held = await verifyChecks({
    keys,
    checks: [
      check(1, p256.key, 'SHA-256', p256.signature),
      check(2, p384.key, 'SHA-384', p384.signature),
      check(3, p384.key, 'SHA-256', p384.signature), // made with SHA-384: this one does not hold
      check(4, rsa.key, 'SHA-256', rsa.signature),
      check(5, ed25519.key, '', ed25519.signature),
      check(6, p256.key, 'SHA-256', p384.signature), // another key's signature
      check(7, rsa.key, 'SHA-256', rsa.signature, Buffer.from('other bytes')),
    ],
  });
  assert.deepEqual(held, [1, 2, 4, 5]);
});

test('a key WebCrypto refuses, a key not listed, a tampered or misshapen signature: nothing holds, nothing throws', async () => {
  const tampered = Buffer.from(p256.signature, 'base64');
  tampered[10] ^= 1;
  const held = await verifyChecks({
    keys: [{ fingerprint: 'SHA256:bad', algorithm: 'ecdsa-p256', spki: b64(Buffer.from('not a key')) }, p256.key],
    checks: [
      check(1, { fingerprint: 'SHA256:bad' }, 'SHA-256', p256.signature),
      check(2, { fingerprint: 'SHA256:nobody' }, 'SHA-256', p256.signature),
      check(3, p256.key, 'SHA-256', b64(tampered)),
      check(4, p256.key, 'SHA-256', b64(Buffer.from('short'))),
    ],
  });
  assert.deepEqual(held, []);
});

test('without WebCrypto, checks cannot be made: it says so instead of answering none held', async () => {
  await assert.rejects(verifyChecks({ keys, checks: [check(1, p256.key, 'SHA-256', p256.signature)] }, null),
    /WebCrypto \(crypto\.subtle\) exists only in secure contexts/);
  assert.deepEqual(await verifyChecks({ keys, checks: [] }, null), []);
});
