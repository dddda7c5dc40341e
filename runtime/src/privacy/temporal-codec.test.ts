import { describe, expect, it } from 'vitest';
import type { Payload } from '@temporalio/common';
import {
  AesGcmPayloadCodec,
  KEY_ID_METADATA,
  PayloadDecryptError,
  newCodecKeys,
  parseCodecKeys,
} from './temporal-codec';

const utf8 = new TextEncoder();
const json = (value: unknown): Payload => ({
  metadata: { encoding: utf8.encode('json/plain') },
  data: utf8.encode(JSON.stringify(value)),
});
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('utf8');
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof PayloadDecryptError ? err.reason : `other: ${String(err)}`;
  }
  return 'none';
};

describe('the Temporal payload codec', () => {
  const message = { text: 'call me at 13812345678 or li.lei@example.com' };

  it('encrypts a payload so nothing of it is left in clear, and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(newCodecKeys('k1')));
    const [sealed] = await codec.encode([json(message)]);
    expect(Buffer.from(sealed!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(sealed!.metadata![KEY_ID_METADATA]!).toString()).toBe('k1');
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toMatch(/13812345678|example\.com|json/);
    const [opened] = await codec.decode([sealed!]);
    expect(JSON.parse(text(opened!))).toEqual(message);
    expect(Buffer.from(opened!.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('keeps decoding payloads of an old key after a rotation, and encrypts with the new one', async () => {
    const old = newCodecKeys('k-2025');
    const [sealedOld] = await new AesGcmPayloadCodec(parseCodecKeys(old)).encode([json(message)]);
    const rotated = new AesGcmPayloadCodec(parseCodecKeys(`${newCodecKeys('k-2026')},${old}`));
    expect(JSON.parse(text((await rotated.decode([sealedOld!]))[0]!))).toEqual(message);
    const [sealedNew] = await rotated.encode([json(message)]);
    expect(Buffer.from(sealedNew!.metadata![KEY_ID_METADATA]!).toString()).toBe('k-2026');
  });

  it('refuses an altered payload, a relabelled one and one of a key it does not have', async () => {
    const keys = newCodecKeys('k1');
    const codec = new AesGcmPayloadCodec(parseCodecKeys(keys));
    const sealed = codec.encrypt(json(message));
    const flipped = Buffer.from(sealed.data!);
    flipped[20] = flipped[20]! ^ 1;
    expect(reason(() => codec.decrypt({ ...sealed, data: flipped }))).toBe('tampered');
    const other = new AesGcmPayloadCodec(parseCodecKeys(`k2:${keys.split(':')[1]},${keys}`));
    // Same key bytes under another id: the id is authenticated, so the relabelled payload fails.
    const relabelled = { ...sealed, metadata: { ...sealed.metadata, [KEY_ID_METADATA]: utf8.encode('k2') } };
    expect(reason(() => other.decrypt(relabelled))).toBe('tampered');
    const unknown = { ...sealed, metadata: { ...sealed.metadata, [KEY_ID_METADATA]: utf8.encode('gone') } };
    expect(reason(() => codec.decrypt(unknown))).toBe('unknown-key');
    expect(reason(() => codec.decrypt({ ...sealed, data: new Uint8Array(5) }))).toBe('malformed');
  });

  it('passes through payloads written without the codec', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(newCodecKeys()));
    expect(await codec.decode([json(message)])).toEqual([json(message)]);
  });

  it('refuses a malformed key list at start', () => {
    expect(() => parseCodecKeys('')).toThrow(/no key/);
    expect(() => parseCodecKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseCodecKeys(`bad id:${Buffer.alloc(32).toString('base64')}`)).toThrow(/id of letters/);
    const k = Buffer.alloc(32).toString('base64');
    expect(() => parseCodecKeys(`a:${k},a:${k}`)).toThrow(/twice/);
  });
});
