// examples/console-plugin, built as its user builds it (npm run build: webpack with the console's
// ConsoleRemotePlugin) with the packed tarball: the plugin manifest it emits, and its exposed tab
// loaded by a stand-in console in Chromium from /api/plugins/isimport-preview/, where the tab
// asks "the cluster" (here: the test, answering with a real import from the registry), and the
// element validates the spec with its .wasm from the plugin's public path and shows the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumers } from './prepare.mjs';
import { inFolder, recordErrors, registryAndBrowser, serveStatic } from './support.mjs';

const { dir } = consumers();
const folder = join(dir, 'console-plugin');
const BASE = '/api/plugins/isimport-preview/';
const env = registryAndBrowser();

test('npm run build emits the plugin manifest: the ImageStream tab, the entry, the public path, the .wasm as assets', async () => {
  const { stdout, stderr, code } = await inFolder(folder, 'npm', ['run', 'build']);
  assert.equal(code, 0, `${stdout}${stderr}`);
  assert.doesNotMatch(stdout, /WARNING/);
  const manifest = JSON.parse(readFileSync(join(folder, 'dist/plugin-manifest.json'), 'utf8'));
  assert.equal(manifest.name, 'isimport-preview');
  assert.equal(manifest.baseURL, BASE);
  assert.deepEqual(manifest.loadScripts, ['plugin-entry.js']);
  assert.deepEqual(manifest.extensions, [{
    type: 'console.tab/horizontalNav',
    properties: {
      model: { group: 'image.openshift.io', version: 'v1', kind: 'ImageStream' },
      page: { name: 'Import preview', href: 'import-preview' },
      component: { $codeRef: 'ImportPreviewTab' },
    },
  }]);
  const assets = readdirSync(join(folder, 'dist/assets'));
  assert.ok(assets.some((name) => /^isimport_validation-.*\.wasm$/.test(name)), assets.join(' '));
  assert.ok(assets.some((name) => /^isimport_import-.*\.wasm$/.test(name)), assets.join(' '));
});

test('the tab, loaded by a stand-in console, asks the cluster and shows its answer; the element validates with its .wasm from the public path', async () => {
  const react = join(dir, 'react18/node_modules');
  const server = await serveStatic({
    '/': join(dir, 'node/src'), // console-host.html, from apps/
    '/host/react.js': join(react, 'react/umd/react.production.min.js'),
    '/host/react-dom.js': join(react, 'react-dom/umd/react-dom.production.min.js'),
    [BASE]: join(folder, 'dist'),
  });
  const stream = {
    apiVersion: 'image.openshift.io/v1', kind: 'ImageStream',
    metadata: { name: 'rich', namespace: 'demo' },
    spec: { tags: [
      { name: 'stable', from: { kind: 'DockerImage', name: `${env.registry.host}/e2e/rich:1.0` }, importPolicy: { insecure: true } },
      { name: 'alias', from: { kind: 'ImageStreamTag', name: 'rich:stable' } },
    ] },
  };
  const page = await env.browser.newPage();
  try {
    // "The cluster": a real import of what the tab posts, by the installed package in Node.
    await page.exposeFunction('consoleAnswer', async (body) => {
      const run = await inFolder(join(dir, 'node'), 'node', ['--input-type=module', '-e',
        `import { load } from 'isimport'; const isi = await load(); process.stdout.write(JSON.stringify(await isi.importPreview(${JSON.stringify(JSON.stringify(body))})));`]);
      return JSON.parse(run.stdout);
    });
    await page.addInitScript((value) => { window.imageStream = value; }, stream);
    const errors = recordErrors(page, server.url);
    await page.goto(`${server.url}/console-host.html`);
    const digest = env.registry.record.sets.rich.digest;
    await page.getByText(digest).first().waitFor({ timeout: 30_000 }).catch(async (error) => {
      const state = await page.evaluate(() => ({ posts: window.posts, root: document.getElementById('root').innerText }));
      throw new Error(`${error.message}\npage: ${JSON.stringify(state)}\nerrors: ${errors.join('\n')}\nrequests: ${server.requests.join(' ')}`);
    });
    const seen = await page.evaluate(() => ({
      pluginId: window.pluginId,
      posts: window.posts,
      valid: document.querySelector('isimport-preview').validation?.valid,
      readonly: document.querySelector('isimport-preview').hasAttribute('readonly'),
    }));
    assert.equal(seen.pluginId, 'isimport-preview');
    assert.equal(seen.posts.length, 1);
    assert.equal(seen.posts[0].url, '/api/kubernetes/apis/image.openshift.io/v1/namespaces/demo/imagestreamimports');
    assert.deepEqual(seen.posts[0].body.spec, { import: false, images: [{ from: { kind: 'DockerImage', name: `${env.registry.host}/e2e/rich:1.0` }, to: { name: 'stable' }, importPolicy: { insecure: true } }] });
    await page.waitForFunction(() => document.querySelector('isimport-preview').validation?.valid === true);
    assert.equal(seen.readonly, true);
    assert.ok(server.requests.some((path) => path.startsWith(`${BASE}assets/isimport_validation-`) && path.endsWith('.wasm')), server.requests.join(' '));
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
