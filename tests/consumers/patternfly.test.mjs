// Looking native where it is embedded: the element (as the Vite consumer built it) in a page that
// loads PatternFly 6 or 5, light and dark (the console's class on <html>), takes its colours and
// fonts from PatternFly's tokens; without PatternFly it keeps its own.
// ISIMPORT_SCREENSHOTS=DIR also saves a screenshot of each (the README's come from here).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consumers } from './prepare.mjs';
import { launchChromium, openPage, serveStatic } from './support.mjs';

const { dir } = consumers();
let browser;
let server;
before(async () => {
  // The Vite consumer's build (bundlers.test.mjs builds it; built here too when run alone).
  if (!existsSync(join(dir, 'vite/dist-vite/index.html'))) {
    const { inFolder } = await import('./support.mjs');
    await inFolder(join(dir, 'vite'), 'node_modules/.bin/vite', ['build', '--config', 'src/vite.config.js']);
  }
  browser = await launchChromium();
  server = await serveStatic({
    '/': join(dir, 'vite/dist-vite'),
    '/pf6/': join(dir, 'patternfly/node_modules/pf6'),
    '/pf5/': join(dir, 'patternfly/node_modules/pf5'),
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const SPEC = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: themed\nspec:\n  import: false\n  images:\n  - from:\n      kind: DockerImage\n      name: quay.io/openshift/origin-cli:latest\n';

// The element's computed colours and fonts, beside what the page's tokens resolve to.
async function themed(page, tokens) {
  return page.evaluate((names) => {
    const el = document.querySelector('isimport-preview');
    const probe = document.createElement('div');
    document.body.append(probe);
    const resolve = (property, name) => {
      probe.style.setProperty(property, `var(${name})`);
      const value = getComputedStyle(probe).getPropertyValue(property);
      probe.style.removeProperty(property);
      return value;
    };
    const style = getComputedStyle(el);
    const summary = el.shadowRoot.querySelector('details.form-wrap');
    const out = {
      element: { background: style.backgroundColor, color: style.color, font: style.fontFamily, border: getComputedStyle(summary).borderTopColor, surface: getComputedStyle(summary).backgroundColor },
      tokens: { background: resolve('background-color', names.background), color: resolve('color', names.color), font: resolve('font-family', names.font), border: resolve('border-top-color', names.border), surface: resolve('background-color', names.surface) },
    };
    probe.remove();
    return out;
  }, tokens);
}

const VERSIONS = {
  6: { css: '/pf6/patternfly-base.css', dark: 'pf-v6-theme-dark', tokens: { background: '--pf-t--global--background--color--primary--default', color: '--pf-t--global--text--color--regular', font: '--pf-t--global--font--family--body', border: '--pf-t--global--border--color--default', surface: '--pf-t--global--background--color--secondary--default' } },
  5: { css: '/pf5/patternfly-base.css', dark: 'pf-v5-theme-dark', tokens: { background: '--pf-v5-global--BackgroundColor--100', color: '--pf-v5-global--Color--100', font: '--pf-v5-global--FontFamily--text', border: '--pf-v5-global--BorderColor--100', surface: '--pf-v5-global--BackgroundColor--200' } },
};

for (const [version, { css, dark, tokens }] of Object.entries(VERSIONS)) {
  test(`PatternFly ${version}: the element's colours, border and font are the tokens', light and dark (${dark} on <html>)`, async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?spec=${encodeURIComponent(SPEC)}`);
    try {
      await page.addStyleTag({ url: css });
      await page.locator('isimport-preview details.form-wrap').waitFor();
      const light = await themed(page, tokens);
      assert.deepEqual(light.element, light.tokens);
      await shoot(page, `patternfly${version}-light`);

      await page.evaluate((name) => document.documentElement.classList.add(name), dark);
      await page.waitForFunction(() => getComputedStyle(document.querySelector('isimport-preview')).colorScheme === 'dark');
      const darkTheme = await themed(page, tokens);
      assert.deepEqual(darkTheme.element, darkTheme.tokens);
      assert.notEqual(darkTheme.element.background, light.element.background, 'the dark token differs from the light one');
      await shoot(page, `patternfly${version}-dark`);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}

test('without PatternFly the element keeps its own colours, and follows prefers-color-scheme', async () => {
  for (const [scheme, background] of [['light', 'rgb(255, 255, 255)'], ['dark', 'rgb(15, 18, 22)']]) {
    const page = await browser.newPage({ colorScheme: scheme });
    try {
      await page.goto(`${server.url}/?spec=${encodeURIComponent(SPEC)}`);
      await page.locator('isimport-preview details.form-wrap').waitFor();
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('isimport-preview')).backgroundColor), background);
    } finally {
      await page.close();
    }
  }
});

async function shoot(page, name) {
  if (!process.env.ISIMPORT_SCREENSHOTS) return;
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.screenshot({ path: join(process.env.ISIMPORT_SCREENSHOTS, `${name}.png`) });
}
