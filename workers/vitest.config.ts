import { defineConfig } from 'vitest/config';

// Workflow tests bundle the workflow code and start a Temporal test server: seconds, not milliseconds.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
