// A small token server for Distribution's `auth.token` mode, for tests only. Listens on 127.0.0.1,
// signs JWTs with a key and self-signed certificate made at start (openssl), and answers what the
// Docker token protocol asks:
//   GET  /token?service=S&scope=repository:NAME:pull[,push]&scope=…[&account=U]  (Basic credentials optional)
//   POST /token  (OAuth2 form: grant_type=password, username, password, service, scope)
// → {"token","access_token","expires_in","issued_at"}.
//
// What Distribution 2.8 checks (registry/auth/token/token.go, accesscontroller.go):
//   - iss == auth.token.issuer, aud == auth.token.service (a string, not an array), exp/nbf with 60 s leeway;
//   - the signing key: from the header's `x5c` first (chain verified against rootcertbundle; a
//     self-signed certificate that is itself in the bundle verifies), else `jwk`, else `kid` as a
//     libtrust fingerprint of a key in the bundle. We send `x5c` with the certificate; no `kid`.
//   - alg must fit the key (ES256 = P-256 with a raw r||s signature; RS256 = PKCS#1 v1.5);
//   - every access item the request needs must be in the `access` claim, else 401 insufficient_scope.
//
// The access policy: a user (Basic credentials) gets `actions` (default pull) on repositories
// matching `repos` (default all); anonymous requests get `anonymous` (default ['pull']) on every
// repository not in `privateRepos`. Wrong credentials → 401. Requested ∩ allowed is granted; an
// empty grant is still a token (the registry answers 401 insufficient_scope), as Docker Hub does.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, createPrivateKey, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { run } from './util.mjs';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** Makes a key and a self-signed certificate with openssl: {keyPem, certPem, certFile, x5c}. */
export async function makeSigningKey(dir, alg = 'ES256') {
  const keyFile = join(dir, 'token-key.pem');
  const certFile = join(dir, 'token-cert.pem');
  const newkey = alg === 'ES256'
    ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']
    : ['-newkey', 'rsa:2048'];
  await run('openssl', ['req', '-x509', ...newkey, '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '2', '-subj', '/CN=isimport test token issuer', '-addext', 'basicConstraints=critical,CA:TRUE']);
  const certPem = await readFile(certFile, 'utf8');
  const keyPem = await readFile(keyFile, 'utf8');
  const x5c = [new X509Certificate(certPem).raw.toString('base64')];
  return { keyPem, certPem, certFile, keyFile, x5c };
}

/** Signs a JWT the way Distribution 2.8 verifies it. */
export function signJwt({ alg, keyPem, x5c }, claims) {
  const header = { typ: 'JWT', alg, x5c };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const key = createPrivateKey(keyPem);
  const sig = alg === 'ES256'
    ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
    : sign('sha256', Buffer.from(input), key);
  return `${input}.${b64url(sig)}`;
}

/** "repository:a/b:pull,push" → {type, name, actions}; the name may hold ':' (host:port/…). */
export function parseScope(s) {
  const first = s.indexOf(':');
  const last = s.lastIndexOf(':');
  if (first < 0 || last === first) return null;
  return {
    type: s.slice(0, first),
    name: s.slice(first + 1, last),
    actions: s.slice(last + 1).split(',').filter(Boolean),
  };
}

function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

const matches = (patterns, name) => patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : p === name));

/**
 * Starts the issuer. Options:
 *   service, issuer: strings the registry is configured with (defaults below);
 *   users: [{username, password, actions?: ['pull','push'], repos?: ['a/*', 'b/c']}];
 *   anonymous: actions for anonymous requests (default ['pull']);
 *   privateRepos: repository patterns anonymous requests get nothing on (default []);
 *   alg: 'ES256' (default) or 'RS256'; expiresIn: seconds (default 300); dir: where key/cert go.
 * Returns {url, realm, service, issuer, certFile, alg, requests, stop()}; `requests` logs every
 * token request ({method, service, scopes, account, user, granted, status}).
 */
