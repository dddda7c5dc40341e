// `npm run eval:kb`: scores the matcher on the hand-labeled shop set and prints the figures the
// knowledge-base issue asks for, at the default threshold and as a curve over thresholds.
import { createMatcher, DEFAULT_THRESHOLD } from '../matcher';
import { runMessages, score, type Outcome, type Scores } from './evaluate';
import { shopLabeledSet } from './labeled-set';

const set = shopLabeledSet();
const matcher = createMatcher(set.articles, { synonyms: set.synonyms });
const outcomes = runMessages(matcher, set.messages);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

function row(label: string, s: Scores): string {
  return `${label.padEnd(10)} ${String(s.messages).padStart(5)} ${pct(s.top1Accuracy)} ${pct(s.answerRate)} ${pct(s.wrongRate)} ${pct(s.rejectRate)}`;
}
const header = `${''.padEnd(10)} ${'msgs'.padStart(5)} ${'top-1'.padStart(7)} ${'answer'.padStart(7)} ${'wrong'.padStart(7)} ${'reject'.padStart(7)}`;

const d = score(outcomes, DEFAULT_THRESHOLD);
console.log(`Knowledge base: ${set.articles.length} articles, ${set.synonyms.length} synonym groups`);
console.log(
  `Messages: ${d.messages} (${d.answerable} answerable, ${d.messages - d.answerable} unanswerable)`,
);
console.log(`\nAt the default threshold ${DEFAULT_THRESHOLD}:`);
console.log(`  top-1 accuracy on answerable messages  ${pct(d.top1Accuracy)}   (target >= 90%)`);
console.log(`  answer rate (all messages)             ${pct(d.answerRate)}`);
console.log(`  wrong answers (all messages)           ${pct(d.wrongRate)}   (target <= 5%)`);
console.log(`  unanswerable correctly not answered    ${pct(d.rejectRate)}`);

console.log('\nBy language (default threshold); top-1 is over answerable messages, the rest over all:');
console.log(header);
for (const lang of ['zh', 'en', 'mixed'] as const) {
  console.log(
    row(
      lang,
      score(
        outcomes.filter((o: Outcome) => o.message.lang === lang),
        DEFAULT_THRESHOLD,
      ),
    ),
  );
}
console.log('\nDev part (studied while improving the matcher) and held-out part (every third message):');
for (const split of ['dev', 'holdout'] as const) {
  console.log(
    row(
      split,
      score(
        outcomes.filter((o: Outcome) => o.message.split === split),
        DEFAULT_THRESHOLD,
      ),
    ),
  );
}

console.log('\nCurve over thresholds (all messages):');
console.log(header.replace(''.padEnd(10), 'threshold '));
const steps = Array.from({ length: 20 }, (_, i) => i / 20);
for (const t of [...new Set([...steps, DEFAULT_THRESHOLD])].sort((a, b) => a - b)) {
  const mark = t === DEFAULT_THRESHOLD ? ' <- default' : '';
  console.log(row(t.toFixed(2), score(outcomes, t)) + mark);
}

if (process.argv.includes('--misses')) {
  console.log('\nDev misses at the default threshold (expected -> best @ confidence):');
  for (const o of outcomes) {
    if (o.message.split !== 'dev') continue;
    const answered = o.confidence >= DEFAULT_THRESHOLD ? o.bestId : null;
    if (answered !== o.message.expected)
      console.log(`  ${o.message.text}  | ${o.message.expected} -> ${o.bestId} @ ${o.confidence}`);
  }
}
