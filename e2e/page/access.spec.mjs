// Reaching registries from a browser: a login typed into the page (kept nowhere), a registry that
// sends no CORS headers (explained, then reached through the proxy prefix).
import { test, expect } from '@playwright/test';
import { env, pageUrl, specOf, waitForResult } from './env.mjs';

const preview = (page) => page.locator('isimport-preview');

test('an authenticated import with credentials typed into the page leaves them in no URL, storage or cookie', async ({ page, context }) => {
  const { login, page: base } = env();
  const { username, password } = login.users[0];
  const seen = [];
  page.on('request', (r) => seen.push({ url: r.url(), auth: r.headers().authorization ?? '' }));
  await page.goto(pageUrl(specOf({ images: [{ name: `${login.host}/private/tools:latest` }] })));

  const panel = preview(page).locator('isi-import-panel');
  await panel.getByText('Registry access and cluster settings').click();
  await panel.getByLabel('Proxy prefix').fill(`${base}proxy/`);
  await panel.getByText('Credentials').click();
  await panel.getByRole('button', { name: 'Add a registry login' }).click();
  await panel.getByLabel('Registry', { exact: true }).fill(login.host);
  await panel.getByLabel('Username').fill(username);
  await panel.getByLabel('Password or token').fill(password);
  await preview(page).getByRole('button', { name: 'Import', exact: true }).click();
  await waitForResult(page);
  await expect(preview(page).locator('p.summary')).toContainText('1 image: 1 imported, 0 failed');

  // Basic went only to the registry (through this page's proxy), never in a URL.
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const withAuth = seen.filter((r) => r.auth);
  expect(withAuth.length).toBeGreaterThan(0);
  for (const r of withAuth) {
    expect(r.auth).toBe(basic);
    expect(r.url.startsWith(`${base}proxy/${login.url}/v2/`)).toBe(true);
  }
  for (const r of seen) expect(r.url).not.toContain(password);
  expect(page.url()).not.toContain(password);
  expect(page.url()).not.toContain(Buffer.from(`${username}:${password}`).toString('base64'));

  const stored = await page.evaluate(async () => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    databases: (await indexedDB.databases()).length,
    cookie: document.cookie,
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: 0, cookie: '' });
  expect(await context.cookies()).toEqual([]);
  const answer = await preview(page).evaluate((el) => JSON.stringify(el.result));
  expect(answer).not.toContain(password);
});

test('a registry without CORS headers is explained — which registry, what it must send, the Distribution line — and the proxy prefix reaches it', async ({ page }) => {
  const { nocors, page: base } = env();
  await page.goto(pageUrl(specOf({ images: [{ name: `${nocors.host}/plain/tools:latest` }] }), { run: true }));
  await waitForResult(page);
  const help = preview(page).locator('isi-cors-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText(`${nocors.url}:`);
  await expect(help).toContainText('It answered, but without the CORS headers a browser needs');
  await expect(help).toContainText('Access-Control-Allow-Origin');
  await expect(help.locator('pre')).toContainText("http: {headers: {Access-Control-Allow-Origin: ['*']");
  await expect(preview(page).locator('isi-image-card').first()).toContainText('Failed to fetch');

  await help.getByRole('button', { name: `Use ${base}proxy/ and import again` }).click();
  await expect(preview(page).locator('p.summary')).toContainText('1 image: 1 imported, 0 failed');
  await expect(help).toBeHidden();
  await expect(preview(page).getByLabel('Proxy prefix')).toHaveValue(`${base}proxy/`);
});

test('a registry that cannot be reached at all is told apart from one without CORS', async ({ page }) => {
  await page.goto(pageUrl(specOf({ images: [{ name: '127.0.0.1:9/nothing/here:latest' }] }), { run: true }));
  await waitForResult(page);
  const help = preview(page).locator('isi-cors-help');
  await expect(help).toContainText('http://127.0.0.1:9');
  await expect(help).toContainText('could not reach it at all');
});
