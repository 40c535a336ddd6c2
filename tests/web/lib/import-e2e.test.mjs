// importPreview() and `isimport import` against the REAL registry: Debian's docker-registry
// (Distribution 2.8) on 127.0.0.1, started here in each of its three modes (anonymous, htpasswd,
// token with the test issuer), filled with images built offline (e2e/registry/images.mjs). Every
// expectation comes from the record of what was pushed (digests computed from the bytes the
// registry serves) and from docs/import.md §3.6–3.14, never from the core itself. Requests are counted
// through a wrapping fetch. Each registry starts once and is shared by its tests.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

import { load } from '../../../web/lib/isimport.js';
import { startRegistry } from '../../../e2e/registry/start.mjs';
import { startPagingFront } from '../../../e2e/registry/paging-front.mjs';
import { buildImages, pushSets } from '../../../e2e/registry/images.mjs';
import { runCli, HERMETIC_ENV } from '../support/cli-run.mjs';

const sha = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const NOW = '2024-06-01T12:00:00Z';
const SUITE_TIMEOUT = 120_000;

let isi;
let images; // built once, pushed to each registry
let scratch;
before(async () => {
  [isi, images, scratch] = await Promise.all([
    load({ schemas: false }),
    buildImages(),
    mkdtemp(join(tmpdir(), 'isimport-import-e2e-')),
  ]);
});
after(async () => {
  await images?.cleanup();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

function isiSpec({ images: list, repository, importing = false, name = 'demo' }) {
  return {
    kind: 'ImageStreamImport',
    apiVersion: 'image.openshift.io/v1',
    metadata: { name, namespace: 'default' },
    spec: { import: importing, ...(list ? { images: list } : {}), ...(repository ? { repository } : {}) },
  };
}
/** A spec.images entry for the plain-HTTP test registry (insecure: true is needed to reach it). */
const entry = (name, { mode, ...extra } = {}) => ({
  from: { kind: 'DockerImage', name },
  importPolicy: { insecure: true, ...(mode ? { importMode: mode } : {}) },
  ...extra,
});
const repositoryEntry = (name, extra = {}) => ({ from: { kind: 'DockerImage', name }, importPolicy: { insecure: true }, ...extra });

/** A fetch that logs every request: {method, url, authorization}. */
function counting() {
  const log = [];
  const f = (url, init) => {
    log.push({ method: init.method, url, authorization: new Headers(init.headers).get('authorization') });
    return fetch(url, init);
  };
  f.log = log;
  f.count = (re) => log.filter((r) => re.test(`${r.method} ${r.url}`)).length;
  // URLs requested more than once, but the /v2/ pings: upstream opens one connection per
  // repository, and each pings (https first, then http for an insecure registry).
  f.repeated = () => {
    const seen = new Map();
    for (const r of log) {
      if (new URL(r.url).pathname === '/v2/') continue;
      seen.set(`${r.method} ${r.url}`, (seen.get(`${r.method} ${r.url}`) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1);
  };
  f.pings = () => log.filter((r) => new URL(r.url).pathname === '/v2/').length;
  return f;
}

async function preview(spec, options = {}) {
  const answer = await isi.importPreview(spec, { now: NOW, ...options });
  assert.equal(answer.kind, 'ImageStreamImport', `accepted: ${answer.message ?? ''}`);
  return answer;
}

const SUCCESS = { metadata: {}, status: 'Success' };
const DOCKER_CONFIG_FIELDS = ['Env', 'Cmd', 'Entrypoint', 'ExposedPorts', 'Volumes', 'Labels', 'User', 'WorkingDir'];

/** The recorded manifest for `digest` in `repo`. */
const recorded = (record, repo, digest) => {
  const m = record.repositories[repo].manifests[digest];
  assert.ok(m, `${repo}: ${digest} is in the record`);
  return m;
};

/**
 * An image (schema2 / OCI) compared with what was pushed: docs/import.md §3.7. `written` is the repository as the
 * spec wrote it (dockerImageReference = `<written>@<digest>`).
 */
function assertImage(img, { record, repo, digest, written }) {
  const m = recorded(record, repo, digest);
  assert.equal(m.kind === 'index', false, 'an image, not a list');
  assert.equal(img.metadata.name, digest, 'image name = manifest digest');
  assert.equal(img.dockerImageReference, `${written}@${digest}`);
  assert.equal(img.dockerImageManifestMediaType, m.mediaType);
  assert.equal(img.dockerImageMetadataVersion, '1.0');
  assert.deepEqual(img.metadata.annotations, { 'image.openshift.io/dockerLayersOrder': 'ascending' });
  assert.deepEqual(img.dockerImageLayers, m.layers.map((l) => ({ name: l.digest, size: l.size, mediaType: l.mediaType })));
  const md = img.dockerImageMetadata;
  assert.equal(md.kind, 'DockerImage');
  assert.equal(md.apiVersion, 'image.openshift.io/1.0');
  assert.equal(md.Id, m.config.digest, 'Id = config digest');
  const c = m.image;
  if (c.architecture) assert.equal(md.Architecture, c.architecture);
  if (c.author) assert.equal(md.Author, c.author);
  if (c.created && !c.created.startsWith('0001-')) assert.equal(md.Created, c.created);
  for (const k of DOCKER_CONFIG_FIELDS) assert.deepEqual(md.Config?.[k], c.config?.[k], `Config.${k}`);
  const distinct = new Map(m.layers.map((l) => [l.digest, l.size]));
  distinct.delete(m.config.digest);
  const layerBytes = [...distinct.values()].reduce((a, b) => a + b, 0);
  assert.equal(md.Size, m.config.size + layerBytes, 'Size = config length + distinct layer sizes');
  if (img.dockerImageManifest !== undefined) assert.equal(sha(img.dockerImageManifest), digest, 'the manifest text hashes to the digest');
  if (img.dockerImageConfig !== undefined) assert.equal(sha(img.dockerImageConfig), m.config.digest, 'the config text hashes to its digest');
}

/** The Legacy choice in a list (docs/import.md §3.6): first entry with the wanted arch/os, else first amd64/linux, else first. */
function legacyChild(m, { os = 'linux', architecture = 'amd64' } = {}) {
  const e = m.manifests.find((x) => x.platform.architecture === architecture && x.platform.os === os)
    ?? m.manifests.find((x) => x.platform.architecture === 'amd64' && x.platform.os === 'linux')
    ?? m.manifests[0];
  return e.digest;
}

/** A manifest list imported with PreserveOriginal (docs/import.md §3.6, §3.7 list form), and its platform images. */
function assertPreserved(status, { record, repo, digest, written }) {
  const m = recorded(record, repo, digest);
  assert.equal(m.kind, 'index');
  const img = status.image;
  assert.equal(img.metadata.name, digest);
  assert.equal(img.dockerImageReference, `${written}@${digest}`);
  assert.equal(img.dockerImageManifestMediaType, m.mediaType);
  assert.deepEqual(img.dockerImageManifests, m.manifests.map((e) => ({
    digest: e.digest,
    mediaType: e.mediaType,
    manifestSize: e.size,
    architecture: e.platform.architecture,
    os: e.platform.os,
    ...(e.platform.variant ? { variant: e.platform.variant } : {}),
  })));
  assert.equal(img.dockerImageMetadata.Id, digest);
  assert.equal(img.dockerImageMetadata.Created, NOW, 'a list\'s Created is the request time');
  for (const absent of ['dockerImageManifest', 'dockerImageConfig', 'dockerImageLayers']) assert.equal(img[absent], undefined, absent);
  assert.equal(img.metadata.annotations, undefined);
  assert.equal(status.manifests.length, m.manifests.length, 'every platform image');
  status.manifests.forEach((child, i) => {
    assertImage(child, { record, repo, digest: m.manifests[i].digest, written });
    assert.equal(child.dockerImageMetadata.Architecture, m.manifests[i].platform.architecture);
  });
}

// --- OpenShift's tag priority order (docs/import.md §3.10 step 3), written here from the rules, to check
// the core against: latest; "minor" X.Y[-word] newest first; strict semver newest first; the rest
// byte-wise. A leading "v" is stripped for the version forms; equal versions: no prefix first.
function semver(text) {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.exec(text);
  if (!m) return null;
  const pre = m[4] === undefined ? [] : m[4].split('.');
  if (pre.some((p) => /^\d+$/.test(p) && p.length > 1 && p.startsWith('0'))) return null;
  return { nums: [BigInt(m[1]), BigInt(m[2]), BigInt(m[3])], pre };
}
function compareSemver(a, b) {
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i] < b.nums[i] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return (a.pre.length === 0 ? 1 : 0) - (b.pre.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const [x, y] = [a.pre[i], b.pre[i]];
    const [xn, yn] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (xn && yn) {
      if (BigInt(x) !== BigInt(y)) return BigInt(x) < BigInt(y) ? -1 : 1;
    } else if (xn !== yn) {
      return xn ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return Math.sign(a.pre.length - b.pre.length);
}
function classify(tag) {
  if (tag === 'latest') return { tag, rank: 0 };
  const prefix = tag.startsWith('v') ? 'v' : '';
  const short = tag.slice(prefix.length);
  let v = semver(short);
  if (v) return { tag, rank: 2, v, prefix };
  if (/^\d+\.\d+$/.test(short) && (v = semver(`${short}.0`))) return { tag, rank: 1, v, prefix };
  const m = /^(\d+\.\d+)-([0-9A-Za-z_-]+)$/.exec(short);
  if (m && (v = semver(short.replace(m[1], `${m[1]}.0`)))) return { tag, rank: 1, v, prefix };
  return { tag, rank: 3, prefix };
}
function prioritize(tags) {
  const less = (a, b) => {
    if (a.rank !== b.rank) return a.rank < b.rank;
    if (a.rank === 3) return a.tag < b.tag;
    if (a.rank === 0) return false;
    const c = compareSemver(a.v, b.v);
    return c > 0 || (c === 0 && a.prefix < b.prefix);
  };
  const unique = [...new Set(tags.map((t) => (t === '' ? 'latest' : t)))].sort();
  return unique.map(classify).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0)).map((x) => x.tag);
}

test('the priority order written here reproduces docs/acceptance.md §5.3', () => {
  assert.deepEqual(prioritize(['other', 'latest', 'v5.5', '5.2.3', '5.5', 'v5.3.6-bother', '5.3.6-abba', '5.6']),
    ['latest', '5.6', '5.5', 'v5.5', 'v5.3.6-bother', '5.3.6-abba', '5.2.3', 'other']);
  assert.deepEqual(prioritize(['1.1-beta1', '1.2-rc1', '1.1-rc1', '1.1-beta2', '1.2-beta1', '1.2-alpha1', '1.2-beta4', 'latest']),
    ['latest', '1.2-rc1', '1.2-beta4', '1.2-beta1', '1.2-alpha1', '1.1-rc1', '1.1-beta2', '1.1-beta1']);
  assert.deepEqual(prioritize(['7.1', 'v7.1', '7.1.0']), ['7.1', 'v7.1', '7.1.0']);
  assert.deepEqual(prioritize(['7.1.0', 'v7.1', '7.1']), ['7.1', 'v7.1', '7.1.0']);
  assert.deepEqual(prioritize(['v1', 'other', 'v2', '3', '3.1', 'abc']), ['3.1', '3', 'abc', 'other', 'v1', 'v2']);
});

// ---------------------------------------------------------------------------------------------

describe('anonymous registry', { timeout: SUITE_TIMEOUT }, () => {
  let reg;
  let record;
  let host;
  const digestOf = (set) => record.sets[set].digest;
  before(async () => {
    reg = await startRegistry({ mode: 'anonymous' });
    record = await pushSets(images, reg);
    host = reg.host;
  });
  after(() => reg?.stop());

  test('the rich OCI image: metadata, layers, size, reference and name as pushed', async () => {
    const f = counting();
    const answer = await preview(isiSpec({ images: [entry(`${host}/e2e/rich:1.0`, { includeManifest: true })] }), { fetch: f });
    const [s] = answer.status.images;
    assert.deepEqual(s.status, SUCCESS);
    assert.equal(s.tag, '1.0');
    assertImage(s.image, { record, repo: 'e2e/rich', digest: digestOf('rich'), written: `${host}/e2e/rich` });
    const md = s.image.dockerImageMetadata;
    // The rich config has every field; they are all there, and only DockerConfig's fields.
    for (const k of DOCKER_CONFIG_FIELDS) assert.notEqual(md.Config[k], undefined, k);
    assert.equal(md.Config.StopSignal, undefined, 'StopSignal is not a docker10.DockerConfig field');
    assert.equal(md.Created, '2024-01-01T00:00:00Z');
    assert.equal(md.Author, 'isimport e2e <e2e@isimport.invalid>');
    assert.equal(md.Architecture, 'amd64');
    assert.equal(typeof s.image.dockerImageManifest, 'string');
    assert.equal(typeof s.image.dockerImageConfig, 'string');
    assert.deepEqual(f.repeated(), [], 'no URL fetched twice');
  });

  test('the Docker schema2 image', async () => {
    const answer = await preview(isiSpec({ images: [entry(`${host}/e2e/docker:latest`), entry(`${host}/e2e/docker:v2s2`)] }));
    for (const s of answer.status.images) {
      assert.deepEqual(s.status, SUCCESS);
      assertImage(s.image, { record, repo: 'e2e/docker', digest: digestOf('docker'), written: `${host}/e2e/docker` });
      assert.equal(s.image.dockerImageManifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    }
    assert.deepEqual(answer.status.images.map((s) => s.tag), ['latest', 'v2s2']);
  });

  test('the multi-platform OCI index and the Docker manifest list: Legacy, a platform, PreserveOriginal', async () => {
    const sets = [['multi', 'e2e/multi'], ['list', 'e2e/list']];
    const spec = isiSpec({
      images: sets.flatMap(([, repo]) => [
        entry(`${host}/${repo}:latest`, { to: { name: `${repo.slice(4)}-legacy` } }),
        entry(`${host}/${repo}:latest`, { mode: 'PreserveOriginal', to: { name: `${repo.slice(4)}-all` } }),
      ]),
    });
    const f = counting();
    const answer = await preview(spec, { fetch: f });
    for (const [k, [set, repo]] of sets.entries()) {
      const list = recorded(record, repo, digestOf(set));
      const legacy = answer.status.images[2 * k];
      assert.deepEqual(legacy.status, SUCCESS);
      assert.equal(legacy.manifests, undefined, 'Legacy: no manifests');
      assertImage(legacy.image, { record, repo, digest: legacyChild(list), written: `${host}/${repo}` });
      assert.equal(legacy.image.dockerImageMetadata.Architecture, 'amd64');
      const all = answer.status.images[2 * k + 1];
      assert.deepEqual(all.status, SUCCESS);
      assertPreserved(all, { record, repo, digest: digestOf(set), written: `${host}/${repo}` });
    }
    // Shared between Legacy and PreserveOriginal of one list: every URL fetched once; one ping
    // (https, then http) per repository.
    assert.deepEqual(f.repeated(), []);
    assert.equal(f.pings(), 2 * sets.length);

    for (const [platform, architecture] of [['linux/arm64', 'arm64'], ['linux/arm/v7', 'arm'], ['windows/amd64', 'amd64']]) {
      const p = await preview(isiSpec({ images: sets.map(([, repo]) => entry(`${host}/${repo}:latest`)) }), { platform });
      for (const [k, [set, repo]] of sets.entries()) {
        const list = recorded(record, repo, digestOf(set));
        const want = legacyChild(list, { os: platform.split('/')[0], architecture });
        assertImage(p.status.images[k].image, { record, repo, digest: want, written: `${host}/${repo}` });
        assert.equal(p.status.images[k].image.dockerImageMetadata.Architecture, architecture, platform);
      }
    }
  });

  test('a digest reference: no tag, the same image', async () => {
    const f = counting();
    const answer = await preview(isiSpec({ images: [entry(`${host}/e2e/rich@${digestOf('rich')}`)] }), { fetch: f });
    const [s] = answer.status.images;
    assert.deepEqual(s.status, SUCCESS);
    assert.equal(s.tag, undefined);
    assertImage(s.image, { record, repo: 'e2e/rich', digest: digestOf('rich'), written: `${host}/e2e/rich` });
    assert.equal(f.count(new RegExp(`/manifests/${digestOf('rich')}$`)), 1);
  });

  test('a missing tag and a missing repository: NotFound, as upstream words it', async () => {
    const spec = isiSpec({ images: [entry(`${host}/e2e/rich:nope`), entry(`${host}/e2e/nothere:latest`)] });
    const answer = await preview(spec);
    for (const [i, ref] of [`${host}/e2e/rich:nope`, `${host}/e2e/nothere:latest`].entries()) {
      assert.deepEqual(answer.status.images[i].status, {
        metadata: {},
        status: 'Failure',
        message: `dockerimage.image.openshift.io "${ref}" not found`,
        reason: 'NotFound',
        details: { name: ref, group: 'image.openshift.io', kind: 'dockerimage' },
        code: 404,
      });
      assert.equal(answer.status.images[i].image, undefined);
    }
    assert.equal(answer.status.images[0].tag, 'nope');
    // A repository import of a repository that does not exist: NAME_UNKNOWN on the tag list.
    const repo = await preview(isiSpec({ repository: repositoryEntry(`${host}/e2e/nothere`) }));
    assert.deepEqual(repo.status.repository, {
      status: {
        metadata: {},
        status: 'Failure',
        message: `dockerimage.image.openshift.io "${host}/e2e/nothere" not found`,
        reason: 'NotFound',
        details: { name: `${host}/e2e/nothere`, group: 'image.openshift.io', kind: 'dockerimage' },
        code: 404,
      },
    });
  });

  /** Checks a repository import of e2e/many against the record and the priority order. */
  function assertManyImported(repoStatus, { cap, written }) {
    const tags = record.repositories['e2e/many'].tags;
    const order = prioritize(Object.keys(tags));
    const n = cap === -1 ? order.length : Math.min(cap, order.length);
    assert.deepEqual(repoStatus.status, SUCCESS);
    assert.deepEqual(repoStatus.images.map((s) => s.tag), order.slice(0, n), 'imported in OpenShift priority order');
    if (n < order.length) assert.deepEqual(repoStatus.additionalTags, order.slice(n));
    else assert.equal(repoStatus.additionalTags, undefined);
    const byDigest = new Map();
    for (const s of repoStatus.images) {
      assert.deepEqual(s.status, SUCCESS, s.tag);
      const pushed = recorded(record, 'e2e/many', tags[s.tag]);
      const digest = pushed.kind === 'index' ? legacyChild(pushed) : tags[s.tag];
      assertImage(s.image, { record, repo: 'e2e/many', digest, written });
      // Tags sharing a digest give the same image.
      if (byDigest.has(digest)) assert.deepEqual(s.image, byDigest.get(digest), `${s.tag}: the same image as its digest's other tags`);
      byDigest.set(digest, s.image);
    }
    return order;
  }

  test('the 67-tag repository: 50 in OpenShift priority order, the rest in additionalTags', async () => {
    const f = counting();
    const t0 = performance.now();
    const answer = await preview(isiSpec({ repository: repositoryEntry(`${host}/e2e/many`) }), { fetch: f });
    const ms = performance.now() - t0;
    const order = assertManyImported(answer.status.repository, { cap: 50, written: `${host}/e2e/many` });
    assert.equal(order.length, 67);
    assert.equal(answer.status.repository.additionalTags.length, 17);
    assert.deepEqual(f.repeated(), [], 'every manifest and config fetched once');
    const configs = new Set(answer.status.repository.images.map((s) => s.image.dockerImageMetadata.Id));
    assert.equal(f.count(/\/blobs\//), configs.size, 'one GET per distinct config');
    console.log(`# e2e/many, cap 50: ${f.log.length} requests (${f.count(/\/manifests\//)} manifests, ${f.count(/\/blobs\//)} configs), ${Math.round(ms)} ms`);

    const unlimited = await preview(isiSpec({ repository: repositoryEntry(`${host}/e2e/many`) }), { maxTagsPerRepository: -1 });
    assertManyImported(unlimited.status.repository, { cap: -1, written: `${host}/e2e/many` });
    // The cap 0 quirk: no listing, an empty success.
    const none = counting();
    const zero = await preview(isiSpec({ repository: repositoryEntry(`${host}/e2e/many`) }), { maxTagsPerRepository: 0, fetch: none });
    assert.deepEqual(zero.status.repository, { status: SUCCESS });
    assert.equal(none.count(/tags\/list/), 0);
  });

  // A relative Link resolves against the list URL as sent — over http once the insecure ping fell
  // back to it — as upstream resolves it, and every page is read.
  test('Link pagination (Distribution 3 style, through the paging front) reaches every tag', async () => {
    const front = await startPagingFront(reg, { pageSize: 10 });
    try {
      const answer = await preview(isiSpec({ repository: repositoryEntry(`${front.host}/e2e/many`) }), { maxTagsPerRepository: -1 });
      assertManyImported(answer.status.repository, { cap: -1, written: `${front.host}/e2e/many` });
      const pages = front.requests.filter((r) => r.path.endsWith('/tags/list'));
      assert.equal(pages.length, Math.ceil(67 / 10), 'one request per page');
      assert.equal(pages[0].query, '');
      for (const p of pages.slice(1)) assert.match(p.query, /^\?last=[^&]+&n=10$/);
    } finally {
      await front.stop();
    }
  });

  test('shared digests and configs are fetched once', async () => {
    const rich = digestOf('rich');
    const cases = {
      'a digest by tag and by digest': [entry(`${host}/e2e/rich:1.0`), entry(`${host}/e2e/rich@${rich}`)],
      'two tags of one digest': [entry(`${host}/e2e/rich:1.0`), entry(`${host}/e2e/rich:latest`)],
      'one tag twice': [entry(`${host}/e2e/rich:1.0`, { to: { name: 'a' } }), entry(`${host}/e2e/rich:1.0`, { to: { name: 'b' } })],
      'Legacy and PreserveOriginal of one index': [entry(`${host}/e2e/multi:latest`), entry(`${host}/e2e/multi:latest`, { mode: 'PreserveOriginal', to: { name: 'all' } })],
    };
    for (const [what, list] of Object.entries(cases)) {
      const f = counting();
      const answer = await preview(isiSpec({ images: list }), { fetch: f });
      for (const s of answer.status.images) assert.deepEqual(s.status, SUCCESS, what);
      assert.deepEqual(f.repeated(), [], `${what}: no URL twice`);
      assert.equal(f.pings(), 2, `${what}: one ping (https, then http)`);
      const configs = new Set(answer.status.images.flatMap((s) => [s.image, ...(s.manifests ?? [])])
        .filter((img) => img.dockerImageLayers).map((img) => img.dockerImageMetadata.Id));
      assert.equal(f.count(/\/blobs\//), configs.size, `${what}: each config once`);
      console.log(`# ${what}: ${f.log.length} requests (${f.log.map((r) => `${r.method} ${r.url.replace(/^https?:\/\/[^/]+/, '').replace(/sha256:(\w{8})\w+/, 'sha256:$1…')}`).join(', ')})`);
    }
  });

  test('includeManifest: manifest and config text only when asked; sub-manifests keep theirs (upstream quirk)', async () => {
    const spec = isiSpec({
      images: [
        entry(`${host}/e2e/rich:1.0`, { includeManifest: true, to: { name: 'with' } }),
        entry(`${host}/e2e/rich:latest`, { includeManifest: false, to: { name: 'without' } }),
        entry(`${host}/e2e/multi:latest`, { mode: 'PreserveOriginal', includeManifest: false }),
      ],
      repository: repositoryEntry(`${host}/e2e/docker`, { includeManifest: true }),
    });
    const answer = await preview(spec);
    const [withText, withoutText, preserved] = answer.status.images;
    assert.equal(sha(withText.image.dockerImageManifest), digestOf('rich'));
    assert.ok(withText.image.dockerImageConfig.startsWith('{'));
    assert.equal(withoutText.image.dockerImageManifest, undefined);
    assert.equal(withoutText.image.dockerImageConfig, undefined);
    assert.equal(preserved.image.dockerImageManifest, undefined);
    for (const child of preserved.manifests) {
      assert.equal(sha(child.dockerImageManifest), child.metadata.name, 'sub-manifests keep their manifest');
      assert.equal(typeof child.dockerImageConfig, 'string');
    }
    for (const s of answer.status.repository.images) assert.equal(sha(s.image.dockerImageManifest), digestOf('docker'));
    const off = await preview(isiSpec({ repository: repositoryEntry(`${host}/e2e/docker`) }));
    for (const s of off.status.repository.images) {
      assert.equal(s.image.dockerImageManifest, undefined);
      assert.equal(s.image.dockerImageConfig, undefined);
    }
  });

  test('import: true against a new ImageStream: spec tags, tag events, conditions (docs/import.md §3.14)', async () => {
    const rich = digestOf('rich');
    const spec = isiSpec({
      importing: true,
      images: [
        entry(`${host}/e2e/rich:1.0`, { includeManifest: true, to: { name: 'rich' } }),
        entry(`${host}/e2e/multi:latest`, { mode: 'PreserveOriginal', to: { name: 'web' } }),
        entry(`${host}/e2e/rich:nope`, { to: { name: 'broken' } }),
        entry(`${host}/e2e/docker@${digestOf('docker')}`), // no tag, no `to`: imported, not tagged
      ],
    });
    const answer = await preview(spec);
    const is = answer.status.import;
    assert.equal(is.metadata.name, 'demo');
    assert.equal(is.metadata.namespace, 'default');
    assert.equal(is.metadata.generation, 1);
    assert.deepEqual(is.metadata.annotations, { 'openshift.io/image.dockerRepositoryCheck': NOW });
    const specTag = (name, from, importPolicy) => ({
      name, annotations: null, from: { kind: 'DockerImage', name: from }, generation: 1, importPolicy, referencePolicy: { type: 'Source' },
    });
    assert.deepEqual(is.spec.tags, [
      specTag('broken', `${host}/e2e/rich:nope`, { insecure: true, importMode: 'Legacy' }),
      specTag('rich', `${host}/e2e/rich:1.0`, { insecure: true, importMode: 'Legacy' }),
      specTag('web', `${host}/e2e/multi:latest`, { insecure: true, importMode: 'PreserveOriginal' }),
    ]);
    const event = (repo, digest) => ({ created: NOW, dockerImageReference: `${host}/${repo}@${digest}`, image: digest, generation: 1 });
    assert.deepEqual(is.status.tags, [
      {
        tag: 'broken',
        items: null,
        conditions: [{
          type: 'ImportSuccess', status: 'False', lastTransitionTime: NOW, reason: 'NotFound',
          message: `dockerimage.image.openshift.io "${host}/e2e/rich:nope" not found`, generation: 1,
        }],
      },
      { tag: 'rich', items: [event('e2e/rich', rich)] },
      { tag: 'web', items: [event('e2e/multi', digestOf('multi'))] },
    ]);
    // The created Images replace the imported ones: no manifest or config text (includeManifest has no effect).
    const [r, w, b, d] = answer.status.images;
    assert.equal(r.image.metadata.name, rich);
    assert.equal(r.image.dockerImageManifest, undefined);
    assert.equal(r.image.dockerImageConfig, undefined);
    assert.equal(w.image.metadata.name, digestOf('multi'));
    assert.equal(w.manifests.length, 3);
    for (const child of w.manifests) assert.equal(child.dockerImageManifest, undefined);
    assert.equal(b.status.reason, 'NotFound');
    assert.equal(d.image.metadata.name, digestOf('docker'));
  });

  test('import: true against a current ImageStream (YAML, as oc get is -o yaml prints it)', async () => {
    const rich = digestOf('rich');
    const docker = digestOf('docker');
    const current = `apiVersion: image.openshift.io/v1
kind: ImageStream
metadata:
  name: demo
  namespace: default
  generation: 2
  resourceVersion: "41"
  uid: 6e0bc7b6-3c4e-4a8e-9d6e-0c1f2b3a4d5e
  creationTimestamp: "2024-01-01T00:00:00Z"
  annotations:
    openshift.io/image.dockerRepositoryCheck: "2024-01-01T00:00:00Z"
spec:
  lookupPolicy:
    local: false
  tags:
  - name: rich
    annotations:
      note: kept
    from:
      kind: DockerImage
      name: ${host}/e2e/docker:latest
    generation: 2
    importPolicy:
      insecure: true
      importMode: Legacy
    referencePolicy:
      type: Local
  - name: same
    annotations: null
    from:
      kind: DockerImage
      name: ${host}/e2e/rich:latest
    generation: 2
    importPolicy:
      insecure: true
      importMode: Legacy
    referencePolicy:
      type: Source
status:
  dockerImageRepository: ""
  tags:
  - tag: rich
    items:
    - created: "2024-01-01T00:00:00Z"
      dockerImageReference: ${host}/e2e/docker@${docker}
      image: ${docker}
      generation: 2
  - tag: same
    items:
    - created: "2024-01-01T00:00:00Z"
      dockerImageReference: ${host}/e2e/rich@${rich}
      image: ${rich}
      generation: 2
`;
    const spec = isiSpec({
      importing: true,
      images: [
        entry(`${host}/e2e/rich:1.0`, { to: { name: 'rich' } }),
        entry(`${host}/e2e/rich:latest`, { to: { name: 'same' } }),
        entry(`${host}/e2e/rich:nope`, { to: { name: 'broken' } }),
      ],
    });
    const answer = await preview(spec, { currentImageStream: current });
    const is = answer.status.import;
    const gen = 3; // current generation + 1
    assert.equal(is.metadata.generation, gen, 'the spec changed: generation + 1');
    assert.equal(is.metadata.uid, '6e0bc7b6-3c4e-4a8e-9d6e-0c1f2b3a4d5e');
    assert.equal(is.metadata.annotations['openshift.io/image.dockerRepositoryCheck'], NOW, 'the check annotation is refreshed');
    const tags = Object.fromEntries(is.spec.tags.map((t) => [t.name, t]));
    assert.deepEqual(Object.keys(tags), ['broken', 'rich', 'same']);
    // rich: changed image → from replaced, generation → the new IS generation, annotations and a
    // typed referencePolicy kept.
    assert.deepEqual(tags.rich, {
      name: 'rich', annotations: { note: 'kept' }, from: { kind: 'DockerImage', name: `${host}/e2e/rich:1.0` },
      generation: gen, importPolicy: { insecure: true, importMode: 'Legacy' }, referencePolicy: { type: 'Local' },
    });
    // same: nothing changed → untouched.
    assert.equal(tags.same.generation, 2);
    assert.equal(tags.same.from.name, `${host}/e2e/rich:latest`);
    // broken: a new spec tag from the spec entry, and a failure condition.
    assert.equal(tags.broken.from.name, `${host}/e2e/rich:nope`);
    assert.equal(tags.broken.generation, gen);
    const status = Object.fromEntries(is.status.tags.map((t) => [t.tag, t]));
    assert.deepEqual(status.rich.items, [
      { created: NOW, dockerImageReference: `${host}/e2e/rich@${rich}`, image: rich, generation: gen },
      { created: '2024-01-01T00:00:00Z', dockerImageReference: `${host}/e2e/docker@${docker}`, image: docker, generation: 2 },
    ], 'the new event is prepended');
    assert.equal(status.rich.conditions, undefined);
    assert.deepEqual(status.same.items, [
      { created: '2024-01-01T00:00:00Z', dockerImageReference: `${host}/e2e/rich@${rich}`, image: rich, generation: 2 },
    ]);
    assert.equal(status.broken.items, null);
    assert.deepEqual(status.broken.conditions, [{
      type: 'ImportSuccess', status: 'False', lastTransitionTime: NOW, reason: 'NotFound',
      message: `dockerimage.image.openshift.io "${host}/e2e/rich:nope" not found`, generation: gen,
    }]);
  });

  // The mismatch is known before any request, so the registry is not contacted.
  test('a current ImageStream of another name is refused (400) before any request', async () => {
    const f = counting();
    const spec = isiSpec({ importing: true, name: 'other', images: [entry(`${host}/e2e/rich:1.0`, { to: { name: 'rich' } })] });
    const current = { kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata: { name: 'demo', namespace: 'default' } };
    const answer = await isi.importPreview(spec, { currentImageStream: current, fetch: f, now: NOW });
    assert.equal(answer.kind, 'Status');
    assert.equal(answer.code, 400);
    assert.match(answer.message, /is not the stream this import writes to/);
    assert.equal(f.log.length, 0);
  });

  test('abort via signal mid-way through a repository import: per-image failures, promptly', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const answer = await preview(isiSpec({ repository: repositoryEntry(`${host}/e2e/many`) }), {
      signal: controller.signal,
      concurrency: 2,
      onProgress: (p) => {
        if (p.requestsDone >= 8 && !controller.signal.aborted) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const ms = performance.now() - abortedAt;
    assert.ok(abortedAt > 0);
    assert.ok(ms < 1000, `ended ${Math.round(ms)} ms after the abort`);
    const repo = answer.status.repository;
    const failed = repo.images.filter((s) => s.status.status !== 'Success');
    assert.ok(failed.length > 0);
    for (const s of failed) assert.match(s.status.message, /context canceled$/);
    assert.deepEqual(repo.status, {
      metadata: {},
      status: 'Failure',
      message: failed.length === 1 ? 'one of the images from this repository failed to import' : `${failed.length} of the images from this repository failed to import`,
      reason: 'ImportFailed',
    });
  });

  test('without importPolicy.insecure the plain-HTTP registry is not reached: InternalError naming the https URL', async () => {
    const f = counting();
    const answer = await preview(isiSpec({ images: [{ from: { kind: 'DockerImage', name: `${host}/e2e/rich:1.0` } }] }), { fetch: f });
    const { status } = answer.status.images[0];
    assert.equal(status.reason, 'InternalError');
    assert.equal(status.code, 500);
    assert.ok(status.message.startsWith(`Internal error occurred: ${host}/e2e/rich:1.0: Get "https://${host}/v2/": `), status.message);
    assert.ok(f.log.every((r) => r.url.startsWith('https://')));
  });

  describe('the CLI', () => {
    const write = async (name, text) => {
      const path = join(scratch, name);
      await writeFile(path, text);
      return path;
    };

    test('isimport import -f of a multi-platform image (PreserveOriginal): exit 0, JSON; -o yaml says the same', async () => {
      const path = await write('multi.yaml', `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: web
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: ${host}/e2e/multi:latest
    importPolicy:
      insecure: true
      importMode: PreserveOriginal
`);
      const r = await runCli(['import', '-f', path, '--now', NOW]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, 'imported: 1 of 1 image imported\n', 'the summary, and no progress bar when stderr is not a terminal');
      const answer = JSON.parse(r.stdout);
      assert.equal(answer.kind, 'ImageStreamImport');
      assertPreserved(answer.status.images[0], { record, repo: 'e2e/multi', digest: digestOf('multi'), written: `${host}/e2e/multi` });
      const y = await runCli(['import', '-f', path, '--now', NOW, '-o', 'yaml']);
      assert.equal(y.code, 0, y.stderr);
      assert.deepEqual(parseYaml(y.stdout, { version: '1.1' }), answer);
      const stdin = await runCli(['import', '-f', '-', '--now', NOW], { input: JSON.stringify(parseYaml(await (await import('node:fs/promises')).readFile(path, 'utf8'))) });
      assert.equal(stdin.code, 0, stdin.stderr);
      assert.deepEqual(JSON.parse(stdin.stdout).status, answer.status);
    });

    test('isimport import -f of a repository: exit 0, 50 imported, 17 additional; --max-tags', async () => {
      const path = await write('many.yaml', `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: versions
spec:
  import: false
  repository:
    from:
      kind: DockerImage
      name: ${host}/e2e/many
    importPolicy:
      insecure: true
`);
      const r = await runCli(['import', '-f', path]);
      assert.equal(r.code, 0, r.stderr);
      const answer = JSON.parse(r.stdout);
      assertManyImported(answer.status.repository, { cap: 50, written: `${host}/e2e/many` });
      const capped = JSON.parse((await runCli(['import', path, '--max-tags', '5'])).stdout);
      assert.equal(capped.status.repository.images.length, 5);
      assert.equal(capped.status.repository.additionalTags.length, 62);
    });

    test('--current and --namespace: status.import against the given ImageStream', async () => {
      const current = await write('current.yaml', `kind: ImageStream
apiVersion: image.openshift.io/v1
metadata:
  name: app
  namespace: team
  generation: 4
  uid: 0d6f1c54-8c1e-4f34-9a55-2a0a6f8f6f10
  annotations:
    openshift.io/image.dockerRepositoryCheck: "2024-01-01T00:00:00Z"
spec:
  tags:
  - name: old
    from: {kind: DockerImage, name: ${host}/e2e/docker:latest}
    generation: 4
`);
      const spec = await write('import-true.yaml', `kind: ImageStreamImport
apiVersion: image.openshift.io/v1
metadata: {name: app}
spec:
  import: true
  images:
  - from: {kind: DockerImage, name: ${host}/e2e/rich:1.0}
    importPolicy: {insecure: true}
`);
      const r = await runCli(['import', '-f', spec, '--current', current, '--namespace', 'team', '--now', NOW]);
      assert.equal(r.code, 0, r.stderr);
      const is = JSON.parse(r.stdout).status.import;
      assert.equal(is.metadata.namespace, 'team');
      assert.equal(is.metadata.uid, '0d6f1c54-8c1e-4f34-9a55-2a0a6f8f6f10');
      assert.equal(is.metadata.generation, 5);
      assert.deepEqual(is.spec.tags.map((t) => [t.name, t.generation]), [['1.0', 5], ['old', 4]]);
      assert.deepEqual(is.status.tags.map((t) => [t.tag, t.items?.[0]?.image ?? null]), [['1.0', digestOf('rich')]]);
      const unreadable = await runCli(['import', '-f', spec, '--current', join(scratch, 'nope.yaml')]);
      assert.equal(unreadable.code, 2);
      const notStream = await runCli(['import', '-f', spec, '--current', spec]);
      assert.equal(notStream.code, 2, 'a --current that is no ImageStream is a usage error');
      assert.match(notStream.stderr, /^isimport: currentImageStream: /);
    });

    test('an invalid spec: exit 1 and the 422 Status; usage errors: exit 2', async () => {
      const bad = await write('bad.yaml', 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata: {name: x}\nspec:\n  images:\n  - from: {kind: ImageStreamTag, name: "x:1"}\n');
      const r = await runCli(['import', '-f', bad]);
      assert.equal(r.code, 1);
      const status = JSON.parse(r.stdout);
      assert.equal(status.kind, 'Status');
      assert.equal(status.code, 422);
      assert.equal(status.details.causes[0].field, 'spec.images[0].from.kind');
      for (const args of [
        ['import', '-f', bad, '-o', 'xml'],
        ['import', '-f', bad, '--bogus'],
        ['import', '-f', bad, '--concurrency', '0'],
        ['import', '-f', bad, '--timeout', 'soon'],
        ['import', '-f', bad, '--platform', 'linux'],
        ['import', '-f', bad, bad],
        ['import', '-f', join(scratch, 'missing.yaml')],
        ['import', '-f', bad, '--auth-file', join(scratch, 'missing.json')],
      ]) {
        const u = await runCli(args);
        assert.equal(u.code, 2, `${args.slice(3).join(' ')}: ${u.stderr}`);
        assert.equal(u.stdout, '');
        assert.match(u.stderr, /^isimport: /);
      }
      const help = await runCli(['import', '--help']);
      assert.equal(help.code, 0);
      for (const flag of ['-f', '-o', '--auth-file', '--current', '--concurrency', '--timeout', '--import-timeout', '--platform', '--max-tags', '--namespace', '--proxy']) {
        assert.ok(help.stdout.includes(flag), `--help documents ${flag}`);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('htpasswd registry', { timeout: SUITE_TIMEOUT }, () => {
  let reg;
  let record;
  before(async () => {
    reg = await startRegistry({ mode: 'htpasswd' });
    record = await pushSets(images, reg, { sets: ['rich'] });
  });
  after(() => reg?.stop());
  const config = (user, password) => ({ auths: { [reg.host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } });

  test('with credentials: Success; Basic goes to the registry only', async () => {
    const f = counting();
    const answer = await preview(isiSpec({ images: [entry(`${reg.host}/e2e/rich:1.0`)] }), { credentials: config('bob', 'builder'), fetch: f });
    const [s] = answer.status.images;
    assert.deepEqual(s.status, SUCCESS);
    assertImage(s.image, { record, repo: 'e2e/rich', digest: record.sets.rich.digest, written: `${reg.host}/e2e/rich` });
    const withBasic = f.log.filter((r) => r.authorization);
    assert.ok(withBasic.length > 0);
    for (const r of withBasic) {
      assert.equal(r.authorization, `Basic ${Buffer.from('bob:builder').toString('base64')}`);
      assert.ok(r.url.startsWith(`${reg.url}/`), `Basic only to the registry over http (insecure): ${r.url}`);
    }
  });

  test('without credentials, or with a wrong password: Unauthorized', async () => {
    for (const credentials of [undefined, config('bob', 'wrong')]) {
      const answer = await preview(isiSpec({ images: [entry(`${reg.host}/e2e/rich:1.0`)] }), { credentials });
      assert.deepEqual(answer.status.images[0].status, {
        metadata: {},
        status: 'Failure',
        message: `you may not have access to the container image "${reg.host}/e2e/rich:1.0"`,
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  test('the CLI with --auth-file: Success; without: Unauthorized (exit 0 both: per-image status)', async () => {
    const auth = join(scratch, 'htpasswd-auth.json');
    await writeFile(auth, JSON.stringify(config('alice', 'wonderland')));
    const spec = join(scratch, 'htpasswd.yaml');
    await writeFile(spec, `kind: ImageStreamImport\napiVersion: image.openshift.io/v1\nmetadata: {name: private}\nspec:\n  import: false\n  images:\n  - from: {kind: DockerImage, name: "${reg.host}/e2e/rich:1.0"}\n    importPolicy: {insecure: true}\n`);
    const ok = await runCli(['import', '-f', spec, '--auth-file', auth]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).status.images[0].status, SUCCESS);
    const secret = join(scratch, 'pull-secret.yaml');
    await writeFile(secret, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${Buffer.from(JSON.stringify(config('bob', 'builder'))).toString('base64')}\n`);
    const viaSecret = await runCli(['import', '-f', spec, '--auth-file', secret]);
    assert.equal(viaSecret.code, 0, viaSecret.stderr);
    assert.deepEqual(JSON.parse(viaSecret.stdout).status.images[0].status, SUCCESS);
    const denied = await runCli(['import', '-f', spec]);
    assert.equal(denied.code, 0);
    assert.equal(JSON.parse(denied.stdout).status.images[0].status.reason, 'Unauthorized');
    assert.match(denied.stderr, new RegExp(`^error: tag 1\\.0 failed: \\(Unauthorized\\) you may not have access to the container image "${reg.host.replace(/\./g, '\\.')}/e2e/rich:1\\.0"\n`));
  });

  test('without --authfile, the logins of podman and docker (REGISTRY_AUTH_FILE alone, else XDG_RUNTIME_DIR before ~/.docker); --no-creds none; --authfile as --auth-file', async () => {
    const spec = join(scratch, 'htpasswd.yaml');
    const home = join(scratch, 'home');
    const runtime = join(scratch, 'runtime');
    await mkdir(join(home, '.docker'), { recursive: true });
    await mkdir(join(runtime, 'containers'), { recursive: true });
    const good = JSON.stringify(config('alice', 'wonderland'));
    const bad = JSON.stringify(config('alice', 'not-her-password'));
    const env = (more) => ({ ...HERMETIC_ENV, HOME: home, XDG_RUNTIME_DIR: runtime, ...more });
    const status = async (args, more) => {
      const r = await runCli(['import', '-f', spec, ...args], { env: env(more) });
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).status.images[0].status.reason ?? 'Success';
    };
    await writeFile(join(home, '.docker', 'config.json'), good);
    assert.equal(await status([]), 'Success');                                      // ~/.docker/config.json
    assert.equal(await status(['--no-creds']), 'Unauthorized');
    await writeFile(join(runtime, 'containers', 'auth.json'), bad);
    assert.equal(await status([]), 'Unauthorized');                                 // podman's file comes first
    const only = join(scratch, 'only.json');
    await writeFile(only, good);
    assert.equal(await status([], { REGISTRY_AUTH_FILE: only }), 'Success');        // and alone
    await writeFile(only, bad);
    await writeFile(join(runtime, 'containers', 'auth.json'), good);
    assert.equal(await status([], { REGISTRY_AUTH_FILE: only }), 'Unauthorized');  // alone: the others are not read
    assert.equal(await status(['--authfile', join(runtime, 'containers', 'auth.json')], { REGISTRY_AUTH_FILE: only }), 'Success');
    const both = await runCli(['import', '-f', spec, '--no-creds', '--authfile', only], { env: env() });
    assert.equal(both.code, 2);
  });
});

// ---------------------------------------------------------------------------------------------

describe('token registry (auth.token with the test issuer)', { timeout: SUITE_TIMEOUT }, () => {
  let reg;
  let pub;
  let priv;
  before(async () => {
    reg = await startRegistry({ mode: 'token', privateRepos: ['e2e/private*'] });
    pub = await pushSets(images, reg, { sets: ['rich'] });
    priv = await pushSets(images, reg, { sets: ['rich'], repos: { rich: 'e2e/private-rich' } });
  });
  after(() => reg?.stop());
  const config = (user, password) => ({ auths: { [reg.host]: { username: user, password } } });
  const tokenRequests = async (run) => {
    const from = reg.issuer.requests.length;
    const result = await run();
    return { result, requests: reg.issuer.requests.slice(from) };
  };

  test('an anonymous-pull repository works without credentials (one anonymous token)', async () => {
    const { result, requests } = await tokenRequests(() => preview(isiSpec({ images: [entry(`${reg.host}/e2e/rich:1.0`), entry(`${reg.host}/e2e/rich:latest`)] })));
    for (const s of result.status.images) {
      assert.deepEqual(s.status, SUCCESS);
      assertImage(s.image, { record: pub, repo: 'e2e/rich', digest: pub.sets.rich.digest, written: `${reg.host}/e2e/rich` });
    }
    assert.equal(requests.length, 1, 'one token for the repository, reused');
    assert.deepEqual(requests[0].scopes, ['repository:e2e/rich:pull']);
    assert.equal(requests[0].user, null);
  });

  test('a private repository with credentials works (token with Basic and account=)', async () => {
    const f = counting();
    const { result, requests } = await tokenRequests(() => preview(isiSpec({ images: [entry(`${reg.host}/e2e/private-rich:1.0`)] }), { credentials: config('bob', 'builder'), fetch: f }));
    const [s] = result.status.images;
    assert.deepEqual(s.status, SUCCESS);
    assertImage(s.image, { record: priv, repo: 'e2e/private-rich', digest: priv.sets.rich.digest, written: `${reg.host}/e2e/private-rich` });
    assert.equal(requests.length, 1);
    assert.equal(requests[0].user, 'bob');
    assert.equal(requests[0].account, 'bob');
    // Basic goes to the realm only; the registry gets the Bearer token.
    for (const r of f.log.filter((x) => x.authorization)) {
      if (r.authorization.startsWith('Basic ')) assert.ok(r.url.startsWith(reg.issuer.realm), r.url);
      else assert.ok(r.authorization.startsWith('Bearer ') && r.url.startsWith(`${reg.url}/v2/`), r.url);
    }
  });

  test('a private repository without credentials: Unauthorized', async () => {
    const answer = await preview(isiSpec({ images: [entry(`${reg.host}/e2e/private-rich:1.0`)] }));
    const { status } = answer.status.images[0];
    assert.equal(status.reason, 'Unauthorized');
    assert.equal(status.code, 401);
    assert.equal(status.message, `you may not have access to the container image "${reg.host}/e2e/private-rich:1.0"`);
  });

  test('a wrong password: "incorrect username or password" as upstream words it; the anonymous retry (docs/import.md §3.12) rescues public images', async () => {
    const spec = isiSpec({ images: [entry(`${reg.host}/e2e/private-rich:1.0`), entry(`${reg.host}/e2e/rich:1.0`)] });
    const { result, requests } = await tokenRequests(() => preview(spec, { credentials: config('bob', 'wrong') }));
    const [privateImage, publicImage] = result.status.images;
    assert.deepEqual(privateImage.status, {
      metadata: {},
      status: 'Failure',
      message: `incorrect username or password for image "${reg.host}/e2e/private-rich:1.0"`,
      reason: 'Unauthorized',
      code: 401,
    });
    assert.deepEqual(publicImage.status, SUCCESS, 'the second, anonymous run imports the public image');
    assert.ok(requests.some((r) => r.status === 401), 'the issuer refused the password');
    assert.ok(requests.some((r) => r.user === null && r.status === 200), 'then an anonymous token was asked for');
  });
});
