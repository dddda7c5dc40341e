import { describe, expect, it } from 'vitest';
import type { Token } from './tokenize';
import { correct } from './vocabulary';

const known = new Map([
  ['return', 3],
  ['invoic', 2],
  ['wash', 1],
  ['退货', 1],
]);
const word = (term: string): Token => ({ term, kind: 'word', start: 0, end: term.length });

describe('correct', () => {
  it('reads two swapped letters as the known word', () => {
    expect(correct(word('retrun'), known).term).toBe('return');
    expect(correct(word('inovic'), known).term).toBe('invoic');
  });

  it('reads an unknown derivation as the longest known word that starts it', () => {
    expect(correct(word('washabl'), known).term).toBe('wash');
  });

  it('leaves known, short, Chinese and non-word terms alone', () => {
    expect(correct(word('return'), known).term).toBe('return');
    expect(correct(word('wsah'), known).term).toBe('wash');
    expect(correct(word('abc'), known).term).toBe('abc');
    expect(correct(word('退或'), known).term).toBe('退或');
    expect(correct({ ...word('retrun'), kind: 'bigram' }, known).term).toBe('retrun');
    expect(correct(word('weather'), known).term).toBe('weather');
  });
});
