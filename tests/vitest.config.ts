import { defineConfig } from 'vitest/config';

// Real servers are slow to start on 2 cores; the budgets below are for waiting, not for speed.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    minWorkers: 1,
    // The query audit fails a test whose query would read a whole workspace of a history collection
    // (the API and worker processes a test spawns inherit it).
    env: { KEFU_QUERY_AUDIT: 'throw' },
  },
});
