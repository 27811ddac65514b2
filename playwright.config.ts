import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browser downloads are often impossible (closed networks, CI), so prefer a system Chromium:
// $CHROMIUM_PATH, then the usual Debian/Ubuntu paths; fall back to Playwright's own browser if installed.
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);

const port = Number(process.env.E2E_PORT ?? 4317);
/** `npm start`'s dev server, for the smoke test of what a newcomer runs first. */
const devPort = port + 1;

export default defineConfig({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI: WebGL through SwiftShader on a shared 2-core machine has timing a test cannot control;
  // Playwright still reports a test that passed only on retry as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--enable-unsafe-swiftshader',
        '--use-angle=swiftshader',
        '--ignore-gpu-blocklist',
      ],
    },
  },
  projects: [
    { name: 'build', testIgnore: /dev-smoke\.spec\.ts/ },
    { name: 'dev', testMatch: /dev-smoke\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${devPort}` } },
  ],
  webServer: [
    {
      // A production build served by vite preview: what users deploy, and no dependency re-optimisation mid-test.
      command: `npx vite build --logLevel warn && npx vite preview --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
    },
    {
      // The dev server `npm start` runs: it serves the worker's modules unbundled, which the build never tests.
      command: `npx vite --port ${devPort} --strictPort`,
      url: `http://127.0.0.1:${devPort}`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
