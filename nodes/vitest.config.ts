import { defineConfig } from 'vitest/config';

// Compiler and HTTP-step tests run beside other work on a 2-core machine: budgets for a busy moment, not for speed,
// and polls wait for their condition (Vitest's defaults are 5 s per test and 1 s per poll).
export default defineConfig({
  test: { testTimeout: 30_000, expect: { poll: { timeout: 30_000 } } },
});
