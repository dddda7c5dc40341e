/**
 * Personal data in free text: phone numbers, email addresses, Chinese ID-card numbers and bank-card
 * numbers, found and masked so that what remains still says what it was ("138****5678",
 * "a***@shop.cn", "1101**********123X", "**** 1234"). Numbers are only taken when they are what they
 * look like: an ID card's check digit and a card's Luhn sum must hold and a card must start as the
 * networks' cards do, so most order numbers and amounts are left alone.
 */
export type PiiKind = 'email' | 'phone' | 'idCard' | 'bankCard';

export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Runs of digits with the separators people type inside numbers (spaces, dashes); + for a country code.
const DIGITS = /\+?\d(?:[\d -]*\d)?[Xx]?/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID: a plausible birth date and the ISO 7064 check character. */
export function isChineseIdCard(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** A payment card number: 13–19 digits, a network's first digits, and the Luhn sum. */
export function isBankCard(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  const network = /^(62|4|5[1-5]|2[2-7]|3[47]|35|6011|65)/.test(digits);
  if (!network) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A mainland mobile number (with or without +86), or an international one written with +. */
function isPhone(raw: string, digits: string): boolean {
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) return true;
  return raw.startsWith('+') && digits.length >= 8 && digits.length <= 15;
}

export function findPii(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const m of text.matchAll(EMAIL))
    hits.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    // A number glued to letters or other digits is part of something else (an order code, a URL).
    if (/[\p{L}\d]/u.test(text[start - 1] ?? '') || /[\p{L}\d]/u.test(text[end] ?? '')) continue;
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    const raw = m[0];
    const digits = raw.replace(/[^\dXx]/g, '');
    const kind: PiiKind | null = isChineseIdCard(digits)
      ? 'idCard'
      : /^\d+$/.test(digits) && isBankCard(digits)
        ? 'bankCard'
        : /^\d+$/.test(digits) && isPhone(raw, digits)
          ? 'phone'
          : null;
    if (kind) hits.push({ kind, start, end });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** How each kind is masked: enough left to recognise it, not enough to use it. */
export function maskValue(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'email': {
      const at = value.indexOf('@');
      return `${value[0]}***${value.slice(at)}`;
    }
    case 'phone': {
      const digits = value.replace(/\D/g, '');
      return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
    }
    case 'idCard':
      return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
    case 'bankCard':
      return `**** ${value.replace(/\D/g, '').slice(-4)}`;
  }
}

/** The text with every piece of personal data in it masked. */
export function maskPii(text: string): string {
  const hits = findPii(text);
  if (hits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + maskValue(h.kind, text.slice(h.start, h.end));
    at = h.end;
  }
  return out + text.slice(at);
}
