// Byte layouts of supply-chain artifacts, as the tools that write them lay them out. Pure
// builders (bytes in, bytes out); supply-artifacts.mjs pushes them. Where the layout comes from:
//
// - cosign (sigstore/cosign pkg/oci/{static,empty,mutate,remote}, go-containerregistry v1 types):
//   `.sig`/`.att`/`.sbom` tags are go-containerregistry images, marshalled by encoding/json:
//   struct field order (manifest: schemaVersion, mediaType, config, layers, annotations, subject,
//   artifactType; descriptor: mediaType, size, digest, data, urls, annotations, platform,
//   artifactType), map keys sorted. The config is empty.Image's, with one empty history entry
//   and one diff_id per appended layer. An attestation layer carries an empty
//   `dev.cosignproject.cosign/signature`.
// - sigstore/sigstore payload.go: the simple-signing payload, json.Marshal (compact, no newline).
// - cosign ≥ 2.6 `--new-bundle-format`: a referrer manifest (empty config with artifactType on its
//   descriptor, artifactType last) holding a protojson bundle v0.3 (field-number order, defaults
//   omitted); the key hint is base64(sha256(SPKI DER)).
// - go-containerregistry writes the referrers tag schema index sorted by digest, descriptors
//   without annotations; oras-go (oras attach, notation) appends descriptors with annotations and
//   writes image-spec structs (descriptor: mediaType, digest, size, urls, annotations, data,
//   platform, artifactType; manifest: schemaVersion, mediaType, artifactType, config, layers,
//   subject, annotations), its empty config carrying `data: "e30="`.
// - BuildKit (docs/attestations/attestation-storage.md): attestation manifests in the index.
import { createHash, sign as cryptoSign } from 'node:crypto';
import { MEDIA, digestOf } from './util.mjs';

export const CREATED = '2024-01-01T00:00:00Z';
export const ST = {
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  dsse: 'application/vnd.dsse.envelope.v1+json',
  inToto: 'application/vnd.in-toto+json',
  bundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  empty: 'application/vnd.oci.empty.v1+json',
  spdx: 'application/spdx+json',
  cyclonedx: 'application/vnd.cyclonedx+json',
  cosignSpdx: 'text/spdx+json',
  notation: 'application/vnd.cncf.notary.signature',
  jws: 'application/jose+json',
  notaryPayload: 'application/vnd.cncf.notary.payload.v1+json',
};
export const ANN = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle',
  bundleContent: 'dev.sigstore.bundle.content',
  bundlePredicateType: 'dev.sigstore.bundle.predicateType',
  created: 'org.opencontainers.image.created',
  title: 'org.opencontainers.image.title',
  thumbprint: 'io.cncf.notary.x509chain.thumbprint#S256',
  refType: 'vnd.docker.reference.type',
  refDigest: 'vnd.docker.reference.digest',
  predicateType: 'in-toto.io/predicate-type',
};
export const PREDICATE = {
  slsa1: 'https://slsa.dev/provenance/v1',
  slsa02: 'https://slsa.dev/provenance/v0.2',
  spdx: 'https://spdx.dev/Document',
  cosignSign: 'https://sigstore.dev/cosign/sign/v1',
};
/** The OCI empty descriptor's blob, `{}`. */
export const EMPTY_JSON = Buffer.from('{}');

const GGCR_DESC = ['mediaType', 'size', 'digest', 'data', 'urls', 'annotations', 'platform', 'artifactType'];
const OCI_DESC = ['mediaType', 'digest', 'size', 'urls', 'annotations', 'data', 'platform', 'artifactType'];

/** A copy of `obj` with keys in `order` (absent and undefined ones left out), Go maps' sorted keys for `annotations`. */
function ordered(obj, order) {
  const out = {};
  for (const k of order) {
    if (obj[k] === undefined) continue;
    out[k] = k === 'annotations' ? sortKeys(obj[k]) : obj[k];
  }
  return out;
}
export const sortKeys = (m) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
export const ggcrDescriptor = (d) => ordered(d, GGCR_DESC);
export const ociDescriptor = (d) => ordered(d, OCI_DESC);
export const json = (v) => Buffer.from(JSON.stringify(v));
export const b64 = (buf) => Buffer.from(buf).toString('base64');
export const b64url = (buf) => Buffer.from(buf).toString('base64url');
/** A descriptor of bytes: {mediaType, digest, size}. */
export const describe = (mediaType, bytes) => ({ mediaType, digest: digestOf(bytes), size: bytes.length });

