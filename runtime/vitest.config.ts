import { defineConfig } from 'vitest/config';

// Tests of the store start a real one (PostgreSQL + FerretDB): seconds on a busy 2-core machine,
// so hooks get a budget for waiting, not for speed.
// The query audit fails a test whose query would read a whole workspace of a history collection.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Polls wait for the condition, however busy the machine is (Vitest's default is 1 s).
    expect: { poll: { timeout: 30_000, interval: 50 } },
    env: { KEFU_QUERY_AUDIT: 'throw' },
  },
});
