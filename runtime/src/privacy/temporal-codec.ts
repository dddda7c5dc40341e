import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// A CommonJS package: Node's ESM loader cannot see its named exports (vitest can, node cannot).
const { temporal } = proto;

/**
 * Temporal keeps every workflow input, signal, update, query answer, activity input and result,
 * memo and failure detail in its own history, where whoever can read the Temporal UI or its
 * database would read customer messages and contact fields in clear. This codec encrypts each
 * payload with AES-256-GCM before it leaves the process; the API, the worker and every client
 * they create use it (see docs/privacy.md). Search attributes never pass through codecs: Temporal
 * must index them, so they must never carry personal data (Kefu sets none).
 */

/** The encoding of an encrypted payload; anything else passes through decode unchanged. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Which configured key a payload was encrypted with, so an old key keeps decoding after rotation. */
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface CodecKey {
  id: string;
  key: Buffer;
}

/** Why a payload could not be decrypted; the codec endpoint answers with it. */
export class PayloadDecryptError extends Error {
  constructor(
    readonly reason: 'unknown-key' | 'tampered' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'PayloadDecryptError';
  }
}

const text = new TextEncoder();
const utf8 = new TextDecoder();

/**
 * Reads KEFU_TEMPORAL_CODEC_KEYS: `id:base64key[,id:base64key…]`, each key 32 bytes. The first
 * encrypts; all of them decrypt, so a rotation puts the new key first and keeps the old ones for
 * as long as histories written with them are kept.
 */
export function parseCodecKeys(value: string): CodecKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      const id = colon > 0 ? part.slice(0, colon) : '';
      if (!KEY_ID.test(id))
        throw new Error(
          'KEFU_TEMPORAL_CODEC_KEYS: each key is `id:base64` with an id of letters, digits, . _ -',
        );
      const key = Buffer.from(part.slice(colon + 1), 'base64');
      if (key.length !== 32)
        throw new Error(`KEFU_TEMPORAL_CODEC_KEYS: key "${id}" must be 32 bytes in base64 (AES-256)`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error('KEFU_TEMPORAL_CODEC_KEYS holds no key');
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new Error('KEFU_TEMPORAL_CODEC_KEYS names a key id twice');
  return keys;
}

/** A fresh KEFU_TEMPORAL_CODEC_KEYS value with one key (npm start and the tests make their own). */
export function newCodecKeys(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: CodecKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: readonly CodecKey[]) {
    if (keys.length === 0) throw new Error('the payload codec needs at least one key');
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is authenticated too: a payload relabelled with another id does not decrypt.
    cipher.setAAD(text.encode(id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: text.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: text.encode(id),
        [CIPHER_METADATA]: text.encode(CIPHER),
      },
      data: sealed,
    };
  }

  /** An encrypted payload back in clear; payloads written without the codec pass through. */
  decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || utf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const rawId = payload.metadata?.[KEY_ID_METADATA];
    const id = rawId ? utf8.decode(rawId) : '';
    if (!id) throw new PayloadDecryptError('malformed', 'The encrypted payload names no key id');
    const key = this.byId.get(id);
    if (!key)
      throw new PayloadDecryptError(
        'unknown-key',
        `The payload was encrypted with key "${id}", which is not among KEFU_TEMPORAL_CODEC_KEYS`,
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptError('malformed', 'The encrypted payload is too short to hold a message');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(text.encode(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadDecryptError(
        'tampered',
        `The payload does not decrypt with key "${id}": it was altered, or the key under that id changed`,
      );
    }
  }
}

/** The data converter every Kefu Temporal client and worker is created with. */
export function kefuDataConverter(keys: readonly CodecKey[]) {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
