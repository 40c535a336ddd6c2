// The element in another page (examples/embed.html, built to dist/embed.html), its attributes,
// properties and events; and the URL `npm start` prints (scripts/serve-page.mjs).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { env, specOf, waitForResult } from './env.mjs';

const preview = (page) => page.locator('isimport-preview');

test('the embed page: the element validates its spec attribute, imports, and sends typed events with the JS API\u2019s objects', async ({ page }) => {
  const { anonymous, record } = env();
  await page.goto(`${env().page}embed.html`);
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();
  await expect(preview(page).getByLabel('Control-plane platform (os/arch, for Legacy list selection)')).toHaveValue('linux/arm64');

  const events = await preview(page).evaluate(async (el, spec) => {
    const seen = { validate: [], progress: 0, done: null };
    el.addEventListener('validate', (e) => seen.validate.push(e.detail.valid));
    el.addEventListener('progress', () => { seen.progress++; });
    const done = new Promise((resolve) => document.body.addEventListener('done', (e) => resolve(e.detail), { once: true }));
    el.setAttribute('spec', spec);
    await new Promise((r) => setTimeout(r, 50));
    await el.import();
    seen.done = await done;
    seen.result = el.result === seen.done;
    return seen;
  }, specOf({ images: [{ name: `${anonymous.host}/demo/list:latest` }] }));
  expect(events.validate).toContain(true);
  expect(events.progress).toBeGreaterThan(0);
  expect(events.result).toBe(true);
  expect(events.done.kind).toBe('ImageStreamImport');
  // Legacy mode with the control plane on linux/arm64: the arm64 entry of the Docker list.
  const list = record.repositories['demo/list'];
  const arm64 = list.manifests[list.tags.latest].manifests.find((m) => m.platform.architecture === 'arm64');
  expect(events.done.status.images[0].image.metadata.name).toBe(arm64.digest);
  await expect(preview(page).locator('isi-image-card')).toContainText(arm64.digest);
});

test('readonly: the spec cannot be edited, the import still runs', async ({ page }) => {
  await page.goto(`${env().page}embed.html`);
  await preview(page).evaluate((el) => el.setAttribute('readonly', ''));
  await expect(preview(page).locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await expect(preview(page).locator('isi-spec-form input').first()).toHaveAttribute('readonly', '');
  await expect(preview(page).getByRole('button', { name: 'Add image' })).toHaveCount(0);
});

test('the URL npm start prints opens the page with the demo spec and imports it at once', async ({ page }) => {
  const { anonymous, record } = env();
  const script = fileURLToPath(new URL('../../scripts/serve-page.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, '--registry', anonymous.url, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/#spec=\S+&run=1)$/m.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve-page exited ${code}: ${out}`)));
    });
    await page.goto(url);
    await waitForResult(page);
    await expect(preview(page).locator('p.summary')).toContainText('2 images: 2 imported, 0 failed · repository: 50 tags imported');
    const web = record.repositories['demo/web'];
    const text = await preview(page).locator('isi-result').innerText();
    for (const child of web.manifests[web.tags.latest].manifests) expect(text).toContain(child.digest);
  } finally {
    child.kill('SIGTERM');
  }
});
