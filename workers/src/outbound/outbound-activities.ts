import { ApplicationFailure } from '@temporalio/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Types } from 'mongoose';
import type { DeliverOutboundInput } from '@kefu/schemas';
import {
  idForKey,
  insertOnce,
  mailIdKey,
  recordThreadMessage,
  toWireMessage,
  type Models,
} from '@kefu/runtime/models';
import { safeHttpRequest } from '@kefu/runtime/safe-http';
import { composeReply } from './email-reply';
import { WEBHOOK_HEADERS, signWebhook } from './webhook-signature';

export interface OutboundConfig {
  /** nodemailer transport URL, e.g. smtp://user:pass@mail.example.com:587; without it mail is not sent. */
  smtpUrl?: string;
  /** Our mail domain: Message-IDs and the workspace addresses (<publicKey>@domain) use it. */
  mailDomain: string;
  /** Tests only: let webhooks reach loopback receivers. */
  webhookAllowLoopback?: boolean;
  /** A nodemailer transport to use instead of smtpUrl (tests use a custom transport to fail on demand). */
  transport?: Transporter;
}

export type DeliveryTarget = DeliverOutboundInput & { target: string };
export type DeliveryOutcome = 'sent' | 'already-sent' | 'skipped';

/**
 * Sends a stored message out by email or webhook. Idempotent per message and target: the delivery
 * record (key-derived id) is read first and a target marked sent is never sent again.
 *
 * What stays at-least-once: if the process dies after the SMTP server (or the webhook receiver)
 * took the message but before 'sent' is stored, the retry sends it again. SMTP has no way to ask
 * "did you get this?"; the mail carries the same Message-ID both times so mail clients usually
 * show it once, and webhooks carry the same x-kefu-delivery id for receivers to drop the repeat.
 */
