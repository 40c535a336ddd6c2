// What the consumer tests share: running a consumer's own commands in its folder, a static server
// for what its bundler built (with the MIME types a real host sends: application/wasm), the real
// docker-registry with test images, and Debian's Chromium.
import { execFile } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import { chromium } from '@playwright/test';
import { startRegistry } from '../../e2e/registry/start.mjs';
import { populate } from '../../e2e/registry/images.mjs';

const run = promisify(execFile);

/** Runs a consumer's command in its folder: {stdout, stderr, code}; never throws for an exit code. */
export async function inFolder(folder, command, args, { env } = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: folder, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.woff2': 'font/woff2',
};

/**
 * Serves folders on 127.0.0.1 as a static host would: `mounts` maps a path prefix ('/' or
 * '/api/plugins/x/') to a folder. Answers 404 for anything else. {url, requests, close()}.
 */
export async function serveStatic(mounts) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const [prefix, dir] = Object.entries(mounts).filter(([p]) => path.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0] ?? [];
    let file = dir && normalize(join(dir, path.slice(prefix.length)));
    try {
      if (file && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file || !file.startsWith(normalize(dir)) || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The real registry with the images the consumers import: {reg, record, host}. */
export async function registryWithImages() {
  const reg = await startRegistry();
  const record = await populate(reg, { sets: ['rich', 'multi'] });
  return { reg, record, host: reg.host };
}

/**
 * For a test file: the registry with its images and Chromium, started before its tests and
 * stopped after them. The object's `registry` and `browser` are there once the tests run.
 */
export function registryAndBrowser() {
  const env = { registry: null, browser: null };
  before(async () => {
    env.registry = await registryWithImages();
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.registry?.reg.stop();
  });
  return env;
}

/** Debian's Chromium, background networking off (nothing may leave loopback). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.ISIMPORT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-default-apps'],
  });
}

/**
 * Opens `url` in a new page that records its errors: {page, errors}: uncaught exceptions, console
 * errors, and requests to the page's own origin that failed (the app's files, the .wasm, the
 * schemas). Requests to registries are the import's business: its https attempt at a plain-HTTP
 * registry fails before the fallback, as upstream's does.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const errors = recordErrors(page, new URL(url).origin);
  await page.goto(url);
  return { page, errors };
}

/** The errors of a page as openPage() records them, from now on: a list that fills as they come. */
export function recordErrors(page, origin) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin)) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    if (request.url().startsWith(origin)) errors.push(`${request.failure()?.errorText} ${request.url()}`);
  });
  return errors;
}

/** An ImageStreamImport of one image of the registry (plain HTTP: insecure). */
export function specOf(host, image, name = 'consumer') {
  return `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: ${name}
  namespace: default
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: ${host}/${image}
    importPolicy:
      insecure: true
`;
}

/**
 * In a consumer's page: waits for the element's first valid validation, imports, and returns the
 * answer (window.__consumer is what the consumer app records).
 */
export async function validateAndImport(page) {
  await page.waitForFunction(() => window.__consumer?.validations.includes(true), null, { timeout: 20_000 });
  await page.evaluate(() => document.querySelector('isimport-preview').import());
  await page.waitForFunction(() => window.__consumer.done !== null, null, { timeout: 30_000 });
  return page.evaluate(() => window.__consumer.done);
}
