// Opening the page: what its first validation waits for and what comes after it. The validation
// module and the schemas are named in index.html (preloaded, fetched once); the answer's views,
// the CORS help, the supply-chain panel and the editor's search (later-parts.js) are fetched only
// after the first validation, which does without them; the element keeps what is set before they
// come. Order only: how long anything takes is bench/page.mjs's to say.
import { test, expect } from '@playwright/test';
import { env, pageUrl, specOf } from './env.mjs';

const preview = (page) => page.locator('isimport-preview');
const spec = () => specOf({ images: [{ name: `${env().anonymous.host}/demo/list:latest` }] });

// Records when the first validation was shown, on the page's own clock.
const firstValidation = () => {
  document.addEventListener('validate', () => { window.__firstValidation ??= performance.now(); });
};

test('the validation module and the schemas are preloaded by index.html and fetched once; the later parts only after the first validation', async ({ page }) => {
  await page.addInitScript(firstValidation);
  await page.goto(pageUrl(spec()));
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();
  await expect(preview(page).locator('isi-result')).toBeAttached();
  const seen = await page.evaluate(() => ({
    preloads: [...document.querySelectorAll('link[rel="preload"]')].map((l) => ({ href: new URL(l.href).pathname.replace(/^.*\//, ''), as: l.getAttribute('as'), crossOrigin: l.crossOrigin })),
    resources: performance.getEntriesByType('resource').map((r) => ({ file: new URL(r.name).pathname.replace(/^.*\//, ''), startTime: r.startTime })),
    firstValidation: window.__firstValidation,
  }));
  const preloaded = seen.preloads.map((p) => p.href);
  expect(preloaded.filter((f) => /^isimport_validation-[\w-]+\.wasm$/.test(f))).toHaveLength(1);
  for (const schema of ['imagestreamimport-image-v1', 'imagestream-image-v1', 'image-image-v1']) {
    expect(preloaded.filter((f) => f.startsWith(`${schema}-`))).toHaveLength(1);
  }
  // As the library fetches them (cors, same-origin credentials), so that its fetch takes the preload.
  for (const p of seen.preloads) expect(p).toMatchObject({ as: 'fetch', crossOrigin: 'anonymous' });
  // One request for each: the library's fetch was answered by the preload.
  for (const file of preloaded) expect(seen.resources.filter((r) => r.file === file)).toHaveLength(1);
  // Nothing of importing is preloaded, and the later parts were asked for after the first validation.
  expect(preloaded.some((f) => /isimport_import|later-parts/.test(f))).toBe(false);
  const later = seen.resources.filter((r) => /^later-parts-[\w-]+\.js$/.test(r.file));
  expect(later).toHaveLength(1);
  expect(later[0].startTime).toBeGreaterThanOrEqual(seen.firstValidation);
  expect(seen.resources.some((r) => /^isimport_import-/.test(r.file))).toBe(false);
});

test('without the later parts the spec is still validated, and Import says they could not be loaded', async ({ page }) => {
  await page.route(/\/assets\/later-parts-[\w-]+\.js$/, (route) => route.abort());
  await page.goto(pageUrl(spec()));
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();
  await expect(preview(page).locator('.cm-content')).toContainText('demo/list:latest');
  await expect(preview(page).locator('isi-import-panel .why')).toContainText('The import could not be loaded');
  await expect(preview(page).locator('isi-result')).toHaveCount(0);
});

test('the editor\u2019s search comes with the later parts: Ctrl+F opens its panel and finds', async ({ page }) => {
  await page.goto(pageUrl(spec()));
  await expect(preview(page).locator('isi-result')).toBeAttached();
  await preview(page).locator('.cm-content').click();
  await page.keyboard.press('Control+f');
  const field = preview(page).locator('.cm-search input[name="search"]');
  await expect(field).toBeFocused();
  await page.keyboard.type('demo/list'); // (the panel reads its field on keyup)
  await page.keyboard.press('Enter');
  await expect(preview(page).locator('.cm-searchMatch-selected')).toHaveText('demo/list');
});

test('an answer set on a new element before its parts come is shown when they come', async ({ page }) => {
  await page.goto(`${env().page}embed.html`);
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();
  await page.evaluate(() => {
    const el = document.createElement('isimport-preview');
    el.id = 'second';
    document.body.append(el);
    // At once, before the element has its core or its later parts: a refusal the API server answers with.
    el.result = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'set from outside', reason: 'Invalid', code: 422 };
  });
  const second = page.locator('#second');
  await expect(second.locator('isi-result')).toContainText('The API server would refuse this request');
  await expect(second.locator('isi-result')).toContainText('set from outside');
  await expect(second.locator('isi-supply-panel')).toContainText('The API server would refuse this import');
  expect(await second.evaluate((el) => el.result.message)).toBe('set from outside');
});
