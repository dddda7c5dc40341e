import type { FastifyInstance } from 'fastify';
import type { WidgetOfflineForm } from '@kefu/schemas';
import type { WidgetSession } from '../../plugins/app/conversations';

/**
 * The customer's offline form becomes a ticket on their contact, once per requestId however often
 * it is resent. The email (and name) fill the contact's when it has none, so agents can write back.
 */
export async function receiveOfflineForm(
  app: FastifyInstance,
  session: WidgetSession,
  form: WidgetOfflineForm,
): Promise<{ ticketId: string }> {
  const { workspaceId, contactId, conversationId } = session;
  const { Contact } = app.models;
  await Contact.updateOne(
    { _id: contactId, workspaceId, email: { $exists: false } },
    { $set: { email: form.email } },
  );
  if (form.name)
    await Contact.updateOne(
      { _id: contactId, workspaceId, name: { $exists: false } },
      { $set: { name: form.name } },
    );
  // The address stays on the contact (sealed there, docs/privacy.md), not in the ticket's text.
  const who = form.name || 'a visitor';
  const ticket = await app.tickets.open({
    workspaceId,
    contactId,
    conversationId,
    subject: `Offline message from ${who}`.slice(0, 200),
    description: `${form.message}\n\n— ${who}`,
    source: 'offline-form',
    idempotencyKey: `offline-form/${conversationId}/${form.requestId}`,
  });
  return { ticketId: ticket.id };
}
