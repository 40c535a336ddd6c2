// Keys and certificates for the supply-chain fixtures, made fresh on every run (nothing secret is
// stored in the tree): node:crypto key pairs, and X.509 certificates made with `openssl` (a
// Notation signing certificate, and a Fulcio-like CA + leaf for a keyless cosign signature).
import { generateKeyPairSync, createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './util.mjs';
import { keyIds } from './supply-formats.mjs';

/**
 * @typedef {{name: string, type: 'ecdsa-p256'|'rsa-2048', privateKey: import('node:crypto').KeyObject,
 *   publicKey: import('node:crypto').KeyObject, pem: string, fingerprint: string, hint: string}} TestKey
 */

/** @returns {TestKey} */
export function makeKey(name, type) {
  const { privateKey, publicKey } = type === 'rsa-2048'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  return { name, type, privateKey, publicKey, pem, ...keyIds(publicKey) };
}

/** The public part of a key, for the record (the private key stays out of it). */
export const publicPart = ({ name, type, pem, fingerprint, hint }) => ({ name, type, pem, fingerprint, hint });

const openssl = (...args) => run('openssl', args);

/**
 * Certificates via openssl. Returns
 *   notation: {key, certPem, certDer, thumbprint}            a self-signed code-signing certificate
 *   keyless:  {key, certPem, chainPem, caDer, email, issuer}  a leaf issued by a throwaway CA, with
 *             Fulcio's OIDC-issuer extension (1.3.6.1.4.1.57264.1.8) and an email SAN
 */
export async function makeCertificates() {
  const dir = await mkdtemp(join(tmpdir(), 'isimport-supply-'));
  try {
    const keyFile = async (name, key) => {
      const f = join(dir, `${name}.key`);
      await writeFile(f, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      return f;
    };
    const notationKey = makeKey('notation', 'ecdsa-p256');
    const caKey = makeKey('keyless-ca', 'ecdsa-p256');
    const leafKey = makeKey('keyless', 'ecdsa-p256');
    const days = ['-days', '3650'];

    await openssl('req', '-x509', '-new', '-key', await keyFile('notation', notationKey), '-out', join(dir, 'notation.pem'),
      '-subj', '/C=US/ST=WA/L=Seattle/O=isimport e2e/CN=isimport e2e notation', ...days, '-sha256',
      '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature',
      '-addext', 'extendedKeyUsage=codeSigning');

    await openssl('req', '-x509', '-new', '-key', await keyFile('ca', caKey), '-out', join(dir, 'ca.pem'),
      '-subj', '/O=isimport e2e/CN=isimport e2e fulcio-like CA', ...days, '-sha256',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    const email = 'builder@isimport.invalid';
    const issuer = 'https://issuer.isimport.invalid';
    await writeFile(join(dir, 'leaf.ext'), [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=codeSigning',
      `subjectAltName=critical,email:${email}`,
      `1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:${issuer}`,
      '',
    ].join('\n'));
    await openssl('req', '-new', '-key', await keyFile('leaf', leafKey), '-out', join(dir, 'leaf.csr'), '-subj', '/O=sigstore.dev');
    await openssl('x509', '-req', '-in', join(dir, 'leaf.csr'), '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'),
      '-set_serial', '0x1001', '-out', join(dir, 'leaf.pem'), '-days', '1', '-sha256', '-extfile', join(dir, 'leaf.ext'));

    const notationPem = await readFile(join(dir, 'notation.pem'), 'utf8');
    const notationCert = new X509Certificate(notationPem);
    const caPem = await readFile(join(dir, 'ca.pem'), 'utf8');
    return {
      notation: {
        key: notationKey,
        certPem: notationPem,
        certDer: notationCert.raw,
        thumbprint: createHash('sha256').update(notationCert.raw).digest('hex'),
      },
      keyless: {
        key: leafKey,
        certPem: await readFile(join(dir, 'leaf.pem'), 'utf8'),
        chainPem: caPem,
        caDer: new X509Certificate(caPem).raw,
        email,
        issuer,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
