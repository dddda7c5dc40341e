import { maskPii, maskValue } from './pii';

/**
 * How one reader sees personal data: in clear (owners, and users an owner granted "view personal
 * data") or masked. Every wire function that puts customer text or contact fields into an answer
 * or a pushed frame takes one, so no route can forget it (docs/privacy.md).
 */
export interface PiiView {
  readonly clear: boolean;
}

export const CLEAR: PiiView = { clear: true };
export const MASKED: PiiView = { clear: false };

/** Owners always see personal data; others when an owner granted it. */
export function seesPersonalData(user: {
  roles: readonly string[];
  viewPersonalData?: boolean | null;
}): boolean {
  return user.roles.includes('owner') || Boolean(user.viewPersonalData);
}

/** The view of a signed-in user (`request.auth`, an agent socket). */
export function viewOf(who: { seesPersonalData: boolean }): PiiView {
  return who.seesPersonalData ? CLEAR : MASKED;
}

/** Free text (a message, a note, a ticket body) as this reader may see it. */
export function shown(view: PiiView, text: string): string {
  return view.clear ? text : maskPii(text);
}

/** A contact's email field: masked as a whole even when the detector would not take it as one. */
export function shownEmail(view: PiiView, email: string): string {
  if (view.clear) return email;
  return email.includes('@') ? maskValue('email', email) : maskPii(email);
}

/** A contact's phone field, masked as a whole: a short or oddly written number is still the customer's. */
export function shownPhone(view: PiiView, phone: string): string {
  if (view.clear) return phone;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 8 ? maskValue('phone', phone) : '*'.repeat(digits.length || 1);
}

/** Every string inside a JSON value (a step's why-trace, a contact's attributes) as this reader may see it. */
export function shownDeep<T>(view: PiiView, value: T): T {
  if (view.clear) return value;
  return maskDeep(value) as T;
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}
