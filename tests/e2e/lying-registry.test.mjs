// Imports from a registry that lies (e2e/registry/lying-registry.mjs): each lie is one import, in
// a Node process of its own so that its peak memory can be measured (tests/web/support/
// import-in-child.mjs: the peak over a warm baseline). Every lie ends as a per-image or
// per-repository Failure in upstream's words where upstream fails (or a Success where upstream
// succeeds), within its time bound, with memory bounded; and the request log shows which host
// received which Authorization header. RELIABILITY.md records the figures this prints.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { startLyingRegistry } from '../../e2e/registry/lying-registry.mjs';
import { GOOD, MANY_LAYERS, ENV_100K, TAMPERED } from '../../e2e/registry/lies.mjs';

const CHILD = fileURLToPath(new URL('../web/support/import-in-child.mjs', import.meta.url));
const NOW = '2024-06-01T12:00:00Z';
const CAP = 4 * 1024 * 1024;
const basic = ({ username, password }) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

let reg;
before(async () => { reg = await startLyingRegistry({ idleMs: 120_000 }); });
after(() => reg.stop());

const spec = ({ images, repository }) => ({
  kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'lies', namespace: 'default' },
  spec: { import: false, ...(images ? { images } : {}), ...(repository ? { repository } : {}) },
});
const entry = (name, { insecure = true, importMode } = {}) => ({
  from: { kind: 'DockerImage', name }, importPolicy: { insecure, ...(importMode ? { importMode } : {}) },
});

// One import in a child process; resolves to {answer, ms, peakMb, growthMb, requests, events}.
// `requests` are the ones the lying registry logged while it ran.
function importInChild(job, env = {}) {
  const from = reg.requests.length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the import process ended with ${code}: ${err}`));
      const r = JSON.parse(out);
      resolve({ ...r, growthMb: r.peakMb - r.baselineMb, stderr: err, requests: reg.requests.slice(from) });
    });
    child.stdin.end(JSON.stringify({
      warmup: spec({ images: [entry(`${reg.open.host}/good/app:t`)] }),
      options: { now: NOW, requestTimeout: 1500 },
      ...job,
      ...(job.options ? { options: { now: NOW, requestTimeout: 1500, ...job.options } } : {}),
    }));
  });
}

const figures = [];
const report = (name, r, outcome) => {
  figures.push({ name, ms: r.ms, growthMb: r.growthMb });
  console.log(`# ${name.padEnd(28)} ${String(r.ms).padStart(6)} ms  peak +${String(r.growthMb).padStart(3)} MB over ${r.baselineMb} MB  ${outcome}`);
};
const manifestRequests = (r, lie) => r.requests.filter((q) => q.url.startsWith(`/v2/lie/${lie}/manifests/`) && q.method === 'GET');

