import { dataKeys } from '../privacy/data-keys';
import { blindIndex, isSealed, openField } from '../privacy/field-crypto';
import { nameKeys, normalizeName } from './name-keys';
import { emailKey, phoneKey } from './normalize';

/**
 * What a contact is looked up by, as stored: blind indexes (HMAC, privacy/field-crypto.ts) of the
 * normalised email, phone and name words, never the values themselves. Equal inputs give equal
 * keys, so a lookup is still one equality lookup on an indexed top-level field.
 */
export function emailIndex(email: string | null | undefined): string | null {
  const key = emailKey(clear(email, 'Contact.email'));
  return key ? blindIndex(dataKeys(), 'contact.email', key) : null;
}

export function phoneIndex(phone: string | null | undefined): string | null {
  const key = phoneKey(clear(phone, 'Contact.phone'));
  return key ? blindIndex(dataKeys(), 'contact.phone', key) : null;
}

/** The stored `nameKeys` of a name: each word's index (contacts/name-keys.ts says which words). */
export function nameIndexes(name: unknown): string[] | null {
  const words = nameKeys(typeof name === 'string' ? clear(name, 'Contact.name') : name);
  return words ? words.map(nameWordIndex) : null;
}

/** The index of one search text as nameKeys holds it (normalised like a name). */
export function nameWordIndex(word: string): string {
  return blindIndex(dataKeys(), 'contact.name', normalizeName(word));
}

/** The key a channel keeps for a contact it knows by email (visitorId `email:<index>`). */
export function emailVisitorId(address: string): string {
  return `email:${emailIndex(address) ?? address}`;
}

// A key computed from a value already sealed (a hook running after sealedFields') still matches.
function clear(value: string | null | undefined, context: string): string | null | undefined {
  return isSealed(value) ? openField(dataKeys(), value, context) : value;
}
