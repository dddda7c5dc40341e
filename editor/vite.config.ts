import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const apiUrl = process.env.KEFU_API_URL ?? 'http://127.0.0.1:4000';

// JSX through esbuild's automatic runtime: no React plugin needed for a production build.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    rollupOptions: {
      input: {
        console: fileURLToPath(new URL('./index.html', import.meta.url)),
        chat: fileURLToPath(new URL('./chat/index.html', import.meta.url)),
        designer: fileURLToPath(new URL('./designer/index.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/ws': { target: apiUrl.replace(/^http/, 'ws'), ws: true },
      '/api': apiUrl,
      '/health': apiUrl,
      // The flows API the designer (served at /designer/) calls.
      '/flows': apiUrl,
      '/flow-templates': apiUrl,
      '/session': apiUrl,
      // The staff console (served at /) calls these.
      ...Object.fromEntries(
        [
          '/inbox',
          '/conversations',
          '/offers',
          '/agents',
          '/canned-replies',
          '/tickets',
          '/teams',
          '/users',
          '/contacts',
          '/invites',
          '/audit',
          '/accept-invite',
        ].map((path) => [path, apiUrl]),
      ),
    },
  },
  // Generous budgets: on a busy machine a jsdom render or a real timer can take seconds (issue 14).
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test-setup.ts'],
    // Longer than the waits inside a test (30 s), so a stuck wait fails with what it waited for.
    testTimeout: 90_000,
    expect: { poll: { timeout: 30_000 } },
  },
});
