import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { temporal } from '@temporalio/proto';
import { repoRoot } from '../../../scripts/lib/servers';

/**
 * Recorded workflow histories live in tests/histories/<recorded on>/<template>.json, one folder per
 * recording, with a recording.json that says which code recorded them and which patch markers they
 * carry. A folder is never re-recorded once a later one exists: it stands for the conversations that
 * were running on that code, which the current interpreter still has to replay.
 */
export const historiesDir = join(repoRoot, 'tests', 'histories');
export const MANIFEST = 'recording.json';

export interface Recording {
  /** The folder under tests/histories: the UTC date of the recording (<date>.2, … for a later one that day). */
  set: string;
  template: string;
  file: string;
}

export interface Manifest {
  recordedOn: string;
  /** Per history: the commit whose code recorded it ("+changes" when the tree was not clean). */
  histories: Record<string, { commit: string; patches: string[] }>;
}

export function listRecordings(): Recording[] {
  return readdirSync(historiesDir)
    .filter((set) => statSync(join(historiesDir, set)).isDirectory())
    .sort()
    .flatMap((set) =>
      readdirSync(join(historiesDir, set))
        .filter((f) => f.endsWith('.json') && f !== MANIFEST)
        .sort()
        .map((f) => ({ set, template: f.replace(/\.json$/, ''), file: join(historiesDir, set, f) })),
    );
}

export function readManifest(set: string): Manifest | undefined {
  const file = join(historiesDir, set, MANIFEST);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** The ids of the `patched()` markers a history carries, in the order first recorded. */
export function patchIdsIn(history: temporal.api.history.v1.IHistory): string[] {
  const ids: string[] = [];
  for (const event of history.events ?? []) {
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_patch') continue;
    for (const payload of marker.details?.['patch-data']?.payloads ?? []) {
      const { id } = JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')) as {
        id: string;
      };
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/**
 * The patch ids the code asks for: every patched/deprecatePatch call in the given source trees.
 * Ids must be string literals, so that this scan (and a reader) can find them; a call with anything
 * else is returned in `unreadable` as file:line.
 */
export function patchIdsInSources(roots = ['workers/src', 'nodes/src']): {
  ids: string[];
  unreadable: string[];
} {
  const ids = new Set<string>();
  const unreadable: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'node_modules') visit(path);
        continue;
      }
      if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name)) continue;
      const found = patchCallsIn(readFileSync(path, 'utf8'));
      found.ids.forEach((id) => ids.add(id));
      unreadable.push(...found.unreadableLines.map((line) => `${relative(repoRoot, path)}:${line}`));
    }
  };
  for (const root of roots) visit(join(repoRoot, root));
  return { ids: [...ids].sort(), unreadable };
}

/** The patch calls in one source text: their literal ids, and the lines of calls with anything else. */
export function patchCallsIn(text: string): { ids: string[]; unreadableLines: number[] } {
  // Comments name patches too; only code asks for them. Blanked, not removed, to keep line numbers.
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));
  const ids: string[] = [];
  const unreadableLines: number[] = [];
  for (const call of code.matchAll(/\b(?:patched|deprecatePatch)\s*\(([^)]*)\)/g)) {
    const literal = /^\s*(['"`])([^'"`$]+)\1\s*,?\s*$/.exec(call[1] ?? '');
    if (literal?.[2]) ids.push(literal[2]);
    else unreadableLines.push(code.slice(0, call.index).split('\n').length);
  }
  return { ids, unreadableLines };
}
