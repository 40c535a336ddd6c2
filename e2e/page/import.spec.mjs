// Importing from the browser against the real registry: what each card shows, compared with what
// was pushed (the registry fixture's record), and the controls around an import.
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env, HOSTILE_LABEL, pageUrl, specOf, waitForResult } from './env.mjs';

const preview = (page) => page.locator('isimport-preview');
const card = (page, i) => preview(page).locator('isi-image-card').nth(i);

// Everything a page may not do while it shows a registry's answers.
async function watchForTrouble(page) {
  const trouble = [];
  page.on('pageerror', (e) => trouble.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp = [...(window.__csp ?? []), `${e.violatedDirective} ${e.blockedURI}`];
    });
  });
  return async () => [...trouble, ...(await page.evaluate(() => window.__csp ?? []))];
}

test('the demo import: an index kept whole with every platform digest, a Docker image, 50 tags and the rest in additionalTags with their reasons', async ({ page }) => {
  const { anonymous, record } = env();
  const trouble = await watchForTrouble(page);
  const spec = specOf({
    name: 'demo',
    images: [{ name: `${anonymous.host}/demo/web:latest`, mode: 'PreserveOriginal' }, { name: `${anonymous.host}/demo/tools:latest` }],
    repository: `${anonymous.host}/demo/versions`,
  });
  await page.goto(pageUrl(spec, { run: true }));
  await waitForResult(page);
  await expect(preview(page).locator('p.summary')).toContainText('2 images: 2 imported, 0 failed · repository: 50 tags imported, 17 not');

  // Every digest of the index and of its platforms is text on the page, without a click.
  const web = record.repositories['demo/web'];
  const index = web.manifests[web.tags.latest];
  const text = await preview(page).locator('isi-result').innerText();
  expect(text).toContain(web.tags.latest);
  for (const child of index.manifests) expect(text).toContain(child.digest);
  const table = card(page, 0).locator('section.platforms table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').nth(1)).toContainText('linux/arm64/v8');
  await expect(table.locator('tr.legacy')).toContainText('linux/amd64');
  await expect(table.locator('tr.legacy')).toContainText('imports this one');
  await expect(card(page, 0).locator('section.platforms .note')).toContainText("the first entry for the control plane's linux/amd64");

  // The Docker image: digest, media type, its config.
  const tools = record.repositories['demo/tools'];
  await expect(card(page, 1)).toContainText(tools.tags.latest);
  await expect(card(page, 1)).toContainText('application/vnd.docker.distribution.manifest.v2+json');
  await expect(card(page, 1).locator('details.config')).toContainText('Cmd["/usr/local/bin/tool"]');

  // The repository: 50 imported in OpenShift's order, 17 cut by the cap, each row with its rule.
  const repo = preview(page).locator('isi-repository');
  await expect(repo.locator('.note').first()).toContainText('50 of 67 tags imported (a cap of 50), 17 in additionalTags');
  const rows = repo.locator('table.tags tbody tr');
  await expect(rows).toHaveCount(67);
  await expect(rows.nth(0)).toContainText('latest');
  await expect(rows.nth(1)).toContainText('X.Y version');
  await expect(repo.locator('tr.imported')).toHaveCount(50);
  await expect(repo.locator('tr.additional')).toHaveCount(17);
  await expect(repo.locator('tr.additional').first()).toContainText('past the cap');
  await expect(repo.locator('tr.signature').first()).toContainText('signature/attestation');
  const versions = record.repositories['demo/versions'].tags;
  await expect(rows.nth(0).locator('code.digest')).toHaveText(versions.latest);

  // What each node pulls, and the export.
  const pulls = preview(page).locator('isi-pulls');
  await expect(pulls.locator('tbody tr', { hasText: 'linux/arm64/v8' })).toHaveCount(1);
  await expect(pulls.locator('tbody tr', { hasText: 'linux/amd64' })).toHaveCount(1);
  await expect(preview(page).locator('isi-export textarea')).toHaveValue(/kind: ImageStreamImport/);

  expect(await trouble()).toEqual([]);

  // The screenshot the README shows.
  const out = process.env.ISIMPORT_UPDATE_SCREENSHOT ? fileURLToPath(new URL('../screenshots/', import.meta.url)) : fileURLToPath(new URL('../../build/playwright/', import.meta.url));
  mkdirSync(out, { recursive: true });
  await preview(page).locator('.cm-content').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${out}result-page.png` });
});

test('failing images get their own card in the server\u2019s words: NotFound, Unauthorized', async ({ page }) => {
  const { anonymous, login } = env();
  const spec = specOf({ images: [{ name: `${anonymous.host}/demo/missing:1.0` }, { name: `${login.host}/private/tools:latest` }] });
  await page.goto(pageUrl(spec, { run: true, proxy: `${env().page}proxy/` }));
  await waitForResult(page);
  await expect(card(page, 0)).toHaveClass(/bad/);
  await expect(card(page, 0).locator('.failure')).toContainText(`NotFound 404: dockerimage.image.openshift.io "${anonymous.host}/demo/missing:1.0" not found`);
  await expect(card(page, 1).locator('.failure')).toContainText(`Unauthorized 401: you may not have access to the container image "${login.host}/private/tools:latest"`);
  await expect(preview(page).locator('p.summary')).toContainText('2 images: 0 imported, 2 failed');
});

test('labels and env holding markup are shown as text and never run', async ({ page }) => {
  const { anonymous, hostileDigest } = env();
  const trouble = await watchForTrouble(page);
  await page.goto(pageUrl(specOf({ images: [{ name: `${anonymous.host}/demo/hostile:latest` }] }), { run: true }));
  await waitForResult(page);
  await expect(card(page, 0)).toContainText(hostileDigest);
  const config = card(page, 0).locator('details.config');
  await expect(config.locator('.label-value', { hasText: HOSTILE_LABEL })).toHaveCount(1);
  await expect(config).toContainText(`NOTE=${HOSTILE_LABEL}`);
  await expect(config).toContainText('<script>window.__pwned = 1</script>');
  await expect(config.locator('.warning-text')).toContainText('root: the image sets no USER');
  expect(await preview(page).locator('img, script').count()).toBe(0);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await trouble()).toEqual([]);
});

test('Cancel ends a running import: its requests end as per-image failures and the answer still comes', async ({ page }) => {
  const { anonymous } = env();
  // Every registry answer waits a little, so that the import is still running when Cancel is pressed.
  await page.route(`${anonymous.url}/v2/**`, async (route) => {
    await new Promise((r) => setTimeout(r, 300));
    await route.continue().catch(() => {});
  });
  await page.goto(pageUrl(specOf({ repository: `${anonymous.host}/demo/versions` })));
  const importButton = preview(page).getByRole('button', { name: 'Import', exact: true });
  await importButton.click();
  const cancel = preview(page).getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeEnabled();
  await expect(preview(page).locator('.progress-text')).toContainText(/\d+ of \d+ requests/);
  const done = preview(page).evaluate((el) => new Promise((resolve) => el.addEventListener('done', (e) => resolve(e.detail), { once: true })));
  await cancel.click();
  const answer = await done;
  expect(answer.kind).toBe('ImageStreamImport');
  expect(JSON.stringify(answer.status.repository.status)).toContain('context canceled');
  await expect(preview(page).locator('p.summary')).toContainText('cancelled');
  await expect(preview(page).locator('.progress-text')).toContainText('Cancelled in');
  await expect(importButton).toBeEnabled();
});

test('import: true against a pasted current ImageStream shows the stream after the import and what changes, tag by tag', async ({ page }) => {
  const { anonymous, record } = env();
  const old = `sha256:${'1'.repeat(64)}`;
  const current = `apiVersion: image.openshift.io/v1
kind: ImageStream
metadata:
  name: e2e
  namespace: default
  generation: 3
spec:
  lookupPolicy:
    local: false
  tags:
  - name: latest
    from:
      kind: DockerImage
      name: ${anonymous.host}/demo/tools:latest
    generation: 3
    importPolicy:
      insecure: true
    referencePolicy:
      type: Source
  - name: untouched
    from:
      kind: DockerImage
      name: ${anonymous.host}/demo/app:1.0
    generation: 2
    referencePolicy:
      type: Source
status:
  dockerImageRepository: ""
  tags:
  - tag: latest
    items:
    - created: "2024-01-01T00:00:00Z"
      dockerImageReference: ${anonymous.host}/demo/tools@${old}
      image: ${old}
      generation: 3
`;
  await page.goto(pageUrl(specOf({ importSpec: true, images: [{ name: `${anonymous.host}/demo/tools:latest`, to: 'latest' }, { name: `${anonymous.host}/demo/nothing:here`, to: 'broken' }] })));
  const panel = preview(page).locator('isi-import-panel');
  await panel.getByText('Registry access and cluster settings').click();
  await panel.getByLabel('Current ImageStream').fill(current);
  await preview(page).getByRole('button', { name: 'Import', exact: true }).click();
  await waitForResult(page);
  const stream = preview(page).locator('isi-stream');
  await expect(stream.locator('.note')).toContainText('2 of 3 tags change against the current ImageStream you gave');
  const newDigest = record.repositories['demo/tools'].tags.latest;
  const latest = stream.locator('tbody tr', { hasText: 'latest' });
  await expect(latest).toContainText(`now ${newDigest}, was ${old}`);
  await expect(latest).toContainText('history: 1 → 2 events');
  const broken = stream.locator('tbody tr', { hasText: 'broken' });
  await expect(broken).toContainText('import failed');
  await expect(broken).toContainText('NotFound');
  await expect(stream.locator('tbody tr', { hasText: 'untouched' })).toContainText('unchanged');
});
