/**
 * Bundles the workflow code once and prints the bundle's path, so a worker starts from it in about a
 * second instead of running webpack at every start (5–12 s on a quiet machine, over a minute under
 * load: the floor of every worker restart). The file name carries a hash of everything the bundle
 * is made from, so a changed workflow, node or schema never runs from a stale bundle:
 *   npx tsx workers/scripts/bundle-workflows.ts   ->   workers/dist/workflow-bundle-<hash>.js
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../scripts/lib/servers';

const SOURCES = ['workers/src', 'nodes/src', 'schemas/src', 'package-lock.json'];
const dist = join(repoRoot, 'workers', 'dist');

const hash = createHash('sha256');
for (const file of SOURCES.flatMap((s) => filesUnder(join(repoRoot, s))).sort()) {
  hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
}
const bundlePath = join(dist, `workflow-bundle-${hash.digest('hex').slice(0, 16)}.js`);
if (!existsSync(bundlePath)) {
  // Loaded only when a bundle is due: the worker package takes seconds to load on its own.
  const { bundleWorkflowCode, DefaultLogger } = await import('@temporalio/worker');
  const workflowsPath = join(repoRoot, 'workers', 'src', 'workflows.ts');
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  mkdirSync(dist, { recursive: true });
  for (const old of readdirSync(dist)) if (old.startsWith('workflow-bundle-')) rmSync(join(dist, old));
  writeFileSync(bundlePath, code);
}
process.stdout.write(`${bundlePath}\n`);

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : filesUnder(join(path, name))));
}
