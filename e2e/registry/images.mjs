// Test and demo images for the e2e registry, built offline and pushed to a running registry.
//
//   import { buildImages, pushSets, populate } from '../../e2e/registry/images.mjs';
//   const record = await populate(reg);                     // build, push every set, clean up
//   // or build once, push to several registries:
//   const images = await buildImages();  …  await pushSets(images, regA); await pushSets(images, regB);
//   await images.cleanup();
//
// Building: `umoci` (init/new/unpack/repack/config) writes single images into one OCI layout in a
// temporary directory, from small files generated here, with fixed timestamps, so every digest is
// the same from run to run. The multi-platform OCI index is assembled here in the layout (umoci
// builds single images), and so are the `variant` fields of the arm image configs (umoci config
// has no --variant).
//
// Pushing: `skopeo copy` for the rich OCI image, the Docker schema2 image (--format v2s2), the
// multi-platform OCI index (--all) and the Docker manifest list (--all --format v2s2). The
// repository of many tags goes straight through the registry API (blobs once, then one manifest
// PUT per tag; tags sharing an image PUT the same bytes), which is what keeps 60+ tags fast.
//
// Recording: every repository is read back with plain GETs: tags/list, each tag's manifest (the
// digest is sha256 of the exact bytes received, checked against Docker-Content-Digest and against
// what was pushed), list children by digest, and every config blob. See RECORD FORMAT below.
//
// CLI: node e2e/registry/images.mjs --registry URL [--sets rich,docker,multi,list,many]
//        [--prefix e2e | --demo] [--user NAME:PASSWORD] [--out record.json]
//      prints a summary to stderr and the record as JSON to stdout (or --out).
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile, lutimes, chmod, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RegistryClient, MEDIA, digestOf, run } from './util.mjs';

/* RECORD FORMAT (version 1)
{
  "version": 1,
  "registry": "127.0.0.1:PORT",              // host:port, as it appears in image references
  "url": "http://127.0.0.1:PORT",
  "sets": {                                   // what each set pushed, by set name
    "rich":  { "repo": "e2e/rich",  "tags": ["1.0", "latest"], "digest": "sha256:…" },
    "docker":{ "repo": "e2e/docker","tags": ["latest", "v2s2"], "digest": "sha256:…" },
    "multi": { "repo": "e2e/multi", "tags": ["latest"], "digest": "sha256:…" },   // the OCI index
    "list":  { "repo": "e2e/list",  "tags": ["latest"], "digest": "sha256:…" },   // the Docker list
    "many":  { "repo": "e2e/many",  "tags": [… 60+ …], "digest": null }
  },
  "repositories": {
    "e2e/many": {
      "tags": { "latest": "sha256:…", … },   // every tag the registry lists → manifest digest
                                              // (key order: JS puts integer-like tags such as "1" first)
      "manifests": {                          // every manifest reachable from a tag, by digest
        "sha256:…": {
          "mediaType": "application/vnd.oci.image.manifest.v1+json",   // Content-Type of the GET
          "size": 123,                        // bytes of the GET body
          "kind": "image" | "index" | "signature",
          // images:
          "config": { "digest", "mediaType", "size" },
          "layers": [ { "digest", "mediaType", "size" } ],
          "image": { …the config blob, parsed: architecture, os, variant?, created, author,
                     config: {Env, Cmd, Entrypoint, ExposedPorts, Volumes, Labels, User, WorkingDir…},
                     rootfs, history },
          // indexes and Docker manifest lists:
          "manifests": [ { "digest", "mediaType", "size", "platform": {architecture, os, variant?} } ]
        }
      }
    }
  }
}
Digests are computed here from the bytes the registry returned (never copied from a header).
*/

export const CREATED = '2024-01-01T00:00:00Z';
export const AUTHOR = 'isimport e2e <e2e@isimport.invalid>';

