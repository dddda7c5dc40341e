import type { KbArticle } from '../article';
import type { SynonymGroups } from '../synonyms';
import kb from './shop-kb.json' with { type: 'json' };
import messageFile from './messages.json' with { type: 'json' };

export interface LabeledMessage {
  text: string;
  /** The article a good agent would answer with; null when the knowledge base cannot answer. */
  expected: string | null;
  lang: 'zh' | 'en' | 'mixed';
  /**
   * Every third message is held out: matcher changes are studied on the dev part only
   * (`eval:kb --misses` lists dev misses), and the held-out part shows whether they generalise.
   */
  split: 'dev' | 'holdout';
}

export interface LabeledSet {
  articles: KbArticle[];
  synonyms: SynonymGroups;
  messages: LabeledMessage[];
}

/** The hand-written shop knowledge base and customer messages kept in this folder. */
export function shopLabeledSet(): LabeledSet {
  return {
    articles: kb.articles,
    synonyms: kb.synonyms,
    messages: messageFile.messages.map((m, i) => ({
      text: m.text,
      expected: m.expected,
      lang: m.lang as LabeledMessage['lang'],
      split: i % 3 === 2 ? 'holdout' : 'dev',
    })),
  };
}
