// `npm run size -w @kefu/editor`: what a shop's visitors download, gzipped, from the built dist/.
// The loader script is on every page view of the shop; the chat page only once the chat opens.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A build elsewhere may be named: `npm run size -w @kefu/editor -- /tmp/dist`.
const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const gz = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (!existsSync(join(dist, 'widget.js')) || !existsSync(join(dist, 'chat', 'index.html'))) {
  console.error('dist/ has no widget.js or chat page: run `npm run build -w @kefu/editor` first');
  process.exit(1);
}

// The chat page's own files: the HTML and every script, preload and stylesheet it names.
const html = readFileSync(join(dist, 'chat', 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) =>
  m[1]!.replace(/^\.\.\//, ''),
);
const chat: Array<[string, number]> = [
  ['chat/index.html', gz('chat/index.html')],
  ...assets.map((a): [string, number] => [a, gz(a)]),
];
const chatTotal = chat.reduce((n, [, size]) => n + size, 0);

console.log('Widget bundle sizes (gzip -9)');
console.log(`  loader  widget.js                 ${kb(gz('widget.js'))}`);
for (const [file, size] of chat) console.log(`  chat    ${file.padEnd(26)}${kb(size)}`);
console.log(`  chat page total                  ${kb(chatTotal)}`);