export const DEFAULT_REPOS = {
  rich: 'e2e/rich', docker: 'e2e/docker', multi: 'e2e/multi', list: 'e2e/list', many: 'e2e/many',
};
export const DEMO_REPOS = {
  rich: 'demo/app', docker: 'demo/tools', multi: 'demo/web', list: 'demo/list', many: 'demo/versions',
};
export const ALL_SETS = Object.keys(DEFAULT_REPOS);

const PLATFORMS = [
  { ref: 'multi-amd64', architecture: 'amd64', os: 'linux' },
  { ref: 'multi-arm64', architecture: 'arm64', os: 'linux', variant: 'v8' },
  { ref: 'multi-armv7', architecture: 'arm', os: 'linux', variant: 'v7' },
];

/**
 * The repository of many tags: groups of tags sharing one image (one digest). 70 tags, 45 digests;
 * the `sha256-….sig/.att` tags are cosign-shaped signatures of other tags' images (added below).
 */
export const MANY_GROUPS = [
  ['latest', 'stable', '2.0.0', 'v2.0.0', '2.0', '2'],
  ['1.2.3', 'v1.2.3', '1.2', '1'],
  ['1.0.0', 'v1.0.0'],
  ['1.0.1', '1.0'],
  ['1.1.0', '1.1'],
  ['1.2.0'],
  ['1.10.0', '1.10'],
  ['2.0.0-rc.1'],
  ['2.0.0-beta.2'],
  ['2.1.0-alpha', 'v2.1.0-alpha'],
  ['2.1.0', '2.1'],
  ['10.0.0', 'v10.0.0', '10.0', '10'],
  ['0.9.0', '0.9'],
  ['0.1'],
  ['1.2.3.4'],
  ['01.02.03'],
  ['3.0.0-SNAPSHOT'],
  ['v1'],
  ['v2'],
  ['2024-01-01'],
  ['2024-02-15'],
  ['2023-12-31'],
  ['20240301'],
  ['2024.04.01'],
  ['edge', 'nightly'],
  ['dev'],
  ['main'],
  ['alpine', '1.2-alpine', '1.2.3-alpine'],
  ['slim', '1.2.3-slim'],
  ['bookworm', '1.2.3-bookworm'],
  ['build-123'],
  ['pr-45'],
  ['abcdef0'],
  ['9f8e7d6c5b4a3210'],
  ['release_2024'],
  ['Release-A'],
  ['1.2.3_1'],
  ['x'],
];
/** Tags whose image a signature / attestation tag points at: [target tag, suffix]. */
export const MANY_SIGNED = [['latest', 'sig'], ['latest', 'att'], ['1.2.3', 'sig'], ['1.0.0', 'sig']];
/** Tags of the many-tags repository that are not plain images: an OCI index and a Docker image. */
export const MANY_OTHER = { multiarch: 'index', 'docker-v2': 'docker' };

const umoci = (...args) => run('umoci', args);
const rootless = process.getuid?.() !== 0 ? ['--rootless'] : [];

async function walk(dir, fn) {
  for (const ent of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) await walk(p, fn);
    await fn(p, ent);
  }
}

/** Writes files (path → string|Buffer) under rootfs and fixes modes and times (reproducible layers). */
async function writeTree(rootfs, files, time) {
  for (const [path, content] of Object.entries(files)) {
    const p = join(rootfs, path);
    await mkdir(dirname(p), { recursive: true, mode: 0o755 });
    await writeFile(p, content);
    await chmod(p, path.includes('/bin/') ? 0o755 : 0o644);
  }
  const t = new Date(time);
  await walk(rootfs, async (p, ent) => {
    if (ent.isDirectory()) await chmod(p, 0o755);
    await lutimes(p, t, t);
  });
  await chmod(rootfs, 0o755);
  await lutimes(rootfs, t, t);
}

/** An OCI layout with helpers to read and write blobs and refs. */
class Layout {
  constructor(dir) { this.dir = dir; }

