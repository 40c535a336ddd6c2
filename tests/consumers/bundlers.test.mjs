// The element bundled by a consumer with Vite (build, and the dev server), webpack 5 and esbuild,
// each page opened in Debian's Chromium, where the element validates its spec and imports a digest
// from the real registry; and an answer from elsewhere, set as the element's `result`, shown
// without a single registry request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../e2e/registry/util.mjs';
import { consumers } from './prepare.mjs';
import { inFolder, openPage, registryAndBrowser, serveStatic, specOf, validateAndImport } from './support.mjs';

const { dir } = consumers();
const env = registryAndBrowser();
const spec = () => specOf(env.registry.host, 'e2e/rich:1.0');

// Opens a built consumer page with the spec, imports, and checks the digest on the page.
async function importsInBrowser(url) {
  const { page, errors } = await openPage(env.browser, `${url}?spec=${encodeURIComponent(spec())}`);
  try {
    const answer = await validateAndImport(page);
    const digest = env.registry.record.sets.rich.digest;
    assert.equal(answer.status.images[0].image.metadata.name, digest);
    await page.getByText(digest).first().waitFor();
    assert.deepEqual(errors, []);
    return { page, answer };
  } catch (error) {
    await page.close();
    throw error;
  }
}

async function builtAndServed(name, outDir, build) {
  const folder = join(dir, name);
  const { stdout, stderr, code } = await build(folder);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  return { folder, stdout, stderr, server: await serveStatic({ '/': join(folder, outDir) }) };
}

test('Vite: vite build, then the page validates and imports in Chromium', async () => {
  const { server, stderr } = await builtAndServed('vite', 'dist-vite', (folder) => inFolder(folder, 'node_modules/.bin/vite', ['build', '--config', 'src/vite.config.js']));
  try {
    assert.doesNotMatch(stderr, /error/i);
    const { page } = await importsInBrowser(server.url);
    await page.close();
    assert.ok(server.requests.some((path) => /\.wasm$/.test(path)), 'the .wasm came from the build');
  } finally {
    await server.close();
  }
});

test('Vite: the dev server, with isimport in optimizeDeps.exclude as the README says', async () => {
  const folder = join(dir, 'vite');
  const port = await freePort();
  const child = spawn('node_modules/.bin/vite', ['--config', 'src/vite.config.js', '--logLevel', 'info', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`vite dev server did not start: ${out}`)), 30_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = out.replace(/\x1b\[[0-9;]*m/g, '').match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (match) { clearTimeout(timer); resolve(match[0]); }
      });
      child.on('exit', (exitCode) => reject(new Error(`vite exited ${exitCode}: ${out}`)));
    });
    const { page } = await importsInBrowser(url);
    await page.close();
  } finally {
    child.kill();
  }
});

test('webpack 5: built with no error and no warning (no "Critical dependency"), then validates and imports', async () => {
  const { server, stdout } = await builtAndServed('webpack', 'dist-webpack', (folder) => inFolder(folder, 'node', ['src/build-webpack.mjs']));
  try {
    const report = JSON.parse(stdout.trim().split('\n').at(-1));
    assert.deepEqual(report, { errors: [], warnings: report.warnings.filter((w) => /asset size limit|entrypoint size limit|performance/i.test(w)) });
    const { page } = await importsInBrowser(server.url);
    await page.close();
    assert.ok(server.requests.some((path) => /\.wasm$/.test(path)));
  } finally {
    await server.close();
  }
});

test('esbuild with @chialab/esbuild-plugin-meta-url: validates and imports', async () => {
  const { server, stdout } = await builtAndServed('esbuild', 'dist-esbuild', (folder) => inFolder(folder, 'node', ['src/build-esbuild.mjs', 'src/element-app.js', 'dist-esbuild']));
  try {
    assert.deepEqual(JSON.parse(stdout.trim().split('\n').at(-1)), { errors: 0, warnings: [] });
    const { page } = await importsInBrowser(server.url);
    await page.close();
  } finally {
    await server.close();
  }
});

test('an answer from elsewhere (the CLI\'s, then a hand-edited one with failures) is shown as `result`, with no registry request', async () => {
  const { server } = await builtAndServed('vite', 'dist-vite', async () => ({ code: 0 }));
  // `isimport import` of the installed package, as a CI job or a person would run it.
  const specFile = join(dir, 'node', 'elsewhere.yaml');
  writeFileSync(specFile, specOf(env.registry.host, 'e2e/multi:latest').replace('import: false', 'import: true'));
  const cli = await inFolder(join(dir, 'node'), 'npx', ['isimport', 'import', '-f', specFile, '-o', 'json', '--platform', 'linux/arm64']);
  const answer = JSON.parse(cli.stdout);
  const { page, errors } = await openPage(env.browser, `${server.url}?spec=`);
  try {
    const registryRequests = [];
    page.on('request', (request) => { if (request.url().includes(env.registry.host)) registryRequests.push(request.url()); });
    await page.evaluate((value) => { document.querySelector('isimport-preview').result = value; }, answer);
    // The image the import took, the ImageStream it would write (import: true), what each node pulls.
    await page.getByText(answer.status.images[0].image.metadata.name).first().waitFor();
    assert.ok(answer.status.import, 'the CLI answered with the ImageStream');
    await page.getByText('The whole ImageStream (YAML)').waitFor();
    await page.getByText('What each node pulls').waitFor();

    const failed = structuredClone(answer);
    failed.status.images[0].status = { metadata: {}, status: 'Failure', message: 'Internal error occurred: unauthorized: authentication required', reason: 'InternalError', code: 500 };
    delete failed.status.images[0].image;
    await page.evaluate((value) => { document.querySelector('isimport-preview').result = value; }, failed);
    await page.getByText('unauthorized: authentication required').first().waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('isimport-preview').result.status.images[0].status.reason), 'InternalError');
    assert.deepEqual(registryRequests, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
