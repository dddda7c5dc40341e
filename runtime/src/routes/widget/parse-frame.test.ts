import { describe, expect, it } from 'vitest';
import { KefuError } from '../../errors';
import { parseWidgetFrame } from './parse-frame';

const frame = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const failure = (raw: Buffer, isBinary = false) => {
  try {
    parseWidgetFrame(raw, isBinary);
  } catch (err) {
    if (err instanceof KefuError) return err.toBody();
    throw err;
  }
  throw new Error('expected the frame to be refused');
};

describe('parseWidgetFrame', () => {
  it('accepts hello and message frames', () => {
    expect(
      parseWidgetFrame(frame({ type: 'hello', workspace: 'demo', visitorId: 'visitor-0001' }), false),
    ).toEqual({
      type: 'hello',
      workspace: 'demo',
      visitorId: 'visitor-0001',
    });
    expect(
      parseWidgetFrame(frame({ type: 'message', clientMessageId: 'abcdefgh', text: '你好' }), false),
    ).toMatchObject({
      text: '你好',
    });
  });

  it('names what is wrong', () => {
    expect(failure(frame('{"type":'))).toMatchObject({ code: 'KEFU_ERR_BAD_JSON', statusCode: 400 });
    expect(failure(frame('null'))).toMatchObject({ code: 'KEFU_ERR_UNKNOWN_FRAME', field: '/type' });
    expect(failure(frame({ kind: 'hello' }))).toMatchObject({
      code: 'KEFU_ERR_UNKNOWN_FRAME',
      field: '/type',
    });
    expect(failure(frame({ type: 'x'.repeat(1000) })).message.length).toBeLessThan(200);
    expect(failure(frame({ type: 'message', clientMessageId: 'abcdefgh', text: 42 }))).toMatchObject({
      code: 'KEFU_ERR_VALIDATION',
      field: '/text',
    });
    expect(failure(frame({ type: 'message', clientMessageId: 'has space!', text: 'a' }))).toMatchObject({
      field: '/clientMessageId',
    });
    expect(failure(frame({ type: 'hello' }), true)).toMatchObject({ code: 'KEFU_ERR_BAD_JSON' });
  });

  it('refuses frames over the size limit before parsing them', () => {
    expect(failure(Buffer.alloc(17 * 1024, 'a'))).toMatchObject({
      code: 'KEFU_ERR_FRAME_TOO_LARGE',
      statusCode: 413,
    });
  });

  it('accepts typing and offline-form frames, and names the field of a bad form', () => {
    expect(parseWidgetFrame(frame({ type: 'typing', typing: true }), false)).toEqual({
      type: 'typing',
      typing: true,
    });
    const form = { type: 'offline-form', requestId: 'request-0001', email: 'ann@example.com', message: 'Hi' };
    expect(parseWidgetFrame(frame(form), false)).toEqual(form);
    expect(failure(frame({ ...form, email: 'not an email' }))).toMatchObject({
      field: '/email',
      statusCode: 400,
    });
    expect(failure(frame({ ...form, message: '' }))).toMatchObject({ field: '/message' });
    expect(failure(frame({ type: 'typing', typing: 'yes' }))).toMatchObject({ field: '/typing' });
  });

  it('refuses text that cannot be stored as given, naming the field', () => {
    const offline = { type: 'offline-form', requestId: 'request-0001', email: 'a@b.co', message: 'hi' };
    expect(failure(frame({ ...offline, name: 'Lin\u0000' }))).toMatchObject({
      statusCode: 400,
      code: 'KEFU_ERR_VALIDATION',
      field: '/name',
    });
    expect(
      failure(frame({ type: 'message', clientMessageId: 'abcdefgh', text: 'half \uD83D' })),
    ).toMatchObject({
      field: '/text',
      message: expect.stringContaining('lone surrogate'),
    });
    expect(failure(frame('{"type":"message","__proto__":{"x":1}}'))).toMatchObject({ field: '/__proto__' });
    expect(failure(frame({ ...offline, name: 'Lin\nSmith' }))).toMatchObject({
      field: '/name',
      message: '/name must be one line: no tabs or line breaks',
    });
    // Invalid UTF-8 is refused, not stored as U+FFFD.
    const invalid = Buffer.concat([
      frame('{"type":"message","clientMessageId":"abcdefgh","text":"'),
      Buffer.from([0xc3]),
      frame('"}'),
    ]);
    expect(failure(invalid)).toMatchObject({
      code: 'KEFU_ERR_BAD_JSON',
      message: 'The frame is not valid UTF-8',
    });
    // Line breaks and tabs belong in a message.
    expect(
      parseWidgetFrame(frame({ type: 'message', clientMessageId: 'abcdefgh', text: 'a\n\tb' }), false),
    ).toMatchObject({
      text: 'a\n\tb',
    });
  });
});
