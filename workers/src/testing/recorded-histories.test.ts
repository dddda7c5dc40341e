import { describe, expect, it } from 'vitest';
import { patchCallsIn } from './recorded-histories';

describe('the scan for patch ids in workflow code', () => {
  it('finds literal ids, also over several lines, and not in comments', () => {
    const text = [
      "import { patched } from '@temporalio/workflow';",
      "// patched('in-a-comment') is not a call",
      "/* nor is deprecatePatch('in-a-block') */",
      "const a = !input.test && patched('history-after-quiet');",
      'const b = patched(',
      '  "spread-over-lines",',
      ');',
      'deprecatePatch(`old-one`);',
    ].join('\n');
    expect(patchCallsIn(text)).toEqual({
      ids: ['history-after-quiet', 'spread-over-lines', 'old-one'],
      unreadableLines: [],
    });
  });

  it('reports calls whose id is not a literal, by line', () => {
    const text = ["const ID = 'x';", 'if (patched(ID)) go();', 'patched(`${ID}-2`);'].join('\n');
    expect(patchCallsIn(text)).toEqual({ ids: [], unreadableLines: [2, 3] });
  });
});
