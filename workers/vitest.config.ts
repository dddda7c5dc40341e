import { defineConfig } from 'vitest/config';

// Workflow tests bundle the workflow code and start a Temporal test server: seconds, not milliseconds,
// and on a machine running two `npm test` side by side, a minute.
// The query audit fails a test whose query would read a whole workspace of a history collection.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Polls wait for the condition, however busy the machine is (Vitest's default is 1 s).
    expect: { poll: { timeout: 30_000, interval: 50 } },
    env: { KEFU_QUERY_AUDIT: 'throw' },
  },
});
