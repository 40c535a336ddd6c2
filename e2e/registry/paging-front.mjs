// A paging front for Distribution 2.8, whose `tags/list` ignores `n`/`last` and never sends a
// `Link` header. Newer registries (Distribution 3, Docker Hub, Quay, …) page tag lists, and an
// importer must follow `Link: <…>; rel="next"` to see every tag. This front listens on 127.0.0.1,
// passes every request through to the real registry unchanged, except GET/HEAD
// /v2/<name>/tags/list: it takes the registry's full answer and serves one page of it the way
// Distribution 3 does (tags sorted, those after `last`, at most `n`; `Link` to the next page when
// more remain). With `pageSize`, requests without `n` are paged too (what hosted registries do).
//
//   const front = await startPagingFront(reg, { pageSize: 10 });
//   front.url  // http://127.0.0.1:PORT — use instead of reg.url; front.requests logs every request
//   await front.stop();
import { createServer, request as httpRequest } from 'node:http';

const TAGS_PATH = /^\/v2\/(.+)\/tags\/list$/;

export async function startPagingFront(registry, { pageSize } = {}) {
  const upstream = new URL(typeof registry === 'string' ? registry : registry.url);
  const requests = [];

  const forward = (req, res, body) => {
    const up = httpRequest({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers, // Host stays the front's: the registry builds Location URLs from it
    }, (upRes) => {
      res.writeHead(upRes.statusCode, upRes.rawHeaders);
      upRes.pipe(res);
    });
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`paging front: ${e.message}`);
    });
    up.end(body);
  };

  const page = async (req, res, u, name) => {
    const headers = { ...req.headers };
    delete headers.host;
    const upRes = await fetch(new URL(`/v2/${name}/tags/list`, upstream), { headers });
    const body = Buffer.from(await upRes.arrayBuffer());
    const out = {};
    upRes.headers.forEach((v, k) => {
      if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date'].includes(k)) out[k] = v;
    });
    if (upRes.status !== 200) {
      res.writeHead(upRes.status, out);
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    const all = JSON.parse(body);
    const tags = [...(all.tags ?? [])].sort();
    const nParam = u.searchParams.get('n');
    const n = nParam !== null ? Number(nParam) : pageSize;
    const last = u.searchParams.get('last');
    let rest = last !== null ? tags.filter((t) => t > last) : tags;
    if (n !== undefined && Number.isInteger(n) && n >= 0 && n < rest.length) {
      rest = rest.slice(0, n);
      const next = new URLSearchParams({ last: rest.at(-1) ?? '', n: String(n) });
      out.link = `</v2/${name}/tags/list?${next}>; rel="next"`;
    }
    const json = Buffer.from(JSON.stringify({ name: all.name, tags: rest }));
    out['content-type'] = 'application/json';
    out['content-length'] = String(json.length);
    res.writeHead(200, out);
    return res.end(req.method === 'HEAD' ? undefined : json);
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url, 'http://front');
      const entry = { method: req.method, path: u.pathname, query: u.search };
      requests.push(entry);
      res.on('finish', () => { entry.status = res.statusCode; });
      const m = TAGS_PATH.exec(u.pathname);
      if (m && (req.method === 'GET' || req.method === 'HEAD')) {
        page(req, res, u, m[1]).catch((e) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`paging front: ${e.message}`);
        });
      } else {
        forward(req, res, Buffer.concat(chunks));
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  let stopped = null;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    stop() {
      stopped ??= new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
