/** Emails compare without case or surrounding space: "Ann@Shop.com " is "ann@shop.com". */
export function emailKey(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase();
  return key ? key : null;
}

/**
 * Phones compare by their digits, keeping a leading +: "+86 138-0000 0000" is "+8613800000000".
 * Fewer than 5 digits is not a phone number worth matching on.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 5) return null;
  return (phone.trim().startsWith('+') ? '+' : '') + digits;
}

/** A case-insensitive "contains" regex for user text, with every special character escaped. */
export function containsPattern(text: string): { $regex: string; $options: 'i' } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}
