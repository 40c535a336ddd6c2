// importPreview() and its fetch driver (web/lib/import-driver.js) against small loopback servers
// written here: a registry serving one synthesized OCI image (optionally behind Basic auth), and
// hostile or broken ones — a server that never answers, one that sends 100 MiB, one whose bytes do
// not match the digest asked for, redirects and Link pages that lead to another host. The real
// registry (Distribution) is in import-e2e.test.mjs. Nothing leaves 127.0.0.0/8.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

import { spawn } from 'node:child_process';

import { load } from '../../../web/lib/isimport.js';
import { CLI, HERMETIC_ENV } from '../support/cli-run.mjs';

const sha = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const basic = (u, p) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const NOW = '2024-06-01T12:00:00Z';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

// One small OCI image: its config and manifest bytes and digests.
const CONFIG = Buffer.from(JSON.stringify({
  created: '2024-01-01T00:00:00Z',
  architecture: 'amd64',
  os: 'linux',
  config: { Env: ['A=1'], Cmd: ['/bin/true'], Labels: { fake: 'yes' } },
  rootfs: { type: 'layers', diff_ids: [`sha256:${'1'.repeat(64)}`] },
}));
const MANIFEST = Buffer.from(JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  config: { mediaType: OCI_CONFIG, digest: sha(CONFIG), size: CONFIG.length },
  layers: [{ mediaType: LAYER, digest: `sha256:${'a'.repeat(64)}`, size: 1000 }],
}));
const MANIFEST_DIGEST = sha(MANIFEST);

/**
 * A loopback HTTP server. `handler(req, res, server)` answers; every request is logged with its
 * method, path and Authorization header. stop() also ends connections that are still held open.
 */
async function startServer(handler, { host = '127.0.0.1' } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization ?? null, accept: req.headers.accept ?? null });
    Promise.resolve(handler(req, res, self)).catch((e) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  server.on('clientError', (err, socket) => socket.destroy()); // e.g. a TLS hello sent to plain HTTP
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address();
  const self = {
    host: `${host}:${port}`,
    url: `http://${host}:${port}`,
    port,
    requests,
    server,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return self;
}

// A registry of one repository `fake/app` (tags `1.0`, `latest`) serving the image above.
// Options: auth {username, password} (Basic challenge on /v2/ and a 401 everywhere without it),
// onBlob(req, res) / onManifest(req, res, ref) / onTags(req, res) to take over a route.
function fakeRegistry(opts = {}) {
  return async (req, res, self) => {
    const u = new URL(req.url, 'http://x');
    const json = (status, body, headers = {}) => {
      const bytes = Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, 'docker-distribution-api-version': 'registry/2.0', ...headers });
      res.end(bytes);
    };
    if (opts.auth && req.headers.authorization !== basic(opts.auth.username, opts.auth.password)) {
      return json(401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }] },
        { 'www-authenticate': 'Basic realm="fake"' });
    }
    if (u.pathname === '/v2/') return json(200, {});
    let m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(u.pathname);
    if (m) {
      if (opts.onManifest) return opts.onManifest(req, res, m[2], self);
      if (m[1] !== 'fake/app' || !['1.0', 'latest', MANIFEST_DIGEST].includes(m[2])) {
        return json(404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: m[2] } }] });
      }
      res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': MANIFEST.length, 'docker-content-digest': MANIFEST_DIGEST });
      return res.end(req.method === 'HEAD' ? undefined : MANIFEST);
    }
    m = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(u.pathname);
    if (m) {
      if (opts.onBlob) return opts.onBlob(req, res, m[2], self);
      if (m[2] !== sha(CONFIG)) return json(404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry', detail: m[2] }] });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': CONFIG.length });
      return res.end(req.method === 'HEAD' ? undefined : CONFIG);
    }
    m = /^\/v2\/(.+)\/tags\/list$/.exec(u.pathname);
    if (m) {
      if (opts.onTags) return opts.onTags(req, res, self);
      return json(200, { name: m[1], tags: ['1.0', 'latest'] });
    }
    return json(404, { errors: [{ code: 'UNSUPPORTED', message: 'not here' }] });
  };
}

