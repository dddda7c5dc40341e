import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The embeddable widget's loader, `dist/widget.js`: one small classic script with a fixed name
 * (shops paste its URL into their sites, so it cannot carry a content hash). Built after the main
 * app, into the same dist folder.
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2019',
    lib: {
      entry: fileURLToPath(new URL('./src/embed/widget.ts', import.meta.url)),
      formats: ['iife'],
      name: 'kefuWidget',
      fileName: () => 'widget.js',
    },
  },
});
