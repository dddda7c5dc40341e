import { describe, expect, it } from 'vitest';
import {
  FieldCryptoError,
  blindIndex,
  newDataKey,
  openField,
  parseDataKeys,
  sealField,
  sealedKeyId,
} from './field-crypto';

const k1 = newDataKey();
const k2 = newDataKey();
const index = newDataKey();
const ring1 = parseDataKeys(`k1=${k1}`, 'k1', index);
const ring12 = parseDataKeys(`k1=${k1},k2=${k2}`, 'k2', index);

describe('field encryption', () => {
  it('seals to a versioned envelope that names its key, and opens with any ring that has the key', () => {
    const sealed = sealField(ring1, 'ann@shop.test', 'Contact.email');
    expect(sealed).toMatch(/^enc:v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('ann');
    expect(sealField(ring1, 'ann@shop.test', 'Contact.email')).not.toBe(sealed);
    expect(openField(ring12, sealed, 'Contact.email')).toBe('ann@shop.test');
    const newer = sealField(ring12, '张伟', 'Contact.name');
    expect(sealedKeyId(newer)).toBe('k2');
    expect(openField(ring12, newer, 'Contact.name')).toBe('张伟');
    // Clear text from before encryption reads as is; sealing twice does not nest.
    expect(openField(ring1, '+86 138 0000 0000', 'Contact.phone')).toBe('+86 138 0000 0000');
    expect(sealField(ring12, sealed, 'Contact.email')).toBe(sealed);
  });

  it('refuses a value sealed with a key it does not have, with the key named', () => {
    const sealed = sealField(ring12, 'bo@shop.test', 'Contact.email');
    expect(() => openField(ring1, sealed, 'Contact.email')).toThrow(FieldCryptoError);
    expect(() => openField(ring1, sealed, 'Contact.email')).toThrow(/data key "k2".*KEFU_DATA_KEYS/);
  });

  it('refuses an altered ciphertext, tag or context: GCM authenticates them', () => {
    const sealed = sealField(ring1, 'bo@shop.test', 'Contact.email');
    const parts = sealed.split(':');
    const data = Buffer.from(parts[5]!, 'base64url');
    data[0]! ^= 1;
    const altered = [...parts.slice(0, 5), data.toString('base64url')].join(':');
    expect(() => openField(ring1, altered, 'Contact.email')).toThrow(/failed authentication/);
    const tag = Buffer.from(parts[4]!, 'base64url');
    tag[3]! ^= 1;
    expect(() =>
      openField(
        ring1,
        [...parts.slice(0, 4), tag.toString('base64url'), parts[5]].join(':'),
        'Contact.email',
      ),
    ).toThrow(FieldCryptoError);
    // Copied into another field, it does not open there.
    expect(() => openField(ring1, sealed, 'Contact.phone')).toThrow(/failed authentication/);
    expect(() => openField(ring1, 'enc:v1:k1:abc', 'Contact.phone')).toThrow(/malformed/);
  });

  it('blind indexes are equal for equal values, differ by purpose, and do not depend on the data keys', () => {
    expect(blindIndex(ring1, 'contact.email', 'a@b.c')).toBe(blindIndex(ring12, 'contact.email', 'a@b.c'));
    expect(blindIndex(ring1, 'contact.email', 'a@b.c')).not.toBe(blindIndex(ring1, 'contact.name', 'a@b.c'));
    expect(blindIndex(ring1, 'contact.email', 'a@b.c')).not.toContain('a@b');
  });

  it('reads its configuration strictly', () => {
    expect(() => parseDataKeys('k1=short', 'k1', index)).toThrow(/32 bytes/);
    expect(() => parseDataKeys(`k1=${k1}`, 'k9', index)).toThrow(/KEFU_DATA_KEY_ID "k9"/);
    expect(() => parseDataKeys(`k1=${k1},k1=${k2}`, undefined, index)).toThrow(/twice/);
    expect(() => parseDataKeys('', undefined, index)).toThrow(/no key/);
    expect(() => parseDataKeys(`k1=${k1}`, undefined, 'c2hvcnQ=')).toThrow(/KEFU_DATA_INDEX_KEY/);
    expect(parseDataKeys(`k1=${k1},k2=${k2}`, undefined, index).currentKeyId).toBe('k2');
  });
});
