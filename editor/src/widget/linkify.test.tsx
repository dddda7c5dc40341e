import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

const html = (text: string) => renderToStaticMarkup(<p>{linkify(text)}</p>);

describe('linkify', () => {
  it('turns http(s) addresses into links that open safely, leaving the punctuation after them', () => {
    expect(html('See https://shop.example.com/returns. Thanks')).toBe(
      '<p>See <a href="https://shop.example.com/returns" target="_blank" rel="noopener noreferrer nofollow">https://shop.example.com/returns</a>. Thanks</p>',
    );
    expect(html('退货说明：https://shop.example.com/退货。')).toContain(
      'href="https://shop.example.com/退货"',
    );
  });

  it('never interprets markup or other schemes', () => {
    const text = '<a href="javascript:alert(1)">x</a> javascript:alert(1) data:text/html,hi';
    expect(html(text)).toBe(
      '<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt; javascript:alert(1) data:text/html,hi</p>',
    );
  });
});
