import { defineConfig } from 'vitest/config';

// The query audit fails a test whose query would read a whole workspace of a history collection.
export default defineConfig({ test: { env: { KEFU_QUERY_AUDIT: 'throw' } } });
