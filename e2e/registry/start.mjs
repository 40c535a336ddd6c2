// Starts Debian's `docker-registry` (Distribution 2.8) on a free 127.0.0.1 port with a temporary
// storage directory and CORS headers, and waits until /v2/ answers.
//
//   import { startRegistry } from '../../e2e/registry/start.mjs';
//   const reg = await startRegistry({ mode: 'anonymous' | 'htpasswd' | 'token', users, … });
//   reg.url   // "http://127.0.0.1:PORT";  reg.host  // "127.0.0.1:PORT"
//   await reg.stop();
//
// CLI: node e2e/registry/start.mjs [--mode anonymous|htpasswd|token] [--user NAME:PASSWORD]…
//        [--alg ES256|RS256] [--storage DIR] [--port N] [--log-level error|warn|info|debug]
//      prints {"url","host","port","mode",…} as one JSON line and runs until SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import { access, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { freePort, run } from './util.mjs';
import { startTokenIssuer } from './token-issuer.mjs';

export const REGISTRY_BIN = process.env.ISIMPORT_REGISTRY_BIN ?? '/usr/bin/docker-registry';

/** The CORS headers every registry response carries (Distribution's `http.headers`). */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': ['*'],
  'Access-Control-Allow-Methods': ['GET, HEAD, OPTIONS'],
  'Access-Control-Allow-Headers': ['Authorization, Accept, Range'],
  'Access-Control-Expose-Headers': [
    'WWW-Authenticate, Docker-Distribution-API-Version, Content-Type, Link, Content-Length, Docker-Content-Digest',
  ],
};

export const DEFAULT_USERS = [
  { username: 'alice', password: 'wonderland', actions: ['pull', 'push'] },
  { username: 'bob', password: 'builder', actions: ['pull'] },
];

