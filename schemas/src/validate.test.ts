import { describe, expect, it } from 'vitest';
import { widgetSendSchema, type WidgetSend } from './widget-frames';
import { checker } from './validate';

describe('checker', () => {
  const check = checker<WidgetSend>(widgetSendSchema);

  it('accepts a valid value and returns it typed', () => {
    const result = check({ type: 'message', clientMessageId: 'abcdefgh', text: 'hi' });
    expect(result).toEqual({ ok: true, value: { type: 'message', clientMessageId: 'abcdefgh', text: 'hi' } });
  });

  it('names the missing, extra and wrong fields themselves, all at once', () => {
    const result = check({ type: 'message', text: 5, extra: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { field: '/clientMessageId', keyword: 'required', message: 'is required' },
        { field: '/extra', keyword: 'additionalProperties', message: 'is not allowed here' },
        { field: '/text', keyword: 'type', message: 'must be string' },
      ]),
    );
  });
});