  blobPath(digest) { return join(this.dir, 'blobs', ...digest.split(':')); }

  async readBlob(digest) { return readFile(this.blobPath(digest)); }

  async writeBlob(bytes) {
    const digest = digestOf(bytes);
    await writeFile(this.blobPath(digest), bytes);
    return { digest, size: bytes.length };
  }

  async index() { return JSON.parse(await readFile(join(this.dir, 'index.json'), 'utf8')); }

  async ref(name) {
    const idx = await this.index();
    const d = idx.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === name);
    if (!d) throw new Error(`no ref ${name} in ${this.dir}`);
    return d;
  }

  async setRef(name, desc) {
    const idx = await this.index();
    idx.manifests = idx.manifests.filter((m) => m.annotations?.['org.opencontainers.image.ref.name'] !== name);
    idx.manifests.push({ ...desc, annotations: { 'org.opencontainers.image.ref.name': name } });
    await writeFile(join(this.dir, 'index.json'), JSON.stringify(idx));
  }

  /** {manifest, manifestBytes, desc, config, configBytes} of an image ref. */
  async image(name) {
    const desc = await this.ref(name);
    const manifestBytes = await this.readBlob(desc.digest);
    const manifest = JSON.parse(manifestBytes);
    const configBytes = await this.readBlob(manifest.config.digest);
    return { desc, manifest, manifestBytes, config: JSON.parse(configBytes), configBytes };
  }

  /** Replaces an image's config (object) and rewrites its manifest and ref. */
  async replaceConfig(name, config) {
    const { manifest } = await this.image(name);
    const c = await this.writeBlob(Buffer.from(JSON.stringify(config)));
    manifest.config = { ...manifest.config, digest: c.digest, size: c.size };
    const m = await this.writeBlob(Buffer.from(JSON.stringify(manifest)));
    await this.setRef(name, { mediaType: MEDIA.ociManifest, digest: m.digest, size: m.size });
  }
}

/**
 * Builds one image with umoci: `layers` is a list of {files, createdBy}; `config` maps to
 * umoci config flags. Returns nothing; the image is `layout:ref`.
 */
async function buildImage(layout, work, ref, { layers, config = {}, platform, created = CREATED, author = AUTHOR }) {
  const image = `${layout.dir}:${ref}`;
  const bundle = join(work, `bundle-${ref}`);
  await umoci('new', '--image', image);
  await umoci('unpack', ...rootless, '--image', image, bundle);
  for (const layer of layers) {
    await writeTree(join(bundle, 'rootfs'), layer.files, created);
    await umoci('repack', '--refresh-bundle', '--image', image, '--history.created', created,
      '--history.created_by', layer.createdBy ?? 'isimport e2e: files', '--history.author', author, bundle);
  }
  await rm(bundle, { recursive: true, force: true });
  const flags = ['--created', created, '--author', author, '--history.created', created,
    '--history.created_by', 'isimport e2e: config', '--history.author', author];
  if (platform) flags.push('--os', platform.os, '--architecture', platform.architecture);
  for (const e of config.Env ?? []) flags.push('--config.env', e);
  for (const e of config.Entrypoint ?? []) flags.push('--config.entrypoint', e);
  for (const e of config.Cmd ?? []) flags.push('--config.cmd', e);
  for (const e of config.ExposedPorts ?? []) flags.push('--config.exposedports', e);
  for (const e of config.Volumes ?? []) flags.push('--config.volume', e);
  for (const [k, v] of Object.entries(config.Labels ?? {})) flags.push('--config.label', `${k}=${v}`);
  if (config.User) flags.push('--config.user', config.User);
  if (config.WorkingDir) flags.push('--config.workingdir', config.WorkingDir);
  if (config.StopSignal) flags.push('--config.stopsignal', config.StopSignal);
  await umoci('config', '--image', image, ...flags);
  if (platform?.variant) {
    // umoci has no --variant; put it after "os" as the OCI image spec lists it.
    const { config: c } = await layout.image(ref);
    const out = {};
    for (const [k, v] of Object.entries(c)) {
      out[k] = v;
      if (k === 'os') out.variant = platform.variant;
    }
    await layout.replaceConfig(ref, out);
  }
}

