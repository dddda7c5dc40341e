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
  },
});