// Per image: the lie, the reference's tail, and what upstream answers. `requests` bounds the GETs
// of the lie's manifests (both import modes share them); `ms` bounds the import.
const IMAGE_LIES = [
  { lie: 'digest-mismatch', ref: `@${GOOD.digest}`, message: `content integrity error: the manifest retrieved with digest ${GOOD.digest} does not match the digest calculated from the content sha256:` },
  { lie: 'manifest-over-cap', message: /: manifest from http:\/\/[^ ]+\/manifests\/t exceeds the limit of 4194304 bytes$/ },
  { lie: 'manifest-over-cap-chunked', message: /: manifest from http:\/\/[^ ]+\/manifests\/t exceeds the limit of 4194304 bytes$/ },
  { lie: 'length-says-less', message: /: unexpected end of JSON input$/ },
  { lie: 'length-says-more', message: /: Get "http:\/\/[^"]+\/manifests\/t": unexpected EOF$/ },
  { lie: 'config-over-cap', message: /: image config from http:\/\/[^ ]+\/blobs\/sha256:[0-9a-f]{64} exceeds the limit of 4194304 bytes$/ },
  { lie: 'error-over-cap', message: /\(404 Not Found\) has a body over the limit of 1048576 bytes$/ },
  { lie: 'gzip-bomb', message: /: manifest from http:\/\/[^ ]+ exceeds the limit of 4194304 bytes$/, growthMb: 64 },
  { lie: 'gzip-honest', success: true },
  { lie: 'not-json', message: /: invalid character '<' looking for beginning of value$/ },
  { lie: 'deep-json', message: /: invalid character '\[' exceeded max depth$/ },
  { lie: 'layers-100k', message: /: manifest from http:\/\/[^ ]+ exceeds the limit of 4194304 bytes$/ },
  // Upstream: an unknown Content-Type falls back to schema 1, whose parser wants a JWS signature.
  { lie: 'wrong-content-type', message: /: missing signature key$/ },
  // The entry is named by a SHA-512 digest and served as the index itself: verified, so refused.
  { lie: 'index-lists-itself', message: /content integrity error: the manifest retrieved with digest sha512:(5e1f){32} does not match/, requests: 3 },
  { lie: 'redirect-loop', message: /: Get "[^"]+": stopped after 10 redirects$/, requests: 11 },
  { lie: 'redirect-elsewhere', success: true },
  // One byte a second: the per-request timeout (1.5 s here) covers the body; upstream retries a
  // timeout twice, a second apart.
  { lie: 'drip', message: /: Get "[^"]+": context deadline exceeded \(Client.Timeout or context cancellation while reading body\)$/, ms: 9000, requests: 3 },
  // 5xx are not retried (upstream quirk); a 429 whose body is not JSON is, twice, two seconds
  // apart, whatever Retry-After says; a 429 with a Distribution error list is not.
  ...['500 Internal Server Error', '502 Bad Gateway', '503 Service Unavailable'].map((line) => (
    { lie: `status-${line.slice(0, 3)}`, message: new RegExp(`: received unexpected HTTP status: ${line}$`), requests: 1 })),
  { lie: 'status-503-retry-after', message: /: received unexpected HTTP status: 503 Service Unavailable$/, requests: 1 },
  { lie: 'status-429', message: /: error parsing HTTP 429 response body: invalid character 'u' looking for beginning of value: "upstream trouble"$/, requests: 3, ms: 8000 },
  { lie: 'status-429-retry-after', message: /: error parsing HTTP 429 response body: /, requests: 3, ms: 8000 },
  { lie: 'status-429-json', message: /: toomanyrequests: slow down$/, requests: 1 },
];

