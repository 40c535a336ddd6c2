// The e2e registry itself: Debian's docker-registry (Distribution 2.8) started on 127.0.0.1 in its
// three modes (anonymous, htpasswd, token with our issuer), filled with images built offline by
// e2e/registry/images.mjs, and checked with plain fetch: what the registry serves is what was
// pushed, auth answers as the protocol says, CORS headers are present. No traffic leaves 127.0.0.1.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { startRegistry } from '../../e2e/registry/start.mjs';
import { startPagingFront } from '../../e2e/registry/paging-front.mjs';
import { buildImages, pushSets, MANY_GROUPS, MANY_SIGNED } from '../../e2e/registry/images.mjs';
import { MANIFEST_ACCEPT, MEDIA, parseChallenge } from '../../e2e/registry/util.mjs';

const sha = (buf) => `sha256:${createHash('sha256').update(buf).digest('hex')}`;
const basic = (u, p) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const jwtPart = (tok, i) => JSON.parse(Buffer.from(tok.split('.')[i], 'base64url').toString());

async function get(url, headers = {}, method = 'GET') {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//, 'registry traffic stays on loopback');
  const res = await fetch(url, { method, headers });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}

const CORS_EXPOSED = ['WWW-Authenticate', 'Docker-Distribution-API-Version', 'Content-Type', 'Link', 'Content-Length', 'Docker-Content-Digest'];
function assertCors(headers, what) {
  assert.equal(headers.get('access-control-allow-origin'), '*', `${what}: Access-Control-Allow-Origin`);
  const exposed = (headers.get('access-control-expose-headers') ?? '').split(',').map((s) => s.trim().toLowerCase());
  for (const h of CORS_EXPOSED) assert.ok(exposed.includes(h.toLowerCase()), `${what}: exposes ${h}`);
  const allowed = (headers.get('access-control-allow-headers') ?? '').toLowerCase();
  for (const h of ['authorization', 'accept', 'range']) assert.ok(allowed.includes(h), `${what}: allows ${h}`);
  assert.match(headers.get('access-control-allow-methods') ?? '', /GET.*HEAD.*OPTIONS/);
}

/** Every tag of every recorded repository: GET with the full Accept list, digest of the bytes. */
async function assertServesRecord(reg, record, headers = {}) {
  let n = 0;
  for (const [repo, r] of Object.entries(record.repositories)) {
    for (const [tag, digest] of Object.entries(r.tags)) {
      const res = await get(`${reg.url}/v2/${repo}/manifests/${tag}`, { accept: MANIFEST_ACCEPT, ...headers });
      assert.equal(res.status, 200, `${repo}:${tag}`);
      assert.equal(sha(res.body), digest, `${repo}:${tag} digest`);
      assert.equal(res.headers.get('content-type'), r.manifests[digest].mediaType, `${repo}:${tag} Content-Type`);
      n++;
    }
  }
  return n;
}

let images;
before(async () => {
  images = await buildImages();
});
after(async () => {
  await images?.cleanup();
});

test('images are reproducible: a second build gives the same digests', async () => {
  const again = await buildImages();
  try {
    for (const ref of ['rich', 'docker', 'multi', 'multi-arm64', 'many-base']) {
      assert.equal((await again.layout.ref(ref)).digest, (await images.layout.ref(ref)).digest, ref);
    }
  } finally {
    await again.cleanup();
  }
});

