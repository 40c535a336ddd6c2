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

test('the first validation waits for neither the form nor the import panel\u2019s defaults: both come after it', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('validate', (event) => {
      if (window.__atFirst) return;
      const root = /** @type {HTMLElement} */ (event.target).shadowRoot;
      window.__atFirst = {
        formFields: root?.querySelectorAll('isi-spec-form input, isi-spec-form select').length,
        concurrency: root?.querySelector('isi-import-panel input[type="number"]')?.value,
      };
    });
  });
  await page.goto(pageUrl(spec()));
  await expect(preview(page).locator('isi-spec-form input').first()).toBeVisible();
  expect(await page.evaluate(() => window.__atFirst)).toEqual({ formFields: 0, concurrency: '' });
  // Then the form shows the spec, and the panel the core's defaults.
  await expect(preview(page).getByLabel('From (DockerImage pull spec)')).toHaveValue(/demo\/list:latest$/);
  await expect(preview(page).locator('isi-import-panel input[type="number"]').first()).not.toHaveValue('');
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

// A spec of plain block YAML (no registry host that starts with a digit: such a name is read by
// the `yaml` package), invalid by its name.
const plainSpec = (name) => `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: ${name}
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: quay.io/openshift/origin-cli:latest
`;

/** A route held until release() is called. */
function hold(page, pattern) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  return page.route(pattern, async (route) => { await released; await route.continue(); }).then(() => release);
}

test('the first validation is shown with the spec in a text area, which validates as it is typed; CodeMirror takes its place after it with the text, the caret, the focus and the marks', async ({ page }) => {
  const releaseEditor = await hold(page, /\/assets\/code-editor-[\w-]+\.js$/);
  await page.goto(pageUrl(plainSpec('Bad_Name')));
  const diagnostics = preview(page).locator('isi-diagnostics');
  const area = preview(page).locator('isi-spec-editor textarea');
  await expect(diagnostics.locator('.verdict.bad')).toContainText('metadata.name');
  await expect(area).toHaveValue(plainSpec('Bad_Name'));
  await expect(area).toHaveAccessibleName('Spec, YAML or JSON');
  await expect(preview(page).locator('.cm-content')).toHaveCount(0);

  // Typed in the text area: validated on each edit, as in the editor.
  const at = plainSpec('Bad_Name').indexOf('Bad_Name');
  await area.evaluate((el, [from, to]) => { el.focus(); el.setSelectionRange(from, to); }, [at, at + 'Bad_Name'.length]);
  await page.keyboard.type('web');
  await expect(diagnostics.locator('.verdict.ok')).toBeVisible();
  await page.keyboard.type('_X');
  await expect(diagnostics.locator('.verdict.bad')).toContainText('metadata.name');
  expect(await preview(page).evaluate((el) => el.spec)).toBe(plainSpec('web_X'));

  releaseEditor();
  const content = preview(page).locator('.cm-content');
  await expect(content).toBeFocused();
  await expect(area).toHaveCount(0);
  await expect(preview(page).locator('.cm-line').nth(3).locator('.cm-lintRange-error')).toHaveText('web_X');
  // The caret is where it was: after `web_X`.
  await page.keyboard.type('y');
  await expect(preview(page).locator('.cm-line').nth(3)).toHaveText('  name: web_Xy');
  expect(await preview(page).evaluate((el) => el.spec)).toBe(plainSpec('web_Xy'));
});

test('without CodeMirror the spec stays in the text area, validated as it is typed', async ({ page }) => {
  await page.route(/\/assets\/code-editor-[\w-]+\.js$/, (route) => route.abort());
  await page.goto(pageUrl(plainSpec('web')));
  const diagnostics = preview(page).locator('isi-diagnostics');
  await expect(diagnostics.locator('.verdict.ok')).toBeVisible();
  await expect(preview(page).locator('isi-result')).toBeAttached();
  const area = preview(page).locator('isi-spec-editor textarea');
  await area.fill(plainSpec('Bad_Name'));
  await expect(diagnostics.locator('.verdict.bad')).toContainText('metadata.name');
  await expect(preview(page).locator('isi-spec-form input').first()).toHaveValue('Bad_Name');
});

