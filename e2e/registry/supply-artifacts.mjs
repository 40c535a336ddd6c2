// Supply-chain fixtures in the real registry: subjects (an image, a 2-platform index, a BuildKit
// index with attestations) and, laid out byte for byte as the tools write them (see
// supply-formats.mjs), cosign signatures/attestations/SBOM in legacy tags, a sigstore bundle, SBOM
// and Notation referrers listed in the referrers tag schema (Distribution 2.8 has no referrers
// API; referrers-server.mjs adds one), a keyless signature, and lies, each in its own repository.
//
//   import { pushSupplyChain } from '../../e2e/registry/supply-artifacts.mjs';
//   const supply = await pushSupplyChain(reg);      // reg: startRegistry()'s handle or a URL
//   supply.record                                   // JSON-able: see RECORD below
//   supply.keys.ecdsa.privateKey                    // the signing keys, for tests that sign more
//
/* RECORD (version 1)
{
  version: 1, registry: 'HOST:PORT', url: 'http://HOST:PORT',
  keys: { <name>: {name, type: 'ecdsa-p256'|'rsa-2048', pem (SPKI PEM), fingerprint: 'SHA256:<hex of SPKI DER>',
          hint: base64 of the same digest, given: bool (false: a key the tests must not hand over)} },
          // names: ecdsa, rsa, unknown (given: false), notation, keyless
  certificates: { notation: {pem, thumbprint}, keyless: {pem, chainPem, email, issuer} },
  subjects: { <name>: {repo, tag, digest, mediaType, size, platform? | platforms?: [{digest, platform}]} },
          // app, multi, multi-amd64, multi-arm64, buildkit, lie-<name>
  artifacts: { <name>: {
      kind: 'signature'|'attestation'|'sbom'|'referrers-index'|'buildkit-attestation',
      format: 'cosign-simplesigning'|'cosign-dsse'|'sigstore-bundle-v0.3'|'spdx-json'|'cyclonedx-json'|
              'notation-jws'|'cosign-keyless'|'oci-referrers-tag-schema'|'buildkit-in-toto'|'image-manifest',
      repo, tag (or null: pushed by digest only), digest, mediaType, size, artifactType (or null),
      subject: {name, digest}, listedInReferrersTag: bool,
      layers: [{digest, mediaType, size, annotations?}],
      expect: [{layer, key, verifies: bool, payloadDigestMatches?: bool, identityMatches?: bool, reason}] } },
  referrers: { '<repo>@<subject digest>': [ {mediaType, digest, size, annotations?, artifactType} ] },
          // what a referrers API answers for the subject (the server's source of truth)
  lies: { <name>: {repo, subject, artifact, accepted: bool, error?: string, why} }
}
verifies: the signature checks out cryptographically with that key over the signed bytes
(payload / DSSE PAE / JWS signing input); payloadDigestMatches: the signed payload names the
subject's digest; identityMatches: its docker-reference is `HOST:PORT/<repo of the subject>`.
*/
import { RegistryClient, MEDIA, digestOf } from './util.mjs';
import {
  ST, ANN, PREDICATE, CREATED, EMPTY_JSON, json, b64, describe, simpleSigningPayload, cosignImage, signBytes,
  dsseEnvelope, slsaStatement, cosignSignBundle, cosignReferrerManifest, orasManifest, referrersTag,
  referrerDescriptor, addToReferrersIndex, spdxDocument, cyclonedxDocument, notationEnvelope, rekorBundle,
} from './supply-formats.mjs';
import { makeKey, publicPart, makeCertificates } from './supply-keys.mjs';
import { makeSubjectImage, makeIndex, makeBuildkitIndex } from './supply-subjects.mjs';

export const SUPPLY_REPOS = { app: 'supply/app', buildkit: 'supply/buildkit', lie: (name) => `supply/lie-${name}` };
export const LIES = ['other-digest', 'tampered', 'unknown-key', 'other-identity', 'tag-not-index', 'many-layers', 'wrong-key-type'];
export const BUILDER_ID = 'https://builder.isimport.invalid/e2e@v1';
export const SOURCE_URI = 'git+https://git.isimport.invalid/e2e/app@refs/heads/main';

const layersOf = (manifestBytes) => JSON.parse(manifestBytes).layers.map((l) => ({
  digest: l.digest, mediaType: l.mediaType, size: l.size, ...(l.annotations ? { annotations: l.annotations } : {}),
}));

/**
 * Builds and pushes every subject, artifact and lie; returns {record, keys, certs}.
 * registry: a URL or startRegistry()'s handle (its pushing user is used). `manyLayers`: layer
 * count of the big `.sig` lie (default 10 000).
 */
