/**
 * `npm run build` in runtime/ and workers/: the app as one JavaScript file (dist/), so a started or
 * restarted process loads plain JavaScript instead of compiling its TypeScript at every start
 * (`node --import tsx`: 4–12 s for the worker on a loaded 2-core machine, about a second from the
 * build). Our own packages (@kefu/*) are compiled in; npm packages stay imports, resolved from
 * node_modules as before, except the few installed in more than one version (ajv 8 under schemas/
 * and nodes/, ajv 6 at the root), which are compiled in from where their importer finds them so
 * the bundle cannot pick the wrong one.
 *
 * Usage (from a workspace folder): tsx ../scripts/build-app.ts src/server.ts dist/server.js
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './lib/servers';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) throw new Error('usage: build-app.ts <entry.ts> <outfile.js>');

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  workspaces: string[];
};
const declared = new Set<string>();
const nested = new Set<string>();
for (const workspace of rootManifest.workspaces) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, workspace, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (name.startsWith('@kefu/')) continue;
    declared.add(name);
    if (existsSync(join(repoRoot, workspace, 'node_modules', name))) nested.add(name);
  }
}
const external = [...declared].filter((name) => !nested.has(name)).flatMap((name) => [name, `${name}/*`]);

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  // Compiled-in CommonJS (ajv) calls require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __kefuRequire } from 'node:module'; const require = __kefuRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`built ${outfile}`);
