// A referrers API in front of Distribution 2.8 (which has none). Listens on 127.0.0.1, passes
// every request through to the real registry unchanged (its CORS headers included), except
// GET/HEAD /v2/<name>/referrers/<digest>, which it answers itself as the OCI distribution spec
// says: an OCI image index of the subject's referrers, each descriptor with its artifactType and
// the referrer manifest's annotations. The referrers come from `referrers` (pushSupplyChain's
// record.referrers, '<repo>@<digest>' → descriptors) or, for subjects not in it, are computed from
// the subject's referrers tag schema index (`sha256-<hex>`), reading each listed manifest for its
// annotations and keeping those whose `subject` is the digest asked about.
//
//   const rs = await startReferrersServer(reg, { referrers: record.referrers, pageSize: 2 });
//   rs.url; rs.requests; rs.configure({ filter: false, lie: '500' }); await rs.stop();
//
// Options (also for configure()):
//   pageSize   descriptors per page; more → `Link: <…?page=N…>; rel="next"` (default: no paging)
//   filter     true (default): honour ?artifactType= and send `OCI-Filters-Applied: artifactType`;
//              false: ignore it (answer unfiltered, no header), as registries without filtering do
//   lie        null | 'huge' (100 000 descriptors) | 'not-index' (an image manifest) | '500' |
//              'redirect' (307 to the same path on another origin, which answers honestly) |
//              'wrong-subject' (adds a real referrer whose subject is another digest)
import { createServer, request as httpRequest } from 'node:http';
import { MEDIA, digestOf } from './util.mjs';
import { referrersTag, referrerDescriptor } from './supply-formats.mjs';

const REFERRERS_PATH = /^\/v2\/(.+)\/referrers\/(sha256:[0-9a-f]{64})$/;
export const REFERRERS_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'Authorization, Accept, Range',
  'access-control-expose-headers': 'WWW-Authenticate, Docker-Distribution-API-Version, Content-Type, Link, Content-Length, Docker-Content-Digest, OCI-Filters-Applied',
};
export const HUGE_COUNT = 100_000;

let hugeIndex;
/** 100 000 descriptors of digests that exist nowhere (made once: ~20 MB). */
function huge() {
  hugeIndex ??= Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: Array.from({ length: HUGE_COUNT }, (_, i) => ({
      mediaType: MEDIA.ociManifest, digest: `sha256:${i.toString(16).padStart(64, '0')}`, size: 500, artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    })),
  }));
  return hugeIndex;
}

async function listen(server) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return server.address().port;
}