export async function pushSupplyChain(registry, { manyLayers = 10_000 } = {}) {
  const url = (typeof registry === 'string' ? registry : registry.url).replace(/\/$/, '');
  const host = new URL(url).host;
  const creds = typeof registry === 'object' ? registry.users?.find((u) => u.actions?.includes('push')) : undefined;
  const client = new RegistryClient(url, { credentials: creds });

  const keys = { ecdsa: makeKey('ecdsa', 'ecdsa-p256'), rsa: makeKey('rsa', 'rsa-2048'), unknown: makeKey('unknown', 'ecdsa-p256') };
  const certs = await makeCertificates();
  keys.notation = certs.notation.key;
  keys.keyless = certs.keyless.key;

  const record = {
    version: 1, registry: host, url,
    keys: Object.fromEntries(Object.entries(keys).map(([n, k]) => [n, { ...publicPart(k), given: n !== 'unknown' }])),
    certificates: {
      notation: { pem: certs.notation.certPem, thumbprint: certs.notation.thumbprint },
      keyless: { pem: certs.keyless.certPem, chainPem: certs.keyless.chainPem, email: certs.keyless.email, issuer: certs.keyless.issuer },
    },
    subjects: {}, artifacts: {}, referrers: {}, lies: {},
  };

  const putBlobs = async (repo, blobs) => {
    const seen = new Set();
    for (const b of blobs) {
      const d = digestOf(b);
      if (!seen.has(d)) await client.putBlob(repo, b);
      seen.add(d);
    }
  };
  const putImage = async (repo, ref, im) => {
    await putBlobs(repo, im.blobs);
    return client.putManifest(repo, ref, im.manifest, MEDIA.ociManifest);
  };
  /** Records an artifact whose manifest bytes were pushed. */
  const note = (name, { kind, format, repo, tag = null, manifest, mediaType = MEDIA.ociManifest, subject, expect = [], listed = false }) => {
    const m = JSON.parse(manifest);
    record.artifacts[name] = {
      kind, format, repo, tag, digest: digestOf(manifest), mediaType, size: manifest.length,
      artifactType: m.artifactType ?? null, subject, listedInReferrersTag: listed,
      layers: m.layers ? layersOf(manifest) : [], expect,
    };
    return record.artifacts[name];
  };
  const subjectRef = (name) => ({ name, digest: record.subjects[name].digest });
  const identity = (repo) => `${host}/${repo}`;

  // ---- subjects
  const app = makeSubjectImage();
  const amd64 = makeSubjectImage({ label: 'multi' });
  const arm64 = makeSubjectImage({ architecture: 'arm64', variant: 'v8', label: 'multi' });
  const multi = makeIndex([amd64, arm64]);
  const repo = SUPPLY_REPOS.app;
  await putImage(repo, 'v1', app);
  record.subjects.app = { repo, tag: 'v1', digest: app.digest, mediaType: MEDIA.ociManifest, size: app.size, platform: app.platform };
  await putImage(repo, amd64.digest, amd64);
  await putImage(repo, arm64.digest, arm64);
  await client.putManifest(repo, 'multi', multi.bytes, MEDIA.ociIndex);
  record.subjects.multi = {
    repo, tag: 'multi', digest: multi.digest, mediaType: MEDIA.ociIndex, size: multi.size,
    platforms: [amd64, arm64].map((im) => ({ digest: im.digest, platform: im.platform })),
  };
  record.subjects['multi-amd64'] = { repo, tag: null, digest: amd64.digest, mediaType: MEDIA.ociManifest, size: amd64.size, platform: amd64.platform };
  record.subjects['multi-arm64'] = { repo, tag: null, digest: arm64.digest, mediaType: MEDIA.ociManifest, size: arm64.size, platform: arm64.platform };

  // ---- cosign simple signing: two signers (ECDSA, RSA) in one `.sig` of the image
  const simpleSig = async (name, subjectName, signers, { payloadDigest, ref, expect, lie } = {}) => {
    const subj = record.subjects[subjectName];
    const payload = simpleSigningPayload(ref ?? identity(subj.repo), payloadDigest ?? subj.digest);
    const layers = signers.map(({ key, mutate }) => {
      let sig = signBytes(key.privateKey, payload);
      if (mutate) sig = mutate(sig);
      return { bytes: payload, mediaType: ST.simpleSigning, annotations: { [ANN.signature]: b64(sig) } };
    });
    const im = cosignImage(layers);
    const tag = `${referrersTag(subj.digest)}.sig`;
    await putImage(subj.repo, tag, im);
    return note(name, { kind: 'signature', format: 'cosign-simplesigning', repo: subj.repo, tag, manifest: im.manifest, subject: subjectRef(subjectName), expect });
  };
  const ok = (layer, key) => ({ layer, key, verifies: true, payloadDigestMatches: true, identityMatches: true, reason: `signed by ${key}` });
  await simpleSig('sig', 'app', [{ key: keys.ecdsa }, { key: keys.rsa }], {
    expect: [ok(0, 'ecdsa'), ok(1, 'rsa'),
      { layer: 0, key: 'rsa', verifies: false, reason: 'layer 0 is signed by ecdsa' },
      { layer: 1, key: 'ecdsa', verifies: false, reason: 'layer 1 is signed by rsa' }],
  });
  await simpleSig('sig-multi', 'multi', [{ key: keys.ecdsa }], { expect: [ok(0, 'ecdsa')] });

  // ---- keyless cosign signature (Fulcio-like certificate, Rekor bundle) on the amd64 child
  {
    const subj = record.subjects['multi-amd64'];
    const payload = simpleSigningPayload(identity(repo), subj.digest);
    const sig = b64(signBytes(keys.keyless.privateKey, payload));
    const im = cosignImage([{
      bytes: payload, mediaType: ST.simpleSigning,
      annotations: { [ANN.signature]: sig, [ANN.certificate]: certs.keyless.certPem, [ANN.chain]: certs.keyless.chainPem, [ANN.bundle]: rekorBundle(payload, sig, certs.keyless.certPem) },
    }]);
    const tag = `${referrersTag(subj.digest)}.sig`;
    await putImage(repo, tag, im);
    note('keyless', {
      kind: 'signature', format: 'cosign-keyless', repo, tag, manifest: im.manifest, subject: subjectRef('multi-amd64'),
      expect: [{ layer: 0, key: 'keyless', verifies: true, payloadDigestMatches: true, identityMatches: true,
        reason: 'verifies with the certificate\'s key; the chain is a throwaway CA and the Rekor SET is not a real log\'s: unverified as keyless' }],
    });
  }

  // ---- cosign attestation: DSSE, in-toto v1, SLSA provenance v1
  {
    const statement = slsaStatement(identity(repo), app.digest, { builderId: BUILDER_ID, sourceUri: SOURCE_URI, sourceDigest: '0123456789abcdef0123456789abcdef01234567' });
    const envelope = dsseEnvelope(statement, keys.ecdsa.privateKey);
    // cosign attest: the layer's signature annotation is present and empty
    const im = cosignImage([{ bytes: envelope, mediaType: ST.dsse, annotations: { predicateType: PREDICATE.slsa1, [ANN.signature]: '' } }]);
    const tag = `${referrersTag(app.digest)}.att`;
    await putImage(repo, tag, im);
    note('att', { kind: 'attestation', format: 'cosign-dsse', repo, tag, manifest: im.manifest, subject: subjectRef('app'),
      expect: [ok(0, 'ecdsa'), { layer: 0, key: 'rsa', verifies: false, reason: 'signed by ecdsa' }] });
  }

  // ---- cosign attach sbom: `.sbom` tag (static.NewFile: no layer annotations)
  {
    const sbom = spdxDocument(identity(repo), app.digest);
    const im = cosignImage([{ bytes: sbom, mediaType: ST.cosignSpdx }]);
    const tag = `${referrersTag(app.digest)}.sbom`;
    await putImage(repo, tag, im);
    note('sbom-tag', { kind: 'sbom', format: 'spdx-json', repo, tag, manifest: im.manifest, subject: subjectRef('app') });
  }

  // ---- referrers of the image, each followed by the tag schema update its tool makes
  const referrersKey = (r, d) => `${r}@${d}`;
  const pushReferrer = async (name, subjectName, manifest, blobs, style, meta) => {
    const subj = record.subjects[subjectName];
    await putBlobs(subj.repo, blobs);
    await client.putManifest(subj.repo, digestOf(manifest), manifest, MEDIA.ociManifest);
    const desc = referrerDescriptor(manifest);
    const tag = referrersTag(subj.digest);
    // The pull scope matters in token mode: a token for no scope reads nothing (401), and taking
    // that for "no index yet" would keep only the last referrer in the index.
    const got = await client.request(`/v2/${subj.repo}/manifests/${tag}`, { headers: { accept: MEDIA.ociIndex } }, `repository:${subj.repo}:pull`);
    if (!got.ok && got.status !== 404) throw new Error(`GET ${subj.repo}:${tag} -> ${got.status} ${(await got.text()).slice(0, 300)}`);
    const current = got.ok ? Buffer.from(await got.arrayBuffer()) : (await got.arrayBuffer(), null);
    const next = addToReferrersIndex(current, desc, style);
    if (next !== current) await client.putManifest(subj.repo, tag, next, MEDIA.ociIndex);
    (record.referrers[referrersKey(subj.repo, subj.digest)] ??= []).push(desc);
    return note(name, { ...meta, repo: subj.repo, manifest, subject: subjectRef(subjectName), listed: true });
  };
  const subjectDesc = (name) => ({ mediaType: record.subjects[name].mediaType, digest: record.subjects[name].digest, size: record.subjects[name].size });

  {
    const { bundle } = cosignSignBundle(app.digest, keys.ecdsa.privateKey, keys.ecdsa.hint);
    const manifest = cosignReferrerManifest({
      artifactType: ST.bundle,
      layers: [describe(ST.bundle, bundle)],
      subject: subjectDesc('app'),
      annotations: { [ANN.created]: CREATED, [ANN.bundleContent]: 'dsse-envelope', [ANN.bundlePredicateType]: PREDICATE.cosignSign },
    });
    await pushReferrer('bundle', 'app', manifest, [EMPTY_JSON, bundle], 'ggcr', {
      kind: 'signature', format: 'sigstore-bundle-v0.3',
      expect: [ok(0, 'ecdsa'), { layer: 0, key: 'rsa', verifies: false, reason: 'hint and signature are ecdsa\'s' }],
    });
  }
  for (const [name, artifactType, doc, file] of [
    ['spdx', ST.spdx, spdxDocument(identity(repo), app.digest), 'sbom.spdx.json'],
    ['cyclonedx', ST.cyclonedx, cyclonedxDocument(identity(repo), app.digest), 'sbom.cdx.json'],
  ]) {
    const manifest = orasManifest({
      artifactType, layers: [{ ...describe(artifactType, doc), annotations: { [ANN.title]: file } }],
      subject: subjectDesc('app'), annotations: { [ANN.created]: CREATED },
    });
    await pushReferrer(name, 'app', manifest, [EMPTY_JSON, doc], 'oras', { kind: 'sbom', format: `${name === 'spdx' ? 'spdx' : 'cyclonedx'}-json` });
  }
  {
    const envelope = notationEnvelope(subjectDesc('app'), keys.notation.privateKey, [certs.notation.certDer]);
    const manifest = orasManifest({
      artifactType: ST.notation, layers: [describe(ST.jws, envelope)], subject: subjectDesc('app'),
      annotations: { [ANN.thumbprint]: JSON.stringify([certs.notation.thumbprint]), [ANN.created]: CREATED },
    });
    await pushReferrer('notation', 'app', manifest, [EMPTY_JSON, envelope], 'oras', {
      kind: 'signature', format: 'notation-jws',
      expect: [{ layer: 0, key: 'notation', verifies: true, payloadDigestMatches: true, reason: 'ES256 over the JWS signing input with the x5c certificate\'s key; no trust store: shown as unverified' }],
    });
  }
  {
    const tag = referrersTag(app.digest);
    const got = await client.getManifest(repo, tag);
    note('referrers-index', { kind: 'referrers-index', format: 'oci-referrers-tag-schema', repo, tag, manifest: got.body, mediaType: MEDIA.ociIndex, subject: subjectRef('app') });
  }

  // ---- BuildKit: attestation manifests inside the index
  {
    const bk = makeBuildkitIndex(`${host}/${SUPPLY_REPOS.buildkit}`, { sourceUri: SOURCE_URI, builderId: BUILDER_ID });
    const r = SUPPLY_REPOS.buildkit;
    for (const im of bk.images) await putImage(r, im.digest, im);
    for (const a of bk.attestations) {
      await putBlobs(r, a.blobs);
      await client.putManifest(r, a.digest, a.manifest, MEDIA.ociManifest);
    }
    await client.putManifest(r, 'v1', bk.index.bytes, MEDIA.ociIndex);
    record.subjects.buildkit = {
      repo: r, tag: 'v1', digest: bk.index.digest, mediaType: MEDIA.ociIndex, size: bk.index.size,
      platforms: bk.images.map((im) => ({ digest: im.digest, platform: im.platform })),
    };
    bk.attestations.forEach((a, i) => {
      const arch = bk.images[i].platform.architecture;
      record.subjects[`buildkit-${arch}`] = { repo: r, tag: null, digest: a.image.digest, mediaType: MEDIA.ociManifest, size: a.image.size, platform: a.image.platform };
      note(`buildkit-att-${arch}`, { kind: 'buildkit-attestation', format: 'buildkit-in-toto', repo: r, manifest: a.manifest, subject: subjectRef(`buildkit-${arch}`) });
    });
  }

  // ---- lies, each in supply/lie-<name> about its own image
  for (const name of LIES) {
    const r = SUPPLY_REPOS.lie(name);
    const im = makeSubjectImage({ label: `lie-${name}` });
    await putImage(r, 'v1', im);
    const subjectName = `lie-${name}`;
    record.subjects[subjectName] = { repo: r, tag: 'v1', digest: im.digest, mediaType: MEDIA.ociManifest, size: im.size, platform: im.platform };
    const lie = { repo: r, subject: im.digest, artifact: name, accepted: true };
    record.lies[name] = lie;
    try {
      if (name === 'other-digest') {
        lie.why = 'the payload names the app image\'s digest, not this one (signature itself valid)';
        await simpleSig(name, subjectName, [{ key: keys.ecdsa }], { payloadDigest: app.digest,
          expect: [{ layer: 0, key: 'ecdsa', verifies: true, payloadDigestMatches: false, identityMatches: true, reason: lie.why }] });
      } else if (name === 'tampered') {
        lie.why = 'one bit of the DER signature flipped (in the last byte of s)';
        await simpleSig(name, subjectName, [{ key: keys.ecdsa, mutate: (s) => { const t = Buffer.from(s); t[t.length - 1] ^= 0x01; return t; } }],
          { expect: [{ layer: 0, key: 'ecdsa', verifies: false, payloadDigestMatches: true, identityMatches: true, reason: lie.why }] });
      } else if (name === 'unknown-key') {
        lie.why = 'signed by the `unknown` key, which tests do not give';
        await simpleSig(name, subjectName, [{ key: keys.unknown }], {
          expect: [{ layer: 0, key: 'ecdsa', verifies: false, payloadDigestMatches: true, identityMatches: true, reason: lie.why },
            { layer: 0, key: 'unknown', verifies: true, payloadDigestMatches: true, identityMatches: true, reason: 'the key exists only in the record' }] });
      } else if (name === 'other-identity') {
        lie.why = 'docker-reference names another repository (supply/other)';
        await simpleSig(name, subjectName, [{ key: keys.ecdsa }], { ref: identity('supply/other'),
          expect: [{ layer: 0, key: 'ecdsa', verifies: true, payloadDigestMatches: true, identityMatches: false, reason: lie.why }] });
      } else if (name === 'wrong-key-type') {
        lie.why = 'signed with RSA; the test gives the ECDSA key';
        await simpleSig(name, subjectName, [{ key: keys.rsa }], {
          expect: [{ layer: 0, key: 'ecdsa', verifies: false, payloadDigestMatches: true, identityMatches: true, reason: lie.why },
            { layer: 0, key: 'rsa', verifies: true, payloadDigestMatches: true, identityMatches: true, reason: 'the RSA key it was made with' }] });
      } else if (name === 'tag-not-index') {
        lie.why = 'the referrers tag schema tag sha256-<hex> holds a plain image manifest, not an index';
        const plain = makeSubjectImage({ label: 'not-an-index' });
        const tag = referrersTag(im.digest);
        await putImage(r, tag, plain);
        note(name, { kind: 'referrers-index', format: 'image-manifest', repo: r, tag, manifest: plain.manifest, subject: subjectRef(subjectName) });
      } else if (name === 'many-layers') {
        lie.why = `a .sig manifest of ${manyLayers} layers (cosign itself refuses more than 1000)`;
        const payload = simpleSigningPayload(identity(r), im.digest);
        const sig = b64(signBytes(keys.ecdsa.privateKey, payload));
        const big = cosignImage(Array.from({ length: manyLayers }, () => ({ bytes: payload, mediaType: ST.simpleSigning, annotations: { [ANN.signature]: sig } })));
        lie.manifestBytes = big.manifest.length;
        const tag = `${referrersTag(im.digest)}.sig`;
        await putImage(r, tag, big);
        note(name, { kind: 'signature', format: 'cosign-simplesigning', repo: r, tag, manifest: big.manifest, subject: subjectRef(subjectName),
          expect: [{ layer: 0, key: 'ecdsa', verifies: true, payloadDigestMatches: true, identityMatches: true, reason: 'every layer is a valid signature; the count is the lie' }] });
      }
    } catch (e) {
      lie.accepted = false;
      lie.error = e.message.slice(0, 300);
    }
  }
  return { record, keys, certs };
}
