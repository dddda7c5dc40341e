import { describe, expect, it } from 'vitest';
import type { ContactWire } from '@kefu/schemas/api';
import { contactCsvHeader, contactCsvLines, readContactHeader, readContactRow } from './contact-csv';
import { csvBatches } from './import/csv-batches';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const contact = (fields: Partial<ContactWire>): ContactWire => ({
  id: '0123456789abcdef01234567',
  tags: [],
  attributes: {},
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  ...fields,
});

/** Reads a whole file the way an import does: header, then each record by it. */
async function read(bytes: Buffer) {
  async function* source() {
    yield bytes;
  }
  const records: { fields: string[]; line: number }[] = [];
  const problems: unknown[] = [];
  for await (const batch of csvBatches(source(), { byte: 0, line: 0 }, 2)) {
    records.push(...batch.records);
    problems.push(...batch.problems);
  }
  const [header, ...rest] = records;
  const checked = readContactHeader(header!.fields);
  if (!checked.ok) return { refused: checked.message, rows: [], problems };
  const rows = [];
  for (const r of rest) {
    const one = readContactRow(checked.columns, r.fields, r.line);
    if (one.ok) rows.push(one.row);
    else problems.push(one.problem);
  }
  return { rows, problems };
}

describe('reading an uploaded contacts CSV', () => {
  it('reads Chinese header names, and other columns as attributes with safe keys', async () => {
    const r = await read(utf8('姓名,手机,标签,会员.等级,$city\n李雷,13800001111,"vip，新客",金卡,上海\n'));
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        name: '李雷',
        phone: '13800001111',
        tags: ['vip', '新客'],
        attributes: { 会员_等级: '金卡', _city: '上海' },
      },
    ]);
  });

  it('reports a row with bytes that are not UTF-8 and keeps the rows around it', async () => {
    const gbk = Buffer.from([0xc0, 0xee, 0xc0, 0xd7]); // 李雷 in GBK
    const r = await read(
      Buffer.concat([
        utf8('name,email\nAnn,ann@example.com\n'),
        gbk,
        utf8(',x@example.com\nBo,bo@example.com\n'),
      ]),
    );
    expect(r.rows.map((x) => x.name)).toEqual(['Ann', 'Bo']);
    expect(r.problems).toEqual([expect.objectContaining({ row: 3, code: 'encoding', field: 'name' })]);
  });

  it('refuses a header without a name, email or phone column, or with a column twice', () => {
    expect(readContactHeader(['city', 'plan'])).toMatchObject({ ok: false });
    expect(readContactHeader(['name', 'Email', 'email'])).toEqual({
      ok: false,
      message: 'the column "email" appears twice in the header',
    });
  });

  it('reports a phone that is not one, an id that is not a contact id, and a row of the wrong width', async () => {
    const r = await read(utf8('id,name,phone\n,Ann,12\nnot-an-id,Bo,\nx,y\n'));
    expect(r.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'phone', code: 'invalid' }),
      expect.objectContaining({ row: 3, field: 'id', code: 'invalid' }),
      expect.objectContaining({ row: 4, code: 'columns' }),
    ]);
  });
});

describe('reading a CSV in batches from any position', () => {
  const file = utf8(
    '\uFEFFname,email\nAnn,a@x.io\n"Multi\nline",b@x.io\n\nBad"quote,c@x.io\nDee,d@x.io\nEve,e@x.io\n',
  );
  async function* pieces(from: number) {
    // Cut into small pieces, across records and UTF-8 sequences alike.
    for (let i = from; i < file.length; i += 7) yield file.subarray(i, Math.min(i + 7, file.length));
  }

  it('gives each batch its end, and a read resumed from any end goes on with the same lines', async () => {
    const all = [];
    for await (const b of csvBatches(pieces(0), { byte: 0, line: 0 }, 2)) all.push(b);
    const lines = all.flatMap((b) => b.records.map((r) => [r.line, r.fields[0]]));
    expect(lines).toEqual([
      [1, 'name'],
      [2, 'Ann'],
      [4, 'Multi\nline'],
      [7, 'Dee'],
      [8, 'Eve'],
    ]);
    expect(all.flatMap((b) => b.problems)).toEqual([expect.objectContaining({ row: 6, code: 'syntax' })]);

    for (const batch of all.slice(0, -1)) {
      const resumed = [];
      for await (const b of csvBatches(pieces(batch.end.byte), batch.end, 2))
        resumed.push(...b.records.map((r) => [r.line, r.fields[0]]));
      expect(resumed).toEqual(lines.filter(([line]) => (line as number) > batch.end.line));
    }
  });

  it('ends a file cut inside a quoted field with one problem for the rest', async () => {
    async function* cut() {
      yield utf8('name\nAnn\n"Bo\n');
    }
    const batches = [];
    for await (const b of csvBatches(cut(), { byte: 0, line: 0 }, 10)) batches.push(b);
    expect(batches.flatMap((b) => b.records.map((r) => r.fields[0]))).toEqual(['name', 'Ann']);
    expect(batches.flatMap((b) => b.problems)).toEqual([expect.objectContaining({ row: 3, code: 'syntax' })]);
  });
});

