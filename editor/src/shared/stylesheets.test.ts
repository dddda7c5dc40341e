import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(__dirname, '..');

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** How deep the braces still are at the end of the sheet, and where one closes with none open. */
function braceDepth(css: string): { end: number; strayClose: number | null } {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth < 0) return { end: depth, strayClose: i };
  }
  return { end: depth, strayClose: null };
}

describe('stylesheets', () => {
  // A rule left open swallows every rule after it: browsers read them as nested (CSS nesting), so
  // the page loads without an error and the rules silently stop applying. A merge once dropped the
  // `}` of `.transcript-run-list` and the invite page's card lost its look.
  it.each(stylesheets(srcDir).map((path) => [relative(srcDir, path), path]))(
    '%s closes every rule it opens',
    (_, path) => {
      expect(braceDepth(readFileSync(path, 'utf8'))).toEqual({ end: 0, strayClose: null });
    },
  );

  it('notices a rule left open', () => {
    expect(braceDepth('.a { color: red;\n/* b */\n.b { color: blue; }').end).toBe(1);
    expect(braceDepth('.a { content: "}"; }')).toEqual({ end: 0, strayClose: null });
  });
});
