import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxConversation, InboxMessage, Page, User } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, type Shop } from './support/shop';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { WidgetSocket } from './support/widget-socket';

/**
 * "View personal data" (docs/privacy.md) with real messages: a customer types a phone number, an
 * email address, an ID-card number and a bank card in the chat widget; an agent without the
 * permission reads them masked in the inbox, one the owner granted it to reads them in clear, and
 * the customer's own chat shows what they typed.
 */
const PHONE = '13812345678';
const EMAIL = 'li.na@customer.test';
const ID_CARD = '11010519491231002X';
const CARD = '4111 1111 1111 1111';
const TEXT = `Call me on ${PHONE} or write to ${EMAIL}; ID ${ID_CARD}, refund to card ${CARD}`;

describe('personal data typed in the widget, read in the inbox', () => {
  let product: RunningProduct;
  let owner: StaffShop;
  let masked: StaffShop;
  let trusted: StaffShop;
  let widget: WidgetSocket;

  beforeAll(async () => {
    product = await startProduct();
    owner = await signUpStaffShop(product.url, 'pii-widget');
    [masked, trusted] = await Promise.all([
      inviteAgent(product.url, owner, 'Masked'),
      inviteAgent(product.url, owner, 'Trusted'),
    ]);
    const granted = await callApi<User>(product.url, owner, 'PATCH', `/users/${trusted.userId}`, {
      viewPersonalData: true,
    });
    expect(granted.status).toBe(200);
    expect(granted.body.viewPersonalData).toBe(true);
  });
  afterAll(async () => {
    await widget?.close();
    await product?.stop();
  });

  const messagesAs = async (who: Shop, conversationId: string) => {
    const res = await callApi<Page<InboxMessage>>(
      product.url,
      who,
      'GET',
      `/conversations/${conversationId}/messages?limit=100`,
    );
    expect(res.status).toBe(200);
    return res.body.items.filter((m) => m.author === 'customer').map((m) => m.text);
  };

  it('masks it for an agent without the permission and shows it to one with it', async () => {
    widget = await WidgetSocket.open(product.wsUrl);
    const { conversationId } = await widget.hello('visitor-pii-widget', owner.publicKey);
    const from = widget.frames.length;
    widget.send({ type: 'message', clientMessageId: 'pii-widget-1', text: TEXT });
    const ack = await widget.next((f) => f.type === 'ack' && f.clientMessageId === 'pii-widget-1', from);
    // The customer sees what they typed: the masking is for staff, not a rewrite of the message.
    expect(ack).toMatchObject({ message: { text: TEXT } });

    await expect.poll(() => messagesAs(trusted, conversationId)).toEqual([TEXT]);
    const seen = await messagesAs(masked, conversationId);
    expect(seen).toEqual([
      'Call me on 138****5678 or write to l***@customer.test; ID 1101**********002X, refund to card **** 1111',
    ]);
    for (const clear of [PHONE, EMAIL, ID_CARD, CARD]) expect(seen.join(' ')).not.toContain(clear);
    expect(await messagesAs(owner, conversationId)).toEqual([TEXT]);

    // The inbox's view of the conversation names no clear personal data either.
    const row = await callApi<InboxConversation>(
      product.url,
      masked,
      'GET',
      `/inbox/conversations/${conversationId}`,
    );
    expect(row.status).toBe(200);
    for (const clear of [PHONE, EMAIL]) expect(JSON.stringify(row.body)).not.toContain(clear);

    // Revoked: the trusted agent reads it masked from then on.
    const revoked = await callApi<User>(product.url, owner, 'PATCH', `/users/${trusted.userId}`, {
      viewPersonalData: false,
    });
    expect(revoked.status).toBe(200);
    expect((await messagesAs(trusted, conversationId))[0]).toContain('138****5678');
  });
});
