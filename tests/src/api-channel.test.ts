import { type Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundWorkflowId } from '@kefu/schemas';
import { demoFlowDraft, publishSeedFlow } from '@kefu/runtime';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { startWebhookReceiver } from './support/webhook-receiver';
import { productTemporal } from './support/product-temporal';

/**
 * The API channel on the real servers: a shop's system sends a customer's message with an API
 * key; the flow's replies come back to the shop's webhook receiver, signed.
 */
let product: RunningProduct;
let shop: Shop;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  product = await startProduct({ channels: { webhookAllowLoopback: true } });
  shop = await signUpShop(product.url, 'api-channel');
  await publishSeedFlow(product.models, shop.workspaceId, demoFlowDraft);
  connection = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
  temporal = productTemporal(connection, product.env);
});
afterAll(async () => {
  await connection?.close();
  await product?.stop();
  await receiver?.stop();
});

async function sendIn(key: string | null, body: unknown) {
  const res = await fetch(`${product.url}/channels/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the API channel', () => {
  let key: string;

  it('lets owners create keys (shown once, kept hashed) and webhook endpoints', async () => {
    const created = await callApi<{ apiKey: { id: string; prefix: string }; key: string }>(
      product.url,
      shop,
      'POST',
      '/channels/api/keys',
      { name: 'order system' },
    );
    expect(created.status).toBe(201);
    key = created.body.key;
    expect(key.startsWith(created.body.apiKey.prefix)).toBe(true);
    const stored = await product.models.ApiKey.findOne({
      workspaceId: shop.workspaceId,
      _id: created.body.apiKey.id,
    }).lean();
    expect(JSON.stringify(stored)).not.toContain(key.split('.').at(-1));

    const hook = await callApi<{ webhook: { id: string }; secret: string }>(
      product.url,
      shop,
      'POST',
      '/channels/api/webhooks',
      { url: receiver.url },
    );
    expect(hook.status).toBe(201);
    receiver.useSecret(hook.body.secret);
    const list = await callApi<{ items: { url: string }[] }>(
      product.url,
      shop,
      'GET',
      '/channels/api/webhooks',
    );
    expect(list.body.items.map((i) => i.url)).toEqual([receiver.url]);
    expect(JSON.stringify(list.body)).not.toContain(hook.body.secret);
  });

  it('takes a message by API key and POSTs the replies to the webhook, signed', async () => {
    const sent = await sendIn(key, {
      externalContactId: 'crm-42',
      text: 'Where is my parcel?',
      idempotencyKey: 'order-msg-0001',
    });
    expect(sent.status).toBe(201);
    const conversationId = sent.body.conversationId as string;
    const again = await sendIn(key, {
      externalContactId: 'crm-42',
      text: 'Where is my parcel?',
      idempotencyKey: 'order-msg-0001',
    });
    expect(again.body).toEqual(sent.body); // a retry is the same stored message

    const welcome = await receiver.next((h) => h.body.message?.text.startsWith('Hi! Welcome') === true);
    const ack = await receiver.next((h) => h.body.message?.text.includes('"Where is my parcel?"') === true);
    for (const hook of [welcome, ack]) {
      expect(hook.verified).toBe(true);
      expect(hook.body).toMatchObject({
        type: 'message.created',
        conversationId,
        externalContactId: 'crm-42',
      });
      expect(hook.body.message?.author).toBe('bot');
      expect(hook.headers['x-kefu-delivery']).toBe(hook.body.id);
    }
    const conversation = await product.models.Conversation.findOne({
      _id: conversationId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(conversation?.channel).toBe('api');
    const customerMessages = await product.models.Message.countDocuments({
      workspaceId: shop.workspaceId,
      conversationId,
      author: 'customer',
    });
    expect(customerMessages).toBe(1);
  });

  it('tells the webhook when an agent resolves or reopens the conversation', async () => {
    const sent = await sendIn(key, {
      externalContactId: 'crm-50',
      text: 'Thanks, all good',
      idempotencyKey: 'order-msg-0050',
    });
    const conversationId = sent.body.conversationId as string;
    expect(
      (await callApi(product.url, shop, 'POST', `/conversations/${conversationId}/resolve`)).status,
    ).toBeLessThan(300);
    const resolved = await receiver.next(
      (h) => h.body.conversationId === conversationId && h.body.type === 'conversation.resolved',
    );
    expect(resolved.verified).toBe(true);
    expect(resolved.body).toMatchObject({ externalContactId: 'crm-50', at: expect.any(String) });
    expect(
      (await callApi(product.url, shop, 'POST', `/conversations/${conversationId}/reopen`)).status,
    ).toBeLessThan(300);
    const reopened = await receiver.next(
      (h) => h.body.conversationId === conversationId && h.body.type === 'conversation.reopened',
    );
    expect(reopened.verified).toBe(true);
    expect(reopened.body.id).not.toBe(resolved.body.id);
  });

  it('files messages of a contact an owner merged into another under that other contact', async () => {
    const first = await sendIn(key, {
      externalContactId: 'crm-60',
      text: 'one',
      idempotencyKey: 'order-msg-0060',
    });
    const second = await sendIn(key, {
      externalContactId: 'crm-61',
      text: 'two',
      idempotencyKey: 'order-msg-0061',
    });
    const contactOf = async (conversationId: unknown) =>
      String(
        (await product.models.Conversation.findOne({
          _id: conversationId,
          workspaceId: shop.workspaceId,
        }).lean())!.contactId,
      );
    const keep = await contactOf(first.body.conversationId);
    const merged = await callApi(product.url, shop, 'POST', `/contacts/${keep}/merge`, {
      mergeIds: [await contactOf(second.body.conversationId)],
    });
    expect(merged.status).toBeLessThan(300);
    const later = await sendIn(key, {
      externalContactId: 'crm-61',
      text: 'three',
      idempotencyKey: 'order-msg-0062',
    });
    expect(later.status).toBe(201);
    expect(await contactOf(later.body.conversationId)).toBe(keep);
  });

  it('reports an endpoint that refuses the signature as failed, without stopping the good one', async () => {
    const bad = await callApi<{ webhook: { id: string }; secret: string }>(
      product.url,
      shop,
      'POST',
      '/channels/api/webhooks',
      { url: `${receiver.url}?second` },
    );
    expect(bad.status).toBe(201);
    // The receiver checks every delivery against the first endpoint's secret: the second's fail with 401.
    const sent = await sendIn(key, {
      externalContactId: 'crm-43',
      text: 'Hello',
      idempotencyKey: 'order-msg-0002',
    });
    const delivered = await receiver.next(
      (h) => h.body.conversationId === sent.body.conversationId && h.verified,
    );
    const welcomeId = delivered.body.message!.id;
    const report = await temporal.workflow.getHandle(outboundWorkflowId(welcomeId)).result();
    expect(report).toEqual(
      expect.arrayContaining([
        { target: expect.any(String), outcome: 'sent' },
        { target: bad.body.webhook.id, outcome: 'failed', error: expect.any(String) },
      ]),
    );
    const failed = await product.models.OutboundDelivery.findOne({
      workspaceId: shop.workspaceId,
      messageId: welcomeId,
      target: bad.body.webhook.id,
    }).lean();
    // A 4xx is the receiver's final word: one attempt, not a day of retries.
    expect(failed).toMatchObject({ status: 'sending', attempts: 1, lastError: 'answered 401' });
    expect(
      (await callApi(product.url, shop, 'DELETE', `/channels/api/webhooks/${bad.body.webhook.id}`)).status,
    ).toBe(204);
  });

  it('refuses a missing, wrong or revoked key with 401 naming the header', async () => {
    const body = { externalContactId: 'crm-44', text: 'hi', idempotencyKey: 'order-msg-0003' };
    const wrongSecret = key.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    for (const attempt of [null, 'not-a-key', wrongSecret]) {
      const res = await sendIn(attempt, body);
      expect(res.status, String(attempt)).toBe(401);
      expect(res.body).toMatchObject({ code: 'KEFU_ERR_UNAUTHORIZED', field: 'headers/authorization' });
    }
    const other = await callApi<{ apiKey: { id: string }; key: string }>(
      product.url,
      shop,
      'POST',
      '/channels/api/keys',
      {
        name: 'to revoke',
      },
    );
    expect((await sendIn(other.body.key, body)).status).toBe(201);
    const revoked = await callApi<{ revokedAt?: string }>(
      product.url,
      shop,
      'DELETE',
      `/channels/api/keys/${other.body.apiKey.id}`,
    );
    expect(revoked.body.revokedAt).toBeTruthy();
    expect((await sendIn(other.body.key, { ...body, idempotencyKey: 'order-msg-0004' })).status).toBe(401);
  });

  it('refuses a bad body with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ externalContactId: 'crm-45', idempotencyKey: 'order-msg-0005' }, 'body/text'],
      [
        { externalContactId: 'crm 45', text: 'x', idempotencyKey: 'order-msg-0005' },
        'body/externalContactId',
      ],
      [{ externalContactId: 'crm-45', text: 'x', idempotencyKey: 'short' }, 'body/idempotencyKey'],
      [
        { externalContactId: 'crm-45', text: 'x', idempotencyKey: 'order-msg-0005', admin: true },
        'body/admin',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await sendIn(key, body);
      expect(res.status, field).toBe(400);
      expect(res.body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field });
    }
  });

  it('refuses webhook URLs on private networks, and other workspaces cannot touch the keys', async () => {
    for (const url of ['http://10.0.0.8/hook', 'http://192.168.1.10/hook', 'http://169.254.169.254/latest'])
      expect(await callApi(product.url, shop, 'POST', '/channels/api/webhooks', { url })).toMatchObject({
        status: 400,
        body: { field: 'body/url' },
      });
    const stranger = await signUpShop(product.url, 'api-stranger');
    const keys = await callApi<{ items: { id: string }[] }>(product.url, shop, 'GET', '/channels/api/keys');
    const theirs = await callApi<{ items: unknown[] }>(product.url, stranger, 'GET', '/channels/api/keys');
    expect(theirs.body.items).toEqual([]);
    expect(
      (await callApi(product.url, stranger, 'DELETE', `/channels/api/keys/${keys.body.items[0]!.id}`)).status,
    ).toBe(404);
  });
});
