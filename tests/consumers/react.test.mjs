// isimport/react in React 17, 18 and 19 apps that the consumer builds (esbuild, as in
// bundlers.test.mjs): props reach the element as properties and attributes, events reach the
// handlers, a `result` prop is shown without fetching, and react is never bundled into isimport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumers } from './prepare.mjs';
import { inFolder, openPage, registryAndBrowser, serveStatic, specOf, validateAndImport } from './support.mjs';

const { dir } = consumers();
const env = registryAndBrowser();

for (const [name, entry] of [['react17', 'react17.js'], ['react18', 'react-root.js'], ['react19', 'react-root.js']]) {
  test(`${name}: <IsimportPreview> gets its props, calls its handlers, imports, and shows a result prop`, async () => {
    const folder = join(dir, name);
    const version = JSON.parse(readFileSync(join(folder, 'node_modules/react/package.json'), 'utf8')).version;
    assert.equal(version.split('.')[0], name.slice(-2));
    const build = await inFolder(folder, 'node', [join(dir, 'esbuild/src/build-esbuild.mjs'), `src/${entry}`, 'dist']);
    assert.equal(build.code, 0, `${build.stdout}${build.stderr}`);
    const server = await serveStatic({ '/': join(folder, 'dist') });
    const spec = specOf(env.registry.host, 'e2e/multi:latest');
    const { page, errors } = await openPage(env.browser, `${server.url}/?spec=${encodeURIComponent(spec)}`);
    try {
      const answer = await validateAndImport(page);
      const element = await page.evaluate(() => {
        const el = document.querySelector('isimport-preview');
        return {
          isRef: window.__consumer.element === el,
          attributes: Object.fromEntries(['platform', 'concurrency', 'readonly', 'proxy-prefix', 'class'].map((a) => [a, el.getAttribute(a)])),
          spec: el.spec,
          progress: window.__consumer.progress,
          doneEventType: window.__consumer.doneEventType,
          editorReadOnly: el.shadowRoot.querySelector('.cm-content')?.getAttribute('contenteditable'),
        };
      });
      assert.deepEqual(element.attributes, { platform: 'linux/arm64', concurrency: '2', readonly: '', 'proxy-prefix': '', class: 'consumer-preview' });
      assert.equal(element.isRef, true, 'the ref is the element');
      assert.equal(element.spec, spec);
      assert.equal(element.editorReadOnly, 'false');
      assert.ok(element.progress > 0, 'onProgress was called');
      assert.equal(element.doneEventType, 'done');
      // platform="linux/arm64" reached the import: Legacy selection took the arm64 image of the index.
      assert.equal(answer.status.images[0].status.status, 'Success');
      assert.equal(answer.status.images[0].image.dockerImageMetadata.Architecture, 'arm64');

      // The result prop: a hand-edited answer with a failure, shown as it is.
      const edited = structuredClone(answer);
      edited.status.images[0].status = { metadata: {}, status: 'Failure', message: `${env.registry.host}/e2e/multi:latest: manifest unknown`, reason: 'NotFound', code: 404 };
      await page.evaluate((value) => window.__consumer.setResult(value), edited);
      await page.getByText('manifest unknown').first().waitFor();
      assert.equal(await page.evaluate(() => document.querySelector('isimport-preview').result.status.images[0].status.reason), 'NotFound');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
}

test('react stays the consumer\'s: a peer dependency, never in the package', () => {
  const manifest = JSON.parse(readFileSync(join(dir, 'react18/node_modules/isimport/package.json'), 'utf8'));
  assert.equal(manifest.peerDependencies.react, '>=17');
  assert.equal(manifest.dependencies.react, undefined);
  assert.doesNotMatch(readFileSync(join(dir, 'react18/node_modules/isimport/web/react/index.js'), 'utf8'), /__SECRET_INTERNALS|react\.production/);
});
