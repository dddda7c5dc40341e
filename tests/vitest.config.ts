import { defineConfig } from 'vitest/config';

// Real servers are slow to start on 2 cores; the budgets below are for waiting, not for speed.
// `expect.poll` waits 60 s by default (Vitest's own default is 1 s): a test waits for the system to
// get there, however busy the machine is, and fails only when it never does (issue 14).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 60_000, interval: 100 } },
    maxWorkers: 2,
    minWorkers: 1,
    // The query audit fails a test whose query would read a whole workspace of a history collection
    // (the API and worker processes a test spawns inherit it).
    env: { KEFU_QUERY_AUDIT: 'throw' },
  },
});
