import { describe, expect, it } from 'vitest';
import { exportArticlesCsv } from './export-articles';
import { parseArticlesCsv } from './parse-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const header = 'question,phrasings,answer,tags,locale\n';

describe('parseArticlesCsv', () => {
  it('imports good rows with phrasings and tags split on |', () => {
    const r = parseArticlesCsv(
      utf8(header + '怎么退货？,七天无理由吗|能退吗,签收后 7 天内可以退货。,退货|售后,zh-CN\n'),
    );
    expect(r.problems).toEqual([]);
    expect(r.articles).toEqual([
      {
        row: 2,
        article: {
          question: '怎么退货？',
          phrasings: ['七天无理由吗', '能退吗'],
          answer: '签收后 7 天内可以退货。',
          tags: ['退货', '售后'],
          locale: 'zh-CN',
          enabled: true,
        },
      },
    ]);
  });

  it('reports each bad row with its line and keeps the good ones', () => {
    const file = [
      'question,phrasings,answer,tags,locale',
      'How do I return an item?,Return policy?,Within 7 days.,returns,en', // 2 good
      'When is my refund?,,,refunds,en', // 3 empty answer
      ',,An answer without a question,,en', // 4 missing question
      'Too,many,columns,here,en,extra', // 5 wrong column count
      'how do i return an item,,Again.,,en', // 6 duplicate of line 2
      'Do you ship abroad?,,"Yes, to 40 countries.",shipping,english!', // 7 bad locale
      '"Multi-line answer?",,"Line one',
      'line two",,en', // 8-9 good, ends on line 9
      '可以开发票吗,,可以。,发票,', // 10 good, default locale
    ].join('\n');
    const r = parseArticlesCsv(utf8(file), { defaultLocale: 'zh-CN' });
    expect(r.articles.map((a) => [a.row, a.article.question])).toEqual([
      [2, 'How do I return an item?'],
      [9, 'Multi-line answer?'],
      [10, '可以开发票吗'],
    ]);
    expect(r.articles[2]!.article.locale).toBe('zh-CN');
    expect(r.articles[1]!.article.answer).toBe('Line one\nline two');
    expect(r.problems.map((p) => [p.row, p.code, p.field])).toEqual([
      [3, 'empty-answer', 'answer'],
      [4, 'missing', 'question'],
      [5, 'columns', undefined],
      [6, 'duplicate', 'question'],
      [7, 'invalid', 'locale'],
    ]);
    expect(r.problems[3]!.message).toContain('row 2');
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    const r = parseArticlesCsv(utf8('title,phrasings,reply\nHow?,,Like this.\n'));
    expect(r.articles).toEqual([]);
    expect(r.problems.at(-1)).toMatchObject({ row: null, code: 'columns' });
    expect(r.problems.at(-1)!.message).toContain('"question" and "answer"');
    expect(r.problems.filter((p) => p.code === 'columns' && p.row === 1).map((p) => p.field)).toEqual([
      'title',
      'reply',
    ]);
  });

  it('accepts Chinese header names and ignores unknown columns with a note', () => {
    const r = parseArticlesCsv(utf8('问题,答案,备注\n营业时间？,每天 10 点到 21 点。,内部\n'));
    expect(r.articles.map((a) => a.article.answer)).toEqual(['每天 10 点到 21 点。']);
    expect(r.problems).toEqual([
      { row: 1, field: '备注', code: 'columns', message: 'unknown column "备注" is ignored' },
    ]);
  });

  it('refuses a UTF-16 file (Excel "Unicode text") as a whole', () => {
    const text = header + 'How?,,Like this.,,en\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    const withBom = parseArticlesCsv(le);
    expect(withBom.articles).toEqual([]);
    expect(withBom.problems).toMatchObject([{ row: null, code: 'encoding' }]);
    const withoutBom = parseArticlesCsv(le.subarray(2));
    expect(withoutBom.problems).toMatchObject([{ row: null, code: 'encoding' }]);
  });

  it('reports rows holding bytes that are not UTF-8 (a GBK line) and keeps the rest', () => {
    const good = utf8(header + 'How do I return?,,Within 7 days.,,en\n');
    const gbk = new Uint8Array([0xcd, 0xcb, 0xbb, 0xf5, 0x2c, 0x2c, 0x31, 0x2c, 0x2c, 0x0a]); // "退货,,1,,\n" in GBK
    const tail = utf8('Where is my order?,,Track it on the order page.,,en\n');
    const r = parseArticlesCsv(new Uint8Array([...good, ...gbk, ...tail]));
    expect(r.articles.map((a) => a.row)).toEqual([2, 4]);
    expect(r.problems).toMatchObject([{ row: 3, code: 'encoding', field: 'question' }]);
  });

  it('strips a UTF-8 byte-order mark', () => {
    const r = parseArticlesCsv(utf8('\uFEFF' + header + 'How?,,Like this.,,en\n'));
    expect(r.problems).toEqual([]);
    expect(r.articles).toHaveLength(1);
  });

  it('skips a record broken by a stray quote, reporting it, and reads on', () => {
    const r = parseArticlesCsv(
      utf8(header + 'Good one?,,Yes.,,en\n"Bad "quote",,x,,en\nAnother?,,Sure.,,en\n'),
    );
    expect(r.articles.map((a) => a.article.question)).toEqual(['Good one?', 'Another?']);
    expect(r.problems).toMatchObject([{ row: 3, code: 'syntax' }]);
  });

  it('reports questions already in the workspace as duplicates', () => {
    const r = parseArticlesCsv(utf8(header + 'How do I return an item?,,Within 7 days.,,en\n'), {
      existingQuestions: ['How do I return an item'],
    });
    expect(r.articles).toEqual([]);
    expect(r.problems).toMatchObject([
      { row: 2, code: 'duplicate', message: 'this question is already in the knowledge base' },
    ]);
  });

  it('refuses an empty file and reads the enabled column', () => {
    expect(parseArticlesCsv(utf8('')).problems).toMatchObject([{ row: null, code: 'columns' }]);
    const r = parseArticlesCsv(utf8('question,answer,enabled\nA?,a,否\nB?,b,yes\nC?,c,maybe\n'));
    expect(r.articles.map((a) => a.article.enabled)).toEqual([false, true]);
    expect(r.problems).toMatchObject([{ row: 4, code: 'invalid', field: 'enabled' }]);
  });

  it('reads back an export whose formula-leading cells were neutralised, unchanged', () => {
    const article = {
      id: '0123456789abcdef01234567',
      question: '=HYPERLINK("http://x")',
      phrasings: ['+1 refund?', '@support'],
      answer: '- open Orders\n- press Return',
      tags: ['-sale'],
      locale: 'en',
      enabled: true,
    };
    const csv = exportArticlesCsv([article]);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'+1 refund?|@support`);
    expect(csv).toContain(`"'- open Orders`);
    expect(csv).toContain(`'-sale`);
    const back = parseArticlesCsv(utf8(csv));
    expect(back.problems).toEqual([]);
    const { id: _id, ...rest } = article;
    expect(back.articles[0]!.article).toMatchObject(rest);
  });

  it('reports a row whose text holds NUL or another control character, and keeps the rest', () => {
    const r = parseArticlesCsv(utf8(header + 'bad\u0000,,x,,en\nfine,,y,,en\nbell,,ring\u0007,,en\n'));
    expect(r.problems).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'question',
        code: 'invalid',
        message: expect.stringContaining('U+0000'),
      }),
      expect.objectContaining({
        row: 4,
        field: 'answer',
        code: 'invalid',
        message: expect.stringContaining('U+0007'),
      }),
    ]);
    expect(r.articles.map((a) => a.article.question)).toEqual(['fine']);
  });
});
