import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Types } from 'mongoose';
import {
  errorResponses,
  idParamsSchema,
  pageSchema,
  ticketBulkResultSchema,
  ticketBulkSchema,
  ticketCommentSchema,
  ticketCountsSchema,
  ticketCreateSchema,
  ticketDetailSchema,
  ticketEventSchema,
  ticketListQuerySchema,
  ticketSchema,
  ticketUpdateSchema,
  type IdParams,
  type TicketBulk,
  type TicketBulkResult,
  type TicketComment,
  type TicketCounts,
  type TicketCreate,
  type TicketListQuery,
  type TicketUpdate,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import {
  ticketEventFor,
  ticketFor,
  toWireTicket,
  toWireTicketEvent,
  type TicketRecord,
} from '../../plugins/app/ticket-wire';
import { viewOf } from '../../privacy/pii-view';
import type { TicketActorRef } from '../../models';
import { perWorkspace } from '../../plugins/external/rate-limit';
import { repairCounts } from '../../models/counted';
import { readCounts } from '../../models/counters';
import { listTickets } from './list-tickets';

const TIMELINE_LIMIT = 500;

/**
 * Tickets as agents and owners work them (analysts have no ticket access: tickets carry customers'
 * words; the analytics issue reads aggregates). Every change goes through app.tickets, which keeps
 * the timeline and tells flows.
 */
const ticketRoutes: FastifyPluginAsync = async (app) => {
  const { Ticket, TicketEvent } = app.models;
  const tags = ['tickets'];
  const workers = { roles: ['owner', 'agent'] as const };

  const actorOf = (request: FastifyRequest): TicketActorRef => ({
    type: 'user',
    userId: staff(request).userId,
  });
  const notFound = () => new KefuError('KEFU_ERR_NOT_FOUND', 'No such ticket', 'params/id');

  app.post<{ Body: TicketCreate }>(
    '/tickets',
    {
      config: workers,
      schema: {
        tags,
        summary: 'Open a ticket',
        description:
          "By an agent or an API client, optionally from a conversation (its contact becomes the ticket's). " +
          'Due dates come from the default SLA policy; the published ticket-created flow starts. ' +
          'A retry with the same idempotencyKey answers the same ticket.',
        body: ticketCreateSchema,
        response: { 201: ticketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      const { source, idempotencyKey, ...body } = request.body;
      const ticket = await app.tickets.open({
        workspaceId,
        ...body,
        source: body.conversationId ? 'conversation' : (source ?? 'agent'),
        // Without a key every request is its own ticket.
        idempotencyKey: idempotencyKey
          ? `client/${idempotencyKey}`
          : `request/${new Types.ObjectId().toHexString()}`,
        actor: actorOf(request),
      });
      return reply.status(201).send(ticketFor(viewOf(staff(request)), ticket));
    },
  );

  app.get<{ Querystring: TicketListQuery }>(
    '/tickets',
    {
      config: workers,
      schema: {
        tags,
        summary: 'List tickets',
        description:
          'Filters combine with AND; `q` matches subject or description as a plain substring, ignoring case. ' +
          'A working set (status `open`, `pending` or `active`, a contactId or a conversationId) is read whole: ' +
          'every sort, and `total`. Otherwise tickets come newest or oldest first by creation, and a request reads ' +
          'at most 512 of them: a filtered page can come back short with a nextCursor that searches on (`scannedTo` ' +
          'says how far it got). Other sorts on all tickets are refused (400, querystring/sort).',
        querystring: ticketListQuerySchema,
        response: { 200: pageSchema(ticketSchema), ...errorResponses },
      },
    },
    async (request) => await listTickets(app.models, staff(request), request.query, new Date()),
  );

  app.get(
    '/tickets/counts',
    {
      config: workers,
      schema: {
        tags,
        summary: "The ticket views' counts",
        description:
          'Open, pending, mine and unassigned (of the open and pending ones), from counters kept as tickets ' +
          'change. Breaches depend on the time, so the breached view counts when it is read (its `total`).',
        response: { 200: ticketCountsSchema, ...errorResponses },
      },
    },
    async (request): Promise<TicketCounts> => {
      const { workspaceId, userId } = staff(request);
      const key = (name: string) => `${workspaceId}:tickets.${name}`;
      const names = ['open', 'pending', `active.assignee.${userId}`, 'active.unassigned'].map(key);
      // A change whose writer died half way is counted first (a few key lookups).
      await repairCounts({ Ticket: app.models.Ticket as never }, { workspaceId });
      const counts = await readCounts(app.models.Counter.db, names);
      const at = (i: number) => Math.max(0, counts[names[i]!] ?? 0);
      return { open: at(0), pending: at(1), mine: at(2), unassigned: at(3) };
    },
  );

  app.get<{ Params: IdParams }>(
    '/tickets/:id',
    {
      config: workers,
      schema: {
        tags,
        summary: 'One ticket with its timeline',
        params: idParamsSchema,
        response: { 200: ticketDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const { workspaceId } = auth;
      const ticket = await Ticket.findOne({ _id: request.params.id, workspaceId }).lean();
      if (!ticket) throw notFound();
      const events = await TicketEvent.find({ workspaceId, ticketId: ticket._id })
        .sort({ at: -1, _id: -1 })
        .limit(TIMELINE_LIMIT)
        .lean();
      return {
        ticket: toWireTicket(ticket as unknown as TicketRecord, viewOf(auth)),
        timeline: events.reverse().map((e) => toWireTicketEvent(e, viewOf(auth))),
      };
    },
  );

  app.patch<{ Params: IdParams; Body: TicketUpdate }>(
    '/tickets/:id',
    {
      config: workers,
      schema: {
        tags,
        summary: 'Change a ticket',
        description:
          'Only the fields given change; null clears assignee, team or a custom field; addTags/removeTags ' +
          'change only those tags (tags replaces the list). Each changed field ' +
          "lands on the timeline; a status change reaches the ticket's flow run.",
        params: idParamsSchema,
        body: ticketUpdateSchema,
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const ticket = await app.tickets.change(
        workspaceId,
        request.params.id,
        request.body,
        actorOf(request),
        `request/${request.id}/${new Types.ObjectId().toHexString()}`,
      );
      if (!ticket) throw notFound();
      return ticketFor(viewOf(staff(request)), ticket);
    },
  );

  app.post<{ Params: IdParams; Body: TicketComment }>(
    '/tickets/:id/comments',
    {
      config: workers,
      schema: {
        tags,
        summary: 'Reply on a ticket or add an internal note',
        description:
          "internal: false (default) is a public reply; the first one is the ticket's first response.",
        params: idParamsSchema,
        body: ticketCommentSchema,
        response: { 201: ticketEventSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      const event = await app.tickets.comment(
        workspaceId,
        request.params.id,
        { text: request.body.text, internal: request.body.internal ?? false },
        actorOf(request),
        `comment/${new Types.ObjectId().toHexString()}`,
      );
      if (!event) throw notFound();
      return reply.status(201).send(ticketEventFor(viewOf(staff(request)), event));
    },
  );

  app.post<{ Body: TicketBulk }>(
    '/tickets/bulk',
    {
      config: { ...workers, rateLimit: perWorkspace('bulk changes', 30, '1 minute') },
      schema: {
        tags,
        summary: 'Change many tickets',
        description:
          'The same change (status, priority, assignee, team, tags added or removed) on up to 100 tickets. ' +
          'Each id answers for itself: an unknown id or a refused change fails that id only. ' +
          '30 per minute per workspace.',
        body: ticketBulkSchema,
        response: { 200: ticketBulkResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const { ids, ...change } = request.body;
      // A change no ticket can take (an unknown agent or team) is the request's fault, not each id's.
      await app.tickets.checkRefs(workspaceId, { assigneeId: change.assigneeId, teamId: change.teamId });
      const batch = new Types.ObjectId().toHexString();
      const results: TicketBulkResult['results'] = [];
      // One at a time: each change signals flows, and a small shop's bulk edit is at most 100 tickets.
      for (const id of ids) {
        try {
          const ticket = await app.tickets.change(
            workspaceId,
            id,
            change,
            actorOf(request),
            `bulk/${batch}/${id}`,
          );
          results.push(
            ticket
              ? { id, ok: true, ticket: ticketFor(viewOf(staff(request)), ticket) }
              : { id, ok: false, error: { code: 'KEFU_ERR_NOT_FOUND', message: 'No such ticket' } },
          );
        } catch (err) {
          if (!(err instanceof KefuError) || err.statusCode >= 500) throw err;
          results.push({ id, ok: false, error: { code: err.code, message: err.message } });
        }
      }
      return { results };
    },
  );
};

export default ticketRoutes;
