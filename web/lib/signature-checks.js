// The signature checks the core prepared (wasm/boundary/supply_messages.h SupplyChecks), made with
// WebCrypto: the core decides what is signed, by whom it may be, with which hash, and in which
// form the signature is; only the arithmetic happens here, in the browser's (or Node's) own implementation. An answer
// is "held" only when verify() said true; a key WebCrypto refuses, or a verify() that throws, holds
// nothing (docs/supply-chain.md §9.4).

/** @typedef {import('./boundary.js').SupplyChecks} SupplyChecks */

// How each key algorithm the core names is imported and verified; the hash is the check's (the
// core decides which hashes a key's signatures may use: docs/supply-chain.md §9.4). An RSA key is
// imported once per hash, since WebCrypto binds RSASSA-PKCS1-v1_5 keys to one.
/** @type {Record<string, {key: (hash: string) => EcKeyImportParams | RsaHashedImportParams | Algorithm, verify: (hash: string) => EcdsaParams | Algorithm}>} */
const ALGORITHMS = {
  'ecdsa-p256': { key: () => ({ name: 'ECDSA', namedCurve: 'P-256' }), verify: (hash) => ({ name: 'ECDSA', hash }) },
  'ecdsa-p384': { key: () => ({ name: 'ECDSA', namedCurve: 'P-384' }), verify: (hash) => ({ name: 'ECDSA', hash }) },
  rsa: { key: (hash) => ({ name: 'RSASSA-PKCS1-v1_5', hash }), verify: () => ({ name: 'RSASSA-PKCS1-v1_5' }) },
  ed25519: { key: () => ({ name: 'Ed25519' }), verify: () => ({ name: 'Ed25519' }) },
};

/** @param {string} text */
const bytesOf = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The ids of the checks whose signature verified.
 * @param {SupplyChecks} prepared
 * @param {SubtleCrypto | null | undefined} [subtle] absent: the global one; null: none (a test)
 * @returns {Promise<number[]>}
 */
export async function verifyChecks({ keys, checks }, subtle = globalThis.crypto?.subtle) {
  if (checks.length === 0) return [];
  if (!subtle) {
    throw new Error('isimport: signatures cannot be checked here: WebCrypto (crypto.subtle) exists only in secure contexts (https, or localhost)');
  }
  const byFingerprint = new Map(keys.map((key) => [key.fingerprint, key]));
  // Each key imported once per hash it is checked with.
  /** @type {Map<string, Promise<CryptoKey | null>>} */
  const imported = new Map();
  /** @param {import('./boundary.js').SignatureCheck} check */
  const keyFor = (check) => {
    const key = byFingerprint.get(check.key);
    const algorithm = key && ALGORITHMS[key.algorithm];
    if (!key || !algorithm) return Promise.resolve(null);
    const name = `${check.key} ${check.hash}`;
    let found = imported.get(name);
    if (!found) {
      found = subtle.importKey('spki', bytesOf(key.spki), algorithm.key(check.hash), false, ['verify']).catch(() => null);
      imported.set(name, found);
    }
    return found;
  };
  const verdicts = await Promise.all(checks.map(async (check) => {
    const key = await keyFor(check);
    const algorithm = ALGORITHMS[byFingerprint.get(check.key)?.algorithm ?? ''];
    if (!key || !algorithm) return false;
    try {
      return await subtle.verify(algorithm.verify(check.hash), key, bytesOf(check.signature), bytesOf(check.data));
    } catch {
      return false;
    }
  }));
  return checks.filter((_, i) => verdicts[i]).map((check) => check.id);
}
