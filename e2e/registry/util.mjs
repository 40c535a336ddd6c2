// Small helpers shared by the e2e registry scripts: free loopback ports, digests, child processes,
// and a minimal registry HTTP client that answers Basic and Bearer challenges (used to push tags
// through the registry API and to read back what was pushed). No npm dependencies.
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';

/** A TCP port on 127.0.0.1 that was free a moment ago (the caller binds it soon after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sha256hex = (bytes) => createHash('sha256').update(bytes).digest('hex');
export const digestOf = (bytes) => `sha256:${sha256hex(bytes)}`;

/** Runs a command to completion; rejects with its stderr when it fails. */
export function run(cmd, args, { cwd, env, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString();
      const stderr = Buffer.concat(err).toString();
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || stdout.trim()}`));
    });
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // the exit status tells what went wrong
      child.stdin.end(input);
    }
  });
}

export const MEDIA = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  schema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  schema1: 'application/vnd.docker.distribution.manifest.v1+json',
};

/** The Accept list a modern client sends for manifests (lists first). */
export const MANIFEST_ACCEPT = [
  MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest, MEDIA.schema1Signed, MEDIA.schema1,
].join(', ');

/** Parses one WWW-Authenticate challenge (what Distribution sends): {scheme, params} or null. */
export function parseChallenge(header) {
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header ?? '');
  if (!m) return null;
  const params = {};
  for (const p of m[2].matchAll(/([A-Za-z][A-Za-z0-9_-]*)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)/g)) {
    let v = p[2];
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[p[1].toLowerCase()] = v;
  }
  return { scheme: m[1], params };
}

/**
 * A minimal registry client for the e2e scripts: `fetch` with the registry's auth dance
 * (Basic, or Bearer tokens fetched from the realm with Basic credentials when given), one token
 * cached per scope. `credentials` = {username, password} or undefined (anonymous).
 */
export class RegistryClient {
  constructor(baseUrl, { credentials, fetchImpl = fetch } = {}) {
    this.base = baseUrl.replace(/\/$/, '');
    this.credentials = credentials;
    this.fetch = fetchImpl;
    this.tokens = new Map(); // scope -> token
    this.scheme = null; // 'basic' | 'bearer' | 'none', learnt from the first 401
    this.challenge = null;
  }

  basicHeader() {
    const { username, password } = this.credentials;
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async token(scope) {
    if (this.tokens.has(scope)) return this.tokens.get(scope);
    const { realm, service } = this.challenge.params;
    const u = new URL(realm);
    if (service) u.searchParams.set('service', service);
    if (scope) u.searchParams.set('scope', scope);
    const headers = {};
    if (this.credentials) {
      u.searchParams.set('account', this.credentials.username);
      headers.authorization = this.basicHeader();
    }
    const res = await this.fetch(u, { headers });
    if (!res.ok) throw new Error(`token request ${u} -> ${res.status} ${await res.text()}`);
    const body = await res.json();
    const tok = body.token ?? body.access_token;
    this.tokens.set(scope, tok);
    return tok;
  }

  /** fetch(path, init, scope): path is relative to /v2/ base (e.g. "/v2/foo/manifests/x"). */
  async request(path, init = {}, scope = '') {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const attempt = async () => {
      const headers = { ...(init.headers ?? {}) };
      if (this.scheme === 'basic' && this.credentials) headers.authorization = this.basicHeader();
      if (this.scheme === 'bearer') headers.authorization = `Bearer ${await this.token(scope)}`;
      return this.fetch(url, { ...init, headers, redirect: 'follow' });
    };
    let res = await attempt();
    if (res.status === 401 && this.scheme === null) {
      const ch = parseChallenge(res.headers.get('www-authenticate'));
      await res.arrayBuffer();
      if (!ch) return res;
      this.challenge = ch;
      this.scheme = ch.scheme.toLowerCase();
      res = await attempt();
    }
    return res;
  }

  async bytes(path, init, scope) {
    const res = await this.request(path, init, scope);
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status} ${body.toString().slice(0, 500)}`);
    return { res, body };
  }

  /**
   * Uploads a blob (monolithic: POST then PUT ?digest=; Distribution 2.8 has no single-POST
   * upload). With `check`, a HEAD first skips blobs the repository already has; without, the
   * registry simply keeps one copy (our blobs are small, so the HEAD costs more than it saves).
   */
  async putBlob(repo, bytes, { check = false, scope = `repository:${repo}:pull,push` } = {}) {
    const digest = digestOf(bytes);
    if (check) {
      const head = await this.request(`/v2/${repo}/blobs/${digest}`, { method: 'HEAD' }, scope);
      if (head.ok) return digest;
    }
    const start = await this.request(`/v2/${repo}/blobs/uploads/`, { method: 'POST' }, scope);
    await start.arrayBuffer();
    if (start.status !== 202) throw new Error(`blob upload start ${repo} -> ${start.status}`);
    const loc = new URL(start.headers.get('location'), this.base);
    loc.searchParams.set('digest', digest);
    await this.bytes(loc.toString(), {
      method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' },
    }, scope);
    return digest;
  }

  /** PUT a manifest under a tag or digest; checks the registry's digest against the bytes. */
  async putManifest(repo, reference, bytes, mediaType, scope = `repository:${repo}:pull,push`) {
    const { res } = await this.bytes(`/v2/${repo}/manifests/${reference}`, {
      method: 'PUT', body: bytes, headers: { 'content-type': mediaType },
    }, scope);
    const want = digestOf(bytes);
    const got = res.headers.get('docker-content-digest');
    if (got !== want) throw new Error(`PUT ${repo}:${reference}: registry says ${got}, bytes hash to ${want}`);
    return want;
  }

  /** GET a manifest: {body (exact bytes), digest (sha256 of body), mediaType, headerDigest}. */
  async getManifest(repo, reference, scope = `repository:${repo}:pull`) {
    const { res, body } = await this.bytes(`/v2/${repo}/manifests/${reference}`, {
      headers: { accept: MANIFEST_ACCEPT },
    }, scope);
    return {
      body,
      digest: digestOf(body),
      mediaType: res.headers.get('content-type'),
      headerDigest: res.headers.get('docker-content-digest'),
    };
  }

  async getBlob(repo, digest, scope = `repository:${repo}:pull`) {
    const { body } = await this.bytes(`/v2/${repo}/blobs/${digest}`, {}, scope);
    if (digestOf(body) !== digest) throw new Error(`blob ${repo}@${digest}: body hashes to ${digestOf(body)}`);
    return body;
  }
}
