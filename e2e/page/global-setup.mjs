// Starts what the browser suite imports from, once for every test: three real docker-registry
// instances on loopback and the built page behind Vite's preview server.
//   anonymous  CORS headers; the demo images (an OCI index, a Docker list, a rich OCI image, a
//              Docker image, 67 tags) and demo/hostile, whose labels and env hold HTML; and the
//              supply-chain fixtures (supply/*: signed images, SBOMs, attestations, lies)
//   login      htpasswd (alice/wonderland), CORS headers: a browser reaches it through the proxy
//   nocors     anonymous, no CORS headers (as most public registries)
// What tests need is handed over in process.env.ISIMPORT_E2E (JSON; see ./env.mjs).
import { fileURLToPath } from 'node:url';
import { startRegistry } from '../registry/start.mjs';
import { buildImages, pushSets, DEMO_REPOS } from '../registry/images.mjs';
import { RegistryClient, MEDIA } from '../registry/util.mjs';
import { pushSupplyChain } from '../registry/supply-artifacts.mjs';
import { HOSTILE_LABEL } from './env.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// An image whose config carries markup where a page might render HTML: it must show as text.
async function pushHostile(registry) {
  const client = new RegistryClient(registry.url);
  const repo = 'demo/hostile';
  const layer = Buffer.from('not a real layer: the importer never downloads layers');
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: {
      User: '',
      Env: [`NOTE=${HOSTILE_LABEL}`],
      Labels: { 'org.opencontainers.image.title': HOSTILE_LABEL, 'x-script': '<script>window.__pwned = 1</script>' },
    },
    rootfs: { type: 'layers', diff_ids: [`sha256:${'0'.repeat(64)}`] },
  }));
  const layerDigest = await client.putBlob(repo, layer);
  const configDigest = await client.putBlob(repo, config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length }],
  }));
  return client.putManifest(repo, 'latest', manifest, MEDIA.ociManifest);
}

export default async function globalSetup() {
  const started = [];
  const images = await buildImages();
  let server;
  try {
    const anonymous = await startRegistry({ mode: 'anonymous' });
    started.push(anonymous);
    const login = await startRegistry({ mode: 'htpasswd' });
    started.push(login);
    const nocors = await startRegistry({ mode: 'anonymous', cors: false });
    started.push(nocors);

    const record = await pushSets(images, anonymous, { repos: DEMO_REPOS });
    const hostileDigest = await pushHostile(anonymous);
    // 100 layers for the many-layers lie (not the fixture's 10 000): the page suite does not test it.
    // Only the public keys and the subjects are handed over: the whole record (certificates,
    // every layer) would not fit in one environment variable.
    const { keys, subjects } = (await pushSupplyChain(anonymous, { manyLayers: 100 })).record;
    const supply = { keys: Object.fromEntries(Object.entries(keys).map(([name, k]) => [name, { pem: k.pem, fingerprint: k.fingerprint }])), subjects };
    await pushSets(images, login, { sets: ['docker'], repos: { docker: 'private/tools' } });
    await pushSets(images, nocors, { sets: ['docker'], repos: { docker: 'plain/tools' } });

    process.env.ISIMPORT_PROXY_TARGETS = [anonymous.url, login.url, nocors.url].join(',');
    const { preview } = await import('vite');
    server = await preview({
      configFile: `${root}/web/app/vite.config.js`,
      logLevel: 'error',
      preview: { port: 0, strictPort: false, open: false },
    });
    const page = server.resolvedUrls.local[0];
    process.env.ISIMPORT_E2E = JSON.stringify({
      page,
      anonymous: { url: anonymous.url, host: anonymous.host },
      login: { url: login.url, host: login.host, users: login.users },
      nocors: { url: nocors.url, host: nocors.host },
      record,
      hostileDigest,
      supply,
    });
  } catch (error) {
    await server?.close();
    for (const r of started) await r.stop();
    throw error;
  } finally {
    await images.cleanup();
  }
  return async () => {
    await server.close();
    for (const r of started) await r.stop();
  };
}
