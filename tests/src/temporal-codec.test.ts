import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageWorkflowId, type WidgetServerFrame } from '@kefu/schemas';
import { startProduct, type RunningProduct } from './support/product';
import { productTemporal } from './support/product-temporal';
import { lineDraft, publishFlow } from './support/publish-flow';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * Run histories without personal data in clear (docs/privacy.md "Temporal's history"): a customer
 * message with a phone number and an email goes through the product; Temporal's own history, read
 * without the codec, holds none of it; the codec endpoint gives it back to an owner or the codec
 * token, and to nobody else.
 */
type Ack = Extract<WidgetServerFrame, { type: 'ack' }>;
interface WirePayload {
  metadata: Record<string, string>;
  data: string;
}

const PHONE = '13812345678';
const EMAIL = 'li.lei@example.com';
const TEXT = `My order never came, call me at ${PHONE} or write to ${EMAIL}`;

describe('Temporal payload codec', () => {
  let product: RunningProduct;
  let connection: Connection;
  let owner: StaffShop;
  let agent: StaffShop;
  let workflowId = '';
  let sealed: WirePayload[] = [];

  beforeAll(async () => {
    product = await startProduct();
    connection = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
    owner = await signUpStaffShop(product.url, 'codec');
    agent = await inviteAgent(product.url, owner, 'CodecAgent', ['agent']);
    await publishFlow(
      product.url,
      owner,
      lineDraft('Order desk', [
        { id: 'msg', type: 'message-received', config: { keywords: ['order'], match: 'any' } },
        { id: 'reply', type: 'send-message', config: { text: 'Noted: "{{message.text}}"' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    const socket = await WidgetSocket.open(product.wsUrl);
    await socket.hello('visitor-codec', owner.publicKey);
    socket.send({ type: 'message', clientMessageId: 'client-c1', text: TEXT });
    const ack = (await socket.next((f) => f.type === 'ack' || f.type === 'error')) as Ack;
    expect(ack, JSON.stringify(ack)).toMatchObject({ type: 'ack' });
    await socket.next(isBotText(/Noted: "My order never came/));
    await socket.close();
    workflowId = messageWorkflowId(ack.message.id);
    // The product's own client (with the codec) reads the run's result as usual.
    await productTemporal(connection, product.env).workflow.getHandle(workflowId).result();
  });
  afterAll(async () => {
    await connection?.close();
    await product?.stop();
  });

  const decode = (payloads: WirePayload[], headers: Record<string, string>) =>
    fetch(`${product.url}/temporal-codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: JSON.stringify({ payloads }),
    });
  const bearer = () => ({ authorization: `Bearer ${product.env.KEFU_TEMPORAL_CODEC_TOKEN}` });
  const clearText = (payloads: WirePayload[]) =>
    payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');

  it("leaves no message text, phone or email in clear in Temporal's history", async () => {
    // A client without the codec: what anyone with the Temporal UI or its database would see.
    const raw = new Client({ connection, namespace: 'default' });
    const history = await raw.workflow.getHandle(workflowId).fetchHistory();
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [PHONE, EMAIL, 'never came', 'Noted'])
      expect(bytes.includes(secret), `history holds "${secret}"`).toBe(false);

    sealed = payloadsIn(history).map(toWire);
    expect(sealed.length).toBeGreaterThan(2);
    expect(
      sealed.filter((p) => Buffer.from(p.metadata.encoding!, 'base64').toString() === 'binary/encrypted')
        .length,
    ).toBeGreaterThan(2);
  });

  it("gives the payloads back to the workspace's owner, and writes an audit entry", async () => {
    const res = await decode(sealed, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { payloads: WirePayload[] };
    expect(body.payloads).toHaveLength(sealed.length);
    const opened = clearText(body.payloads);
    expect(opened).toContain(PHONE);
    expect(opened).toContain(EMAIL);
    expect(opened).toContain(TEXT);
    const entry = await product.models.AuditEntry.findOne({
      workspaceId: owner.workspaceId,
      action: 'temporal.payloads.decode',
    }).lean();
    expect(entry).toMatchObject({
      actorEmail: owner.email,
      targetType: 'temporal-namespace',
      targetId: 'default',
      after: { payloads: sealed.length, via: 'owner session' },
    });
  });

  it('gives them to the codec token too, audited in the workspace the payloads belong to', async () => {
    const res = await decode(sealed, bearer());
    expect(res.status).toBe(200);
    expect(clearText(((await res.json()) as { payloads: WirePayload[] }).payloads)).toContain(PHONE);
    const entries = await product.models.AuditEntry.find({
      workspaceId: owner.workspaceId,
      action: 'temporal.payloads.decode',
    }).lean();
    expect(entries.map((e) => e.actorEmail)).toContain('operator (codec token)');
  });

  it('encodes for the Temporal UI, and what it encodes decodes back', async () => {
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ hi: EMAIL })) };
    const res = await fetch(`${product.url}/temporal-codec/encode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: owner.cookie },
      body: JSON.stringify({ payloads: [plain] }),
    });
    expect(res.status).toBe(200);
    const encoded = ((await res.json()) as { payloads: WirePayload[] }).payloads;
    expect(clearText(encoded)).not.toContain(EMAIL);
    const back = await decode(encoded, { cookie: owner.cookie });
    expect(((await back.json()) as { payloads: WirePayload[] }).payloads).toEqual([plain]);
  });

  it('refuses callers without an owner session or the codec token, in the one error shape', async () => {
    const none = await decode(sealed, {});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      statusCode: 401,
      code: 'KEFU_ERR_UNAUTHORIZED',
      message: expect.any(String),
    });
    const wrongToken = await decode(sealed, { authorization: 'Bearer not-the-token' });
    expect(wrongToken.status).toBe(401);
    const asAgent = await decode(sealed, { cookie: agent.cookie });
    expect(asAgent.status).toBe(403);
    expect(await asAgent.json()).toMatchObject({ statusCode: 403, code: 'KEFU_ERR_FORBIDDEN' });
    // An owner of another workspace may not read this workspace's runs.
    const stranger = await signUpStaffShop(product.url, 'codec-stranger');
    const other = await decode(sealed, { cookie: stranger.cookie });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({
      code: 'KEFU_ERR_FORBIDDEN',
      message: expect.stringMatching(/another workspace/),
    });
  });

  it('names a tampered payload and an unknown key id clearly', async () => {
    const one = sealed.find(
      (p) => Buffer.from(p.metadata.encoding!, 'base64').toString() === 'binary/encrypted',
    )!;
    const data = Buffer.from(one.data, 'base64');
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    const tampered = await decode([{ ...one, data: data.toString('base64') }], { cookie: owner.cookie });
    expect(tampered.status).toBe(422);
    expect(await tampered.json()).toMatchObject({
      statusCode: 422,
      code: 'KEFU_ERR_UNDECRYPTABLE',
      field: 'body/payloads/0',
      message: expect.stringMatching(/does not decrypt .*altered/),
    });

    const retired = { ...one, metadata: { ...one.metadata, 'encryption-key-id': b64('k-retired') } };
    const unknown = await decode([retired], { cookie: owner.cookie });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({
      code: 'KEFU_ERR_UNDECRYPTABLE',
      message: expect.stringMatching(/key "k-retired", which is not among KEFU_TEMPORAL_CODEC_KEYS/),
    });

    const junk = await decode([{ metadata: {}, data: '%%%' }], { cookie: owner.cookie });
    expect(junk.status).toBe(400);
    expect(await junk.json()).toMatchObject({ code: 'KEFU_ERR_VALIDATION' });
  });

  it('lets the Temporal UI origin call it from the browser with credentials, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${product.url}/temporal-codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace',
        },
      });
    const ui = await preflight(product.env.KEFU_TEMPORAL_UI_ORIGIN!);
    expect(ui.headers.get('access-control-allow-origin')).toBe(product.env.KEFU_TEMPORAL_UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ui.headers.get('access-control-allow-headers')).toMatch(/x-namespace/);
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function toWire(p: temporal.api.common.v1.IPayload): WirePayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  };
}

/** Every payload anywhere in a history (inputs, signals, activity inputs and results, markers). */
function payloadsIn(value: unknown, found: temporal.api.common.v1.IPayload[] = []) {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found;
  if (Array.isArray(value)) {
    for (const v of value) payloadsIn(v, found);
    return found;
  }
  const record = value as Record<string, unknown>;
  if (record.data instanceof Uint8Array && record.metadata && typeof record.metadata === 'object')
    found.push(record as temporal.api.common.v1.IPayload);
  else for (const v of Object.values(record)) payloadsIn(v, found);
  return found;
}
