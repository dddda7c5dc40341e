import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

describe('widget socket: bad input gets an error frame and the connection stays up', () => {
  let product: RunningProduct;
  let socket: WidgetSocket;
  beforeAll(async () => {
    product = await startProduct();
    socket = await WidgetSocket.open(product.wsUrl);
  });
  afterAll(async () => {
    await socket?.close();
    await product?.stop();
  });

  async function errorFor(frame: unknown) {
    const from = socket.frames.length;
    socket.send(frame);
    const error = await socket.next((f) => f.type === 'error', from);
    if (error.type !== 'error') throw new Error('unreachable');
    return error;
  }

  it('names each problem with a code, a message and the field', async () => {
    expect(await errorFor('this is not json')).toMatchObject({ statusCode: 400, code: 'KEFU_ERR_BAD_JSON' });
    expect(await errorFor('[1,2,3]')).toMatchObject({ code: 'KEFU_ERR_UNKNOWN_FRAME', field: '/type' });
    expect(await errorFor({ type: 'subscribe' })).toMatchObject({
      code: 'KEFU_ERR_UNKNOWN_FRAME',
      field: '/type',
      message: expect.stringContaining('hello, message'),
    });
    expect(await errorFor({ type: 'hello', workspace: 'demo' })).toMatchObject({
      code: 'KEFU_ERR_VALIDATION',
      field: '/visitorId',
    });
    expect(await errorFor({ type: 'hello', workspace: 'demo', visitorId: 'short' })).toMatchObject({
      code: 'KEFU_ERR_VALIDATION',
      field: '/visitorId',
    });
    expect(
      await errorFor({ type: 'hello', workspace: 'demo', visitorId: 'visitor-bad-1', admin: true }),
    ).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: '/admin' });
    expect(
      await errorFor({ type: 'hello', workspace: 'no-such-shop', visitorId: 'visitor-bad-1' }),
    ).toMatchObject({
      statusCode: 404,
      code: 'KEFU_ERR_WORKSPACE_NOT_FOUND',
      field: '/workspace',
    });
    expect(await errorFor({ type: 'message', clientMessageId: 'before-hello', text: 'hi' })).toMatchObject({
      code: 'KEFU_ERR_NO_SESSION',
      clientMessageId: 'before-hello',
    });
    expect(await errorFor(Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toMatchObject({
      code: 'KEFU_ERR_BAD_JSON',
    });
  });

  it('refuses a 1 MB message without dropping the connection', async () => {
    const huge = JSON.stringify({
      type: 'message',
      clientMessageId: 'huge-message',
      text: 'x'.repeat(1024 * 1024),
    });
    expect(await errorFor(huge)).toMatchObject({ statusCode: 413, code: 'KEFU_ERR_FRAME_TOO_LARGE' });
  });

  it('rejects a message with missing or over-long text after hello', async () => {
    await socket.hello('visitor-bad-input');
    expect(await errorFor({ type: 'message', clientMessageId: 'missing-text' })).toMatchObject({
      code: 'KEFU_ERR_VALIDATION',
      field: '/text',
    });
    expect(await errorFor({ type: 'message', clientMessageId: 'empty-text', text: '' })).toMatchObject({
      field: '/text',
    });
    expect(
      await errorFor({ type: 'message', clientMessageId: 'long-text', text: 'y'.repeat(4001) }),
    ).toMatchObject({
      field: '/text',
    });
  });

  it('refuses text that cannot be stored (NUL, control characters, lone surrogates, prototype keys) naming the field', async () => {
    expect(
      await errorFor({ type: 'message', clientMessageId: 'nul-in-text', text: 'a\u0000b' }),
    ).toMatchObject({
      statusCode: 400,
      code: 'KEFU_ERR_VALIDATION',
      field: '/text',
    });
    expect(await errorFor('{"type":"message","clientMessageId":"half-pair","text":"\\ud83d"}')).toMatchObject(
      {
        field: '/text',
        message: expect.stringContaining('lone surrogate'),
      },
    );
    const form = { type: 'offline-form', requestId: 'bad-offline-1', email: 'a@example.com', message: 'hi' };
    expect(await errorFor({ ...form, name: 'Lin\u001b[2J' })).toMatchObject({ field: '/name' });
    expect(await errorFor({ ...form, message: 'help\u0000' })).toMatchObject({ field: '/message' });
    expect(await errorFor('{"type":"offline-form","__proto__":{"admin":true}}')).toMatchObject({
      field: '/__proto__',
    });
  });

  it('still serves the same connection and the server afterwards, and stored nothing bad', async () => {
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'after-errors', text: 'still there?' });
    await socket.next(isBotText(/still there\?/), from);
    const health = await fetch(`${product.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const texts = (
      await product.models.Message.find({ workspaceId: product.workspaceId, author: 'customer' }).lean()
    ).map((m) => m.text);
    expect(texts).toEqual(['still there?']);
  });
});
