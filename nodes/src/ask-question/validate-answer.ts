import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { answerMatches } from '../rules/patterns';
import type { AnswerType } from './schema';

// Deliberately simple, linear-time patterns: the reply is customer text.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^\+?[\d\s().-]{6,30}$/;

/** When neither the step nor the workspace names a country, numbers are read as Chinese ones. */
export const DEFAULT_PHONE_COUNTRY = 'CN';

/** The stored value of a valid reply, or undefined when the reply does not fit the expected type. */
export function validateAnswer(
  type: AnswerType,
  text: string,
  choices: readonly string[],
  options: { pattern?: string; country?: string } = {},
): string | number | undefined {
  const reply = text.trim();
  if (reply === '') return undefined;
  switch (type) {
    case 'text':
      return reply;
    case 'email':
      return EMAIL.test(reply) && reply.length <= 254 ? reply.toLowerCase() : undefined;
    case 'phone': {
      // libphonenumber-js (Google's metadata): a number valid in the step's country, stored in E.164.
      if (!PHONE_CHARS.test(reply)) return undefined;
      const country = (options.country ?? DEFAULT_PHONE_COUNTRY) as CountryCode;
      const phone = parsePhoneNumberFromString(reply, country);
      return phone?.isValid() && phone.country === country ? phone.number : undefined;
    }
    case 'number': {
      const value = Number(reply.replace(',', '.'));
      return reply.length <= 30 && Number.isFinite(value) ? value : undefined;
    }
    case 'pattern':
      return answerMatches(options.pattern ?? '', reply) ? reply : undefined;
    case 'choice': {
      const byText = choices.find((c) => c.toLowerCase() === reply.toLowerCase());
      if (byText) return byText;
      // "2" picks the second choice, as customers often answer with the number.
      const index = /^\d{1,2}$/.test(reply) ? Number(reply) - 1 : -1;
      return choices[index];
    }
  }
}
