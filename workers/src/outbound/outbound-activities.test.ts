import { ApplicationFailure } from '@temporalio/common';
import nodemailer from 'nodemailer';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOW_SCAN, type Models } from '@kefu/runtime/models';
import { startTestDatabase, type TestDatabase } from '@kefu/runtime/testing';
import { outboundActivities } from './outbound-activities';

/**
 * The delivery activity's idempotency on a real FerretDB, with a real nodemailer transport whose
 * SMTP answer the test chooses (a custom transport: what the server said, without a server).
 */
describe('sendOutbound', () => {
  let db: TestDatabase;
  let models: Models;
  let workspaceId = '';
  let conversationId = '';
  const sent: { messageId: string; inReplyTo?: string }[] = [];
  let answer: null | { code: number; message: string } = null;

  const transport = nodemailer.createTransport({
    name: 'scripted',
    version: '1',
    send(mail, callback) {
      if (answer)
        return callback(
          Object.assign(new Error(answer.message), { responseCode: answer.code }),
          undefined as never,
        );
      const data = mail.data as { messageId?: string; inReplyTo?: string };
      sent.push({
        messageId: String(data.messageId),
        ...(data.inReplyTo ? { inReplyTo: String(data.inReplyTo) } : {}),
      });
      callback(null, { envelope: mail.message.getEnvelope(), messageId: String(data.messageId) } as never);
    },
  });

  beforeAll(async () => {
    db = await startTestDatabase('outbound');
    models = db.models;
    const workspace = await models.Workspace.create({ name: 'Tea Shop', publicKey: 'tea' });
    workspaceId = String(workspace._id);
    const contact = await models.Contact.create({
      workspaceId: workspaceId,
      visitorId: 'email:ann@example.com',
      email: 'ann@example.com',
    });
    const conversation = await models.Conversation.create({
      workspaceId: workspaceId,
      contactId: contact._id,
      channel: 'email',
    });
    conversationId = String(conversation._id);
    await models.EmailThread.create({
      _id: conversation._id,
      workspaceId: workspaceId,
      address: 'ann@example.com',
      ourAddress: 'tea@kefu.test',
      subject: 'Tea?',
      references: ['<q1@example.com>'],
      lastMessageId: '<q1@example.com>',
    });
  });
  afterAll(async () => await db?.stop());

  async function botMessage(text: string) {
    const doc = await models.Message.create({
      workspaceId: workspaceId,
      conversationId,
      author: 'bot',
      text,
      idempotencyKey: `test/${text}`,
    });
    return {
      workspaceId: workspaceId,
      conversationId,
      messageId: String(doc._id),
      channel: 'email' as const,
      target: 'email',
    };
  }

  it('sends once: a retry after a successful send finds it sent and sends nothing', async () => {
    const activities = outboundActivities(models, { mailDomain: 'kefu.test', transport });
    const input = await botMessage('Green or black?');
    expect(await activities.sendOutbound(input)).toBe('sent');
    expect(await activities.sendOutbound(input)).toBe('already-sent');
    expect(sent.filter((m) => m.messageId === `<${input.messageId}@kefu.test>`)).toHaveLength(1);
    expect(sent.at(-1)?.inReplyTo).toBe('<q1@example.com>');
    // The next reply answers this one, and the customer's answer to it threads back here.
    const thread = await models.EmailThread.findOne({ _id: conversationId, workspaceId: workspaceId }).lean();
    expect(thread?.lastMessageId).toBe(`<${input.messageId}@kefu.test>`);
    expect(thread?.references).toEqual(['<q1@example.com>', `<${input.messageId}@kefu.test>`]);
  });

  it('retries a temporary SMTP failure and gives up at once on a permanent one', async () => {
    const activities = outboundActivities(models, { mailDomain: 'kefu.test', transport });
    const input = await botMessage('We are closed today');
    answer = { code: 451, message: '451 try later' };
    const temporary = await activities.sendOutbound(input).catch((e: unknown) => e);
    expect(temporary).toBeInstanceOf(ApplicationFailure);
    expect((temporary as ApplicationFailure).nonRetryable).toBe(false);
    answer = null;
    expect(await activities.sendOutbound(input)).toBe('sent');
    const record = await models.OutboundDelivery.findOne({ workspaceId, messageId: input.messageId })
      .setOptions({ [ALLOW_SCAN]: 'the test finds what it delivered' })
      .lean();
    expect(record).toMatchObject({ status: 'sent', attempts: 2, lastError: '451 try later' });

    const refused = await botMessage('To a dead mailbox');
    answer = { code: 550, message: '550 no such user' };
    const permanent = await activities.sendOutbound(refused).catch((e: unknown) => e);
    answer = null;
    expect((permanent as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('records a message it cannot send as skipped rather than failing forever', async () => {
    const noTransport = outboundActivities(models, { mailDomain: 'kefu.test' });
    const input = await botMessage('Nobody can send me');
    expect(await noTransport.sendOutbound(input)).toBe('skipped');
    const record = await models.OutboundDelivery.findOne({ workspaceId, messageId: input.messageId })
      .setOptions({ [ALLOW_SCAN]: 'the test finds what it delivered' })
      .lean();
    expect(record).toMatchObject({ status: 'skipped', lastError: expect.stringContaining('KEFU_SMTP_URL') });
    // Not retried into a send later either: skipped is final for this message.
    const withTransport = outboundActivities(models, { mailDomain: 'kefu.test', transport });
    expect(await withTransport.sendOutbound(input)).toBe('already-sent');
  });

  it('lists every live webhook endpoint of the workspace as a target of an API message, and none of another', async () => {
    const activities = outboundActivities(models, { mailDomain: 'kefu.test' });
    const createdBy = new Types.ObjectId();
    const live = await models.WebhookEndpoint.create({
      workspaceId: workspaceId,
      url: 'https://a.example/h',
      secret: 's',
      createdBy,
    });
    await models.WebhookEndpoint.create({
      workspaceId: workspaceId,
      url: 'https://b.example/h',
      secret: 's',
      createdBy,
      disabledAt: new Date(),
    });
    await models.WebhookEndpoint.create({
      workspaceId: String(new Types.ObjectId()),
      url: 'https://c.example/h',
      secret: 's',
      createdBy,
    });
    const targets = await activities.outboundTargets({
      workspaceId: workspaceId,
      conversationId,
      messageId: 'm',
      channel: 'api',
    });
    expect(targets).toEqual([String(live._id)]);
  });
});
