import nodemailer, { type Transporter } from 'nodemailer';
import { type Client, Connection } from '@temporalio/client';
import { outboundWorkflowId } from '@kefu/schemas';
import { emailIndex, emailVisitorId } from '@kefu/runtime/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { startProduct, type RunningProduct } from './support/product';
import { startMailPeer, type MailPeer } from './support/mail-peer';
import { callApi, signUpShop } from './support/shop';
import { productTemporal } from './support/product-temporal';

/**
 * Email in and out on the real servers: a mail sent to the API's SMTP listener becomes an email
 * conversation; the flow's replies go out through SMTP to a real local SMTP server (the
 * customer's mailbox), threaded under the customer's mail; the customer's reply to a reply lands
 * in the same conversation.
 */
const DOMAIN = 'kefu.test';
let product: RunningProduct;
let mailbox: MailPeer;
let customer: Transporter;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  mailbox = await startMailPeer();
  product = await startProduct({
    channels: { smtpListener: true, smtpUrl: mailbox.url, mailDomain: DOMAIN },
  });
  customer = nodemailer.createTransport({
    host: '127.0.0.1',
    port: product.smtpPort!,
    secure: false,
    ignoreTLS: true,
  });
  connection = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
  temporal = productTemporal(connection, product.env);
});
afterAll(async () => {
  customer?.close();
  await connection?.close();
  await product?.stop();
  await mailbox?.stop();
});

const textOf = (mail: ParsedMail) => (mail.text ?? '').trim();
const refsOf = (mail: ParsedMail) => [mail.references ?? []].flat();