describe('writing contacts as CSV', () => {
  it('defuses formulas and reads back: attribute keys that clash with columns get a prefix', async () => {
    const keys = ['email', 'plan', 'visits'];
    const csv =
      contactCsvHeader(keys) +
      contactCsvLines(
        [
          contact({
            name: '=cmd|calc',
            email: 'a@example.com',
            tags: ['x', 'y'],
            attributes: { email: 'other', plan: 'gold', visits: 3 },
          }),
        ],
        keys,
      );
    expect(csv.split('\n')[0]).toBe('\uFEFFid,name,email,phone,tags,createdAt,attribute:email,plan,visits');
    expect(csv).toContain("'=cmd|calc");
    const back = await read(utf8(csv));
    expect(back.problems).toEqual([]);
    expect(back.rows[0]).toMatchObject({
      email: 'a@example.com',
      tags: ['x', 'y'],
      attributes: { email: 'other', plan: 'gold', visits: '3' },
    });
  });

  it('neutralises formula-leading text in every column and reads the same values back', async () => {
    const keys = ['=key', 'balance', 'note', 'score', 'vip'];
    const attack = "=cmd|'/Ccalc'!A0@x.co";
    const csv =
      contactCsvHeader(keys) +
      contactCsvLines(
        [
          contact({
            name: '@SUM(A1)',
            email: attack,
            phone: '+86 139 0000 4444',
            tags: ['-tag', 'ok'],
            attributes: { '=key': 'x', balance: -5, note: '\tindented', score: '-2.5', vip: true },
          }),
          contact({ name: '＝full-width', attributes: { note: '\rcarriage', balance: '-5+1' } }),
        ],
        keys,
      );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(`\uFEFFid,name,email,phone,tags,createdAt,'=key,balance,note,score,vip`);
    // Every cell a spreadsheet would run starts with a quote; numbers stay numbers.
    expect(lines[1]).toBe(
      `0123456789abcdef01234567,'@SUM(A1),'${attack},'+86 139 0000 4444,'-tag|ok,2026-11-26T00:00:00.000Z,x,-5,'\tindented,-2.5,true`,
    );
    expect(lines[2]).toContain(`'＝full-width`);
    expect(lines[2]).toContain(`"'\rcarriage"`);
    expect(lines[2]).toContain(`'-5+1`);
    const cells = lines.slice(1, 3).join('\n');
    expect(cells).not.toMatch(/(^|,)"?(?!-\d+(\.\d+)?(,|$))[=+\-@\t\r＝＋－＠]/m);

    const back = await read(utf8(csv));
    expect(back.problems).toEqual([]);
    expect(back.rows[0]).toMatchObject({
      name: '@SUM(A1)',
      phone: '+86 139 0000 4444',
      tags: ['-tag', 'ok'],
      attributes: { '=key': 'x', balance: '-5', note: 'indented', score: '-2.5', vip: 'true' },
    });
    expect(back.rows[1]).toMatchObject({
      name: '＝full-width',
      attributes: { note: 'carriage', balance: '-5+1' },
    });
  });
});

describe('text an import refuses as the API does', () => {
  it('reports a row with NUL or an escape character, and refuses a prototype name as a column', async () => {
    // (A lone surrogate cannot be written as UTF-8: in a file it is bytes that are not UTF-8.)
    const r = await read(utf8('name,plan\nAnn,gold\u0000\nBo,x\u001b[2J\nCy,ok\n'));
    expect(r.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'plan', message: expect.stringContaining('U+0000') }),
      expect.objectContaining({ row: 3, field: 'plan', message: expect.stringContaining('U+001B') }),
    ]);
    expect(r.rows.map((row) => row.name)).toEqual(['Cy']);
    expect(await read(utf8('name,constructor\nAnn,x\n'))).toMatchObject({
      refused: expect.stringContaining('"constructor" is a reserved name'),
    });
    expect(await read(utf8('name,attribute:__proto__\nAnn,x\n'))).toMatchObject({
      refused: expect.stringContaining('reserved'),
    });
  });
});
