import { pinyin } from 'pinyin-pro';
import { stemmer } from 'stemmer';
import { chineseStopWords, englishStopWords } from './stop-words';

/**
 * One term of analysed text. `start`/`end` are offsets in the normalised text; the confidence
 * score uses them to tell how much of the customer's message a matched article accounts for.
 */
export interface Token {
  term: string;
  /**
   * word: a segmenter word (stemmed for Latin); bigram: two adjacent Han characters; sound: the
   * toneless pinyin of a bigram ("#tuihuo"); synonym: a workspace synonym group ("~3").
   */
  kind: 'word' | 'bigram' | 'sound' | 'synonym';
  start: number;
  end: number;
  /** For synonym tokens: the spans of text that triggered the group. */
  spans?: Array<[number, number]>;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  /** Han characters and Latin words, used to guess the message's language. */
  hanChars: number;
  latinWords: number;
  /** Stop words of each language: the grammar words that frame the sentence. */
  zhFunctionWords: number;
  enFunctionWords: number;
}

const han = /\p{Script=Han}/u;
const hanRun = /\p{Script=Han}+/gu;
const latinWord = /[\p{Script=Latin}\d]/u;

// One segmenter for the process: constructing it loads ICU data and costs more than a match.
// Node's full ICU build segments Chinese into dictionary words ("运费|多少钱"); it also splits
// words it does not know ("退|货"), which is why Han runs are indexed as bigrams as well.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Folds full-width forms (NFKC), case and curly quotes so "ＶＩＰ", "Vip" and "vip" are one term. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'");
}

/**
 * Splits text into index/query terms: Chinese words from Intl.Segmenter plus Han bigrams (robust
 * to unknown words and segmentation differences between question and message), English words
 * lower-cased, stop-word filtered and Porter-stemmed. Mixed text is handled segment by segment.
 */
export function analyze(input: string): Analysis {
  const text = normalize(input);
  const tokens: Token[] = [];
  let hanChars = 0;
  let latinWords = 0;
  let zhFunctionWords = 0;
  let enFunctionWords = 0;
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const word = seg.segment;
    const start = seg.index;
    const end = start + word.length;
    if (han.test(word)) {
      hanChars += word.length;
      if (chineseStopWords.has(word)) zhFunctionWords++;
      else tokens.push({ term: word, kind: 'word', start, end });
    } else if (latinWord.test(word)) {
      // Order numbers, prices and dates say nothing about which question is asked.
      if (/^\d+$/.test(word)) continue;
      latinWords += 1;
      const bare = word.replace(/^'+|'+$/g, '');
      if (englishStopWords.has(bare)) enFunctionWords++;
      if (bare.length < 2 || englishStopWords.has(bare)) continue;
      tokens.push({ term: stemmer(bare.replace(/'s$/, '')), kind: 'word', start, end });
    }
  }
  for (const run of text.matchAll(hanRun)) {
    const s = run[0];
    const at = run.index ?? 0;
    for (let i = 0; i + 1 < s.length; i++) {
      const bigram = s.slice(i, i + 2);
      if (chineseStopWords.has(bigram)) continue;
      tokens.push({ term: bigram, kind: 'bigram', start: at + i, end: at + i + 2 });
      tokens.push({
        term: `#${sound(s[i]!)}${sound(s[i + 1]!)}`,
        kind: 'sound',
        start: at + i,
        end: at + i + 2,
      });
    }
  }
  return { text, tokens, hanChars, latinWords, zhFunctionWords, enFunctionWords };
}

/**
 * The language a message is written in: the one whose grammar words frame it, so "可以machine
 * wash吗" is Chinese and "Do you accept 微信支付" English whatever the nouns. Without grammar
 * words, the script with more words wins; a Chinese word averages about two characters
 * (segmenter words are no help: it splits words it does not know). Ties go to Chinese.
 */
export function guessLanguage(
  a: Pick<Analysis, 'hanChars' | 'latinWords' | 'zhFunctionWords' | 'enFunctionWords'>,
): 'zh' | 'en' {
  if (a.zhFunctionWords !== a.enFunctionWords) return a.zhFunctionWords > a.enFunctionWords ? 'zh' : 'en';
  return a.hanChars > 0 && a.hanChars / 2 >= a.latinWords ? 'zh' : 'en';
}

// Most Chinese typing goes through pinyin input, so the commonest typo is a homophone
// ("退或" for "退货", "运废" for "运费"). Indexing each bigram's sound as well lets those match.
// Per character and without tones: context-free, so index and query always agree.
const sounds = new Map<string, string>();
function sound(char: string): string {
  let s = sounds.get(char);
  if (s === undefined) {
    s = pinyin(char, { toneType: 'none', type: 'string' }).replace(/\s+/g, '');
    sounds.set(char, s);
  }
  return s;
}