describe('the email channel', () => {
  it('turns a mail into a conversation and answers it by mail, threaded', async () => {
    const first = '<order-question-1@example.com>';
    await customer.sendMail({
      from: '"Ann Lee" <ann@example.com>',
      to: `demo@${DOMAIN}`,
      subject: 'Where is my order?',
      messageId: first,
      html: '<p>Hello, where is <b>order 42</b>?</p><script>alert(1)</script>',
    });

    // Stored before the listener said 250: the contact, the conversation and the text are there.
    const contact = await product.models.Contact.findOne({
      workspaceId: product.workspaceId,
      emailKey: emailIndex('ann@example.com'),
    }).lean();
    expect(contact).toMatchObject({ name: 'Ann Lee', visitorId: emailVisitorId('ann@example.com') });
    const conversation = await product.models.Conversation.findOne({
      workspaceId: product.workspaceId,
      contactId: contact!._id,
    }).lean();
    expect(conversation).toMatchObject({ channel: 'email', status: 'open' });
    const [stored] = await product.models.Message.find({
      workspaceId: product.workspaceId,
      conversationId: conversation!._id,
      author: 'customer',
    }).lean();
    expect(stored!.text).toBe('Hello, where is order 42?');

    // The flow greets, then answers from the knowledge base (where is my order): both by mail to Ann,
    // under her mail.
    const welcome = await mailbox.next((m) => textOf(m).startsWith('Hi! Welcome to Demo Shop'));
    const ack = await mailbox.next((m) => textOf(m).includes('shows its tracking number once it ships'));
    for (const reply of [welcome, ack]) {
      expect(reply.to).toMatchObject({ value: [{ address: 'ann@example.com' }] });
      expect(reply.from).toMatchObject({ value: [{ address: `demo@${DOMAIN}` }] });
      expect(reply.subject).toBe('Re: Where is my order?');
      expect(reply.messageId).toMatch(new RegExp(`@${DOMAIN.replace('.', '\\.')}>$`));
      expect(reply.inReplyTo).toBeTruthy();
      expect(refsOf(reply)).toContain(first);
    }

    // Ann answers the bot's answer: her mail threads into the same conversation.
    await customer.sendMail({
      from: 'ann@example.com',
      to: `demo@${DOMAIN}`,
      subject: 'Re: Where is my order?',
      messageId: '<order-question-2@example.com>',
      inReplyTo: ack.messageId,
      references: [first, ack.messageId!],
      text: `It was paid on Monday.\n\nOn Mon, 1 Jan 2026, Demo Shop <demo@${DOMAIN}> wrote:\n> ${textOf(ack)}`,
    });
    const second = await mailbox.next((m) => textOf(m).includes('"It was paid on Monday."'));
    expect(second.inReplyTo).toBeTruthy();
    expect(refsOf(second)).toEqual(expect.arrayContaining([first, '<order-question-2@example.com>']));
    const conversations = await product.models.Conversation.countDocuments({
      workspaceId: product.workspaceId,
      contactId: contact!._id,
    });
    expect(conversations).toBe(1);
    const customerTexts = (
      await product.models.Message.find({
        workspaceId: product.workspaceId,
        conversationId: conversation!._id,
        author: 'customer',
      })
        .sort({ createdAt: 1 })
        .lean()
    ).map((m) => m.text);
    // The quoted history under Ann's reply is not stored.
    expect(customerTexts).toEqual(['Hello, where is order 42?', 'It was paid on Monday.']);

    // Each bot reply had its delivery workflow, which sent it once and recorded it sent.
    const botReplies = await product.models.Message.find({
      workspaceId: product.workspaceId,
      conversationId: conversation!._id,
      author: 'bot',
    }).lean();
    expect(botReplies).toHaveLength(3);
    for (const reply of botReplies) {
      const report = await temporal.workflow.getHandle(outboundWorkflowId(String(reply._id))).result();
      expect(report).toEqual([{ target: 'email', outcome: 'sent' }]);
    }
    const deliveries = await product.models.OutboundDelivery.find({
      workspaceId: product.workspaceId,
      conversationId: conversation!._id,
    }).lean();
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    const sentIds = mailbox.mails.filter((m) => refsOf(m).includes(first)).map((m) => m.messageId);
    expect(new Set(sentIds).size).toBe(sentIds.length);
  });

  it("sends an agent's reply from the inbox by mail, threaded under the customer's mail", async () => {
    // A shop of its own without a flow: only the agent answers.
    const shop = await signUpShop(product.url, 'mail-agent');
    const question = '<agent-question@example.com>';
    await customer.sendMail({
      from: 'cy@example.com',
      // Lower-cased, as mail clients and people write addresses: still this shop's mailbox.
      to: `${shop.publicKey.toLowerCase()}@${DOMAIN.toUpperCase()}`,
      subject: '退货',
      messageId: question,
      text: '我想退货',
    });
    const conversation = await product.models.Conversation.findOne({
      workspaceId: shop.workspaceId,
      channel: 'email',
    }).lean();
    expect(conversation).toBeTruthy();
    const reply = await callApi(
      product.url,
      shop,
      'POST',
      `/conversations/${String(conversation!._id)}/messages`,
      {
        clientMessageId: 'agent-reply-0001',
        text: '好的，请把包裹寄回。',
      },
    );
    expect(reply.status).toBe(200);
    const mail = await mailbox.next((m) => textOf(m) === '好的，请把包裹寄回。');
    expect(mail.to).toMatchObject({ value: [{ address: 'cy@example.com' }] });
    // From the shop's own address.
    expect(mail.from?.value[0]?.address).toBe(`${shop.publicKey}@${DOMAIN}`);
    expect(mail.subject).toBe('Re: 退货');
    expect(mail.inReplyTo).toBe(question);
    expect(refsOf(mail)).toEqual([question]);
  });

  it('files a resent mail (same Message-ID) once', async () => {
    const mail = {
      from: 'bo@example.com',
      to: `demo@${DOMAIN}`,
      subject: 'Twice',
      messageId: '<twice@example.com>',
      text: 'Did you get this?',
    };
    await customer.sendMail(mail);
    await customer.sendMail(mail);
    const contact = await product.models.Contact.findOne({
      workspaceId: product.workspaceId,
      emailKey: emailIndex('bo@example.com'),
    }).lean();
    const conversations = await product.models.Conversation.find({
      workspaceId: product.workspaceId,
      contactId: contact!._id,
    }).lean();
    expect(conversations).toHaveLength(1);
    const messages = await product.models.Message.countDocuments({
      workspaceId: product.workspaceId,
      conversationId: conversations[0]!._id,
      author: 'customer',
    });
    expect(messages).toBe(1);
  });

  it('keeps a reply while the mail server is down and sends it once it is back', async () => {
    await mailbox.stop();
    await customer.sendMail({
      from: 'dee@example.com',
      to: `demo@${DOMAIN}`,
      subject: 'Anyone there?',
      messageId: '<while-down@example.com>',
      text: 'Hello while your mail server is down',
    });
    const contact = await product.models.Contact.findOne({
      workspaceId: product.workspaceId,
      emailKey: emailIndex('dee@example.com'),
    }).lean();
    const conversation = await product.models.Conversation.findOne({
      workspaceId: product.workspaceId,
      contactId: contact!._id,
    }).lean();
    const scope = { workspaceId: product.workspaceId, conversationId: conversation!._id };
    // The delivery tried, failed and recorded why; Temporal holds the retry.
    await expect
      .poll(
        async () => await product.models.OutboundDelivery.exists({ ...scope, lastError: { $exists: true } }),
        {
          timeout: 60_000,
          interval: 200,
        },
      )
      .toBeTruthy();
    mailbox = await startMailPeer(mailbox.port);
    const late = await mailbox.next((m) => textOf(m).includes('"Hello while your mail server is down"'));
    expect(late.inReplyTo).toBeTruthy();
    expect(refsOf(late)).toContain('<while-down@example.com>');
    const botReplies = await product.models.Message.find({ ...scope, author: 'bot' }).lean();
    for (const reply of botReplies)
      expect(await temporal.workflow.getHandle(outboundWorkflowId(String(reply._id))).result()).toEqual([
        { target: 'email', outcome: 'sent' },
      ]);
    const retried = await product.models.OutboundDelivery.find({ ...scope, attempts: { $gte: 2 } }).lean();
    expect(retried.length).toBeGreaterThan(0);
    for (const record of retried)
      expect(record).toMatchObject({
        status: 'sent',
        lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
      });
  });

  it('keeps a mail with NUL and other control characters, stored without them', async () => {
    await customer.sendMail({
      from: 'nul@example.com',
      to: `demo@${DOMAIN}`,
      subject: 'odd\u0000 bytes',
      text: 'order\u0000 42\u0007 please',
    });
    const contact = await product.models.Contact.findOne({
      workspaceId: product.workspaceId,
      emailKey: emailIndex('nul@example.com'),
    }).lean();
    const conversation = await product.models.Conversation.findOne({
      workspaceId: product.workspaceId,
      contactId: contact!._id,
    }).lean();
    const stored = await product.models.Message.find({
      workspaceId: product.workspaceId,
      conversationId: conversation!._id,
      author: 'customer',
    }).lean();
    expect(stored.map((m) => m.text)).toEqual(['order 42 please']);
    const thread = await product.models.EmailThread.findOne({
      _id: conversation!._id,
      workspaceId: product.workspaceId,
    }).lean();
    expect(thread?.subject).toBe('odd bytes');
  });

  it('refuses bad mail with SMTP errors and keeps listening', async () => {
    await expect(
      customer.sendMail({ from: 'x@example.com', to: `nobody-here@${DOMAIN}`, subject: 's', text: 'hello' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('no such mailbox') });
    await expect(
      customer.sendMail({ from: 'x@example.com', to: 'demo@elsewhere.example', subject: 's', text: 'hello' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      customer.sendMail({ from: 'x@example.com', to: `demo@${DOMAIN}`, subject: 'empty', text: '   ' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('no text') });
    await expect(
      customer.sendMail({
        from: 'x@example.com',
        to: `demo@${DOMAIN}`,
        subject: 'big',
        text: 'x'.repeat(3 * 1024 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    // Still up and filing mail after all that.
    await customer.sendMail({
      from: 'later@example.com',
      to: `demo@${DOMAIN}`,
      subject: 'ok',
      text: 'still there?',
    });
    expect(
      await product.models.Contact.exists({
        workspaceId: product.workspaceId,
        emailKey: emailIndex('later@example.com'),
      }),
    ).toBeTruthy();
  });
});