// Registries started by this process, stopped on exit so none outlives a crashed test run.
const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Where registry storage goes: $ISIMPORT_REGISTRY_TMP, else /dev/shm when writable (the registry
 * writes many small files; on this project's CI disk a tmpfs halves push times), else the OS tmpdir.
 */
async function scratchDir() {
  if (process.env.ISIMPORT_REGISTRY_TMP) return process.env.ISIMPORT_REGISTRY_TMP;
  try {
    await access('/dev/shm', fsConstants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

async function waitReady(url, child, logTail, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode}): ${logTail().trim()}`);
    }
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`docker-registry did not answer ${url}/v2/ within ${timeoutMs} ms: ${logTail().trim()}`);
}

/**
 * Options:
 *   mode: 'anonymous' (default) | 'htpasswd' | 'token'
 *   users: [{username, password, actions?}] for htpasswd and token modes (default DEFAULT_USERS;
 *          htpasswd ignores actions: every valid user may pull and push)
 *   alg, expiresIn, anonymous, privateRepos: passed to the token issuer (token mode)
 *   storageDir: use (and keep) this storage directory; default a temporary one removed by stop()
 *   cors: false to send no CORS headers (as most public registries; default true)
 *   port: a fixed port (default: a free one); logLevel: registry log level (default 'error');
 *   log: a function receiving the registry's output lines (default: kept for error messages only)
 * Returns {url, host, port, mode, users, storageDir, issuer?, stop()}.
 */
export async function startRegistry(opts = {}) {
  const mode = opts.mode ?? 'anonymous';
  try {
    await access(REGISTRY_BIN, fsConstants.X_OK);
  } catch {
    throw new Error(`${REGISTRY_BIN} not found: install Debian's docker-registry (bash scripts/setup-apt.sh)`);
  }
  if (!['anonymous', 'htpasswd', 'token'].includes(mode)) throw new Error(`unknown mode ${mode}`);
  const users = opts.users ?? DEFAULT_USERS;
  const workDir = await mkdtemp(join(await scratchDir(), 'isimport-registry-'));
  const storageDir = opts.storageDir ?? join(workDir, 'storage');
  await mkdir(storageDir, { recursive: true });

  let issuer = null;
  const cleanup = async () => {
    if (issuer) await issuer.stop();
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    let auth;
    if (mode === 'htpasswd') {
      const lines = [];
      for (const u of users) {
        // bcrypt (the only scheme Distribution's htpasswd accepts), cost 5 to keep tests fast
        const { stdout } = await run('htpasswd', ['-nbB', '-C', '5', u.username, u.password]);
        lines.push(stdout.trim());
      }
      const path = join(workDir, 'htpasswd');
      await writeFile(path, `${lines.join('\n')}\n`);
      auth = { htpasswd: { realm: opts.realm ?? 'isimport-test-registry', path } };
    } else if (mode === 'token') {
      issuer = await startTokenIssuer({
        users, alg: opts.alg, expiresIn: opts.expiresIn, anonymous: opts.anonymous,
        privateRepos: opts.privateRepos, dir: workDir,
      });
      auth = { token: { realm: issuer.realm, service: issuer.service, issuer: issuer.issuer, rootcertbundle: issuer.certFile } };
    }

    for (let attempt = 0; ; attempt++) {
      const port = opts.port ?? await freePort();
      const host = `127.0.0.1:${port}`;
      const url = `http://${host}`;
      const config = {
        version: '0.1',
        log: { level: opts.logLevel ?? 'error', accesslog: { disabled: true }, formatter: 'text' },
        storage: {
          filesystem: { rootdirectory: storageDir },
          delete: { enabled: true },
          maintenance: { uploadpurging: { enabled: false } },
        },
        http: { addr: host, secret: randomBytes(16).toString('hex'), ...(opts.cors === false ? {} : { headers: CORS_HEADERS }) },
        ...(auth ? { auth } : {}),
      };
      const configPath = join(workDir, 'config.yml');
      // JSON is YAML: Distribution's YAML parser reads it as is.
      await writeFile(configPath, JSON.stringify(config, null, 2));

      // A clean environment: REGISTRY_* variables would override the config file.
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workDir };
      const child = spawn(REGISTRY_BIN, ['serve', configPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      live.add(child);
      const tail = [];
      const onData = (d) => {
        const text = d.toString();
        tail.push(text);
        if (tail.length > 50) tail.shift();
        if (opts.log) for (const line of text.split('\n')) if (line) opts.log(line);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.once('exit', () => live.delete(child));
      child.on('error', (e) => tail.push(String(e)));

      try {
        await waitReady(url, child, () => tail.join(''), opts.timeoutMs ?? 15000);
      } catch (e) {
        child.kill('SIGKILL');
        await exited;
        // Someone took the port between freePort() and the registry's bind: try another one.
        if (!opts.port && attempt < 3 && /address already in use/.test(e.message)) continue;
        throw e;
      }

      let stopping = null;
      return {
        url,
        host,
        port,
        mode,
        users: mode === 'anonymous' ? [] : users,
        storageDir,
        issuer,
        pid: child.pid,
        stop() {
          stopping ??= (async () => {
            if (child.exitCode === null && child.signalCode === null) {
              child.kill('SIGTERM');
              const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
              await exited;
              clearTimeout(timer);
            }
            await cleanup();
          })();
          return stopping;
        },
      };
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
}

// CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opts = {};
  const users = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--mode') opts.mode = args[++i];
    else if (a === '--alg') opts.alg = args[++i];
    else if (a === '--storage') opts.storageDir = args[++i];
    else if (a === '--port') opts.port = Number(args[++i]);
    else if (a === '--log-level') opts.logLevel = args[++i];
    else if (a === '--user') {
      const [username, password, actions] = args[++i].split(':');
      users.push({ username, password, actions: actions ? actions.split(',') : ['pull', 'push'] });
    } else {
      console.error(`usage: start.mjs [--mode anonymous|htpasswd|token] [--user NAME:PASSWORD[:pull,push]]… [--alg ES256|RS256] [--storage DIR] [--port N]`);
      process.exit(2);
    }
  }
  if (users.length) opts.users = users;
  // The registry logs every 404 (even a client's HEAD probe) at level error: quiet unless asked.
  if (opts.logLevel) opts.log = (line) => process.stderr.write(`registry: ${line}\n`);
  const reg = await startRegistry(opts);
  console.log(JSON.stringify({
    url: reg.url, host: reg.host, port: reg.port, mode: reg.mode, pid: reg.pid, storageDir: reg.storageDir,
    users: reg.users.map(({ username, password }) => ({ username, password })),
    ...(reg.issuer ? { realm: reg.issuer.realm, service: reg.issuer.service } : {}),
  }));
  const bye = () => reg.stop().then(() => process.exit(0));
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
