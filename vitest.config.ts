import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// test/postgres/ holds the concurrency tier: real concurrent clients against PostgreSQL. PGlite is a
// single connection and would serialise every race away, so those files run only when DATABASE_URL
// points at a PostgreSQL server (CI's second pass does).
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
// Files a run leaves out, comma-separated globs (CI's PostgreSQL pass: see .ci/run). Vitest does not
// hand the command line's --exclude on to projects, so the patterns come through the environment.
const leftOut = (process.env.ZGSZ_TEST_EXCLUDE ?? '').split(',').map((p) => p.trim()).filter(Boolean);

export default defineConfig({
  test: {
    // At the root, which both projects extend: they differ only by include.
    exclude: ['**/node_modules/**', ...(onPostgres ? [] : ['test/postgres/**']), ...leftOut],
    testTimeout: 30_000,
    // The browser tests are the same kind of files with a longer test limit: one walks a whole user
    // journey through several page loads, each waiting on its own steps (a locator's wait,
    // expect.poll), and on a 2-core machine rendering beside another test file a 30-second journey
    // took 31 s. The limit per test only catches a test that hangs; every step has its own bound.
    projects: [
      { extends: true, test: { name: 'node', include: ['src/**/*.test.ts', 'policies/**/*.test.ts', 'test/*.test.ts', 'test/postgres/**/*.test.ts'] } },
      { extends: true, test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 } },
    ],
    // One audit key for every test process and the CLI and servers they start (a test key, not a secret).
    env: { ZGSZ_AUDIT_KEY: process.env.ZGSZ_AUDIT_KEY ?? '7a6773782d746573742d61756469742d6b65792d6e6f742d612d7365637265742d2d' },
    hookTimeout: 60_000,
    // expect.poll waits one second by default: too short for a browser page on a busy 2-core CI
    // machine, where the browser tests run beside other test files.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    // Vitest's default on a 2-core machine is one file at a time (cores − 1), which left a core idle
    // while a file waited on Chromium, on PostgreSQL or on a CLI child process: two files at once
    // took the PGlite pass from about 1,280 s to 1,000 s here. Each file has its own database,
    // server port and scratch folders, so files running side by side do not meet.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Each worker runs its files one after another in one process that keeps its loaded modules (and
    // their compiled code) between files: loading the server's modules again for every file took 2–3 s
    // of each file's time (72.7 s → 39.4 s for ten API files). Each file opens its own database
    // and server, and a file that changes process.env puts it back when it ends.
    isolate: false,
    // Builds web/dist when it is missing or older than web/src (the browser tests serve it).
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
