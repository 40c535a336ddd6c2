// A registry that lies, on loopback, for the test suite (tests/e2e/lying-registry.test.mjs) and
// for trying isimport by hand (`node e2e/registry/lying-registry.mjs` prints its addresses). It is
// five small servers, because a registry's auth is decided once per host by its /v2/ ping:
//
//   open           plain http, anonymous: `good/app` and every lie of lies.mjs as `lie/<name>:t`
//   locked         plain http, Bearer tokens from its own realm (/token), for user USER only
//   realmElsewhere plain http, Bearer tokens from a realm on the `elsewhere` host
//   secure         https (a certificate made here, trusted through NODE_EXTRA_CA_CERTS), whose
//                  Bearer realm is plain http (the locked registry's /token)
//   elsewhere      another loopback host (127.0.0.2 when it can be bound): redirects and Link
//                  pages lead here, and it is realmElsewhere's token realm
//
// Every request is logged with the server that got it and its Authorization header, so a test can
// say which host received which credential. Everything stops by itself after `idleMs` without a
// request (and on stop()).
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { GOOD, LIES, TOKEN_LIES, gzipBomb, honest } from './lies.mjs';

export const USER = Object.freeze({ username: 'liar', password: `pa55-${randomBytes(6).toString('hex')}` });
const basicOf = ({ username, password }) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

const jsonError = (code, message) => JSON.stringify({ errors: [{ code, message, detail: null }] });

