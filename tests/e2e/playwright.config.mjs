// Playwright drives Debian's Chromium (never a downloaded browser) against the release build,
// served on loopback under a sub-path to prove relative asset URLs work.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8099);
const dist = process.env.E2E_DIST ?? '../../target/e2e-dist';

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/apigw/app/`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node serve.mjs ${dist} ${port}`,
    url: `http://127.0.0.1:${port}/apigw/app/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