const TITLE_LABELS = (title, description) => ({
  'org.opencontainers.image.title': title,
  'org.opencontainers.image.description': description,
  'org.opencontainers.image.source': 'https://isimport.invalid/e2e',
  'org.opencontainers.image.licenses': 'Apache-2.0',
  'io.k8s.display-name': title,
  'io.openshift.tags': 'isimport,e2e,test',
});

/**
 * Builds every image the sets need into one OCI layout (about a second). Returns
 * {dir, layout, refs, cleanup()}; pass it to pushSets() as often as needed.
 */
export async function buildImages({ dir } = {}) {
  const work = dir ?? await mkdtemp(join(tmpdir(), 'isimport-images-'));
  const layout = new Layout(join(work, 'layout'));
  await umoci('init', '--layout', layout.dir);
  const t0 = performance.now();

  // rich: an OCI image with a rich config and two layers
  await buildImage(layout, work, 'rich', {
    platform: { os: 'linux', architecture: 'amd64' },
    layers: [
      { createdBy: 'isimport e2e: base files', files: {
        'etc/os-release': 'NAME="isimport e2e"\nID=isimport\nVERSION_ID=1.0\n',
        'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:1001:0:app:/app:/sbin/nologin\n',
        'usr/local/bin/app': '#!/bin/sh\necho "isimport e2e app $*"\n',
      } },
      { createdBy: 'isimport e2e: app files', files: {
        'app/config.json': JSON.stringify({ listen: ':8080', greeting: 'hello' }, null, 2),
        'app/README': 'The rich-config test image of isimport.\n',
      } },
    ],
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'APP_HOME=/app', 'GREETING=hello world'],
      Entrypoint: ['/usr/local/bin/app'],
      Cmd: ['--serve', '--port=8080'],
      ExposedPorts: ['8080/tcp', '8443/tcp', '53/udp'],
      Volumes: ['/data', '/var/log/app'],
      Labels: {
        ...TITLE_LABELS('isimport rich', 'An OCI image with a rich config'),
        'org.opencontainers.image.version': '1.0',
        'io.openshift.expose-services': '8080:http',
        'io.k8s.description': 'Rich config: env, entrypoint, cmd, ports, volumes, labels, user, workdir',
      },
      User: '1001',
      WorkingDir: '/app',
      StopSignal: 'SIGTERM',
    },
  });

  // docker: pushed as Docker schema2 (skopeo converts the manifest and media types)
  await buildImage(layout, work, 'docker', {
    platform: { os: 'linux', architecture: 'amd64' },
    created: '2023-06-15T12:00:00Z',
    layers: [{ createdBy: 'isimport e2e: tools', files: {
      'usr/local/bin/tool': '#!/bin/sh\necho "isimport e2e tool"\n',
      'etc/tool.conf': 'verbose = false\n',
    } }],
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'TOOL_MODE=docker'],
      Cmd: ['/usr/local/bin/tool'],
      Labels: { ...TITLE_LABELS('isimport tools', 'A Docker schema2 image'), maintainer: 'e2e@isimport.invalid' },
    },
  });

  // multi: one image per platform, then an OCI index over them
  for (const p of PLATFORMS) {
    const plat = `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
    await buildImage(layout, work, p.ref, {
      platform: p,
      layers: [{ createdBy: `isimport e2e: ${plat} files`, files: {
        'etc/platform': `${plat}\n`,
        'usr/share/web/index.html': `<h1>isimport e2e web (${plat})</h1>\n`,
      } }],
      config: {
        Env: ['PATH=/usr/bin:/bin', `PLATFORM=${plat}`],
        Cmd: ['httpd', '-f', '-p', '8080'],
        ExposedPorts: ['8080/tcp'],
        Labels: { ...TITLE_LABELS('isimport web', `A multi-platform image (${plat})`), 'io.isimport.platform': plat },
      },
    });
  }
  const children = [];
  for (const p of PLATFORMS) {
    const d = await layout.ref(p.ref);
    children.push({ mediaType: d.mediaType, digest: d.digest, size: d.size,
      platform: { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) } });
  }
  const index = { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: children };
  const ib = await layout.writeBlob(Buffer.from(JSON.stringify(index)));
  await layout.setRef('multi', { mediaType: MEDIA.ociIndex, ...ib });

  // many: one base image; per-tag configs are made at push time (labels differ)
  await buildImage(layout, work, 'many-base', {
    platform: { os: 'linux', architecture: 'amd64' },
    layers: [{ createdBy: 'isimport e2e: versions', files: { 'etc/versions': 'many tags share this layer\n' } }],
    config: {
      Env: ['PATH=/usr/bin:/bin'],
      Cmd: ['cat', '/etc/versions'],
      Labels: TITLE_LABELS('isimport versions', 'A repository of many tags'),
    },
  });

  const buildMs = performance.now() - t0;
  return {
    dir: work,
    layout,
    buildMs,
    async cleanup() { if (!dir) await rm(work, { recursive: true, force: true }); },
  };
}

/** Runs tasks with at most `n` at once. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

async function skopeoCopy(images, src, dest, { credentials, format, all } = {}) {
  const digestFile = join(images.dir, `digest-${Math.random().toString(36).slice(2)}`);
  const args = ['--insecure-policy', 'copy', '--quiet', '--retry-times', '0', '--dest-tls-verify=false',
    '--digestfile', digestFile];
  if (credentials) args.push('--dest-creds', `${credentials.username}:${credentials.password}`);
  else args.push('--dest-no-creds');
  if (format) args.push('--format', format);
  if (all) args.push('--all');
  args.push(`oci:${images.layout.dir}:${src}`, `docker://${dest}`);
  // Own auth/config files: nothing from the user's ~/.config/containers leaks in.
  const env = { ...process.env, REGISTRY_AUTH_FILE: join(images.dir, 'auth.json'), HOME: images.dir };
  await run('skopeo', args, { env });
  const digest = (await readFile(digestFile, 'utf8')).trim();
  await rm(digestFile, { force: true });
  return digest;
}

