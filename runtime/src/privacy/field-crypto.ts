import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field encryption at rest: a value is stored as one string,
 * `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (AES-256-GCM, base64url parts), so values sealed with
 * several keys coexist in one collection and a reader picks the key by its id. A string without
 * the prefix is clear text written before encryption (or by a test): read as is.
 *
 * Lookups cannot use ciphertext (each sealing has a fresh IV), so a field looked up by equality
 * keeps a blind index beside it: HMAC-SHA256 of the normalised value under an index key that is
 * not one of the data keys (it does not rotate with them; see docs/privacy.md).
 */
export interface DataKeyring {
  /** The key new values are sealed with. */
  currentKeyId: string;
  /** Every key a stored value may be sealed with, by id (32 bytes each). */
  keys: ReadonlyMap<string, Buffer>;
  /** Blind indexes' key (32 bytes); subkeys per purpose are derived from it. */
  indexKey: Buffer;
}

export const SEALED_PREFIX = 'enc:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A value that cannot be opened: its key is not configured, or it was altered. */
export class FieldCryptoError extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown-key' | 'tampered' | 'malformed',
  ) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

/**
 * The keyring from configuration: `keys` is `id=base64,id=base64` (KEFU_DATA_KEYS), `currentKeyId`
 * one of them (KEFU_DATA_KEY_ID; the last listed when absent), `indexKey` base64 (KEFU_DATA_INDEX_KEY).
 */
export function parseDataKeys(keys: string, currentKeyId: string | undefined, indexKey: string): DataKeyring {
  const map = new Map<string, Buffer>();
  for (const entry of keys
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const id = entry.slice(0, eq);
    if (eq < 0 || !KEY_ID.test(id))
      throw new Error(
        `KEFU_DATA_KEYS: "${id || entry.slice(0, 8)}…" is not id=base64 (id: letters, digits, _ or -)`,
      );
    const key = Buffer.from(entry.slice(eq + 1), 'base64');
    if (key.length !== 32) throw new Error(`KEFU_DATA_KEYS: key "${id}" is not 32 bytes of base64`);
    if (map.has(id)) throw new Error(`KEFU_DATA_KEYS: key "${id}" is listed twice`);
    map.set(id, key);
  }
  if (map.size === 0) throw new Error('KEFU_DATA_KEYS lists no key');
  const current = currentKeyId || [...map.keys()].at(-1)!;
  if (!map.has(current)) throw new Error(`KEFU_DATA_KEY_ID "${current}" is not one of KEFU_DATA_KEYS`);
  const index = Buffer.from(indexKey, 'base64');
  if (index.length < 32) throw new Error('KEFU_DATA_INDEX_KEY must be at least 32 bytes of base64');
  return { currentKeyId: current, keys: map, indexKey: index };
}

/** A fresh 32-byte key, base64: what `npm start` and the tests generate. */
export const newDataKey = (): string => randomBytes(32).toString('base64');

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/** The key id a sealed value names; null for clear text. */
export function sealedKeyId(value: unknown): string | null {
  if (!isSealed(value)) return null;
  return value.slice(SEALED_PREFIX.length).split(':', 1)[0]!;
}

/**
 * `plain` sealed with the current key. `context` (e.g. `contact.email`) is authenticated with it,
 * so a value copied into another field does not open there. Sealing a sealed value returns it.
 */
export function sealField(ring: DataKeyring, plain: string, context: string): string {
  if (isSealed(plain)) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.currentKeyId)!, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${ring.currentKeyId}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(data)}`;
}

/** The clear text of a sealed value (clear text is returned as is). */
export function openField(ring: DataKeyring, value: string, context: string): string {
  if (!isSealed(value)) return value;
  const parts = value.slice(SEALED_PREFIX.length).split(':');
  if (parts.length !== 4) throw new FieldCryptoError(`A sealed ${context} is malformed`, 'malformed');
  const [keyId, iv, tag, data] = parts as [string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key)
    throw new FieldCryptoError(
      `A stored ${context} is sealed with data key "${keyId}", which this server does not have: add it to KEFU_DATA_KEYS`,
      'unknown-key',
    );
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new FieldCryptoError(
      `A stored ${context} (data key "${keyId}") failed authentication: it was altered or is not this field's`,
      'tampered',
    );
  }
}

/**
 * The blind index of a normalised value: HMAC-SHA256 under a subkey of the index key derived for
 * `purpose` (HKDF), so equal values of one purpose match and nothing else can be learnt from it.
 */
export function blindIndex(ring: DataKeyring, purpose: string, normalised: string): string {
  return createHmac('sha256', subkey(ring, purpose)).update(normalised, 'utf8').digest('base64url');
}

const subkeys = new WeakMap<Buffer, Map<string, Buffer>>();
function subkey(ring: DataKeyring, purpose: string): Buffer {
  let byPurpose = subkeys.get(ring.indexKey);
  if (!byPurpose) subkeys.set(ring.indexKey, (byPurpose = new Map()));
  let key = byPurpose.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', ring.indexKey, Buffer.alloc(0), `kefu blind index ${purpose}`, 32));
    byPurpose.set(purpose, key);
  }
  return key;
}

const b64 = (buf: Buffer): string => buf.toString('base64url');
