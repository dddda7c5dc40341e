import { describe, expect, it } from 'vitest';
import { createMatcher, DEFAULT_THRESHOLD } from './matcher';
import { runMessages, score } from './eval/evaluate';
import { shopLabeledSet } from './eval/labeled-set';

// Accuracy on the hand-labeled shop set (the figures `npm run eval:kb` prints), not timing.
describe('knowledge-base matching on the labeled shop set', () => {
  const set = shopLabeledSet();
  const outcomes = runMessages(createMatcher(set.articles, { synonyms: set.synonyms }), set.messages);
  const atDefault = score(outcomes, DEFAULT_THRESHOLD);

  it('is the size the issue asks for', () => {
    expect(set.articles.length).toBeGreaterThanOrEqual(40);
    expect(set.messages.length).toBeGreaterThanOrEqual(300);
    expect(set.messages.filter((m) => m.expected === null).length).toBeGreaterThanOrEqual(50);
    const ids = new Set(set.articles.map((a) => a.id));
    for (const m of set.messages) if (m.expected !== null) expect(ids).toContain(m.expected);
  });

  it('answers at least 90% of answerable messages with the right article at the default threshold', () => {
    expect(atDefault.top1Accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('gives wrong answers to at most 5% of all messages at the default threshold', () => {
    expect(atDefault.wrongRate).toBeLessThanOrEqual(0.05);
  });

  it('keeps every confidence in [0, 1] and trades answers for safety as the threshold rises', () => {
    for (const o of outcomes) {
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
    }
    const loose = score(outcomes, 0.1);
    const strict = score(outcomes, 0.6);
    expect(strict.answerRate).toBeLessThan(loose.answerRate);
    expect(strict.wrongRate).toBeLessThan(loose.wrongRate);
  });
});
