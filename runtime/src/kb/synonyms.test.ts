import { describe, expect, it } from 'vitest';
import type { KbArticle } from './article';
import { createMatcher } from './matcher';
import { createSynonymExpander } from './synonyms';
import { analyze } from './tokenize';

const groups = [
  ['退货', '退回', 'return', 'send back'],
  ['营业时间', 'opening hours'],
];
const expand = (text: string) =>
  createSynonymExpander(groups)
    .expand(analyze(text).tokens)
    .filter((t) => t.kind === 'synonym')
    .map((t) => t.term);

describe('synonym expansion', () => {
  it('gives every member of a group the same group token', () => {
    expect(expand('我要退货')).toEqual(['~0']);
    expect(expand('can I return it')).toEqual(['~0']);
    expect(expand('寄回去可以吗，退回地址')).toEqual(['~0']);
  });

  it('matches phrases only when all their words occur', () => {
    expect(expand('I want to send it back')).toEqual(['~0']);
    expect(expand('send me the invoice')).toEqual([]);
    expect(expand('what are your opening hours')).toEqual(['~1']);
    expect(expand('the store opens at ten')).toEqual([]);
  });

  it('finds Chinese terms inside unsegmented text whatever the segmenter did', () => {
    expect(expand('退货要多久')).toEqual(['~0']);
  });

  it('records the text it stands for, so confidence counts the words it covers', () => {
    const [token] = createSynonymExpander(groups)
      .expand(analyze('please send back').tokens)
      .filter((t) => t.kind === 'synonym');
    expect(token?.spans?.length).toBe(2);
  });

  it('lets a message match an article worded with another member of the group', () => {
    const articles: KbArticle[] = [
      {
        id: 'returns',
        locale: 'zh-CN',
        question: '怎么退货？',
        phrasings: ['七天无理由退货吗'],
        answer: '签收后 7 天内可以退货。',
        tags: [],
      },
      {
        id: 'hours',
        locale: 'zh-CN',
        question: '营业时间是几点？',
        phrasings: ['几点开门'],
        answer: '每天 10:00–21:00。',
        tags: [],
      },
    ];
    const without = createMatcher(articles).match('我想return这件');
    const withSynonyms = createMatcher(articles, { synonyms: groups }).match('我想return这件');
    expect(without.answer).toBeNull();
    expect(withSynonyms.answer?.article.id).toBe('returns');
  });
});