/**
 * A fake cosign signature (the shape of `cosign sign` output; the signature is not real). The
 * identity is the repository path without the registry's host:port, so digests stay the same
 * whatever port the registry got.
 */
function cosignSignature(repoRef, targetDigest, suffix) {
  const payload = Buffer.from(JSON.stringify({
    critical: {
      identity: { 'docker-reference': repoRef },
      image: { 'docker-manifest-digest': targetDigest },
      type: suffix === 'att' ? 'cosign container image attestation' : 'cosign container image signature',
    },
    optional: null,
  }));
  const config = Buffer.from(JSON.stringify({
    architecture: '', created: '0001-01-01T00:00:00Z', history: [{ created: '0001-01-01T00:00:00Z' }],
    os: '', rootfs: { type: 'layers', diff_ids: [digestOf(payload)] }, config: {},
  }));
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, size: config.length, digest: digestOf(config) },
    layers: [{
      mediaType: suffix === 'att' ? 'application/vnd.dsse.envelope.v1+json' : 'application/vnd.dev.cosign.simplesigning.v1+json',
      size: payload.length,
      digest: digestOf(payload),
      annotations: { 'dev.cosignproject.cosign/signature': Buffer.from('isimport e2e: not a real signature').toString('base64') },
    }],
  };
  return { payload, config, manifest: Buffer.from(JSON.stringify(manifest)) };
}

