import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends each line with CRLF', () => {
    const csv = toCsv([
      ['团队', 'CSAT'],
      ['售后', 4.5],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('团队,CSAT\r\n售后,4.5\r\n');
    // As bytes: EF BB BF, then the characters in UTF-8.
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180), and only those', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(toCsv([['x,y', 'z']]).slice(1)).toBe('"x,y",z\r\n');
  });

  it('writes empty cells for null, undefined and numbers that are not finite', () => {
    expect(toCsv([[null, undefined, NaN, Infinity, 0]]).slice(1)).toBe(',,,,0\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    // Numbers are numbers: a negative change stays one.
    expect(csvField(-2)).toBe('-2');
    expect(csvField('a=b')).toBe('a=b');
  });
});