test('plain block YAML opens without the yaml package, fetched after the first validation; a spec that needs it is answered only once it has come', async ({ page }) => {
  await page.addInitScript(firstValidation);
  await page.goto(pageUrl(plainSpec('web')));
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();
  await expect(preview(page).locator('isi-result')).toBeAttached();
  const seen = await page.evaluate(() => ({
    resources: performance.getEntriesByType('resource').map((r) => ({ file: new URL(r.name).pathname.replace(/^.*\//, ''), startTime: r.startTime })),
    firstValidation: window.__firstValidation,
  }));
  for (const chunk of [/^yaml-[\w-]+\.js$/, /^codemirror-[\w-]+\.js$/, /^code-editor-[\w-]+\.js$/]) {
    const fetched = seen.resources.filter((r) => chunk.test(r.file));
    expect(fetched, String(chunk)).toHaveLength(1);
    expect(fetched[0].startTime).toBeGreaterThanOrEqual(seen.firstValidation);
  }

  // Flow collections and an anchor: the `yaml` package's to read. Every answer the page gives is the text's.
  const page2 = await page.context().newPage();
  await page2.addInitScript(() => {
    window.__answers = [];
    document.addEventListener('validate', (e) => { window.__answers.push({ valid: e.detail.valid, message: e.detail.status?.message ?? '' }); });
  });
  const needsPackage = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata: {name: Bad_Name}\nspec:\n  import: false\n  images:\n  - from: &from {kind: DockerImage, name: "quay.io/a/b:1"}\n';
  await page2.goto(pageUrl(needsPackage));
  await expect(preview(page2).locator('isi-diagnostics .verdict.bad')).toContainText('metadata.name');
  const answers = await page2.evaluate(() => window.__answers);
  expect(answers.length).toBeGreaterThanOrEqual(1);
  for (const a of answers) expect(a.message).toContain('metadata.name');
});

test('a text that needs the yaml package before it has come: Import waits, and the text is validated when it comes', async ({ page }) => {
  const releaseYaml = await hold(page, /\/assets\/yaml-[\w-]+\.js$/);
  await page.goto(pageUrl(plainSpec('web')));
  const diagnostics = preview(page).locator('isi-diagnostics');
  await expect(diagnostics.locator('.verdict.ok')).toBeVisible();
  const before = await preview(page).evaluate((el) => el.validation);
  await preview(page).evaluate((el) => { el.spec = el.spec.replace('  name: web', '  name: &n Bad_Name'); });
  await expect(preview(page).locator('isi-import-panel .why')).toContainText('Loading the YAML reader');
  await expect(preview(page).getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  expect(await preview(page).evaluate((el) => el.import())).toBeNull();
  expect(await preview(page).evaluate((el) => el.validation)).toEqual(before);
  releaseYaml();
  await expect(diagnostics.locator('.verdict.bad')).toContainText('metadata.name');
  await expect(preview(page).locator('isi-import-panel .why')).toContainText('Import is off until the spec is valid');
});

test('opening moves nothing: the text area becoming CodeMirror and the later parts coming shift no layout, and every preload is used', async ({ page }) => {
  const warnings = [];
  page.on('console', (message) => { if (/preload/i.test(message.text())) warnings.push(message.text()); });
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(pageUrl(plainSpec('web')));
  await expect(preview(page).locator('.cm-content')).toBeVisible();
  await expect(preview(page).locator('isi-result')).toBeAttached();
  // Chromium says so of a preload not used within a few seconds of the load.
  await page.waitForTimeout(3500);
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.01);
  expect(warnings).toEqual([]);
});
