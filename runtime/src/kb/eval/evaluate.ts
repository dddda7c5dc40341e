import type { KbMatcher } from '../matcher';
import type { LabeledMessage } from './labeled-set';

export interface Outcome {
  message: LabeledMessage;
  /** Best candidate's article id and confidence, whatever the threshold. */
  bestId: string | null;
  confidence: number;
}

export interface Scores {
  threshold: number;
  messages: number;
  answerable: number;
  /** Answerable messages answered with the expected article / answerable messages. */
  top1Accuracy: number;
  /** Messages answered at all / all messages. */
  answerRate: number;
  /** (Answered with the wrong article + unanswerable messages answered) / all messages. */
  wrongRate: number;
  /** Unanswerable messages correctly left to the not-found port / unanswerable messages. */
  rejectRate: number;
}

/** Matches every message once; scoring at any threshold then needs no second pass. */
export function runMessages(matcher: KbMatcher, messages: LabeledMessage[]): Outcome[] {
  return messages.map((message) => {
    const { best } = matcher.match(message.text, { threshold: Infinity });
    return { message, bestId: best?.article.id ?? null, confidence: best?.confidence ?? 0 };
  });
}

export function score(outcomes: Outcome[], threshold: number): Scores {
  let answerable = 0;
  let right = 0;
  let answered = 0;
  let wrong = 0;
  let rejected = 0;
  for (const o of outcomes) {
    const answers = o.bestId !== null && o.confidence >= threshold;
    if (o.message.expected !== null) answerable++;
    if (answers) answered++;
    if (answers && o.bestId === o.message.expected) right++;
    else if (answers) wrong++;
    if (!answers && o.message.expected === null) rejected++;
  }
  const unanswerable = outcomes.length - answerable;
  return {
    threshold,
    messages: outcomes.length,
    answerable,
    top1Accuracy: ratio(right, answerable),
    answerRate: ratio(answered, outcomes.length),
    wrongRate: ratio(wrong, outcomes.length),
    rejectRate: ratio(rejected, unanswerable),
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