export function outboundActivities(models: Models, config: OutboundConfig) {
  const transport: Transporter | null =
    config.transport ?? (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null);

  async function begin(t: DeliveryTarget) {
    const _id = idForKey(`outbound/${subjectOf(t)}/${t.target}`);
    const earlier = await models.OutboundDelivery.findOne({ _id, workspaceId: t.workspaceId }).lean();
    if (earlier?.status === 'sent' || earlier?.status === 'skipped') return { _id, done: true };
    if (earlier) {
      await models.OutboundDelivery.updateOne({ _id, workspaceId: t.workspaceId }, { $inc: { attempts: 1 } });
    } else {
      await insertOnceById(models, _id, t);
    }
    return { _id, done: false };
  }

  async function finish(
    t: DeliveryTarget,
    _id: Types.ObjectId,
    status: 'sent' | 'skipped',
    lastError?: string,
  ) {
    await models.OutboundDelivery.updateOne(
      { _id, workspaceId: t.workspaceId },
      {
        $set: {
          status,
          ...(status === 'sent' ? { sentAt: new Date() } : {}),
          ...(lastError ? { lastError } : {}),
        },
      },
    );
  }

  async function failed(
    t: DeliveryTarget,
    _id: Types.ObjectId,
    error: string,
    retryable: boolean,
  ): Promise<never> {
    await models.OutboundDelivery.updateOne(
      { _id, workspaceId: t.workspaceId },
      { $set: { lastError: error } },
    );
    throw retryable
      ? ApplicationFailure.retryable(error, 'OutboundSendFailed')
      : ApplicationFailure.nonRetryable(error, 'OutboundRefused');
  }

  async function loadMessage(t: DeliveryTarget) {
    if (!t.messageId)
      throw ApplicationFailure.nonRetryable(
        'a message delivery without a message id',
        'OutboundMessageMissing',
      );
    const doc = await models.Message.findOne({ _id: t.messageId, workspaceId: t.workspaceId });
    if (!doc)
      throw ApplicationFailure.nonRetryable(`message ${t.messageId} not found`, 'OutboundMessageMissing');
    return toWireMessage(doc);
  }

  async function sendEmail(t: DeliveryTarget): Promise<DeliveryOutcome> {
    if (t.event) return 'skipped'; // events are for webhooks; a mailbox only gets messages
    const { _id, done } = await begin(t);
    if (done) return 'already-sent';
    const thread = await models.EmailThread.findOne({
      _id: t.conversationId,
      workspaceId: t.workspaceId,
    }).lean();
    if (!thread) {
      await finish(t, _id, 'skipped', 'the conversation has no email thread');
      return 'skipped';
    }
    if (!transport) {
      await finish(t, _id, 'skipped', 'no SMTP transport configured (KEFU_SMTP_URL)');
      return 'skipped';
    }
    const message = await loadMessage(t);
    const workspace = await models.Workspace.findOne({ _id: t.workspaceId }, { name: 1 }).lean();
    const mail = composeReply({ ...thread, references: thread.references ?? [] }, message, {
      mailDomain: config.mailDomain,
      fromName: workspace?.name ?? 'Kefu',
    });
    try {
      await transport.sendMail(mail);
    } catch (err) {
      const e = err as Error & { responseCode?: number };
      // 5xx is the server's final word (no such mailbox, refused); 4xx and network errors may pass.
      await failed(t, _id, e.message, !(e.responseCode && e.responseCode >= 500));
    }
    await finish(t, _id, 'sent');
    // The customer's reply to this mail names its Message-ID: remember where it threads.
    await insertOnce(models.MailId, {
      workspaceId: t.workspaceId,
      conversationId: t.conversationId,
      messageId: t.messageId,
      mailMessageId: mail.messageId,
      idempotencyKey: mailIdKey(t.workspaceId, mail.messageId),
    });
    // A customer's mail may join the thread meanwhile: append to what it holds now.
    await recordThreadMessage(models.EmailThread, t.workspaceId, t.conversationId, mail.messageId);
    return 'sent';
  }

  async function sendWebhook(t: DeliveryTarget): Promise<DeliveryOutcome> {
    const { _id, done } = await begin(t);
    if (done) return 'already-sent';
    const endpoint = await models.WebhookEndpoint.findOne({
      _id: t.target,
      workspaceId: t.workspaceId,
    }).lean();
    if (!endpoint || endpoint.disabledAt) {
      await finish(t, _id, 'skipped', 'endpoint removed');
      return 'skipped';
    }
    const conversation = await models.Conversation.findOne(
      { _id: t.conversationId, workspaceId: t.workspaceId },
      { contactId: 1 },
    ).lean();
    const contact = conversation
      ? await models.Contact.findOne(
          { _id: conversation.contactId, workspaceId: t.workspaceId },
          { visitorId: 1 },
        ).lean()
      : null;
    const about = {
      id: String(_id),
      conversationId: t.conversationId,
      externalContactId: contact?.visitorId.replace(/^api:/, '') ?? null,
    };
    const body = JSON.stringify(
      t.event
        ? { ...about, type: t.event.type, at: t.event.at }
        : { ...about, type: 'message.created', message: await loadMessage(t) },
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await safeHttpRequest(
      {
        method: 'POST',
        url: endpoint.url,
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(endpoint.secret, timestamp, body),
          [WEBHOOK_HEADERS.delivery]: String(_id),
        },
        body,
        timeoutMs: 10_000,
      },
      { allowLoopback: config.webhookAllowLoopback === true },
    );
    if (!result.ok) {
      const why = result.error ?? `answered ${result.status}`;
      // A 4xx other than timeout/too-many says the receiver will never take it; blocked addresses never pass.
      const final =
        (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429) ||
        why.startsWith('blocked address') ||
        why === 'invalid URL';
      await failed(t, _id, why, !final);
    }
    await finish(t, _id, 'sent');
    return 'sent';
  }

  return {
    /** Where one message goes: the customer's mailbox, or every webhook endpoint of the workspace. */
    async outboundTargets(input: DeliverOutboundInput): Promise<string[]> {
      if (input.channel === 'email') return input.event ? [] : ['email'];
      const endpoints = await models.WebhookEndpoint.find(
        { workspaceId: input.workspaceId },
        { disabledAt: 1 },
      ).lean();
      return endpoints.filter((e) => !e.disabledAt).map((e) => String(e._id));
    },

    async sendOutbound(t: DeliveryTarget): Promise<DeliveryOutcome> {
      return t.channel === 'email' ? sendEmail(t) : sendWebhook(t);
    },
  };
}

export type OutboundActivities = ReturnType<typeof outboundActivities>;

/** What one delivery is about: its message, or its event. */
function subjectOf(t: DeliverOutboundInput): string {
  return t.event ? `event:${t.event.key}` : String(t.messageId);
}

async function insertOnceById(models: Models, _id: Types.ObjectId, t: DeliveryTarget): Promise<void> {
  try {
    await models.OutboundDelivery.create({
      _id,
      workspaceId: t.workspaceId,
      conversationId: t.conversationId,
      ...(t.messageId ? { messageId: t.messageId } : {}),
      ...(t.event ? { eventKey: t.event.key } : {}),
      channel: t.channel,
      target: t.target,
      status: 'sending',
      attempts: 1,
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err; // a racing attempt created it
  }
}