export async function startTokenIssuer(opts = {}) {
  const service = opts.service ?? 'isimport-test-registry';
  const issuer = opts.issuer ?? 'isimport-test-issuer';
  const users = opts.users ?? [];
  const anonymous = opts.anonymous ?? ['pull'];
  const privateRepos = opts.privateRepos ?? [];
  const alg = opts.alg ?? 'ES256';
  const expiresIn = opts.expiresIn ?? 300;
  const ownDir = !opts.dir;
  const dir = opts.dir ?? await mkdtemp(join(tmpdir(), 'isimport-issuer-'));
  const key = { alg, ...(await makeSigningKey(dir, alg)) };
  const requests = [];

  const allowed = (user, scope) => {
    if (scope.type !== 'repository') {
      // registry:catalog:* only for users with 'catalog' among their actions
      return user?.actions?.includes('catalog') ? scope.actions : [];
    }
    if (user) {
      if (user.repos && !matches(user.repos, scope.name)) return [];
      const acts = user.actions ?? ['pull'];
      return scope.actions.filter((a) => acts.includes(a) || acts.includes('*'));
    }
    if (matches(privateRepos, scope.name)) return [];
    return scope.actions.filter((a) => anonymous.includes(a));
  };

  const handle = async (req, res, body) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    const entry = { method: req.method, path: u.pathname, at: Date.now() };
    requests.push(entry);
    const answer = (status, obj, headers = {}) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*',
        'access-control-allow-headers': 'Authorization', ...headers });
      res.end(JSON.stringify(obj));
    };
    if (req.method === 'OPTIONS') return answer(204, {});
    if (u.pathname !== '/token') return answer(404, { details: 'not found' });

    let params;
    let username;
    let password;
    if (req.method === 'GET') {
      params = u.searchParams;
      const auth = req.headers.authorization ?? '';
      if (/^basic /i.test(auth)) {
        const dec = Buffer.from(auth.slice(6).trim(), 'base64').toString();
        const i = dec.indexOf(':');
        [username, password] = i < 0 ? [dec, ''] : [dec.slice(0, i), dec.slice(i + 1)];
      }
    } else if (req.method === 'POST') {
      params = new URLSearchParams(body.toString());
      if (params.get('grant_type') !== 'password') {
        return answer(400, { error: 'unsupported_grant_type' });
      }
      username = params.get('username') ?? '';
      password = params.get('password') ?? '';
    } else {
      return answer(405, { details: 'method not allowed' });
    }
    entry.service = params.get('service');
    entry.scopes = params.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
    entry.account = params.get('account') ?? params.get('username');

    let user = null;
    if (username !== undefined) {
      user = users.find((x) => x.username === username && safeEqual(x.password, password)) ?? null;
      if (!user) return answer(401, { details: 'incorrect username or password' }, { 'www-authenticate': 'Basic realm="isimport test issuer"' });
    }
    entry.user = user?.username ?? null;
    if (entry.service && entry.service !== service) {
      return answer(400, { details: `unknown service ${JSON.stringify(entry.service)}` });
    }

    const access = [];
    for (const s of entry.scopes) {
      const scope = parseScope(s);
      if (!scope) return answer(400, { details: `malformed scope ${JSON.stringify(s)}` });
      access.push({ type: scope.type, name: scope.name, actions: allowed(user, scope) });
    }
    entry.granted = access;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: user?.username ?? '',
      aud: service,
      exp: now + expiresIn,
      nbf: now - 1,
      iat: now,
      jti: randomBytes(12).toString('hex'),
      access,
    };
    const token = signJwt(key, claims);
    return answer(200, { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1000).toISOString() });
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e?.stack ?? e));
      });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    url,
    port,
    realm: `${url}/token`,
    service,
    issuer,
    alg,
    certFile: key.certFile,
    requests,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

// CLI: node e2e/registry/token-issuer.mjs [--alg ES256|RS256] [--user name:password[:pull,push]]…
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const users = [];
  let alg;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--alg') alg = args[++i];
    else if (args[i] === '--user') {
      const [username, password, actions] = args[++i].split(':');
      users.push({ username, password, actions: actions ? actions.split(',') : ['pull', 'push'] });
    } else {
      console.error(`unknown argument ${args[i]}`);
      process.exit(2);
    }
  }
  const iss = await startTokenIssuer({ alg, users });
  console.log(JSON.stringify({ url: iss.url, realm: iss.realm, service: iss.service, issuer: iss.issuer, certFile: iss.certFile }));
  const bye = () => iss.stop().then(() => process.exit(0));
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
