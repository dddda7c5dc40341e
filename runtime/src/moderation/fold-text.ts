/**
 * Text as the sensitive-word matcher reads it: full-width letters and digits folded to their usual
 * form (NFKC), lower case, and every space, punctuation mark, symbol and invisible format character
 * left out, so "f u c k", "f.u.c.k", "ＦＵＣＫ" and "傻 逼" read as the word. `start`/`end` map each
 * UTF-16 unit of the folded text back to the code point of the text as written, so a hit can be
 * masked where it was typed.
 */
export interface FoldedText {
  folded: string;
  start: number[];
  end: number[];
}

const LEFT_OUT = /^[\p{Z}\p{P}\p{S}\p{Cf}\p{Cc}]+$/u;

export function foldText(text: string): FoldedText {
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const char of text) {
    const from = at;
    at += char.length;
    if (LEFT_OUT.test(char)) continue;
    for (const unit of char.normalize('NFKC').toLowerCase()) {
      // Folding can itself give a symbol or a space (NFKC of "…" is "..."): left out as well.
      if (LEFT_OUT.test(unit)) continue;
      folded += unit;
      for (let k = 0; k < unit.length; k++) {
        start.push(from);
        end.push(at);
      }
    }
  }
  return { folded, start, end };
}

/** A word as the matcher keeps it: folded the same way, so the list and the messages agree. */
export const foldWord = (word: string) => foldText(word).folded;
