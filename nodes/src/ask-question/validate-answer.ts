import { answerMatches } from '../rules/patterns';
import type { AnswerType } from './schema';

// Deliberately simple, linear-time patterns: the reply is customer text.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^\+?[\d\s().-]{6,30}$/;

/** The stored value of a valid reply, or undefined when the reply does not fit the expected type. */
export function validateAnswer(
  type: AnswerType,
  text: string,
  choices: readonly string[],
  pattern = '',
): string | number | undefined {
  const reply = text.trim();
  if (reply === '') return undefined;
  switch (type) {
    case 'text':
      return reply;
    case 'email':
      return EMAIL.test(reply) && reply.length <= 254 ? reply.toLowerCase() : undefined;
    case 'phone': {
      const digits = reply.replace(/\D/g, '');
      return PHONE_CHARS.test(reply) && digits.length >= 6 && digits.length <= 15 ? reply : undefined;
    }
    case 'number': {
      const value = Number(reply.replace(',', '.'));
      return reply.length <= 30 && Number.isFinite(value) ? value : undefined;
    }
    case 'pattern':
      return answerMatches(pattern, reply) ? reply : undefined;
    case 'choice': {
      const byText = choices.find((c) => c.toLowerCase() === reply.toLowerCase());
      if (byText) return byText;
      // "2" picks the second choice, as customers often answer with the number.
      const index = /^\d{1,2}$/.test(reply) ? Number(reply) - 1 : -1;
      return choices[index];
    }
  }
}