export async function startReferrersServer(registry, options = {}) {
  const upstream = new URL(typeof registry === 'string' ? registry : registry.url);
  const conf = { pageSize: undefined, filter: true, lie: null, referrers: {}, ...options };
  const requests = [];

  const upstreamGet = async (path, headers = {}) => {
    const res = await fetch(new URL(path, upstream), { headers });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };

  /** The subject's referrers: the record's, else computed from its tag schema index. */
  const referrersOf = async (name, digest, authorization) => {
    const known = conf.referrers[`${name}@${digest}`];
    if (known) return known;
    const auth = authorization ? { authorization } : {};
    const tagged = await upstreamGet(`/v2/${name}/manifests/${referrersTag(digest)}`, { accept: MEDIA.ociIndex, ...auth });
    if (tagged.status !== 200) return [];
    const index = JSON.parse(tagged.body);
    if (!Array.isArray(index.manifests)) return [];
    const out = [];
    for (const d of index.manifests) {
      const m = await upstreamGet(`/v2/${name}/manifests/${d.digest}`, { accept: d.mediaType ?? MEDIA.ociManifest, ...auth });
      if (m.status !== 200 || digestOf(m.body) !== d.digest) continue;
      if (JSON.parse(m.body).subject?.digest !== digest) continue;
      out.push(referrerDescriptor(m.body));
    }
    return out;
  };

  /** A referrer manifest of this repository whose subject is not `digest` (for 'wrong-subject'). */
  const foreignReferrer = (name, digest) => {
    for (const [key, list] of Object.entries(conf.referrers)) {
      if (key.startsWith(`${name}@`) && !key.endsWith(digest) && list.length) return list[0];
    }
    return { mediaType: MEDIA.ociManifest, digest: `sha256:${'0'.repeat(63)}1`, size: 600, artifactType: 'application/spdx+json' };
  };

  const send = (req, res, status, headers, body) => {
    res.writeHead(status, { ...REFERRERS_CORS, ...headers, 'content-length': String(body?.length ?? 0) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const answer = async (req, res, u, name, digest, { honest = false } = {}) => {
    const lie = honest ? null : conf.lie;
    if (lie === '500') return send(req, res, 500, { 'content-type': 'application/json' }, Buffer.from('{"errors":[{"code":"UNKNOWN","message":"referrers: lying on purpose"}]}'));
    if (lie === 'redirect') return send(req, res, 307, { location: `${elsewhereUrl}${u.pathname}${u.search}` }, Buffer.alloc(0));
    if (lie === 'not-index') {
      const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(Buffer.from('{}')), size: 2 }, layers: [] }));
      return send(req, res, 200, { 'content-type': MEDIA.ociManifest }, body);
    }
    if (lie === 'huge') return send(req, res, 200, { 'content-type': MEDIA.ociIndex }, huge());

    let list = await referrersOf(name, digest, req.headers.authorization);
    if (lie === 'wrong-subject') list = [...list, foreignReferrer(name, digest)];
    const headers = { 'content-type': MEDIA.ociIndex };
    const wanted = u.searchParams.getAll('artifactType');
    if (wanted.length && conf.filter) {
      list = list.filter((d) => wanted.includes(d.artifactType));
      headers['oci-filters-applied'] = 'artifactType';
    }
    const page = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
    if (conf.pageSize) {
      const start = (page - 1) * conf.pageSize;
      const more = list.length > start + conf.pageSize;
      list = list.slice(start, start + conf.pageSize);
      if (more) {
        const next = new URLSearchParams(u.searchParams);
        next.set('page', String(page + 1));
        headers.link = `</v2/${name}/referrers/${digest}?${next}>; rel="next"`;
      }
    }
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: list }));
    return send(req, res, 200, headers, body);
  };

  const forward = (req, res, body) => {
    const up = httpRequest({
      host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers,
    }, (upRes) => {
      res.writeHead(upRes.statusCode, upRes.rawHeaders);
      upRes.pipe(res);
    });
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`referrers server: ${e.message}`);
    });
    up.end(body);
  };

  const handler = (honest) => (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url, 'http://referrers');
      const entry = { method: req.method, path: u.pathname, query: u.search, origin: honest ? 'elsewhere' : 'front' };
      requests.push(entry);
      res.on('finish', () => { entry.status = res.statusCode; });
      const m = REFERRERS_PATH.exec(u.pathname);
      if (m && (req.method === 'GET' || req.method === 'HEAD')) {
        answer(req, res, u, m[1], m[2], { honest }).catch((e) => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', ...REFERRERS_CORS });
          res.end(`referrers server: ${e.message}`);
        });
      } else if (m && req.method === 'OPTIONS') {
        send(req, res, 200, {}, Buffer.alloc(0));
      } else {
        forward(req, res, Buffer.concat(chunks));
      }
    });
  };

  const server = createServer(handler(false));
  const elsewhere = createServer(handler(true)); // the other origin of the 'redirect' lie
  const port = await listen(server);
  const elsewherePort = await listen(elsewhere);
  // another port is another origin (and stays on loopback)
  const elsewhereUrl = `http://127.0.0.1:${elsewherePort}`;
  let stopped = null;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    elsewhereUrl,
    requests,
    /** Changes options for the next requests (pageSize, filter, lie, referrers). */
    configure(next) { Object.assign(conf, next); },
    stop() {
      stopped ??= Promise.all([server, elsewhere].map((s) => new Promise((resolve) => {
        s.closeAllConnections?.();
        s.close(() => resolve());
      })));
      return stopped;
    },
  };
}