describe('anonymous registry', () => {
  let reg;
  let record;
  before(async () => {
    reg = await startRegistry();
    record = await pushSets(images, reg);
    console.log(`# anonymous: built in ${Math.round(images.buildMs)} ms; push ${JSON.stringify(record.timings.push)} ms; read back ${record.timings.readBack} ms`);
  });
  after(async () => {
    await reg?.stop();
  });

  test('listens on 127.0.0.1 and answers /v2/ with CORS headers', async () => {
    assert.match(reg.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(`${reg.url}/v2/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('docker-distribution-api-version'), 'registry/2.0');
    assertCors(res.headers, '/v2/');
    const missing = await get(`${reg.url}/v2/e2e/none/manifests/latest`);
    assert.equal(missing.status, 404);
    assertCors(missing.headers, '404');
    // Distribution 2.8 says MANIFEST_UNKNOWN even when the repository does not exist …
    assert.equal(JSON.parse(missing.body).errors[0].code, 'MANIFEST_UNKNOWN');
    // … and NAME_UNKNOWN for the tags of a repository that does not exist
    const noTags = await get(`${reg.url}/v2/e2e/none/tags/list`);
    assert.equal(noTags.status, 404);
    assert.equal(JSON.parse(noTags.body).errors[0].code, 'NAME_UNKNOWN');
  });

  test('a CORS preflight is answered 200', async () => {
    const res = await get(`${reg.url}/v2/e2e/rich/manifests/latest`, {
      origin: 'http://localhost:5173', 'access-control-request-method': 'GET',
      'access-control-request-headers': 'accept,authorization',
    }, 'OPTIONS');
    assert.equal(res.status, 200);
    assertCors(res.headers, 'OPTIONS');
  });

  test('every recorded tag is served with the recorded digest and media type', async () => {
    const n = await assertServesRecord(reg, record);
    assert.ok(n >= 70, `${n} tags checked`);
  });

  test('skopeo pushed the layout\'s bytes unchanged where no conversion was asked', async () => {
    assert.equal(record.sets.rich.digest, (await images.layout.ref('rich')).digest);
    assert.equal(record.sets.multi.digest, (await images.layout.ref('multi')).digest);
  });

  test('the rich OCI image: manifest, layers and config', () => {
    const { repo, digest, tags } = record.sets.rich;
    const r = record.repositories[repo];
    assert.deepEqual(tags, ['1.0', 'latest']);
    assert.equal(r.tags.latest, digest);
    assert.equal(r.tags['1.0'], digest);
    const m = r.manifests[digest];
    assert.equal(m.mediaType, MEDIA.ociManifest);
    assert.equal(m.kind, 'image');
    assert.equal(m.config.mediaType, MEDIA.ociConfig);
    assert.equal(m.layers.length, 2);
    for (const l of m.layers) {
      assert.equal(l.mediaType, MEDIA.ociLayerGzip);
      assert.ok(l.size > 0);
    }
    const c = m.image;
    assert.equal(c.architecture, 'amd64');
    assert.equal(c.os, 'linux');
    assert.equal(c.created, '2024-01-01T00:00:00Z');
    assert.match(c.author, /isimport e2e/);
    assert.deepEqual(c.config.Entrypoint, ['/usr/local/bin/app']);
    assert.deepEqual(c.config.Cmd, ['--serve', '--port=8080']);
    assert.ok(c.config.Env.includes('GREETING=hello world'));
    assert.deepEqual(Object.keys(c.config.ExposedPorts).sort(), ['53/udp', '8080/tcp', '8443/tcp']);
    assert.deepEqual(Object.keys(c.config.Volumes).sort(), ['/data', '/var/log/app']);
    assert.equal(c.config.User, '1001');
    assert.equal(c.config.WorkingDir, '/app');
    assert.equal(c.config.StopSignal, 'SIGTERM');
    assert.equal(c.config.Labels['org.opencontainers.image.title'], 'isimport rich');
    assert.equal(c.config.Labels['io.openshift.expose-services'], '8080:http');
    assert.equal(c.rootfs.diff_ids.length, 2);
    assert.ok(c.history.length >= 3);
  });

  test('the Docker schema2 image: Docker media types throughout', () => {
    const { repo, digest } = record.sets.docker;
    const m = record.repositories[repo].manifests[digest];
    assert.equal(m.mediaType, MEDIA.dockerManifest);
    assert.equal(m.config.mediaType, MEDIA.dockerConfig);
    assert.deepEqual(m.layers.map((l) => l.mediaType), [MEDIA.dockerLayerGzip]);
    assert.equal(m.image.config.Labels.maintainer, 'e2e@isimport.invalid');
    assert.equal(record.repositories[repo].tags.v2s2, digest);
  });

  const platforms = (list) => list.manifests.map((d) => [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/'));

  test('the multi-platform OCI index: three platforms with variants, children in the registry', () => {
    const { repo, digest } = record.sets.multi;
    const r = record.repositories[repo];
    const idx = r.manifests[digest];
    assert.equal(idx.mediaType, MEDIA.ociIndex);
    assert.equal(idx.kind, 'index');
    assert.deepEqual(platforms(idx), ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']);
    for (const d of idx.manifests) {
      const child = r.manifests[d.digest];
      assert.equal(d.mediaType, MEDIA.ociManifest);
      assert.equal(child.mediaType, MEDIA.ociManifest);
      assert.equal(child.size, d.size);
      assert.equal(child.image.architecture, d.platform.architecture);
      assert.equal(child.image.variant, d.platform.variant);
      assert.equal(child.image.config.Labels['io.isimport.platform'], platforms({ manifests: [d] })[0]);
    }
  });

  test('the Docker manifest list: skopeo --all --format v2s2 converted list and children', () => {
    const { repo, digest } = record.sets.list;
    const r = record.repositories[repo];
    const list = r.manifests[digest];
    assert.equal(list.mediaType, MEDIA.dockerList);
    assert.deepEqual(platforms(list), ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']);
    for (const d of list.manifests) {
      assert.equal(d.mediaType, MEDIA.dockerManifest);
      assert.equal(r.manifests[d.digest].config.mediaType, MEDIA.dockerConfig);
    }
    // same configs as the OCI index's children (skopeo keeps config bytes)
    const oci = record.repositories[record.sets.multi.repo];
    const ociConfigs = oci.manifests[record.sets.multi.digest].manifests.map((d) => oci.manifests[d.digest].config.digest);
    assert.deepEqual(list.manifests.map((d) => r.manifests[d.digest].config.digest), ociConfigs);
  });

  test('the repository of many tags: 60+ tags of mixed shapes, shared digests, signatures', () => {
    const { repo } = record.sets.many;
    const r = record.repositories[repo];
    const tags = Object.keys(r.tags);
    assert.ok(tags.length > 60, `${tags.length} tags`);
    for (const t of ['1.2.3', 'v1.2.3', '1.2', '2024-01-01', '20240301', 'latest', 'Release-A', '1.2.3_1', 'x']) {
      assert.ok(tags.includes(t), t);
    }
    for (const group of MANY_GROUPS) {
      const digests = new Set(group.map((t) => r.tags[t]));
      assert.equal(digests.size, 1, `${group.join(',')} share one digest`);
    }
    assert.notEqual(r.tags.latest, r.tags['1.2.3']);
    for (const [target, suffix] of MANY_SIGNED) {
      const tag = `${r.tags[target].replace(':', '-')}.${suffix}`;
      assert.match(tag, /^sha256-[0-9a-f]{64}\.(sig|att)$/);
      assert.equal(r.manifests[r.tags[tag]].kind, 'signature', tag);
    }
    assert.equal(r.manifests[r.tags.multiarch].mediaType, MEDIA.ociIndex);
    assert.equal(r.manifests[r.tags['docker-v2']].mediaType, MEDIA.dockerManifest);
    assert.equal(new Set(Object.values(r.tags)).size, MANY_GROUPS.length + MANY_SIGNED.length + 2);
  });

  test('HEAD of a manifest gives its digest and size; blobs hash to their digests', async () => {
    const { repo, digest } = record.sets.rich;
    const m = record.repositories[repo].manifests[digest];
    const head = await get(`${reg.url}/v2/${repo}/manifests/latest`, { accept: MANIFEST_ACCEPT }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('docker-content-digest'), digest);
    assert.equal(Number(head.headers.get('content-length')), m.size);
    for (const d of [m.config, ...m.layers]) {
      const blob = await get(`${reg.url}/v2/${repo}/blobs/${d.digest}`);
      assert.equal(blob.status, 200);
      assert.equal(sha(blob.body), d.digest);
      assert.equal(blob.body.length, d.size);
    }
  });

  test('tags/list: Distribution 2.8 ignores n= and sends every tag without a Link header', async () => {
    const { repo } = record.sets.many;
    const res = await get(`${reg.url}/v2/${repo}/tags/list?n=10`);
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body);
    assert.equal(body.name, repo);
    assert.deepEqual([...body.tags].sort(), Object.keys(record.repositories[repo].tags).sort());
    assert.equal(res.headers.get('link'), null);
  });

  test('the paging front: tags/list in pages of 10 with Link headers, everything else passed through', async () => {
    const front = await startPagingFront(reg, { pageSize: 10 });
    try {
      const { repo } = record.sets.many;
      const all = Object.keys(record.repositories[repo].tags).sort();
      const seen = [];
      let url = `${front.url}/v2/${repo}/tags/list`;
      let pages = 0;
      for (;;) {
        const res = await get(url);
        assert.equal(res.status, 200);
        assertCors(res.headers, 'tags page');
        const { name, tags } = JSON.parse(res.body);
        assert.equal(name, repo);
        assert.ok(tags.length <= 10);
        seen.push(...tags);
        pages++;
        const link = res.headers.get('link');
        if (!link) break;
        const m = /^<(\/v2\/[^>]+)>;\s*rel="next"$/.exec(link);
        assert.ok(m, `Link: ${link}`);
        url = new URL(m[1], front.url).href;
      }
      assert.deepEqual(seen, all);
      assert.equal(pages, Math.ceil(all.length / 10));
      // an explicit n wins; last= continues after a tag
      const p = JSON.parse((await get(`${front.url}/v2/${repo}/tags/list?n=3&last=${all[4]}`)).body);
      assert.deepEqual(p.tags, all.slice(5, 8));
      // manifests pass through untouched
      const digest = record.repositories[repo].tags.latest;
      const man = await get(`${front.url}/v2/${repo}/manifests/latest`, { accept: MANIFEST_ACCEPT });
      assert.equal(sha(man.body), digest);
      assert.equal(man.headers.get('docker-content-digest'), digest);
      assert.ok(front.requests.length >= pages + 2);
    } finally {
      await front.stop();
    }
  });

  test('_catalog?n=2 paginates with Link headers (rel="next")', async () => {
    const seen = [];
    let url = `${reg.url}/v2/_catalog?n=2`;
    let pages = 0;
    while (url) {
      const res = await get(url);
      assert.equal(res.status, 200);
      const { repositories } = JSON.parse(res.body);
      assert.ok(repositories.length <= 2);
      seen.push(...repositories);
      pages++;
      const link = res.headers.get('link');
      if (!link) break;
      const m = /^<([^>]+)>;\s*rel="next"$/.exec(link);
      assert.ok(m, `Link: ${link}`);
      url = new URL(m[1], reg.url).href;
    }
    assert.deepEqual(seen.sort(), Object.keys(record.repositories).sort());
    assert.ok(pages >= 3, `${pages} pages`);
  });
});

describe('htpasswd registry', () => {
  let reg;
  let record;
  before(async () => {
    reg = await startRegistry({ mode: 'htpasswd' });
    record = await pushSets(images, reg, { sets: ['rich', 'multi'] });
  });
  after(async () => {
    await reg?.stop();
  });

  test('without credentials: 401 with a Basic challenge (and CORS headers)', async () => {
    for (const path of ['/v2/', '/v2/e2e/rich/manifests/latest']) {
      const res = await get(`${reg.url}${path}`, { accept: MANIFEST_ACCEPT });
      assert.equal(res.status, 401, path);
      const ch = parseChallenge(res.headers.get('www-authenticate'));
      assert.equal(ch.scheme, 'Basic');
      assert.equal(ch.params.realm, 'isimport-test-registry');
      assertCors(res.headers, `401 ${path}`);
      assert.equal(JSON.parse(res.body).errors[0].code, 'UNAUTHORIZED');
    }
  });

  test('wrong credentials: 401', async () => {
    const res = await get(`${reg.url}/v2/`, { authorization: basic('alice', 'nope') });
    assert.equal(res.status, 401);
  });

  test('with credentials: 200 and the recorded digests', async () => {
    for (const { username, password } of reg.users) {
      const res = await get(`${reg.url}/v2/`, { authorization: basic(username, password) });
      assert.equal(res.status, 200, username);
    }
    const n = await assertServesRecord(reg, record, { authorization: basic('bob', 'builder') });
    assert.equal(n, 3);
  });

  test('a CORS preflight gets 401: Distribution authenticates OPTIONS too', async () => {
    const res = await get(`${reg.url}/v2/e2e/rich/manifests/latest`, {
      origin: 'http://localhost:5173', 'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    }, 'OPTIONS');
    assert.equal(res.status, 401); // a browser fails such a preflight: authenticated registries need the proxy
    assertCors(res.headers, 'OPTIONS');
  });
});

for (const alg of ['ES256', 'RS256']) {
  describe(`token registry (${alg})`, () => {
    let reg;
    let record;
    let privateDigest;
    before(async () => {
      reg = await startRegistry({ mode: 'token', alg, privateRepos: ['e2e/private*'] });
      record = await pushSets(images, reg, { sets: alg === 'ES256' ? ['rich', 'list'] : ['rich'] });
      const priv = await pushSets(images, reg, { sets: ['docker'], repos: { docker: 'e2e/private' } });
      privateDigest = priv.sets.docker.digest;
    });
    after(async () => {
      await reg?.stop();
    });

    const tokenUrl = (scope, account) => {
      const u = new URL(reg.issuer.realm);
      u.searchParams.set('service', reg.issuer.service);
      if (scope) u.searchParams.set('scope', scope);
      if (account) u.searchParams.set('account', account);
      return u.href;
    };

    test('401 with a Bearer challenge naming realm, service and scope', async () => {
      const ping = await get(`${reg.url}/v2/`);
      assert.equal(ping.status, 401);
      let ch = parseChallenge(ping.headers.get('www-authenticate'));
      assert.equal(ch.scheme, 'Bearer');
      assert.equal(ch.params.realm, reg.issuer.realm);
      assert.equal(ch.params.service, reg.issuer.service);
      assert.match(ch.params.realm, /^http:\/\/127\.0\.0\.1:\d+\/token$/);
      assertCors(ping.headers, '401 /v2/');

      const res = await get(`${reg.url}/v2/e2e/rich/manifests/latest`, { accept: MANIFEST_ACCEPT });
      assert.equal(res.status, 401);
      ch = parseChallenge(res.headers.get('www-authenticate'));
      assert.equal(ch.params.scope, 'repository:e2e/rich:pull');
    });

    test('anonymous token → 200 with the recorded digest', async () => {
      const before = reg.issuer.requests.length;
      const tok = await get(tokenUrl('repository:e2e/rich:pull'));
      assert.equal(tok.status, 200);
      const body = JSON.parse(tok.body);
      assert.equal(body.token, body.access_token);
      assert.ok(body.expires_in > 0);
      assert.ok(!Number.isNaN(Date.parse(body.issued_at)));
      const header = jwtPart(body.token, 0);
      assert.equal(header.alg, alg);
      assert.equal(header.x5c.length, 1);
      const claims = jwtPart(body.token, 1);
      assert.equal(claims.sub, '');
      assert.equal(claims.aud, reg.issuer.service);
      assert.deepEqual(claims.access, [{ type: 'repository', name: 'e2e/rich', actions: ['pull'] }]);
      const n = await assertServesRecord(reg, { repositories: { 'e2e/rich': record.repositories['e2e/rich'] } },
        { authorization: `Bearer ${body.token}` });
      assert.equal(n, 2);
      assert.equal(reg.issuer.requests.length, before + 1);
      assert.equal(reg.issuer.requests.at(-1).user, null);
    });

    test('a token for one repository does not open another', async () => {
      const { token } = JSON.parse((await get(tokenUrl('repository:e2e/rich:pull'))).body);
      const res = await get(`${reg.url}/v2/e2e/private/manifests/latest`, { authorization: `Bearer ${token}` });
      assert.equal(res.status, 401);
      const ch = parseChallenge(res.headers.get('www-authenticate'));
      assert.equal(ch.params.error, 'insufficient_scope');
      assert.equal(ch.params.scope, 'repository:e2e/private:pull');
    });

    test('a private repository: the anonymous token grants nothing, credentials do', async () => {
      const anon = JSON.parse((await get(tokenUrl('repository:e2e/private:pull'))).body);
      assert.deepEqual(jwtPart(anon.token, 1).access, [{ type: 'repository', name: 'e2e/private', actions: [] }]);
      const denied = await get(`${reg.url}/v2/e2e/private/manifests/latest`, { authorization: `Bearer ${anon.token}` });
      assert.equal(denied.status, 401);

      const bad = await get(tokenUrl('repository:e2e/private:pull', 'bob'), { authorization: basic('bob', 'wrong') });
      assert.equal(bad.status, 401);

      const ok = await get(tokenUrl('repository:e2e/private:pull,push', 'bob'), { authorization: basic('bob', 'builder') });
      assert.equal(ok.status, 200);
      const { token } = JSON.parse(ok.body);
      const claims = jwtPart(token, 1);
      assert.equal(claims.sub, 'bob');
      assert.deepEqual(claims.access[0].actions, ['pull'], 'bob may pull, not push');
      const res = await get(`${reg.url}/v2/e2e/private/manifests/latest`, { accept: MANIFEST_ACCEPT, authorization: `Bearer ${token}` });
      assert.equal(res.status, 200);
      assert.equal(sha(res.body), privateDigest);
      assert.equal(reg.issuer.requests.at(-1).user, 'bob');
    });

    if (alg === 'ES256') {
      test('the Docker manifest list and its children, through a token', async () => {
        const { repo, digest } = record.sets.list;
        const { token } = JSON.parse((await get(tokenUrl(`repository:${repo}:pull`))).body);
        const auth = { authorization: `Bearer ${token}` };
        const n = await assertServesRecord(reg, { repositories: { [repo]: record.repositories[repo] } }, auth);
        assert.equal(n, 1);
        for (const d of record.repositories[repo].manifests[digest].manifests) {
          const res = await get(`${reg.url}/v2/${repo}/manifests/${d.digest}`, { accept: MANIFEST_ACCEPT, ...auth });
          assert.equal(res.status, 200);
          assert.equal(sha(res.body), d.digest);
        }
      });

      test('the issuer also answers the OAuth2 POST form', async () => {
        const res = await fetch(reg.issuer.realm, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'password', username: 'alice', password: 'wonderland',
            service: reg.issuer.service, scope: 'repository:e2e/rich:pull', client_id: 'isimport' }),
        });
        assert.equal(res.status, 200);
        const { access_token: token } = await res.json();
        const m = await get(`${reg.url}/v2/e2e/rich/manifests/latest`, { accept: MANIFEST_ACCEPT, authorization: `Bearer ${token}` });
        assert.equal(m.status, 200);
        assert.equal(sha(m.body), record.sets.rich.digest);
      });
    }
  });
}
