import { defineConfig } from 'vitest/config';

// Unit and integration tests under Node (the renderer's Vite config lives in vite.config.ts).
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
