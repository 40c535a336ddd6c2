// What the lying registry (lying-registry.mjs) serves: honest images built in memory, and each lie
// as a repository `lie/<name>` of the open registry, tag `t`. A lie takes over one route
// (manifest, blob or tag list) with `(answer) => …`, where `answer` is the request's toolbox
// (see lying-registry.mjs: send, stream, raw, drip, url, elsewhere); the other routes stay honest.
import { gzipSync, createGzip } from 'node:zlib';

import { MEDIA, digestOf } from './util.mjs';

const MiB = 1024 * 1024;

/** An OCI image of `layers` layers whose config has `env` entries: its bytes and digests. */
export function makeImage({ layers = 1, env = 1, label = 'honest' } = {}) {
  const layerDigest = (i) => `sha256:${i.toString(16).padStart(64, '0')}`;
  const config = Buffer.from(JSON.stringify({
    created: '2024-01-01T00:00:00Z',
    architecture: 'amd64',
    os: 'linux',
    config: { Env: Array.from({ length: env }, (_, i) => `V${i}=${i}`), Cmd: ['/bin/true'], Labels: { lie: label } },
    rootfs: { type: 'layers', diff_ids: Array.from({ length: layers }, (_, i) => layerDigest(i + 1)) },
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: digestOf(config), size: config.length },
    layers: Array.from({ length: layers }, (_, i) => ({ mediaType: MEDIA.ociLayerGzip, digest: layerDigest(i + 1), size: 1000 + i })),
  }));
  return { config, configDigest: digestOf(config), manifest, digest: digestOf(manifest), layers, env };
}

/** An OCI index of the given entries ({digest, size, mediaType}), each for linux/amd64. */
export function makeIndex(entries) {
  const bytes = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: entries.map((e) => ({ ...e, platform: { os: 'linux', architecture: 'amd64' } })),
  }));
  return { bytes, digest: digestOf(bytes) };
}

export const GOOD = makeImage();
// As many layers as a manifest can hold inside the 4 MiB cap (each layer is ~150 bytes), and the
// 100 000 the issue names, which cannot fit: 15 MB of descriptors.
export const MANY_LAYERS = makeImage({ layers: 26_000, label: 'many-layers' });
export const LAYERS_100K = makeImage({ layers: 100_000, label: 'layers-100k' });
export const ENV_100K = makeImage({ env: 100_000, label: 'env-100k' });
const BIG_CONFIG = (() => {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { pad: ' '.repeat(5 * MiB) } }, rootfs: { type: 'layers', diff_ids: [] } }));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { mediaType: MEDIA.ociConfig, digest: digestOf(config), size: config.length }, layers: [] }));
  return { config, configDigest: digestOf(config), manifest, digest: digestOf(manifest) };
})();

// An index whose one entry is named by a SHA-512 digest (upstream re-checks SHA-256 digests
// only) and served as the index itself: a list that lists itself, forever if followed.
const SELF_DIGEST = `sha512:${'5e1f'.repeat(32)}`;
const SELF_INDEX = makeIndex([{ mediaType: MEDIA.ociIndex, digest: SELF_DIGEST, size: 200 }]);
// An index whose entry is another index, whose entry is the good image.
const INNER_INDEX = makeIndex([{ mediaType: MEDIA.ociManifest, digest: GOOD.digest, size: GOOD.manifest.length }]);
const OUTER_INDEX = makeIndex([{ mediaType: MEDIA.ociIndex, digest: INNER_INDEX.digest, size: INNER_INDEX.bytes.length }]);

export const TAMPERED = Buffer.from(GOOD.manifest.toString().replace('"schemaVersion":2', '"schemaVersion": 2'));
const SMALL_GZIP = gzipSync(GOOD.manifest);

/** 128 MiB of JSON whitespace before the good manifest, gzipped: ~130 KiB on the wire (made once,
 * ahead: the registry's start awaits it). */
