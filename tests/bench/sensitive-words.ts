/**
 * `npm run bench` (tests workspace): screening a message against 100, 1,000 and 10,000 sensitive
 * words (the most a workspace may keep), against two references measured in the same run on the
 * same messages: the floor, folding the text alone (the one pass every screening must make), and
 * the naive way, `includes` of every folded word. Words and messages are drawn at random here
 * (Chinese characters from the common block, Latin letters), not written by hand; a tenth of the
 * messages carry a planted word, half of those typed with an evasion (spaces, symbols, full-width
 * letters). Prints tables; asserts nothing, but says how many planted words were found.
 *
 * KEFU_BENCH_WORD_SIZES picks the list sizes; KEFU_BENCH_MESSAGES the messages (default 2,000).
 */
import { compileSensitiveWords, foldText } from '@kefu/runtime/moderation';
import { ratio, summarize, type Summary } from './stats';

const SIZES = (process.env.KEFU_BENCH_WORD_SIZES ?? '100,1000,10000')
  .split(',')
  .filter((s) => s.trim())
  .map(Number);
const MESSAGES = Number(process.env.KEFU_BENCH_MESSAGES ?? 2000);

// A seeded generator, so two runs screen the same messages.
let seed = 0x9e3779b9;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const hanzi = () => String.fromCodePoint(int(0x4e00, 0x9fa5));
const latin = (n: number) => Array.from({ length: n }, () => String.fromCharCode(int(97, 122))).join('');
const wordOf = () => (random() < 0.6 ? Array.from({ length: int(2, 4) }, hanzi).join('') : latin(int(4, 10)));

/** A chat message of 10 to 400 characters: Chinese runs, English words, digits and punctuation. */
function messageOf(): string {
  const length = int(10, 400);
  let text = '';
  while (text.length < length) {
    const r = random();
    if (r < 0.55) text += Array.from({ length: int(2, 12) }, hanzi).join('');
    else if (r < 0.85) text += ` ${latin(int(2, 9))} `;
    else if (r < 0.93) text += String(int(1, 99999));
    else text += '，。？！,.?!'[int(0, 7)];
  }
  return text;
}

/** The word as an evading customer types it: spaced, dotted, or in full-width letters. */
function evade(word: string): string {
  const r = random();
  if (r < 0.34) return [...word].join(' ');
  if (r < 0.67) return [...word].join('.');
  return [...word]
    .map((ch) => (/[a-z]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch))
    .join('');
}

function time(messages: string[], screen: (text: string) => unknown): Summary {
  for (const m of messages.slice(0, 200)) screen(m); // warm the JIT before measuring
  const latencies: number[] = [];
  const started = performance.now();
  for (const m of messages) {
    const t0 = performance.now();
    screen(m);
    latencies.push(performance.now() - t0);
  }
  return summarize(latencies, (performance.now() - started) / 1000);
}

const us = (n: number) => `${(n * 1000).toFixed(n < 0.01 ? 1 : 0)} µs`;

console.log(`\nSensitive words: screening ${MESSAGES} generated messages (10–400 characters)\n`);
console.log(
  '| words | compile | heap | floor p50 (fold only) | matcher p50 | p99 | per second | p50 ÷ floor | naive p50 | naive ÷ matcher | planted words found |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const size of SIZES) {
  const words = new Map<string, { text: string; category: string }>();
  while (words.size < size) {
    const text = wordOf();
    words.set(text, { text, category: random() < 0.5 ? 'abuse' : 'fraud' });
  }
  const list = [...words.values()];
  const planted = new Map<number, string>();
  const messages = Array.from({ length: MESSAGES }, (_, i) => {
    const text = messageOf();
    if (random() >= 0.1) return text;
    const word = list[int(0, list.length - 1)]!.text;
    planted.set(i, word);
    const at = int(0, text.length);
    // Latin words match whole words only, so a planted one stands between spaces.
    return `${text.slice(0, at)} ${random() < 0.5 ? evade(word) : word} ${text.slice(at)}`;
  });

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const screener = compileSensitiveWords({
    categories: [
      { key: 'abuse', name: 'Abuse', action: 'mask' },
      { key: 'fraud', name: 'Fraud', action: 'flag' },
    ],
    words: list,
  });
  const compileMs = performance.now() - t0;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  const folded = list.map((w) => foldText(w.text).folded);
  const floor = time(messages, (m) => foldText(m));
  const matcher = time(messages, (m) => screener.screen(m));
  const naive = time(messages, (m) => {
    const text = foldText(m).folded;
    return folded.filter((w) => text.includes(w));
  });
  let found = 0;
  for (const [i, word] of planted)
    found += screener.screen(messages[i]!).hits.some((h) => h.word === word) ? 1 : 0;
  console.log(
    `| ${size.toLocaleString('en')} | ${compileMs.toFixed(0)} ms | ${heapMb.toFixed(1)} MB | ${us(floor.p50)} | ${us(matcher.p50)} | ${us(matcher.p99)} | ${Math.round(matcher.perSecond).toLocaleString('en')} | ${ratio(matcher.p50, floor.p50)} | ${us(naive.p50)} | ${ratio(naive.p50, matcher.p50)} | ${found} of ${planted.size} |`,
  );
}
