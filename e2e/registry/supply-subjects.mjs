// The images the supply-chain artifacts are about, built in memory (a real gzipped tar layer, an
// OCI config, manifests and indexes with fixed times, so digests are the same on every run), and
// BuildKit's image index with attestation manifests (docs/attestations/attestation-storage.md).
import { gzipSync } from 'node:zlib';
import { MEDIA, digestOf } from './util.mjs';
import { CREATED, ST, ANN, PREDICATE, json, describe, spdxDocument } from './supply-formats.mjs';

/** A ustar archive of one regular file (mode 0644, mtime CREATED, root owner). */
function tarOf(path, content) {
  const body = Buffer.from(content);
  const header = Buffer.alloc(512);
  const field = (off, len, s) => header.write(s, off, len, 'ascii');
  const octal = (off, len, n) => field(off, len, `${n.toString(8).padStart(len - 1, '0')}\0`);
  field(0, 100, path);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, body.length);
  octal(136, 12, Date.parse(CREATED) / 1000);
  header.fill(0x20, 148, 156); // checksum field counts as spaces
  field(156, 1, '0');
  field(257, 8, 'ustar\x0000');
  let sum = 0;
  for (const b of header) sum += b;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, pad, Buffer.alloc(1024)]);
}

/**
 * A one-layer OCI image for a platform: {manifest, config, layer, digest, blobs, platform}.
 * `label` makes the image distinct (the lies each get their own subject digest).
 */
export function makeSubjectImage({ os = 'linux', architecture = 'amd64', variant, label = 'app' } = {}) {
  const tar = tarOf('etc/isimport-supply', `isimport e2e supply-chain subject: ${label} ${os}/${architecture}${variant ? `/${variant}` : ''}\n`);
  // gzip with no name/mtime in the header (Node writes none), level fixed: reproducible bytes
  const layer = gzipSync(tar, { level: 9 });
  const config = json({
    created: CREATED,
    architecture,
    os,
    ...(variant ? { variant } : {}),
    config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['cat', '/etc/isimport-supply'], Labels: { 'org.opencontainers.image.title': `isimport supply ${label}` } },
    rootfs: { type: 'layers', diff_ids: [digestOf(tar)] },
    history: [{ created: CREATED, created_by: 'isimport e2e: supply-chain subject' }],
  });
  const manifest = json({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: describe(MEDIA.ociConfig, config),
    layers: [describe(MEDIA.ociLayerGzip, layer)],
  });
  const platform = { architecture, os, ...(variant ? { variant } : {}) };
  return { manifest, config, layer, blobs: [config, layer], digest: digestOf(manifest), size: manifest.length, platform };
}

/** An OCI index over images (with their platforms), plus extra descriptors appended after them. */
export function makeIndex(images, extra = []) {
  const bytes = json({
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: [
      ...images.map((im) => ({ mediaType: MEDIA.ociManifest, digest: im.digest, size: im.size, platform: im.platform })),
      ...extra,
    ],
  });
  return { bytes, digest: digestOf(bytes), size: bytes.length };
}

/** An in-toto Statement v0.1 as BuildKit writes it (unsigned: the layer is the statement). */
function buildkitStatement(predicateType, imageName, image, predicate) {
  const platform = encodeURIComponent(`${image.platform.os}/${image.platform.architecture}${image.platform.variant ? `/${image.platform.variant}` : ''}`);
  return json({
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType,
    subject: [{ name: `pkg:docker/${imageName}@v1?platform=${platform}`, digest: { sha256: image.digest.slice(7) } }],
    predicate,
  });
}

/**
 * The index `docker buildx build --provenance=mode=max --sbom=true` pushes for two platforms:
 * the images, then per image an attestation manifest (platform unknown/unknown, annotated with
 * the image's digest) whose layers are an SPDX SBOM and SLSA provenance v0.2 statement.
 */
export function makeBuildkitIndex(imageName, { sourceUri, builderId }) {
  const images = [makeSubjectImage({ label: 'buildkit' }), makeSubjectImage({ architecture: 'arm64', variant: 'v8', label: 'buildkit' })];
  const attestations = images.map((image) => {
    const sbom = buildkitStatement(PREDICATE.spdx, imageName, image, JSON.parse(spdxDocument(imageName, image.digest)));
    const provenance = buildkitStatement(PREDICATE.slsa02, imageName, image, {
      builder: { id: builderId },
      buildType: 'https://mobyproject.org/buildkit@v1',
      materials: [{ uri: sourceUri, digest: { sha1: '0123456789abcdef0123456789abcdef01234567' } }],
      invocation: { configSource: { uri: sourceUri, entryPoint: 'Dockerfile' } },
      metadata: { buildStartedOn: CREATED, buildFinishedOn: CREATED, completeness: { parameters: true, environment: true, materials: false }, reproducible: false },
    });
    const config = json({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [digestOf(sbom), digestOf(provenance)] } });
    const manifest = json({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: describe(MEDIA.ociConfig, config),
      layers: [
        { ...describe(ST.inToto, sbom), annotations: { [ANN.predicateType]: PREDICATE.spdx } },
        { ...describe(ST.inToto, provenance), annotations: { [ANN.predicateType]: PREDICATE.slsa02 } },
      ],
    });
    return { image, manifest, digest: digestOf(manifest), size: manifest.length, blobs: [config, sbom, provenance], statements: { sbom, provenance } };
  });
  const index = makeIndex(images, attestations.map((a) => ({
    mediaType: MEDIA.ociManifest,
    digest: a.digest,
    size: a.size,
    annotations: { [ANN.refDigest]: a.image.digest, [ANN.refType]: 'attestation-manifest' },
    platform: { architecture: 'unknown', os: 'unknown' },
  })));
  return { images, attestations, index };
}