/** sigstore/sigstore payload.go: what `cosign sign` signs. */
export function simpleSigningPayload(dockerReference, manifestDigest, { type = 'cosign container image signature', optional = null } = {}) {
  return json({
    critical: {
      identity: { 'docker-reference': dockerReference },
      image: { 'docker-manifest-digest': manifestDigest },
      type,
    },
    optional,
  });
}

/**
 * A cosign `.sig`/`.att`/`.sbom` image (go-containerregistry's empty image plus appended static
 * layers). layers: [{bytes, mediaType, annotations}]. Returns {manifest, config, blobs}.
 */
export function cosignImage(layers) {
  const blobs = layers.map((l) => l.bytes);
  const config = json({
    architecture: '',
    created: '0001-01-01T00:00:00Z',
    history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })),
    os: '',
    rootfs: { type: 'layers', diff_ids: blobs.map((b) => digestOf(b)) },
    config: {},
  });
  const manifest = json({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: ggcrDescriptor(describe(MEDIA.ociConfig, config)),
    layers: layers.map((l) => ggcrDescriptor({ ...describe(l.mediaType, l.bytes), annotations: l.annotations })),
  });
  return { manifest, config, blobs: [config, ...blobs] };
}

/** Signs bytes: ECDSA → DER (what cosign stores), RSA → PKCS#1 v1.5; both over SHA-256. */
export function signBytes(privateKey, bytes, { dsaEncoding = 'der' } = {}) {
  return cryptoSign('sha256', bytes, { key: privateKey, dsaEncoding });
}

/** DSSE pre-authentication encoding. */
export function pae(payloadType, payload) {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${payload.length} `), payload]);
}

/** A DSSE envelope as go-securesystemslib marshals it (cosign attest): keyid "" kept. */
export function dsseEnvelope(statementBytes, privateKey, { payloadType = ST.inToto, keyid = '' } = {}) {
  const sig = signBytes(privateKey, pae(payloadType, statementBytes));
  return json({ payloadType, payload: b64(statementBytes), signatures: [{ keyid, sig: b64(sig) }] });
}

/** in-toto Statement v1 with SLSA provenance v1 for `digest` (hex after sha256:). */
export function slsaStatement(name, digest, { builderId, sourceUri, sourceDigest }) {
  return json({
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name, digest: { sha256: digest.replace(/^sha256:/, '') } }],
    predicateType: PREDICATE.slsa1,
    predicate: {
      buildDefinition: {
        buildType: 'https://isimport.invalid/e2e/build/v1',
        externalParameters: { source: sourceUri },
        resolvedDependencies: [{ uri: sourceUri, digest: { gitCommit: sourceDigest } }],
      },
      runDetails: {
        builder: { id: builderId },
        metadata: { invocationId: 'isimport-e2e-1', startedOn: CREATED, finishedOn: CREATED },
      },
    },
  });
}

/**
 * `cosign sign --new-bundle-format --key …` (cosign ≥ 2.6): the protojson in-toto statement
 * (subject has a digest and empty annotations, no name; predicate {}), DSSE-signed, in a bundle
 * v0.3 whose verification material is the key hint (no tlog entry: --tlog-upload=false).
 */
export function cosignSignBundle(subjectDigest, privateKey, hint) {
  const [alg, hex] = subjectDigest.split(':');
  const statement = json({
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ digest: { [alg]: hex }, annotations: {} }],
    predicateType: PREDICATE.cosignSign,
    predicate: {},
  });
  const sig = signBytes(privateKey, pae(ST.inToto, statement));
  const bundle = json({
    mediaType: ST.bundle,
    verificationMaterial: { publicKey: { hint } },
    dsseEnvelope: { payload: b64(statement), payloadType: ST.inToto, signatures: [{ sig: b64(sig) }] },
  });
  return { statement, bundle };
}

/**
 * cosign's WriteReferrer manifest: empty config (uploaded as `{}`) with the artifactType on its
 * descriptor, annotations sorted, artifactType after subject.
 */
export function cosignReferrerManifest({ artifactType, layers, subject, annotations }) {
  return json({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: ggcrDescriptor({ ...describe(ST.empty, EMPTY_JSON), artifactType }),
    layers: layers.map((l) => ggcrDescriptor(l)),
    annotations: sortKeys(annotations),
    subject: ggcrDescriptor(subject),
    artifactType,
  });
}

/** oras-go PackManifest (v1.1), what `oras attach` and notation push. */
export function orasManifest({ artifactType, layers, subject, annotations }) {
  return json({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType,
    config: ociDescriptor({ ...describe(ST.empty, EMPTY_JSON), data: b64(EMPTY_JSON) }),
    layers: layers.map((l) => ociDescriptor(l)),
    subject: ociDescriptor(subject),
    annotations: sortKeys(annotations),
  });
}

/** The referrers tag schema tag of a subject digest: `sha256-<hex>`. */
export const referrersTag = (digest) => digest.replace(':', '-');

/**
 * The descriptor a referrers index lists for a referrer manifest (artifactType from the
 * manifest, else its config media type; annotations from the manifest).
 */
export function referrerDescriptor(manifestBytes) {
  const m = JSON.parse(manifestBytes);
  return {
    mediaType: m.mediaType ?? MEDIA.ociManifest,
    digest: digestOf(manifestBytes),
    size: manifestBytes.length,
    annotations: m.annotations,
    artifactType: m.artifactType ?? m.config?.mediaType,
  };
}

/**
 * The tag schema index after `desc` is added, as each tool rewrites it. `current`: the bytes
 * the tag held (or null). style 'ggcr' (cosign): descriptors without annotations, sorted by
 * digest; 'oras' (oras attach, notation): appended, with annotations.
 */
export function addToReferrersIndex(current, desc, style) {
  const manifests = current ? JSON.parse(current).manifests : [];
  if (manifests.some((d) => d.digest === desc.digest)) return current;
  if (style === 'ggcr') {
    const { annotations, ...bare } = desc;
    manifests.push(bare);
    manifests.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
    return json({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: manifests.map(ggcrDescriptor) });
  }
  manifests.push(desc);
  return json({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: manifests.map(ociDescriptor) });
}

/** SHA256:<hex> of a public key's SPKI DER; the sigstore hint is the same digest in base64. */
export function keyIds(publicKey) {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const h = createHash('sha256').update(der).digest();
  return { fingerprint: `SHA256:${h.toString('hex')}`, hint: h.toString('base64') };
}

/** A small SPDX 2.3 JSON document for an image. */
export function spdxDocument(name, digest) {
  return json({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://isimport.invalid/spdx/${digest.replace(':', '-')}`,
    creationInfo: { created: CREATED, creators: ['Tool: isimport-e2e'] },
    packages: [{
      name: 'busybox', SPDXID: 'SPDXRef-Package-busybox', versionInfo: '1.36.1', downloadLocation: 'NOASSERTION',
      licenseConcluded: 'GPL-2.0-only', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:apk/alpine/busybox@1.36.1' }],
    }],
    relationships: [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Package-busybox' }],
  });
}