let bomb;
export async function gzipBomb() {
  if (bomb) return bomb;
  const gzip = createGzip({ level: 9 });
  const parts = [];
  gzip.on('data', (d) => parts.push(d));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const spaces = Buffer.alloc(MiB, 0x20);
  for (let i = 0; i < 128; i++) {
    if (!gzip.write(spaces)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end(GOOD.manifest);
  await done;
  bomb = Buffer.concat(parts);
  return bomb;
}

const manifestType = { 'content-type': MEDIA.ociManifest };
const errorBody = (code, message) => JSON.stringify({ errors: [{ code, message, detail: null }] });
const failWith = (status, headers = {}, body = 'upstream trouble') => ({ manifest: (a) => a.send(status, { 'content-type': 'text/plain', ...headers }, body) });

/** Serves one honest image's manifest (for any tag, or its digest) and config. */
export const honest = (image) => ({
  manifest: (a) => (a.ref === image.digest || !a.ref.includes(':')
    ? a.send(200, { ...manifestType, 'docker-content-digest': image.digest }, image.manifest)
    : a.send(404, { 'content-type': 'application/json' }, errorBody('MANIFEST_UNKNOWN', 'manifest unknown'))),
  blob: (a) => (a.ref === image.configDigest
    ? a.send(200, { 'content-type': 'application/octet-stream' }, image.config)
    : a.send(404, { 'content-type': 'application/json' }, errorBody('BLOB_UNKNOWN', 'blob unknown to registry'))),
  tags: (a) => a.send(200, { 'content-type': 'application/json' }, JSON.stringify({ name: a.repository, tags: ['t', 'latest'] })),
});

/** Every lie of the open registry, by repository name under `lie/`. */
export const LIES = {
  'digest-mismatch': { manifest: (a) => a.send(200, { ...manifestType, 'docker-content-digest': GOOD.digest }, TAMPERED) },
  'manifest-over-cap': { manifest: (a) => a.send(200, manifestType, Buffer.alloc(5 * MiB, 0x20)) },
  'manifest-over-cap-chunked': { manifest: (a) => a.stream(200, manifestType, 5 * MiB) },
  // Content-Length smaller than the body: the client reads what was declared and no more.
  'length-says-less': { manifest: (a) => a.raw(200, { ...manifestType, 'content-length': 64 }, Buffer.concat([GOOD.manifest, Buffer.alloc(5 * MiB, 0x20)])) },
  // Content-Length larger than the body, then the connection closes.
  'length-says-more': { manifest: (a) => a.raw(200, { ...manifestType, 'content-length': 100_000 }, GOOD.manifest) },
  'config-over-cap': { ...honest(BIG_CONFIG) },
  'error-over-cap': { manifest: (a) => a.send(404, { 'content-type': 'application/json' }, Buffer.alloc(2 * MiB, 0x20)) },
  'gzip-bomb': { manifest: async (a) => a.send(200, { ...manifestType, 'content-encoding': 'gzip' }, await gzipBomb()) },
  'gzip-honest': { manifest: (a) => a.send(200, { ...manifestType, 'content-encoding': 'gzip' }, SMALL_GZIP), blob: honest(GOOD).blob },
  'not-json': { manifest: (a) => a.send(200, manifestType, '<html><body><h1>502 Bad Gateway</h1></body></html>') },
  'deep-json': { manifest: (a) => a.send(200, manifestType, `${'['.repeat(200_000)}${']'.repeat(200_000)}`) },
  'many-layers': honest(MANY_LAYERS),
  'layers-100k': honest(LAYERS_100K),
  'env-100k': honest(ENV_100K),
  'wrong-content-type': { manifest: (a) => a.send(200, { 'content-type': 'text/html; charset=utf-8' }, GOOD.manifest), blob: honest(GOOD).blob },
  'index-lists-itself': { manifest: (a) => a.send(200, { 'content-type': MEDIA.ociIndex }, SELF_INDEX.bytes) },
  'index-lists-index': {
    manifest: (a) => {
      if (a.ref === INNER_INDEX.digest) return a.send(200, { 'content-type': MEDIA.ociIndex }, INNER_INDEX.bytes);
      if (a.ref === GOOD.digest) return a.send(200, manifestType, GOOD.manifest);
      return a.send(200, { 'content-type': MEDIA.ociIndex }, OUTER_INDEX.bytes);
    },
    blob: honest(GOOD).blob,
  },
  'redirect-loop': { manifest: (a) => a.send(302, { location: a.path }, '') },
  'redirect-elsewhere': {
    manifest: (a) => a.send(307, { location: `${a.elsewhere}/v2/good/app/manifests/${a.ref}` }, ''),
    blob: (a) => a.send(307, { location: `${a.elsewhere}/v2/good/app/blobs/${a.ref}` }, ''),
  },
  drip: { manifest: (a) => a.drip(200, manifestType, GOOD.manifest, 1000) },
  'status-500': failWith(500),
  'status-502': failWith(502, {}, '<html>502 Bad Gateway</html>'),
  'status-503': failWith(503),
  'status-503-retry-after': failWith(503, { 'retry-after': '3600' }),
  'status-429': failWith(429),
  'status-429-retry-after': failWith(429, { 'retry-after': '3600' }),
  'status-429-json': failWith(429, { 'content-type': 'application/json' }, errorBody('TOOMANYREQUESTS', 'slow down')),
  'tags-link-self': {
    ...honest(GOOD),
    tags: (a) => a.send(200, { 'content-type': 'application/json', link: `<${a.path}>; rel="next"` }, JSON.stringify({ name: a.repository, tags: ['t'] })),
  },
  'tags-over-cap': {
    ...honest(GOOD),
    tags: (a) => a.stream(200, { 'content-type': 'application/json' }, 5 * MiB),
  },
  'tags-200k': {
    ...honest(GOOD),
    tags: (a) => a.send(200, { 'content-type': 'application/json' }, JSON.stringify({ name: a.repository, tags: ['t', ...Array.from({ length: 199_999 }, (_, i) => `v${i}`)] })),
  },
  'tags-link-ftp': {
    ...honest(GOOD),
    tags: (a) => a.send(200, { 'content-type': 'application/json', link: '<ftp://127.0.0.1/v2/good/app/tags/list>; rel="next"' }, JSON.stringify({ name: a.repository, tags: ['t'] })),
  },
  'tags-link-elsewhere': {
    ...honest(GOOD),
    tags: (a) => a.send(200, { 'content-type': 'application/json', link: `<${a.elsewhere}/v2/good/app/tags/list?last=t>; rel="next"` }, JSON.stringify({ name: a.repository, tags: ['t'] })),
  },
};

/** The token realm's answers, by the repository of the scope asked for. */
export const TOKEN_LIES = {
  'big-token/app': (a) => a.send(200, { 'content-type': 'application/json' }, JSON.stringify({ token: 'x'.repeat(2 * MiB) })),
  'refused-token/app': (a) => a.send(401, { 'content-type': 'application/json' }, errorBody('UNAUTHORIZED', 'authentication required')),
};
