// e2e: the built renderer (npm run build) served over http and driven in Debian's Chromium, bridged to a
// real engine; the same specs run against the real Electron app when its binary is present.
import { defineConfig } from '@playwright/test';
import type { Target } from './e2e/harness.ts';

const PORT = 4179;

export default defineConfig<{ target: Target }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium-bridge', use: { target: 'bridge' } },
    { name: 'electron', use: { target: 'electron' } },
  ],
  webServer: {
    command: `vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
