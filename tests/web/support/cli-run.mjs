// Runs the CLI (web/cli/isimport.js) as a child process, the way `npx isimport` does.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = join(ROOT, 'web/cli/isimport.js');

// Where the CLI looks for registry credentials, pointed at an empty directory, so that no login
// of the machine running the tests is ever read (tests that want one pass `env`).
const NO_LOGINS = mkdtempSync(join(tmpdir(), 'isimport-no-logins-'));
process.on('exit', () => rmSync(NO_LOGINS, { recursive: true, force: true }));
export const HERMETIC_ENV = Object.freeze({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['REGISTRY_AUTH_FILE', 'DOCKER_CONFIG', 'XDG_CONFIG_HOME'].includes(k))),
  HOME: NO_LOGINS,
  XDG_RUNTIME_DIR: NO_LOGINS,
});

/**
 * Runs `isimport ARGS…` with `cwd` (default: the repository), `input` on stdin and `env` (default
 * HERMETIC_ENV). Resolves to {code, signal, stdout, stderr, ms}; never rejects for a non-zero exit.
 */
export function runCli(args, { cwd = ROOT, input, timeoutMs = 60000, env = HERMETIC_ENV } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
    child.stdin.on('error', () => {}); // the CLI may exit before reading everything
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** A fresh temporary directory with `files` ({relative path: string | Uint8Array}) in it. */
export async function tempTree(files = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'isimport-test-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return { dir, path: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Parses `-o json` output; fails the test with the raw text when it is not one JSON array. */
export function parseJsonReport(assert, stdout) {
  let entries;
  try {
    entries = JSON.parse(stdout);
  } catch (err) {
    assert.fail(`-o json output is not JSON (${err.message}):\n${stdout.slice(0, 2000)}`);
  }
  assert.ok(Array.isArray(entries), 'the report is one JSON array');
  return entries;
}

/** A valid ImageStreamImport as YAML text (lines numbered in the comments for position tests). */
export const VALID_YAML = `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: web
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: docker.io/library/nginx:1.25
`;

export const validImport = (overrides = {}) => ({
  apiVersion: 'image.openshift.io/v1',
  kind: 'ImageStreamImport',
  metadata: { name: 'web' },
  spec: { import: false, images: [{ from: { kind: 'DockerImage', name: 'docker.io/library/nginx:1.25' } }] },
  ...overrides,
});