function isiSpec(images, { repository, importing = false, name = 'fake' } = {}) {
  return {
    kind: 'ImageStreamImport',
    apiVersion: 'image.openshift.io/v1',
    metadata: { name, namespace: 'default' },
    spec: {
      import: importing,
      ...(images ? { images } : {}),
      ...(repository ? { repository } : {}),
    },
  };
}
const image = (name, extra = {}) => ({ from: { kind: 'DockerImage', name }, importPolicy: { insecure: true }, ...extra });

/** fetch that counts (and logs) every request. */
function counting(inner = fetch) {
  const log = [];
  const f = (url, init) => {
    const headers = new Headers(init.headers);
    log.push({ url, method: init.method, authorization: headers.get('authorization') });
    return inner(url, init);
  };
  f.log = log;
  return f;
}

let isi;
before(async () => {
  isi = await load({ schemas: false });
});

// ---------------------------------------------------------------------------------------------

describe('a refused spec: the Status, without any request', () => {
  const neverFetch = () => {
    const f = counting(() => Promise.reject(new Error('no request may be made')));
    return f;
  };

  test('422 Invalid for an invalid spec (object, JSON text, YAML text)', async () => {
    const bad = isiSpec([{ from: { kind: 'ImageStreamTag', name: 'x:1' } }]);
    const yaml = 'kind: ImageStreamImport\napiVersion: image.openshift.io/v1\nmetadata: {name: fake}\nspec:\n  images:\n  - from: {kind: ImageStreamTag, name: "x:1"}\n';
    for (const input of [bad, JSON.stringify(bad), yaml, new TextEncoder().encode(yaml)]) {
      const f = neverFetch();
      const answer = await isi.importPreview(input, { fetch: f });
      assert.equal(answer.kind, 'Status');
      assert.equal(answer.code, 422);
      assert.equal(answer.reason, 'Invalid');
      assert.deepEqual(answer.details.causes, [{
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "ImageStreamTag": only DockerImage is supported',
        field: 'spec.images[0].from.kind',
      }]);
      assert.equal(f.log.length, 0);
    }
  });

  test('400 for what is not one document; 413 over 3 MiB; Strict decoding', async () => {
    const cases = [
      ['', 400, /no objects passed to import/],
      ['kind: ImageStreamImport\n---\nkind: ImageStreamImport\n', 400, /holds 2 documents/],
      ['kind: [\n', 400, /^error converting YAML to JSON: yaml: line/],
      ['{"kind": "ImageStreamImport",', 400, /./],
      [JSON.stringify({ ...isiSpec([image('a/b:1')]), extra: 1 }), 400, /unknown field "extra"/],
      [`kind: ImageStreamImport\nmetadata: {name: x}\nspec: {images: [{from: {kind: DockerImage, name: "${'a'.repeat(3.2 * 1024 * 1024)}"}}]}\n`, 413, /Request entity too large/],
    ];
    for (const [input, code, message] of cases) {
      const f = neverFetch();
      const answer = await isi.importPreview(input, { fetch: f });
      assert.equal(answer.kind, 'Status', input.slice(0, 40));
      assert.equal(answer.code, code, `${input.slice(0, 40)}: ${answer.message}`);
      assert.match(answer.message, message);
      assert.equal(f.log.length, 0);
    }
    // Warn: the unknown field is accepted (and the import runs).
    const reg = await startServer(fakeRegistry());
    try {
      const answer = await isi.importPreview({ ...isiSpec([image(`${reg.host}/fake/app:1.0`)]), extra: 1 }, { fieldValidation: 'Warn', now: NOW });
      assert.equal(answer.kind, 'ImageStreamImport');
      assert.equal(answer.status.images[0].status.status, 'Success');
    } finally {
      await reg.stop();
    }
  });

  test('a namespace mismatch is refused like the server (400), the namespace option fills an empty one', async () => {
    const f = neverFetch();
    const spec = isiSpec([image('a/b:1')]);
    spec.metadata.namespace = 'other';
    const answer = await isi.importPreview(spec, { fetch: f, namespace: 'mine' });
    assert.equal(answer.kind, 'Status');
    assert.equal(answer.code, 400);
    assert.match(answer.message, /namespace/);
    assert.equal(f.log.length, 0);
  });

  test('bad options are a TypeError', async () => {
    const spec = isiSpec([image('a/b:1')]);
    const bad = [
      { concurrency: 0 }, { concurrency: 1.5 }, { fieldValidation: 'strict' }, { fetch: 'fetch' },
      { onProgress: 1 }, { requestTimeout: 0 }, { importTimeout: -1 }, { now: 'yesterday' },
      { now: new Date(NaN) }, { platform: 'linux' }, { maxTagsPerRepository: -2 }, { signal: {} },
      { credentials: 42 }, { credentials: { kind: 'Secret', data: {} } },
      { credentials: { kind: 'Secret', data: { '.dockerconfigjson': '%%%' } } },
      { currentImageStream: 'kind: [' }, { defaultImportMode: 'legacy' },
    ];
    for (const options of bad) {
      await assert.rejects(isi.importPreview(spec, { fetch: () => assert.fail('no request'), ...options }), TypeError, JSON.stringify(options));
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('a registry of one synthesized image', () => {
  let reg;
  before(async () => {
    reg = await startServer(fakeRegistry());
  });
  after(() => reg.stop());

  test('the Image as upstream builds it; progress events; uid and creationTimestamp from now', async () => {
    const progress = [];
    const f = counting();
    const answer = await isi.importPreview(isiSpec([image(`${reg.host}/fake/app:1.0`, { includeManifest: true })]), {
      fetch: f, now: new Date(NOW), onProgress: (p) => progress.push(p),
    });
    assert.equal(answer.kind, 'ImageStreamImport');
    assert.equal(answer.metadata.creationTimestamp, NOW);
    assert.match(answer.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [entry] = answer.status.images;
    assert.deepEqual(entry.status, { metadata: {}, status: 'Success' });
    assert.equal(entry.tag, '1.0');
    const img = entry.image;
    assert.equal(img.metadata.name, MANIFEST_DIGEST);
    assert.equal(img.dockerImageReference, `${reg.host}/fake/app@${MANIFEST_DIGEST}`);
    assert.equal(img.dockerImageManifest, MANIFEST.toString());
    assert.equal(img.dockerImageConfig, CONFIG.toString());
    assert.equal(img.dockerImageMetadata.Size, CONFIG.length + 1000);
    assert.equal(img.dockerImageMetadata.Id, sha(CONFIG));
    assert.deepEqual(img.dockerImageMetadata.Config, { Env: ['A=1'], Cmd: ['/bin/true'], Labels: { fake: 'yes' } });
    assert.deepEqual(img.dockerImageLayers, [{ name: `sha256:${'a'.repeat(64)}`, size: 1000, mediaType: LAYER }]);
    // https is tried first (as upstream for an insecure registry), then plain http; then the
    // manifest and the config: every URL once.
    assert.deepEqual(f.log.map((r) => `${r.method} ${r.url}`), [
      `GET https://${reg.host}/v2/`,
      `GET ${reg.url}/v2/`,
      `GET ${reg.url}/v2/fake/app/manifests/1.0`,
      `GET ${reg.url}/v2/fake/app/blobs/${sha(CONFIG)}`,
    ]);
    // Progress: counts only grow, and the last event says everything is done.
    assert.ok(progress.length >= 2);
    for (let i = 1; i < progress.length; i++) {
      for (const k of ['requestsDone', 'imagesDone']) assert.ok(progress[i][k] >= progress[i - 1][k], k);
      assert.ok(progress[i].requestsDone <= progress[i].requestsKnown);
    }
    assert.deepEqual(progress.at(-1), { requestsDone: 4, requestsKnown: 4, imagesDone: 1, imagesTotal: 1 });
  });

  test('the same answer from YAML text, JSON text, bytes and an object; now as Date, text or epoch ms', async () => {
    const spec = isiSpec([image(`${reg.host}/fake/app:1.0`)]);
    const yaml = `kind: ImageStreamImport
apiVersion: image.openshift.io/v1
metadata:
  name: fake
  namespace: default
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: ${reg.host}/fake/app:1.0
    importPolicy:
      insecure: true
`;
    const answers = [];
    for (const [input, now] of [[spec, NOW], [JSON.stringify(spec), new Date(NOW)], [yaml, Date.parse(NOW)], [new TextEncoder().encode(yaml), NOW]]) {
      const a = await isi.importPreview(input, { now });
      delete a.metadata.uid; // derived from the request text, which differs
      answers.push(a);
    }
    for (const a of answers.slice(1)) assert.deepEqual(a, answers[0]);
  });

  test('a missing tag: NotFound as upstream words it; the import is still accepted', async () => {
    const answer = await isi.importPreview(isiSpec([image(`${reg.host}/fake/app:nope`)]), { now: NOW });
    assert.equal(answer.kind, 'ImageStreamImport');
    assert.deepEqual(answer.status.images[0].status, {
      metadata: {},
      status: 'Failure',
      message: `dockerimage.image.openshift.io "${reg.host}/fake/app:nope" not found`,
      reason: 'NotFound',
      details: { name: `${reg.host}/fake/app:nope`, group: 'image.openshift.io', kind: 'dockerimage' },
      code: 404,
    });
  });

  test('concurrency bounds the requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async (url, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await fetch(url, init);
      } finally {
        inFlight--;
      }
    };
    const images = Array.from({ length: 8 }, (_, i) => image(`${reg.host}/fake/app:${i % 2 ? '1.0' : 'latest'}`, { to: { name: `t${i}` } }));
    const repo = { from: { kind: 'DockerImage', name: `${reg.host}/fake/app` }, importPolicy: { insecure: true } };
    for (const concurrency of [1, 2]) {
      most = 0;
      const answer = await isi.importPreview(isiSpec(images, { repository: repo }), { fetch: slow, concurrency, now: NOW });
      assert.equal(answer.status.images.length, 8);
      assert.ok(answer.status.images.every((i) => i.status.status === 'Success'));
      assert.ok(most <= concurrency, `at most ${concurrency} in flight (saw ${most})`);
    }
  });

  test('proxyPrefix: every request goes to PREFIX + URL; the answer is the same', async () => {
    // A proxy that cannot reach the registry drops the connection (an answer such as 502 would be
    // taken for the registry's own: the https ping would then not fall back to http).
    const proxy = await startServer(async (req, res) => {
      const target = req.url.replace(/^\/proxy\//, '');
      let upstream;
      try {
        upstream = await fetch(target, { method: req.method, headers: { accept: req.headers.accept ?? '*/*' } });
      } catch {
        return res.destroy();
      }
      const body = Buffer.from(await upstream.arrayBuffer());
      const headers = {};
      upstream.headers.forEach((v, k) => { if (!['content-encoding', 'transfer-encoding', 'connection'].includes(k)) headers[k] = v; });
      res.writeHead(upstream.status, headers);
      res.end(body);
    });
    try {
      const spec = isiSpec([image(`${reg.host}/fake/app:1.0`)]);
      const direct = await isi.importPreview(spec, { now: NOW });
      const f = counting();
      const viaProxy = await isi.importPreview(spec, { now: NOW, fetch: f, proxyPrefix: `${proxy.url}/proxy/` });
      assert.deepEqual(viaProxy, direct);
      assert.ok(f.log.length >= 3);
      for (const r of f.log) assert.ok(r.url.startsWith(`${proxy.url}/proxy/http`), r.url);
      assert.ok(proxy.requests.some((r) => r.url === `/proxy/${reg.url}/v2/fake/app/manifests/1.0`));
    } finally {
      await proxy.stop();
    }
  });

  test('nothing listening: a per-image InternalError naming the URL, quickly', async () => {
    const gone = await startServer(() => {});
    await gone.stop();
    const t0 = performance.now();
    const answer = await isi.importPreview(isiSpec([image(`${gone.host}/fake/app:1.0`)]), { now: NOW });
    const [entry] = answer.status.images;
    assert.equal(entry.status.reason, 'InternalError');
    assert.equal(entry.status.code, 500);
    assert.match(entry.status.message, new RegExp(`^Internal error occurred: ${gone.host.replace(/\./g, '\\.')}/fake/app:1.0: Get "http://${gone.host.replace(/\./g, '\\.')}/v2/": `));
    assert.match(entry.status.message, /connection refused/);
    assert.ok(performance.now() - t0 < 5000);
  });
});

// ---------------------------------------------------------------------------------------------

describe('credentials', () => {
  const user = { username: 'carol', password: 's3cret' };
  let reg;
  before(async () => {
    reg = await startServer(fakeRegistry({ auth: user }));
  });
  after(() => reg.stop());

  const config = () => ({ auths: { [reg.host]: { auth: Buffer.from(`${user.username}:${user.password}`).toString('base64') } } });
  const secretData = () => Buffer.from(JSON.stringify(config())).toString('base64');

  test('every form: config object and text, Secret object (data, stringData) and YAML text, legacy .dockercfg', async () => {
    const forms = {
      'config.json object': config(),
      'config.json text': JSON.stringify(config()),
      'config.json bytes': new TextEncoder().encode(JSON.stringify(config())),
      'Secret object': { kind: 'Secret', apiVersion: 'v1', type: 'kubernetes.io/dockerconfigjson', metadata: { name: 'pull' }, data: { '.dockerconfigjson': secretData() } },
      'Secret stringData': { kind: 'Secret', apiVersion: 'v1', stringData: { '.dockerconfigjson': JSON.stringify(config()) } },
      'Secret JSON text': JSON.stringify({ kind: 'Secret', apiVersion: 'v1', data: { '.dockerconfigjson': secretData() } }),
      'Secret YAML text': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${secretData()}\n`,
      'legacy .dockercfg Secret': { kind: 'Secret', type: 'kubernetes.io/dockercfg', data: { '.dockercfg': Buffer.from(JSON.stringify(config().auths)).toString('base64') } },
      'username/password entry': { auths: { [`http://${reg.host}`]: { username: user.username, password: user.password } } },
    };
    for (const [what, credentials] of Object.entries(forms)) {
      const answer = await isi.importPreview(isiSpec([image(`${reg.host}/fake/app:1.0`)]), { credentials, now: NOW });
      assert.deepEqual(answer.status.images[0].status, { metadata: {}, status: 'Success' }, what);
    }
  });

  test('without credentials: Unauthorized, as upstream words it', async () => {
    const answer = await isi.importPreview(isiSpec([image(`${reg.host}/fake/app:1.0`)]), { now: NOW });
    const { status } = answer.status.images[0];
    assert.equal(status.reason, 'Unauthorized');
    assert.equal(status.code, 401);
    assert.equal(status.message, `you may not have access to the container image "${reg.host}/fake/app:1.0"`);
  });

  test('credentials for another registry are not sent here', async () => {
    const f = counting();
    const other = { auths: { 'registry.example.com': { auth: Buffer.from('x:y').toString('base64') } } };
    const answer = await isi.importPreview(isiSpec([image(`${reg.host}/fake/app:1.0`)]), { credentials: other, fetch: f, now: NOW });
    assert.equal(answer.status.images[0].status.reason, 'Unauthorized');
    assert.ok(f.log.every((r) => r.authorization === null));
  });

  test('Basic never over plain http unless insecure: without it, the https ping fails and names the https URL', async () => {
    const before = reg.requests.length;
    const f = counting();
    const spec = isiSpec([{ from: { kind: 'DockerImage', name: `${reg.host}/fake/app:1.0` } }]);
    const answer = await isi.importPreview(spec, { credentials: config(), fetch: f, now: NOW });
    const { status } = answer.status.images[0];
    assert.equal(status.reason, 'InternalError');
    assert.ok(status.message.startsWith(`Internal error occurred: ${reg.host}/fake/app:1.0: Get "https://${reg.host}/v2/": `), status.message);
    assert.ok(f.log.length >= 1);
    for (const r of f.log) {
      assert.ok(r.url.startsWith('https://'), `only https was tried: ${r.url}`);
      assert.equal(r.authorization, null, 'no Authorization before a challenge');
    }
    assert.equal(reg.requests.length, before, 'the plain-HTTP server saw no HTTP request');
  });

  test('redirects and Link pages to another host never carry Authorization', async () => {
    // The blobs and the second tag page live on another loopback host; it answers without auth.
    const elsewhere = await startServer(async (req, res) => {
      if (req.url.includes('/tags/list')) {
        const body = Buffer.from(JSON.stringify({ name: 'fake/app', tags: ['page2'] }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        return res.end(body);
      }
      if (req.url.endsWith(sha(CONFIG))) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': CONFIG.length });
        return res.end(CONFIG);
      }
      res.writeHead(404);
      res.end();
    }, { host: await loopbackHost() });
    const front = await startServer(fakeRegistry({
      auth: user,
      onBlob: (req, res, digest) => {
        res.writeHead(307, { location: `${elsewhere.url}/blobs/${digest}` });
        res.end();
      },
      onTags: (req, res) => {
        const body = Buffer.from(JSON.stringify({ name: 'fake/app', tags: ['1.0', 'latest'] }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, link: `<${elsewhere.url}/v2/fake/app/tags/list?last=latest>; rel="next"` });
        res.end(body);
      },
      onManifest: (req, res, ref) => {
        res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': MANIFEST.length });
        res.end(MANIFEST);
        void ref;
      },
    }));
    try {
      const creds = { auths: { [front.host]: { username: user.username, password: user.password } } };
      const spec = isiSpec([image(`${front.host}/fake/app:1.0`)], {
        repository: { from: { kind: 'DockerImage', name: `${front.host}/fake/app` }, importPolicy: { insecure: true } },
      });
      const answer = await isi.importPreview(spec, { credentials: creds, now: NOW });
      assert.equal(answer.status.images[0].status.status, 'Success', JSON.stringify(answer.status.images[0].status));
      const repo = answer.status.repository;
      assert.deepEqual(repo.status, { metadata: {}, status: 'Success' });
      assert.deepEqual(repo.images.map((i) => i.tag), ['latest', '1.0', 'page2'], 'the Link page was followed');
      assert.ok(front.requests.some((r) => r.authorization === basic(user.username, user.password)), 'the registry got Basic');
      assert.ok(elsewhere.requests.some((r) => r.url.includes('/blobs/')), 'the redirect was followed');
      assert.ok(elsewhere.requests.some((r) => r.url.includes('/tags/list')), 'the Link page was fetched');
      for (const r of elsewhere.requests) assert.equal(r.authorization, null, `${r.method} ${r.url} came without Authorization`);
    } finally {
      await front.stop();
      await elsewhere.stop();
    }
  });

  test('a redirect loop ends after 10 redirects as a per-image failure', async () => {
    const loop = await startServer(fakeRegistry({
      onManifest: (req, res) => {
        res.writeHead(302, { location: req.url });
        res.end();
      },
    }));
    try {
      const f = counting();
      const answer = await isi.importPreview(isiSpec([image(`${loop.host}/fake/app:1.0`)]), { fetch: f, now: NOW });
      const { status } = answer.status.images[0];
      assert.equal(status.reason, 'InternalError');
      assert.match(status.message, /stopped after 10 redirects$/);
      assert.equal(f.log.filter((r) => r.url.includes('/manifests/')).length, 11);
    } finally {
      await loop.stop();
    }
  });
});

/** 127.0.0.2 when it can be bound (another host on loopback), else 127.0.0.1 (another port). */
async function loopbackHost() {
  try {
    const probe = await startServer(() => {}, { host: '127.0.0.2' });
    await probe.stop();
    return '127.0.0.2';
  } catch {
    return '127.0.0.1';
  }
}

// ---------------------------------------------------------------------------------------------

describe('slow, silent and hostile registries end as per-image failures, promptly', () => {
  test('a registry that never answers: the per-request timeout (with upstream\'s retries) ends it', async () => {
    const silent = await startServer(() => {}); // accepts and holds every request
    try {
      const t0 = performance.now();
      const answer = await isi.importPreview(isiSpec([image(`${silent.host}/fake/app:1.0`)]), { requestTimeout: 200, now: NOW });
      const ms = performance.now() - t0;
      const { status } = answer.status.images[0];
      assert.equal(status.reason, 'InternalError');
      assert.match(status.message, /context deadline exceeded/);
      assert.ok(ms < 8000, `ended in ${Math.round(ms)} ms`);
      console.log(`# silent registry, requestTimeout 200 ms: ended in ${Math.round(ms)} ms after ${silent.requests.length} requests`);
    } finally {
      await silent.stop();
    }
  });

  test('a manifest body that trickles forever: the per-request timeout covers the body too', async () => {
    const trickle = await startServer(fakeRegistry({
      onManifest: (req, res) => {
        res.writeHead(200, { 'content-type': OCI_MANIFEST });
        res.write('{');
        const t = setInterval(() => res.write(' '), 20);
        res.on('close', () => clearInterval(t));
      },
    }));
    try {
      const t0 = performance.now();
      const answer = await isi.importPreview(isiSpec([image(`${trickle.host}/fake/app:1.0`)]), { requestTimeout: 300, now: NOW });
      const { status } = answer.status.images[0];
      assert.equal(status.reason, 'InternalError');
      assert.match(status.message, /deadline exceeded/);
      assert.ok(performance.now() - t0 < 8000);
    } finally {
      await trickle.stop();
    }
  });

  test('the import deadline ends what is still running', async () => {
    const silent = await startServer(() => {});
    try {
      const t0 = performance.now();
      const answer = await isi.importPreview(isiSpec([image(`${silent.host}/fake/app:1.0`), image(`${silent.host}/fake/other:2`)]), { importTimeout: 400, now: NOW });
      const ms = performance.now() - t0;
      assert.equal(answer.kind, 'ImageStreamImport');
      for (const entry of answer.status.images) {
        assert.equal(entry.status.reason, 'InternalError');
        assert.match(entry.status.message, /context deadline exceeded/);
      }
      assert.ok(ms < 3000, `ended in ${Math.round(ms)} ms`);
    } finally {
      await silent.stop();
    }
  });

  test('abort via signal: every image fails with "context canceled", promptly', async () => {
    const silent = await startServer(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const t0 = performance.now();
      const answer = await isi.importPreview(isiSpec([image(`${silent.host}/fake/app:1.0`), image(`${silent.host}/fake/app:latest`)]), { signal: controller.signal, now: NOW });
      const ms = performance.now() - t0;
      assert.equal(answer.kind, 'ImageStreamImport');
      for (const entry of answer.status.images) {
        assert.equal(entry.status.reason, 'InternalError');
        assert.match(entry.status.message, /context canceled$/);
      }
      assert.ok(ms < 1500, `ended in ${Math.round(ms)} ms`);
      // Already aborted: no request at all reaches the network.
      const f = counting();
      const again = await isi.importPreview(isiSpec([image(`${silent.host}/fake/app:1.0`)]), { signal: controller.signal, fetch: f, now: NOW });
      assert.match(again.status.images[0].status.message, /context canceled$/);
      assert.equal(f.log.length, 0);
    } finally {
      await silent.stop();
    }
  });

  for (const declared of [false, true]) {
    test(`a 100 MiB manifest${declared ? ' (with Content-Length)' : ' (chunked)'}: capped, per-image InternalError, memory bounded`, async () => {
      const total = 100 * 1024 * 1024;
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const hostile = await startServer(fakeRegistry({
        onManifest: (req, res) => {
          res.writeHead(200, { 'content-type': OCI_MANIFEST, ...(declared ? { 'content-length': total } : {}) });
          const pump = () => {
            while (sent < total && !res.destroyed) {
              sent += chunk.length;
              if (!res.write(chunk)) return res.once('drain', pump);
            }
            res.end();
          };
          res.on('close', () => { sent = Math.min(sent, total); });
          pump();
        },
      }));
      try {
        const heap0 = process.memoryUsage();
        const t0 = performance.now();
        const answer = await isi.importPreview(isiSpec([image(`${hostile.host}/fake/app:1.0`)]), { now: NOW });
        const ms = performance.now() - t0;
        const heap1 = process.memoryUsage();
        const { status } = answer.status.images[0];
        assert.equal(status.reason, 'InternalError');
        assert.equal(status.code, 500);
        assert.match(status.message, /limit/);
        assert.ok(sent < 24 * 1024 * 1024, `the server could write only ${sent} bytes before the client stopped reading`);
        const grew = (heap1.arrayBuffers - heap0.arrayBuffers) + (heap1.heapUsed - heap0.heapUsed);
        assert.ok(grew < 48 * 1024 * 1024, `memory grew by ${grew} bytes`);
        assert.ok(ms < 5000);
        console.log(`# 100 MiB manifest${declared ? ' with Content-Length' : ''}: ${status.message.replace(/^.*: /, '')} — server wrote ${(sent / 1048576).toFixed(1)} MiB, ${Math.round(ms)} ms`);
      } finally {
        await hostile.stop();
      }
    });
  }

  test('an error answer with a 2 MiB body: capped at 1 MiB, a clear per-image InternalError', async () => {
    const hostile = await startServer(fakeRegistry({
      onManifest: (req, res) => {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
      },
    }));
    try {
      const answer = await isi.importPreview(isiSpec([image(`${hostile.host}/fake/app:1.0`)]), { now: NOW });
      const { status } = answer.status.images[0];
      assert.equal(status.reason, 'InternalError');
      assert.match(status.message, /\(404 Not Found\) has a body over the limit of 1048576 bytes$/);
    } finally {
      await hostile.stop();
    }
  });

  test('a manifest whose bytes do not match the digest asked for: the integrity error', async () => {
    const tampered = Buffer.from(MANIFEST.toString().replace('"schemaVersion":2', '"schemaVersion": 2'));
    const liar = await startServer(fakeRegistry({
      onManifest: (req, res) => {
        res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': tampered.length, 'docker-content-digest': MANIFEST_DIGEST });
        res.end(tampered);
      },
    }));
    try {
      const ref = `${liar.host}/fake/app@${MANIFEST_DIGEST}`;
      const answer = await isi.importPreview(isiSpec([image(ref)]), { now: NOW });
      const { status } = answer.status.images[0];
      assert.equal(status.reason, 'InternalError');
      assert.equal(status.code, 500);
      assert.equal(status.message, `Internal error occurred: ${ref}: content integrity error: the manifest retrieved with digest ${MANIFEST_DIGEST} does not match the digest calculated from the content ${sha(tampered)}`);
    } finally {
      await liar.stop();
    }
  });

  test('a config blob whose bytes do not match its digest: the blob integrity error', async () => {
    const liar = await startServer(fakeRegistry({
      onBlob: (req, res) => {
        const wrong = Buffer.from(CONFIG.toString().replace('A=1', 'A=2'));
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': wrong.length });
        res.end(wrong);
      },
    }));
    try {
      const answer = await isi.importPreview(isiSpec([image(`${liar.host}/fake/app:1.0`)]), { now: NOW });
      const { status } = answer.status.images[0];
      assert.equal(status.reason, 'InternalError');
      assert.match(status.message, new RegExp(`content integrity error: the blob retrieved with digest ${sha(CONFIG)} does not match the digest calculated from the content sha256:[0-9a-f]{64}`));
    } finally {
      await liar.stop();
    }
  });
});

describe('the CLI', () => {
  test('Ctrl-C (SIGINT) cancels the requests still running: the answer is printed, exit 130; --timeout ends a silent registry, --timeout 0 leaves it to --import-timeout', async () => {
    const silent = await startServer(() => {});
    try {
      const spec = JSON.stringify(isiSpec([image(`${silent.host}/fake/app:1.0`)]));
      const run = (args, { interruptAfterMs } = {}) => new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, 'import', '-f', '-', ...args], { env: HERMETIC_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (c) => out.push(c));
        child.stderr.on('data', (c) => err.push(c));
        const t0 = performance.now();
        const killer = setTimeout(() => child.kill('SIGKILL'), 20000);
        // Interrupt once the request is surely out (the silent server has seen it).
        const poll = interruptAfterMs === undefined ? null : setInterval(() => {
          if (silent.requests.length > 0 && performance.now() - t0 > interruptAfterMs) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 20);
        child.on('close', (code) => {
          clearTimeout(killer);
          if (poll) clearInterval(poll);
          resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: performance.now() - t0 });
        });
        child.stdin.end(spec);
      });
      const interrupted = await run([], { interruptAfterMs: 300 });
      assert.equal(interrupted.code, 130, interrupted.stderr);
      assert.match(interrupted.stderr, /cancelling the requests still running/);
      assert.match(interrupted.stderr, /\nerror: tag 1\.0 failed: \(InternalError\) Internal error occurred: .*context canceled\nimported with errors: 0 of 1 image imported; cancelled\n$/);
      const answer = JSON.parse(interrupted.stdout);
      assert.match(answer.status.images[0].status.message, /context canceled$/);
      assert.ok(interrupted.ms < 10000);

      const timedOut = await run(['--timeout', '0.3']);
      assert.equal(timedOut.code, 0, timedOut.stderr);
      assert.match(JSON.parse(timedOut.stdout).status.images[0].status.message, /context deadline exceeded/);
      // 0: no limit of the request's own (Go's http.Client); the import's deadline ends it.
      const unlimited = await run(['--timeout', '0', '--import-timeout', '0.6']);
      assert.equal(unlimited.code, 0, unlimited.stderr);
      assert.match(JSON.parse(unlimited.stdout).status.images[0].status.message, /context deadline exceeded/);
      assert.ok(unlimited.ms > 500, `${unlimited.ms} ms`);
    } finally {
      await silent.stop();
    }
  });
});