/** The toolbox a lie answers with. */
function toolbox(req, res, fields) {
  const head = (status, headers, length) => {
    const all = { 'docker-distribution-api-version': 'registry/2.0', ...headers };
    if (length !== undefined && all['content-length'] === undefined) all['content-length'] = length;
    res.writeHead(status, all);
  };
  return {
    ...fields,
    req,
    path: req.url,
    send(status, headers, body) {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      head(status, headers, bytes.length);
      res.end(req.method === 'HEAD' ? undefined : bytes);
    },
    // `total` bytes of JSON whitespace, chunked (no Content-Length), as fast as they are read.
    stream(status, headers, total) {
      head(status, headers);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    // Status line, headers and body written on the socket as given: a Content-Length may lie.
    raw(status, headers, body) {
      const lines = [`HTTP/1.1 ${status} OK`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'connection: close', '', ''];
      req.socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
    },
    // One byte every `everyMs`.
    drip(status, headers, body, everyMs) {
      head(status, headers, body.length);
      let i = 0;
      const timer = setInterval(() => {
        if (i >= body.length) {
          clearInterval(timer);
          return res.end();
        }
        res.write(body.subarray(i, ++i));
      }, everyMs);
      res.on('close', () => clearInterval(timer));
    },
  };
}

// /v2/<repository>/<manifests|blobs|tags>/<ref>
function routeOf(url) {
  const path = new URL(url, 'http://x').pathname;
  if (path === '/v2/' || path === '/v2') return { ping: true };
  if (path === '/token') return { token: true };
  const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(path) ?? /^\/v2\/(.+)\/(tags)\/(list)$/.exec(path);
  return m ? { repository: m[1], route: { manifests: 'manifest', blobs: 'blob', tags: 'tags' }[m[2]], ref: decodeURIComponent(m[3]) } : {};
}

/**
 * Starts the five servers. Returns their base URLs and hosts, the request log, the tokens issued,
 * the CA file for the https one, and stop().
 */
export async function startLyingRegistry({ idleMs = 300_000 } = {}) {
  await gzipBomb();
  const requests = [];
  const tokens = new Set();
  const dir = mkdtempSync(join(tmpdir(), 'isimport-lying-'));
  const certificate = makeCertificate(dir);
  const servers = [];
  const at = {};
  let idle;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => { void stop(); }, idleMs);
  };

  // The token realm: a token for USER's Basic credentials; the lies of TOKEN_LIES by scope.
  const issueToken = (a) => {
    const scope = new URL(a.path, 'http://x').searchParams.get('scope') ?? '';
    const repository = /^repository:(.+):pull$/.exec(scope)?.[1];
    if (TOKEN_LIES[repository]) return TOKEN_LIES[repository](a);
    if (a.req.headers.authorization !== basicOf(USER)) {
      return a.send(401, { 'content-type': 'application/json' }, jsonError('UNAUTHORIZED', 'authentication required'));
    }
    const token = `tok-${randomBytes(12).toString('hex')}`;
    tokens.add(token);
    return a.send(200, { 'content-type': 'application/json' }, JSON.stringify({ token, expires_in: 300 }));
  };

  // One server's routes. `realm()` names its Bearer realm (none: anonymous).
  const handlerOf = (name, { realm, repositories }) => async (req, res) => {
    touch();
    requests.push({ server: name, method: req.method, url: req.url, authorization: req.headers.authorization ?? null });
    const route = routeOf(req.url);
    const a = toolbox(req, res, { ...route, elsewhere: at.elsewhere?.url });
    try {
      if (route.token) return issueToken(a);
      if (realm) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!tokens.has(bearer)) {
          return a.send(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${realm()}",service="lying"` },
            jsonError('UNAUTHORIZED', 'authentication required'));
        }
      }
      if (route.ping) return a.send(200, { 'content-type': 'application/json' }, '{}');
      const lie = repositories(route.repository);
      if (!lie || !route.route) return a.send(404, { 'content-type': 'application/json' }, jsonError('NAME_UNKNOWN', 'repository name not known to registry'));
      const serve = lie[route.route] ?? honest(GOOD)[route.route];
      return await serve(a);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  };

  const listen = async (name, host, handler, tls) => {
    const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
    server.on('clientError', (err, socket) => socket.destroy());
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
    servers.push(server);
    const hostPort = `${host}:${server.address().port}`;
    at[name] = { host: hostPort, url: `${tls ? 'https' : 'http'}://${hostPort}` };
  };

  const honestGood = (repository) => (repository === 'good/app' ? honest(GOOD) : undefined);
  const lockedRepositories = (repository) => ({
    'good/app': honest(GOOD),
    'redirect/app': LIES['redirect-elsewhere'],
    'paged/app': LIES['tags-link-elsewhere'],
    'big-token/app': honest(GOOD),
    'refused-token/app': honest(GOOD),
  })[repository];

  await listen('elsewhere', await otherLoopbackHost(), handlerOf('elsewhere', {
    repositories: (repository) => (repository === 'good/app'
      ? { ...honest(GOOD), tags: (a) => a.send(200, { 'content-type': 'application/json' }, JSON.stringify({ name: 'good/app', tags: ['page2'] })) }
      : undefined),
  }));
  await listen('open', '127.0.0.1', handlerOf('open', {
    repositories: (repository) => (repository?.startsWith('lie/') ? LIES[repository.slice(4)] : honestGood(repository)),
  }));
  await listen('locked', '127.0.0.1', handlerOf('locked', { realm: () => `${at.locked.url}/token`, repositories: lockedRepositories }));
  await listen('realmElsewhere', '127.0.0.1', handlerOf('realmElsewhere', { realm: () => `${at.elsewhere.url}/token`, repositories: honestGood }));
  await listen('secure', '127.0.0.1', handlerOf('secure', { realm: () => `${at.locked.url}/token`, repositories: honestGood }),
    { key: certificate.key, cert: certificate.cert });
  touch();

  let stopped;
  async function stop() {
    stopped ??= (async () => {
      clearTimeout(idle);
      await Promise.all(servers.map((s) => new Promise((resolve) => {
        s.closeAllConnections?.();
        s.close(() => resolve());
      })));
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  }
  return { ...at, caFile: certificate.file, requests, tokens, user: USER, lies: Object.keys(LIES), stop };
}

// A self-signed certificate for 127.0.0.1 (openssl, from Debian's base system).
function makeCertificate(dir) {
  const key = join(dir, 'key.pem');
  const file = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', file, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
  { stdio: 'ignore' });
  return { file, key: readFileSync(key), cert: readFileSync(file) };
}

// 127.0.0.2 when it can be bound (another host on loopback), else 127.0.0.1 (another port).
async function otherLoopbackHost() {
  const probe = createHttpServer();
  try {
    await new Promise((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '127.0.0.2', resolve);
    });
    return '127.0.0.2';
  } catch {
    return '127.0.0.1';
  } finally {
    probe.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const registry = await startLyingRegistry({ idleMs: 600_000 });
  const { requests, tokens, stop, ...shown } = registry;
  console.log(JSON.stringify(shown, null, 2));
  console.log(`# images: ${registry.open.host}/lie/<name>:t (insecure); stops after 10 minutes without a request, or on Ctrl-C`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop().then(() => process.exit(0)));
  void requests; void tokens;
}
