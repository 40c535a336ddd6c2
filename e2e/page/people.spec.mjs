// The page for people: no serious accessibility violations (axe), an import run with the keyboard
// alone, readable at 390 px, dark and light, and no layout shift while the answer comes in.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { env, pageUrl, specOf, waitForResult } from './env.mjs';

const preview = (page) => page.locator('isimport-preview');

async function seriousViolations(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const demoSpec = () => {
  const { anonymous } = env();
  return specOf({ images: [{ name: `${anonymous.host}/demo/web:latest`, mode: 'PreserveOriginal' }, { name: `${anonymous.host}/demo/app:latest` }], repository: `${anonymous.host}/demo/versions` });
};

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violations (${scheme}): the empty page, an invalid spec, a result`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(env().page);
    await expect(preview(page).locator('isi-diagnostics .verdict')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(pageUrl('apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: Bad_Name\nspec:\n  import: false\n'));
    await expect(preview(page).locator('isi-diagnostics .verdict.bad')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(pageUrl(demoSpec(), { run: true }));
    await waitForResult(page);
    // Open the closed parts too, so that they are checked.
    await preview(page).evaluate(async (el) => {
      // Opening a part can add parts (built when first opened): repeat until every one is open. The
      // repository's per-tag cards are the same cards as the images' above, and axe's time grows
      // with the page, so they stay closed.
      for (let round = 0; round < 5; round++) {
        const closed = [...el.shadowRoot.querySelectorAll('details:not([open]):not(.tag-images)')];
        if (closed.length === 0) break;
        for (const d of closed) d.open = true;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the colour scheme follows the system: dark backgrounds in dark mode, light in light', async ({ page }) => {
  const background = () => preview(page).evaluate((el) => getComputedStyle(el).backgroundColor);
  const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(env().page);
  expect(luminance(await background())).toBeLessThan(60);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(luminance(await background())).toBeGreaterThan(200);
});

test('an import run with the keyboard alone: Tab to Import, Enter, and the answer is read', async ({ page }) => {
  const { anonymous } = env();
  await page.goto(pageUrl(specOf({ images: [{ name: `${anonymous.host}/demo/tools:latest` }] })));
  await expect(preview(page).locator('isi-diagnostics .verdict.ok')).toBeVisible();
  const focused = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName}:${el?.textContent?.trim().slice(0, 20)}`;
  });
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await focused()) === 'BUTTON:Import';
  }
  expect(reached).toBe(true);
  // The focus ring is visible.
  const outline = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return getComputedStyle(el).outlineStyle;
  });
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await waitForResult(page);
  await expect(preview(page).locator('p.summary')).toContainText('1 image: 1 imported');
});

test('readable at 390 px wide: nothing overflows the page sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(pageUrl(demoSpec(), { run: true }));
  await waitForResult(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test('no layout shift while the answer comes in', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(pageUrl(demoSpec(), { run: true }));
  await waitForResult(page);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.1);
});
