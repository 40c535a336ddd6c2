// The browser suite: Playwright driving Debian's Chromium (never a downloaded browser) against the
// built page (dist/, served by Vite's preview) and real docker-registry instances on loopback,
// started by page/global-setup.mjs. Run by `npm test` (`npx playwright test -c e2e`).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './page',
  testMatch: /.*\.spec\.mjs$/,
  globalSetup: './page/global-setup.mjs',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  outputDir: '../build/playwright',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.ISIMPORT_CHROMIUM ?? '/usr/bin/chromium',
      // Background networking off: this machine's network is closed, and nothing may leave loopback.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-features=Translate,MediaRouter'],
    },
  },
});
