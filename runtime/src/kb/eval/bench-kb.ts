// Matching speed against knowledge bases of 50, 1,000 and 10,000 articles: the shop set padded
// with synthetic product questions, every labeled message matched in turn. Printed as ratios to
// the 50-article floor (absolute numbers depend on the machine; a benchmark never asserts).
// Time is this process's CPU time, not wall time: the machine is shared, and other processes'
// load would otherwise swamp the ratios.
import { createMatcher } from '../matcher';
import { shopLabeledSet } from './labeled-set';
import { syntheticArticles } from './synthetic-kb';

const set = shopLabeledSet();
const texts = set.messages.map((m) => m.text);
const sizes = [50, 1_000, 10_000];
const minMs = Number(process.env.KEFU_BENCH_MS ?? 2000);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function measure(size: number): { perSecond: number; buildMs: number } {
  const articles = [...set.articles, ...syntheticArticles(size - set.articles.length)];
  const t0 = cpuMs();
  const matcher = createMatcher(articles, { synonyms: set.synonyms });
  const buildMs = cpuMs() - t0;
  for (const t of texts.slice(0, 50)) matcher.match(t); // warm-up
  let done = 0;
  const start = cpuMs();
  while (cpuMs() - start < minMs) {
    for (const t of texts) matcher.match(t);
    done += texts.length;
  }
  return { perSecond: done / ((cpuMs() - start) / 1000), buildMs };
}

const results = sizes.map((size) => ({ size, ...measure(size) }));
const floor = results[0]!;
console.log('Knowledge-base matching speed (messages matched per CPU second, ratio to 50 articles):');
console.log(
  `${'articles'.padStart(8)} ${'msgs/s'.padStart(9)} ${'ratio'.padStart(7)} ${'index build (CPU)'.padStart(18)}`,
);
for (const r of results) {
  console.log(
    `${String(r.size).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${(r.perSecond / floor.perSecond).toFixed(3).padStart(7)} ${`${r.buildMs.toFixed(0)} ms`.padStart(18)}`,
  );
}