/** A small CycloneDX 1.5 JSON BOM for an image. */
export function cyclonedxDocument(name, digest) {
  return json({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: { timestamp: CREATED, component: { type: 'container', name, version: digest } },
    components: [{ type: 'library', name: 'busybox', version: '1.36.1', purl: 'pkg:apk/alpine/busybox@1.36.1' }],
  });
}

/**
 * A Notation JWS signature envelope (JSON serialization, ES256: r||s) over the target
 * descriptor, the certificate chain (DER buffers) in the unprotected header's x5c.
 */
export function notationEnvelope(target, privateKey, certDers) {
  const payload = json({ targetArtifact: { mediaType: target.mediaType, digest: target.digest, size: target.size } });
  const protectedHeader = json({
    alg: 'ES256',
    crit: ['io.cncf.notary.signingScheme'],
    cty: ST.notaryPayload,
    'io.cncf.notary.signingScheme': 'notary.x509',
    'io.cncf.notary.signingTime': CREATED,
  });
  const signingInput = `${b64url(protectedHeader)}.${b64url(payload)}`;
  const sig = signBytes(privateKey, Buffer.from(signingInput), { dsaEncoding: 'ieee-p1363' });
  return json({
    payload: b64url(payload),
    protected: b64url(protectedHeader),
    header: { x5c: certDers.map((d) => b64(d)), 'io.cncf.notary.signingAgent': 'notation-go/1.3.0' },
    signature: b64url(sig),
  });
}

/**
 * The Rekor bundle a keyless cosign signature carries (`dev.sigstore.cosign/bundle`): a
 * hashedrekord body for the payload, signature and certificate. The SignedEntryTimestamp is not
 * a real log's: nothing can verify it.
 */
export function rekorBundle(payload, sigB64, certPem) {
  const body = json({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') } },
      signature: { content: sigB64, publicKey: { content: b64(certPem) } },
    },
  });
  return JSON.stringify({
    SignedEntryTimestamp: b64('isimport e2e: not a transparency log timestamp'),
    Payload: { body: b64(body), integratedTime: 1704067200, logIndex: 1, logID: 'c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d' },
  });
}
