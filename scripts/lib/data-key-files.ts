import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded data keys `npm start` uses when KEFU_DATA_KEYS is not set: data/data-keys holds
 * `id=base64` per line (the last is current), data/data-index-key the blind indexes' key. Created on
 * first start, so restarts read what earlier runs sealed.
 */
export function localDataKeys(dataDir: string): { KEFU_DATA_KEYS: string; KEFU_DATA_INDEX_KEY: string } {
  const keysFile = join(dataDir, 'data-keys');
  if (!existsSync(keysFile)) writeFileSync(keysFile, `k1=${newKey()}\n`, { mode: 0o600 });
  const indexFile = join(dataDir, 'data-index-key');
  if (!existsSync(indexFile)) writeFileSync(indexFile, `${newKey()}\n`, { mode: 0o600 });
  return {
    KEFU_DATA_KEYS: keyLines(keysFile).join(','),
    KEFU_DATA_INDEX_KEY: readFileSync(indexFile, 'utf8').trim(),
  };
}

/** Appends a new key to data/data-keys, current from the next start; its id. */
export function addLocalDataKey(dataDir: string): string {
  localDataKeys(dataDir);
  const keysFile = join(dataDir, 'data-keys');
  const lines = keyLines(keysFile);
  const taken = new Set(lines.map((l) => l.split('=')[0]));
  let n = lines.length + 1;
  while (taken.has(`k${n}`)) n++;
  writeFileSync(keysFile, [...lines, `k${n}=${newKey()}`].join('\n') + '\n', { mode: 0o600 });
  return `k${n}`;
}

const newKey = () => randomBytes(32).toString('base64');
const keyLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