/** The many-tags repository, straight through the registry API. */
async function pushMany(images, client, repo) {
  const { layout } = images;
  const base = await layout.image('many-base');
  // blobs once (the registry may already have them from an earlier push)
  for (const l of base.manifest.layers) await client.putBlob(repo, await layout.readBlob(l.digest));

  const plans = []; // {tags, configBytes}
  MANY_GROUPS.forEach((tags, i) => {
    const cfg = structuredClone(base.config);
    // a distinct, reproducible image per group: its own created time and labels
    const created = new Date(Date.parse('2023-01-01T00:00:00Z') + i * 86400000).toISOString().replace('.000Z', 'Z');
    cfg.created = created;
    cfg.config.Labels = { ...cfg.config.Labels, 'org.opencontainers.image.version': tags[0], 'io.isimport.e2e.tags': tags.join(' ') };
    plans.push({ tags, configBytes: Buffer.from(JSON.stringify(cfg)) });
  });
  const manifestOf = (configBytes, mediaTypes = { manifest: MEDIA.ociManifest, config: MEDIA.ociConfig, layer: null }) => {
    const m = {
      schemaVersion: 2,
      mediaType: mediaTypes.manifest,
      config: { mediaType: mediaTypes.config, digest: digestOf(configBytes), size: configBytes.length },
      layers: base.manifest.layers.map((l) => ({ ...l, mediaType: mediaTypes.layer ?? l.mediaType })),
    };
    return Buffer.from(JSON.stringify(m));
  };
  const byTag = {};
  await pool(plans, 8, async (plan) => {
    await client.putBlob(repo, plan.configBytes);
    const bytes = manifestOf(plan.configBytes);
    for (const tag of plan.tags) byTag[tag] = await client.putManifest(repo, tag, bytes, MEDIA.ociManifest);
  });

  // signatures and attestations of other tags' images: sha256-<hex>.sig / .att
  for (const [target, suffix] of MANY_SIGNED) {
    const digest = byTag[target];
    const sig = cosignSignature(repo, digest, suffix);
    await client.putBlob(repo, sig.payload);
    await client.putBlob(repo, sig.config);
    const tag = `${digest.replace(':', '-')}.${suffix}`;
    byTag[tag] = await client.putManifest(repo, tag, sig.manifest, MEDIA.ociManifest);
  }

  // an OCI index and a Docker schema2 image among the tags (mixed media types in one repository)
  for (const [tag, what] of Object.entries(MANY_OTHER)) {
    if (what === 'index') {
      const idx = await layout.ref('multi');
      const indexBytes = await layout.readBlob(idx.digest);
      for (const child of JSON.parse(indexBytes).manifests) {
        const mb = await layout.readBlob(child.digest);
        const m = JSON.parse(mb);
        await client.putBlob(repo, await layout.readBlob(m.config.digest));
        for (const l of m.layers) await client.putBlob(repo, await layout.readBlob(l.digest));
        await client.putManifest(repo, child.digest, mb, m.mediaType ?? MEDIA.ociManifest);
      }
      byTag[tag] = await client.putManifest(repo, tag, indexBytes, MEDIA.ociIndex);
    } else {
      const cfg = JSON.parse(base.configBytes);
      cfg.config.Labels = { ...cfg.config.Labels, 'io.isimport.e2e.tags': tag };
      const configBytes = Buffer.from(JSON.stringify(cfg));
      await client.putBlob(repo, configBytes);
      const bytes = manifestOf(configBytes, { manifest: MEDIA.dockerManifest, config: MEDIA.dockerConfig, layer: MEDIA.dockerLayerGzip });
      byTag[tag] = await client.putManifest(repo, tag, bytes, MEDIA.dockerManifest);
    }
  }
  return byTag;
}

