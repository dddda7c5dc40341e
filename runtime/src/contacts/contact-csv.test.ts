import { describe, expect, it } from 'vitest';
import type { ContactWire } from '@kefu/schemas/api';
import { exportContactsCsv, parseContactsCsv } from './contact-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const contact = (fields: Partial<ContactWire>): ContactWire => ({
  id: '0123456789abcdef01234567',
  tags: [],
  attributes: {},
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  ...fields,
});

describe('parseContactsCsv', () => {
  it('reads Chinese header names, and other columns as attributes with safe keys', () => {
    const r = parseContactsCsv(
      utf8('姓名,手机,标签,会员.等级,$city\n李雷,13800001111,"vip，新客",金卡,上海\n'),
    );
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

  it('reports a row with bytes that are not UTF-8 and keeps the rows around it', () => {
    const gbk = new Uint8Array([0xc0, 0xee, 0xc0, 0xd7]); // 李雷 in GBK
    const bytes = new Uint8Array([
      ...utf8('name,email\nAnn,ann@example.com\n'),
      ...gbk,
      ...utf8(',x@example.com\nBo,bo@example.com\n'),
    ]);
    const r = parseContactsCsv(bytes);
    expect(r.rows.map((x) => x.name)).toEqual(['Ann', 'Bo']);
    expect(r.problems).toEqual([expect.objectContaining({ row: 3, code: 'encoding', field: 'name' })]);
  });

  it('refuses a file without a name, email or phone column, and an empty file', () => {
    expect(parseContactsCsv(utf8('city,plan\nx,y\n')).problems.at(-1)).toMatchObject({
      row: null,
      code: 'columns',
    });
    expect(parseContactsCsv(utf8('')).problems).toEqual([
      { row: null, code: 'columns', message: 'the file is empty' },
    ]);
  });

  it('reports a phone that is not one and an id that is not a contact id', () => {
    const r = parseContactsCsv(utf8('id,name,phone\n,Ann,12\nnot-an-id,Bo,\n'));
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'phone'],
      [3, 'id'],
    ]);
  });
});

describe('exportContactsCsv', () => {
  it('defuses formulas and reads back: attribute keys that clash with columns get a prefix', () => {
    const csv = exportContactsCsv([
      contact({
        name: '=cmd|calc',
        email: 'a@example.com',
        tags: ['x', 'y'],
        attributes: { email: 'other', plan: 'gold', visits: 3 },
      }),
    ]);
    expect(csv.split('\n')[0]).toBe('\uFEFFid,name,email,phone,tags,createdAt,attribute:email,plan,visits');
    expect(csv).toContain("'=cmd|calc");
    const back = parseContactsCsv(utf8(csv));
    expect(back.problems).toEqual([]);
    expect(back.rows[0]).toMatchObject({
      email: 'a@example.com',
      tags: ['x', 'y'],
      attributes: { email: 'other', plan: 'gold', visits: '3' },
    });
  });
});
