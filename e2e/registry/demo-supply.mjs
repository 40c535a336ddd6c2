// The demo's supply chain (`npm start`): what vouches for the demo images, so that the page's
// "Check the supply chain" shows something at once. An ECDSA P-256 key made at every start (its
// private half never leaves this process), and, laid out as cosign writes them
// (supply-formats.mjs):
//   demo/web   the index and each platform entry: a `.sig` signature and an SPDX `.sbom`
//   demo/tools a `.sig` signature, an SPDX `.sbom`, and a `.att` SLSA provenance attestation (DSSE)
//   demo/app   a `.sig` signature and an SPDX `.sbom`
// Each signature's identity is the tagged reference it was signed as (`cosign sign HOST/demo/web:latest`),
// which the default signedIdentity (MatchRepoDigestOrExact) accepts for a pull by digest.
// Writes into the state dir, for a person to paste or drop in the page's key and policy boxes:
//   cosign.pub   the public key (PEM)
//   policy.yaml  a ClusterImagePolicy requiring that key for HOST/demo
//
//   import { signDemo } from './demo-supply.mjs';
//   const supply = await signDemo(reg, record, { stateDir });   // {fingerprint, files: {key, policy}, signed}
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RegistryClient, MEDIA, digestOf } from './util.mjs';
import { ST, ANN, b64, simpleSigningPayload, cosignImage, signBytes, dsseEnvelope, slsaStatement, spdxDocument, referrersTag } from './supply-formats.mjs';
import { makeKey } from './supply-keys.mjs';

export const DEMO_BUILDER_ID = 'https://builder.isimport.invalid/demo@v1';
export const DEMO_SOURCE_URI = 'git+https://git.isimport.invalid/demo/tools@refs/heads/main';

/**
 * Signs the demo images of `record` (images.mjs RECORD FORMAT) in the registry and writes the
 * public key and a policy into `stateDir`.
 * @param {{ url: string, host: string }} registry
 * @param {{ repositories: Record<string, { tags: Record<string, string>, manifests: Record<string, { kind: string, manifests?: Array<{ digest: string }> }> }> }} record
 * @param {{ stateDir: string }} options
 */
export async function signDemo(registry, record, { stateDir }) {
  const client = new RegistryClient(registry.url);
  const key = makeKey('demo', 'ecdsa-p256');
  const push = async (repo, tag, layers) => {
    const im = cosignImage(layers);
    const seen = new Set();
    for (const blob of im.blobs) {
      if (!seen.has(digestOf(blob))) await client.putBlob(repo, blob);
      seen.add(digestOf(blob));
    }
    await client.putManifest(repo, tag, im.manifest, MEDIA.ociManifest);
  };
  /** Every digest a pull of `repo:tag` may hand out: the tag's, and its list's entries. */
  const digestsOf = (repo, tag) => {
    const r = record.repositories[repo];
    const top = r?.tags[tag];
    if (!top) return [];
    return [top, ...(r.manifests[top]?.manifests ?? []).map((m) => m.digest)];
  };

  const signed = [];
  for (const [repo, tag, provenance] of [['demo/web', 'latest', false], ['demo/tools', 'latest', true], ['demo/app', 'latest', false]]) {
    for (const digest of digestsOf(repo, tag)) {
      const payload = simpleSigningPayload(`${registry.host}/${repo}:${tag}`, digest);
      await push(repo, `${referrersTag(digest)}.sig`, [{ bytes: payload, mediaType: ST.simpleSigning, annotations: { [ANN.signature]: b64(signBytes(key.privateKey, payload)) } }]);
      await push(repo, `${referrersTag(digest)}.sbom`, [{ bytes: spdxDocument(`${registry.host}/${repo}`, digest), mediaType: ST.cosignSpdx }]);
      if (provenance) {
        const statement = slsaStatement(`${registry.host}/${repo}`, digest, { builderId: DEMO_BUILDER_ID, sourceUri: DEMO_SOURCE_URI, sourceDigest: '0123456789abcdef0123456789abcdef01234567' });
        // cosign attest: the layer's signature annotation is present and empty (the envelope signs).
        await push(repo, `${referrersTag(digest)}.att`, [{ bytes: dsseEnvelope(statement, key.privateKey), mediaType: ST.dsse, annotations: { predicateType: 'https://slsa.dev/provenance/v1', [ANN.signature]: '' } }]);
      }
      signed.push({ repo, tag, digest, provenance });
    }
  }

  const files = { key: join(stateDir, 'cosign.pub'), policy: join(stateDir, 'policy.yaml') };
  await writeFile(files.key, key.pem);
  // The policy covers the repositories the demo signs: a person trying it sees admissions (and can
  // widen the scope to ${registry.host}/demo to see the unsigned demo/versions tags denied).
  const scopes = [...new Set(signed.map((s) => `${registry.host}/${s.repo}`))].map((scope) => `  - ${scope}`).join('\n');
  await writeFile(files.policy, `# The demo's image policy: the signed demo repositories must be signed by the demo key
# (made fresh at every start of the demo registry; its fingerprint is ${key.fingerprint}).
apiVersion: config.openshift.io/v1
kind: ClusterImagePolicy
metadata:
  name: demo-signed
spec:
  scopes:
${scopes}
  policy:
    rootOfTrust:
      policyType: PublicKey
      publicKey:
        keyData: ${Buffer.from(key.pem).toString('base64')}
`);
  return { fingerprint: key.fingerprint, files, signed };
}