/** Reads a repository back: tags, every reachable manifest, every config. */
export async function readRepository(client, repo) {
  const { body } = await client.bytes(`/v2/${repo}/tags/list`, {}, `repository:${repo}:pull`);
  const tagNames = JSON.parse(body).tags ?? [];
  const tags = {};
  const manifests = {};
  const configs = new Map();
  const visit = async (ref) => {
    const got = await client.getManifest(repo, ref);
    if (got.headerDigest !== got.digest) {
      throw new Error(`${repo}:${ref}: Docker-Content-Digest ${got.headerDigest} but the body hashes to ${got.digest}`);
    }
    if (ref.startsWith('sha256:') && ref !== got.digest) throw new Error(`${repo}@${ref}: body hashes to ${got.digest}`);
    if (manifests[got.digest]) return got.digest;
    const m = JSON.parse(got.body);
    const entry = { mediaType: got.mediaType, size: got.body.length };
    manifests[got.digest] = entry;
    if (Array.isArray(m.manifests)) {
      entry.kind = 'index';
      entry.manifests = m.manifests.map((d) => ({ digest: d.digest, mediaType: d.mediaType, size: d.size,
        ...(d.platform ? { platform: d.platform } : {}) }));
      for (const d of m.manifests) await visit(d.digest);
    } else {
      entry.config = { digest: m.config.digest, mediaType: m.config.mediaType, size: m.config.size };
      entry.layers = m.layers.map((l) => ({ digest: l.digest, mediaType: l.mediaType, size: l.size }));
      entry.kind = m.layers.some((l) => l.annotations?.['dev.cosignproject.cosign/signature']) ? 'signature' : 'image';
      if (!configs.has(m.config.digest)) {
        configs.set(m.config.digest, JSON.parse(await client.getBlob(repo, m.config.digest)));
      }
      entry.image = configs.get(m.config.digest);
    }
    return got.digest;
  };
  await pool(tagNames, 8, async (t) => { tags[t] = await visit(t); });
  const sortedTags = Object.fromEntries(Object.keys(tags).sort().map((t) => [t, tags[t]]));
  return { tags: sortedTags, manifests };
}

function clientFor(registry, credentials) {
  const url = typeof registry === 'string' ? registry : registry.url;
  let creds = credentials;
  if (creds === undefined && typeof registry === 'object' && registry.users?.length) {
    creds = registry.users.find((u) => !u.actions || u.actions.includes('push')) ?? registry.users[0];
  }
  const host = new URL(url).host;
  return { url: url.replace(/\/$/, ''), host, creds, client: new RegistryClient(url, { credentials: creds }) };
}

/**
 * Pushes sets of images to a registry and records what the registry then serves.
 *   registry: a URL ("http://127.0.0.1:PORT") or startRegistry()'s handle (its first pushing user
 *             is used as credentials unless `credentials` is given; null forces anonymous)
 *   sets: names from ALL_SETS (default all); repos: set → repository (default DEFAULT_REPOS)
 * Returns the record (RECORD FORMAT above) plus `timings` {push: {set: ms}, readBack: ms}.
 */
