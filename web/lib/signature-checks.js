// The signature checks the core prepared (wasm/boundary/supply_messages.h SupplyChecks), made with
// WebCrypto: the core decides what is signed, by whom it may be, and in which form the signature
// is; only the arithmetic happens here, in the browser's (or Node's) own implementation. An answer
// is "held" only when verify() said true; a key WebCrypto refuses, or a verify() that throws, holds
// nothing (docs/supply-chain.md §9.4).

/** @typedef {import('./boundary.js').SupplyChecks} SupplyChecks */

// How each key algorithm the core names is imported and verified. cosign and containers/image
// hash with SHA-256 for every ECDSA and RSA key (sigstore's LoadVerifier with crypto.SHA256).
/** @type {Record<string, {key: EcKeyImportParams | RsaHashedImportParams | Algorithm, verify: EcdsaParams | Algorithm}>} */
const ALGORITHMS = {
  'ecdsa-p256': { key: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' } },
  'ecdsa-p384': { key: { name: 'ECDSA', namedCurve: 'P-384' }, verify: { name: 'ECDSA', hash: 'SHA-256' } },
  rsa: { key: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  ed25519: { key: { name: 'Ed25519' }, verify: { name: 'Ed25519' } },
};

/** @param {string} text */
const bytesOf = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The ids of the checks whose signature verified.
 * @param {SupplyChecks} prepared
 * @param {SubtleCrypto | undefined} [subtle]
 * @returns {Promise<number[]>}
 */
export async function verifyChecks({ keys, checks }, subtle = globalThis.crypto?.subtle) {
  if (checks.length === 0) return [];
  if (!subtle) {
    throw new Error('isimport: signatures cannot be checked here: WebCrypto (crypto.subtle) exists only in secure contexts (https, or localhost)');
  }
  /** @type {Map<string, Promise<CryptoKey | null>>} */
  const imported = new Map();
  for (const key of keys) {
    const algorithm = ALGORITHMS[key.algorithm];
    if (!algorithm) continue;
    imported.set(key.fingerprint, subtle.importKey('spki', bytesOf(key.spki), algorithm.key, false, ['verify']).catch(() => null));
  }
  const algorithmOf = new Map(keys.map((key) => [key.fingerprint, ALGORITHMS[key.algorithm]]));
  const verdicts = await Promise.all(checks.map(async (check) => {
    const key = await imported.get(check.key);
    const algorithm = algorithmOf.get(check.key);
    if (!key || !algorithm) return false;
    try {
      return await subtle.verify(algorithm.verify, key, bytesOf(check.signature), bytesOf(check.data));
    } catch {
      return false;
    }
  }));
  return checks.filter((_, i) => verdicts[i]).map((check) => check.id);
}
