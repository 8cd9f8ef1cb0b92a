import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'policies/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds web/dist when it is missing or older than web/src (the browser tests serve it).
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