export async function pushSets(images, registry, { sets = ALL_SETS, repos = DEFAULT_REPOS, credentials } = {}) {
  const { url, host, creds, client } = clientFor(registry, credentials);
  const record = { version: 1, registry: host, url, sets: {}, repositories: {} };
  const timings = { push: {} };
  const tasks = {
    rich: async (repo) => {
      const digest = await skopeoCopy(images, 'rich', `${host}/${repo}:1.0`, { credentials: creds });
      await client.putManifest(repo, 'latest', (await client.getManifest(repo, digest)).body, MEDIA.ociManifest);
      return { tags: ['1.0', 'latest'], digest };
    },
    docker: async (repo) => {
      const digest = await skopeoCopy(images, 'docker', `${host}/${repo}:latest`, { credentials: creds, format: 'v2s2' });
      await client.putManifest(repo, 'v2s2', (await client.getManifest(repo, digest)).body, MEDIA.dockerManifest);
      return { tags: ['latest', 'v2s2'], digest };
    },
    multi: async (repo) => {
      const digest = await skopeoCopy(images, 'multi', `${host}/${repo}:latest`, { credentials: creds, all: true });
      return { tags: ['latest'], digest };
    },
    list: async (repo) => {
      const digest = await skopeoCopy(images, 'multi', `${host}/${repo}:latest`, { credentials: creds, all: true, format: 'v2s2' });
      return { tags: ['latest'], digest };
    },
    many: async (repo) => {
      const byTag = await pushMany(images, client, repo);
      return { tags: Object.keys(byTag).sort(), digest: null, byTag };
    },
  };
  for (const set of sets) {
    if (!tasks[set]) throw new Error(`unknown set ${set} (known: ${ALL_SETS.join(', ')})`);
    const repo = repos[set];
    const t0 = performance.now();
    const { tags, digest, byTag } = await tasks[set](repo);
    timings.push[set] = Math.round(performance.now() - t0);
    record.sets[set] = { repo, tags, digest };
    record.sets[set].pushed = byTag ?? Object.fromEntries(tags.map((t) => [t, digest]));
  }
  const t1 = performance.now();
  for (const set of sets) {
    const repo = repos[set];
    if (record.repositories[repo]) continue;
    record.repositories[repo] = await readRepository(client, repo);
  }
  timings.readBack = Math.round(performance.now() - t1);
  // What was pushed must be what the registry serves.
  for (const set of sets) {
    const { repo, pushed } = record.sets[set];
    for (const [tag, digest] of Object.entries(pushed)) {
      const served = record.repositories[repo].tags[tag];
      if (served !== digest) throw new Error(`${repo}:${tag}: pushed ${digest}, registry serves ${served}`);
    }
    delete record.sets[set].pushed;
  }
  Object.defineProperty(record, 'timings', { value: timings, enumerable: false });
  return record;
}

/** buildImages + pushSets + cleanup. */
export async function populate(registry, opts = {}) {
  const images = await buildImages();
  try {
    const record = await pushSets(images, registry, opts);
    record.timings.build = Math.round(images.buildMs);
    return record;
  } finally {
    await images.cleanup();
  }
}

// CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opts = {};
  let registry;
  let out;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--registry') registry = args[++i];
    else if (a === '--sets') opts.sets = args[++i].split(',');
    else if (a === '--prefix') {
      const p = args[++i];
      opts.repos = Object.fromEntries(Object.keys(DEFAULT_REPOS).map((s) => [s, `${p}/${s}`]));
    } else if (a === '--demo') opts.repos = DEMO_REPOS;
    else if (a === '--user') {
      const s = args[++i];
      const k = s.indexOf(':');
      opts.credentials = { username: s.slice(0, k), password: s.slice(k + 1) };
    } else if (a === '--out') out = args[++i];
    else {
      console.error('usage: images.mjs --registry URL [--sets rich,docker,multi,list,many] [--prefix P | --demo] [--user NAME:PASSWORD] [--out FILE]');
      process.exit(2);
    }
  }
  if (!registry) {
    console.error('images.mjs: --registry URL is required');
    process.exit(2);
  }
  if (!/^https?:\/\//.test(registry)) registry = `http://${registry}`;
  const record = await populate(registry, opts);
  const { timings } = record;
  for (const [set, s] of Object.entries(record.sets)) {
    const n = Object.keys(record.repositories[s.repo].tags).length;
    console.error(`images: ${record.registry}/${s.repo}: ${n} tag${n === 1 ? '' : 's'}${s.digest ? ` ${s.digest}` : ''} (${timings.push[set]} ms)`);
  }
  console.error(`images: built in ${timings.build} ms, read back in ${timings.readBack} ms`);
  const json = `${JSON.stringify(record, null, 2)}\n`;
  if (out) await writeFile(out, json);
  else process.stdout.write(json);
}
