// Editing: the spec is validated in the page as it is typed, causes show at their line and column
// with the server's words and the did-you-mean hints, Import says why it is off, the form and the
// text follow each other, and the URL fragment holds the spec.
import { test, expect } from '@playwright/test';
import { env, pageUrl, specOf } from './env.mjs';
import { readFragment } from '../../web/app/fragment.js';

const preview = (page) => page.locator('isimport-preview');

test('an invalid spec shows each cause at its line and column, in the server\u2019s words, and Import says why it is off', async ({ page }) => {
  const spec = `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: web
spec:
  import: false
  images:
  - from:
      kind: ImageStreamTag
      name: nginx:1
  - from:
      kind: DockerImage
      name: Quay.io/Org/App:v1
`;
  await page.goto(pageUrl(spec));
  const diagnostics = preview(page).locator('isi-diagnostics');
  await expect(diagnostics.locator('.verdict.bad')).toContainText('422 Invalid');
  await expect(diagnostics.locator('.verdict.bad')).toContainText('ImageStreamImport.image.openshift.io "web" is invalid');
  const items = diagnostics.locator('ul.diagnostics li');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('9:13');
  await expect(items.nth(0)).toContainText('spec.images[0].from.kind: Invalid value: "ImageStreamTag": only DockerImage is supported');
  await expect(items.nth(1)).toContainText('13:13');
  await expect(items.nth(1)).toContainText('spec.images[1].from.name: Invalid value: "Quay.io/Org/App:v1": repository name must be lowercase');

  // The editor marks the same places: line 9 and line 13 carry an error range.
  const lines = preview(page).locator('.cm-line');
  await expect(lines.nth(8).locator('.cm-lintRange-error')).toHaveText('ImageStreamTag');
  await expect(lines.nth(12).locator('.cm-lintRange-error')).toHaveText('Quay.io/Org/App:v1');

  const importButton = preview(page).getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await expect(preview(page).locator('isi-import-panel .why')).toContainText('Import is off until the spec is valid: 2 errors, the first: spec.images[0].from.kind');

  // A cause's position is a button that puts the cursor there.
  await items.nth(1).getByRole('button', { name: 'Go to line 13, column 13' }).click();
  await page.keyboard.type('x');
  await expect(lines.nth(12)).toHaveText('      name: xQuay.io/Org/App:v1');
});

test('typing an unknown field shows the strict-decoding error with a did-you-mean hint, and fixing it makes the spec valid', async ({ page }) => {
  const { anonymous } = env();
  await page.goto(pageUrl(specOf({ images: [{ name: `${anonymous.host}/demo/tools:latest` }] })));
  const diagnostics = preview(page).locator('isi-diagnostics');
  await expect(diagnostics.locator('.verdict.ok')).toBeVisible();

  // Rename "from" on line 8 to "frm".
  const line8 = preview(page).locator('.cm-line').nth(7);
  await expect(line8).toHaveText('  - from:');
  await line8.click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await expect(line8).toHaveText('  - frm:');
  await expect(diagnostics.locator('.verdict.bad')).toContainText('400 BadRequest');
  await expect(diagnostics.locator('.verdict.bad')).toContainText('strict decoding error: unknown field "spec.images[0].frm"');
  const item = diagnostics.locator('ul.diagnostics li').first();
  await expect(item).toContainText('8:5');
  await expect(item.locator('.hint')).toHaveText('did you mean "from"?');

  await page.keyboard.type('o');
  await expect(diagnostics.locator('.verdict.ok')).toBeVisible();
  await expect(preview(page).getByRole('button', { name: 'Import', exact: true })).toBeEnabled();
});

test('the form and the text follow each other, comments kept, and the fragment holds the spec', async ({ page }) => {
  const { anonymous } = env();
  const spec = `# my import
apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: sync # the stream
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: ${anonymous.host}/demo/tools:latest
`;
  await page.goto(pageUrl(spec));
  const form = preview(page).locator('isi-spec-form');
  const editor = preview(page).locator('.cm-content');
  await expect(form.getByLabel('From (DockerImage pull spec)')).toHaveValue(`${anonymous.host}/demo/tools:latest`);

  // Form → text.
  await form.getByLabel('To (tag)').fill('stable');
  await form.getByLabel('importMode').selectOption('PreserveOriginal');
  await form.getByRole('button', { name: 'Add image' }).click();
  await form.getByLabel('From (DockerImage pull spec)').nth(1).fill('quay.io/org/second:1');
  await expect(editor).toContainText('# my import');
  await expect(editor).toContainText('name: sync # the stream');
  await expect(editor).toContainText(/to:\s*name: stable/);
  await expect(editor).toContainText('importMode: PreserveOriginal');
  await expect(editor).toContainText('name: quay.io/org/second:1');
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();

  // Text → form.
  const nameLine = preview(page).locator('.cm-line', { hasText: 'name: sync' });
  await nameLine.click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('  name: renamed');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('renamed');

  await form.getByRole('button', { name: 'Remove spec.images[1]' }).click();
  await expect(editor).not.toContainText('second');

  // The fragment follows (within its quarter-second debounce).
  await expect.poll(async () => readFragment(new URL(page.url()).hash).spec ?? '').toContain('name: renamed');
  const fragment = readFragment(new URL(page.url()).hash);
  expect(fragment.spec).toContain('importMode: PreserveOriginal');
  expect(fragment.run).toBe(false);
});

test('a link\u2019s spec that is not base64url is reported, and the page stays usable', async ({ page }) => {
  await page.goto(`${env().page}#spec=%%%`);
  await expect(page.locator('#notice')).toContainText('could not be read');
  await expect(preview(page).locator('isi-diagnostics .verdict')).toBeVisible();
});