// Three at a time: the slow ones (the drip, the 429s) mostly wait.
describe('per-image lies', { concurrency: 3 }, () => {
for (const c of IMAGE_LIES) {
  test(`lie/${c.lie}: ${c.success ? 'Success, as upstream' : 'a per-image Failure in upstream\'s words'}, both import modes`, async () => {
    const ref = `${reg.open.host}/lie/${c.lie}${c.ref ?? ':t'}`;
    const r = await importInChild({ spec: spec({ images: [entry(ref), entry(ref, { importMode: 'PreserveOriginal' })] }) });
    assert.equal(r.answer.kind, 'ImageStreamImport', JSON.stringify(r.answer).slice(0, 300));
    for (const image of r.answer.status.images) {
      const { status } = image;
      if (c.success) {
        assert.deepEqual(status, { metadata: {}, status: 'Success' });
        continue;
      }
      assert.equal(status.status, 'Failure');
      assert.equal(status.reason, 'InternalError');
      assert.equal(status.code, 500);
      assert.ok(status.message.startsWith(`Internal error occurred: ${reg.open.host}/lie/${c.lie}`), status.message);
      if (typeof c.message === 'string') assert.ok(status.message.includes(c.message), status.message);
      else assert.match(status.message, c.message);
    }
    if (c.requests !== undefined) assert.ok(manifestRequests(r, c.lie).length <= c.requests, `${manifestRequests(r, c.lie).length} manifest requests`);
    assert.ok(r.ms < (c.ms ?? 3000), `ended in ${r.ms} ms`);
    assert.ok(r.growthMb < (c.growthMb ?? 96), `peak memory grew by ${r.growthMb} MB`);
    report(`lie/${c.lie}`, r, c.success ? 'Success' : r.answer.status.images[0].status.message.replace(/^Internal error occurred: \S+: (Get "[^"]+": )?/, '').slice(0, 70));
  });
}
});

test('lie/digest-mismatch by tag: a lying Docker-Content-Digest is ignored; the image is named by the bytes served, as upstream', async () => {
  const r = await importInChild({ spec: spec({ images: [entry(`${reg.open.host}/lie/digest-mismatch:t`)] }) });
  const { image, status } = r.answer.status.images[0];
  assert.deepEqual(status, { metadata: {}, status: 'Success' });
  const served = `sha256:${createHash('sha256').update(TAMPERED).digest('hex')}`;
  assert.notEqual(served, GOOD.digest);
  assert.equal(image.metadata.name, served);
  assert.equal(image.dockerImageReference, `${reg.open.host}/lie/digest-mismatch@${served}`);
  report('lie/digest-mismatch by tag', r, 'Success, named by the bytes served');
});

test('lie/gzip-bomb: the cap counts decoded bytes, and reading stops there', async () => {
  const r = await importInChild({ spec: spec({ images: [entry(`${reg.open.host}/lie/gzip-bomb:t`)] }) });
  assert.match(r.answer.status.images[0].status.message, /exceeds the limit of 4194304 bytes$/);
  // 128 MiB inflated would be 128 MiB in memory at least; the import's peak stays far below.
  assert.ok(r.growthMb < 64, `${r.growthMb} MB`);
});

test('lie/index-lists-index: Legacy refuses a list inside a list, as upstream; PreserveOriginal keeps the inner list as its one entry', async () => {
  const ref = `${reg.open.host}/lie/index-lists-index:t`;
  const r = await importInChild({ spec: spec({ images: [entry(ref), entry(ref, { importMode: 'PreserveOriginal' })] }) });
  const [legacy, preserved] = r.answer.status.images;
  assert.equal(legacy.status.message, 'Internal error occurred: unsupported image manifest type: *manifestlist.DeserializedManifestList');
  assert.equal(preserved.status.status, 'Success');
  assert.equal(preserved.manifests.length, 1);
  report('lie/index-lists-index', r, 'Legacy: unsupported type; PreserveOriginal: Success');
});

test(`lie/many-layers: ${MANY_LAYERS.layers} layers (as many as fit inside the 4 MiB cap), imported whole and fast`, async () => {
  assert.ok(MANY_LAYERS.manifest.length <= CAP && MANY_LAYERS.manifest.length > CAP * 0.9);
  const r = await importInChild({ spec: spec({ images: [entry(`${reg.open.host}/lie/many-layers:t`)] }) });
  const { image, status } = r.answer.status.images[0];
  assert.equal(status.status, 'Success');
  assert.equal(image.dockerImageLayers.length, MANY_LAYERS.layers);
  assert.deepEqual(image.dockerImageLayers.at(-1), { name: `sha256:${MANY_LAYERS.layers.toString(16).padStart(64, '0')}`, size: 1000 + MANY_LAYERS.layers - 1, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' });
  const layerBytes = MANY_LAYERS.layers * 1000 + (MANY_LAYERS.layers * (MANY_LAYERS.layers - 1)) / 2;
  assert.equal(image.dockerImageMetadata.Size, layerBytes + MANY_LAYERS.config.length);
  assert.ok(r.ms < 5000, `${r.ms} ms`);
  report('lie/many-layers', r, `Success, ${image.dockerImageLayers.length} layers`);
});

test('lie/env-100k: a config with 100 000 env entries, imported whole and fast', async () => {
  const r = await importInChild({ spec: spec({ images: [entry(`${reg.open.host}/lie/env-100k:t`)] }) });
  const { image, status } = r.answer.status.images[0];
  assert.equal(status.status, 'Success');
  const env = image.dockerImageMetadata.Config.Env;
  assert.equal(env.length, ENV_100K.env);
  assert.equal(env.at(-1), `V${ENV_100K.env - 1}=${ENV_100K.env - 1}`);
  assert.ok(r.ms < 5000, `${r.ms} ms`);
  report('lie/env-100k', r, `Success, ${env.length} env entries`);
});

// ---------------------------------------------------------------------------------------------
// Tag lists (spec.repository)

test('lie/tags-link-self: a Link back to the page just read ends the listing at once, clearly', async () => {
  const r = await importInChild({ spec: spec({ repository: entry(`${reg.open.host}/lie/tags-link-self`) }) });
  const { status } = r.answer.status.repository;
  assert.equal(status.reason, 'InternalError');
  assert.match(status.message, /^Internal error occurred: the tag list's Link leads back to a page already read: http:\/\/127\.0\.0\.1:\d+\/v2\/lie\/tags-link-self\/tags\/list$/);
  assert.ok(r.requests.filter((q) => q.url.includes('/tags/list')).length <= 3);
  report('lie/tags-link-self', r, 'Failure: Link leads back');
});

test('lie/tags-over-cap: a tag page over its 4 MiB cap (chunked): the repository fails, naming the cap', async () => {
  const r = await importInChild({ spec: spec({ repository: entry(`${reg.open.host}/lie/tags-over-cap`) }) });
  const { status } = r.answer.status.repository;
  assert.equal(status.reason, 'InternalError');
  assert.match(status.message, /tag list page from http:\/\/[^ ]+\/tags\/list exceeds the limit of 4194304 bytes$/);
  assert.ok(r.growthMb < 96, `${r.growthMb} MB`);
  report('lie/tags-over-cap', r, 'Failure: tag list page over the cap');
});

test('lie/tags-200k: 200 000 tags on one page: upstream\'s 50 by priority, the rest counted', async () => {
  const r = await importInChild({ spec: spec({ repository: entry(`${reg.open.host}/lie/tags-200k`) }) });
  const repo = r.answer.status.repository;
  assert.deepEqual(repo.status, { metadata: {}, status: 'Success' });
  assert.equal(repo.images.length, 50);
  assert.equal(repo.additionalTags.length, 200_000 - 50);
  assert.ok(r.ms < 5000, `${r.ms} ms`);
  report('lie/tags-200k', r, `Success, ${repo.images.length} imported, ${repo.additionalTags.length} more`);
});

test('lie/tags-link-ftp: a Link to another scheme is refused as upstream\'s HTTP client refuses it, not requested', async () => {
  const r = await importInChild({ spec: spec({ repository: entry(`${reg.open.host}/lie/tags-link-ftp`) }) });
  const { status } = r.answer.status.repository;
  assert.equal(status.message, 'Internal error occurred: Get "ftp://127.0.0.1/v2/good/app/tags/list": unsupported protocol scheme "ftp"');
  assert.equal(r.requests.filter((q) => q.url.includes('/tags/list')).length, 1);
  report('lie/tags-link-ftp', r, 'Failure: unsupported protocol scheme');
});

test('lie/tags-link-elsewhere: the next page on another host is read, without Authorization', async () => {
  const r = await importInChild({ spec: spec({ repository: entry(`${reg.open.host}/lie/tags-link-elsewhere`) }) });
  const repo = r.answer.status.repository;
  assert.deepEqual(repo.status, { metadata: {}, status: 'Success' });
  assert.deepEqual(repo.images.map((i) => i.tag).sort(), ['page2', 't']);
  assert.ok(r.requests.some((q) => q.server === 'elsewhere' && q.url.includes('/tags/list')));
  report('lie/tags-link-elsewhere', r, 'Success, page 2 read elsewhere');
});

// ---------------------------------------------------------------------------------------------
// Bearer tokens: who gets which Authorization

const credentialsFor = (...hosts) => ({ auths: Object.fromEntries(hosts.map((h) => [h, { username: reg.user.username, password: reg.user.password }])) });

test('a Bearer registry: Basic goes only to its realm, the token only to the registry; redirects and Link pages elsewhere get neither', async () => {
  const host = reg.locked.host;
  const r = await importInChild({
    spec: spec({ images: [entry(`${host}/good/app:t`), entry(`${host}/redirect/app:t`)], repository: entry(`${host}/paged/app`) }),
    options: { credentials: credentialsFor(host) },
  });
  for (const image of r.answer.status.images) assert.deepEqual(image.status, { metadata: {}, status: 'Success' });
  assert.deepEqual(r.answer.status.repository.status, { metadata: {}, status: 'Success' });
  assert.ok(r.answer.status.repository.images.some((i) => i.tag === 'page2'));
  const mine = r.requests.filter((q) => q.server === 'locked' || q.server === 'elsewhere');
  assert.ok(mine.some((q) => q.server === 'elsewhere' && q.url.includes('/blobs/')), 'the blob redirect was followed');
  assert.ok(mine.some((q) => q.server === 'elsewhere' && q.url.includes('/tags/list')), 'the Link page was read');
  for (const q of mine) {
    if (q.authorization?.startsWith('Basic ')) {
      assert.equal(q.authorization, basic(reg.user));
      assert.deepEqual([q.server, q.url.split('?')[0]], ['locked', '/token'], 'Basic only to the realm');
    }
    if (q.authorization?.startsWith('Bearer ')) assert.equal(q.server, 'locked', `a token only to the registry: ${q.url}`);
    if (q.server === 'elsewhere') assert.equal(q.authorization, null, `${q.url} came without Authorization`);
  }
  assert.ok(mine.some((q) => q.server === 'locked' && q.authorization?.startsWith('Bearer ')));
  report('Bearer, redirects and Link', r, 'Success');
});

test('a realm on another host gets Basic (as docker sends it) and never a token; the registry gets the token', async () => {
  const r = await importInChild({
    spec: spec({ images: [entry(`${reg.realmElsewhere.host}/good/app:t`)] }),
    options: { credentials: credentialsFor(reg.realmElsewhere.host) },
  });
  assert.deepEqual(r.answer.status.images[0].status, { metadata: {}, status: 'Success' });
  const realm = r.requests.filter((q) => q.server === 'elsewhere');
  assert.ok(realm.length >= 1);
  for (const q of realm) {
    assert.equal(q.url.split('?')[0], '/token');
    assert.equal(q.authorization, basic(reg.user));
  }
  const registry = r.requests.filter((q) => q.server === 'realmElsewhere' && q.authorization !== null);
  assert.ok(registry.length >= 1 && registry.every((q) => q.authorization.startsWith('Bearer ')));
  report('realm on another host', r, 'Success');
});

test('an https registry (not insecure) whose realm is plain http: the realm is asked without credentials, the import fails cleanly', async () => {
  const r = await importInChild({
    spec: spec({ images: [entry(`${reg.secure.host}/good/app:t`, { insecure: false })] }),
    options: { credentials: credentialsFor(reg.secure.host) },
  }, { NODE_EXTRA_CA_CERTS: reg.caFile });
  const { status } = r.answer.status.images[0];
  assert.equal(status.status, 'Failure');
  assert.ok(r.requests.some((q) => q.server === 'secure' && q.url === '/v2/'), 'the https registry was reached');
  const realm = r.requests.filter((q) => q.server === 'locked' && q.url.startsWith('/token'));
  assert.ok(realm.length >= 1, 'the realm was asked');
  for (const q of realm) assert.equal(q.authorization, null, 'no Basic over plain http');
  assert.match(status.message, /: Get "https:\/\/[^"]+\/good\/app\/manifests\/t": unauthorized$/);
  report('https registry, http realm', r, `${status.reason}: ${status.message.slice(-60)}`);
});

test('a token answer over its 1 MiB cap, and a realm that refuses: per-image failures that name them', async () => {
  const host = reg.locked.host;
  const r = await importInChild({
    spec: spec({ images: [entry(`${host}/big-token/app:t`), entry(`${host}/refused-token/app:t`)] }),
    options: { credentials: credentialsFor(host) },
  });
  const [big, refused] = r.answer.status.images.map((i) => i.status);
  assert.match(big.message, /token answer from http:\/\/[^ ]+\/token\?[^ ]+ exceeds the limit of 1048576 bytes/);
  assert.equal(refused.status, 'Failure');
  assert.match(refused.message, /: Get "http:\/\/[^"]+\/refused-token\/app\/manifests\/t": unauthorized$/);
  report('token over cap, token refused', r, 'two per-image Failures');
});

test('every Authorization the lying registry saw went where docs/architecture.md allows', () => {
  for (const q of reg.requests) {
    if (q.authorization === null) continue;
    if (q.authorization.startsWith('Basic ')) {
      assert.equal(q.authorization, basic(reg.user));
      assert.ok(q.url.startsWith('/token?') && ['locked', 'elsewhere'].includes(q.server), `Basic to ${q.server} ${q.url}`);
    } else {
      assert.match(q.authorization, /^Bearer tok-[0-9a-f]{24}$/);
      assert.ok(['locked', 'realmElsewhere'].includes(q.server) && !q.url.startsWith('/token'), `a token to ${q.server} ${q.url}`);
    }
  }
  assert.ok(figures.length >= 20);
});
