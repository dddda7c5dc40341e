import fp from 'fastify-plugin';
import type { AgentEvent, AgentServerFrame, Role } from '@kefu/schemas/api';
import type { Models } from '../../models';
import { agentEventFor } from '../../inbox/inbox-privacy';
import { viewOf } from '../../privacy/pii-view';

/** One agent socket of this process. */
export interface AgentClient {
  workspaceId: string;
  userId: string;
  /** The sign-in behind the socket; empty for a client that is no one's session (tests). */
  sessionId?: string;
  /** As of the last check: a role change is applied here, so events follow the new roles. */
  roles: readonly Role[];
  /** As of the last check: without "view personal data" every pushed event is masked (docs/privacy.md). */
  seesPersonalData: boolean;
  send(frame: AgentServerFrame): void;
  /**
   * Checks the session again: closes the socket when it has ended or no longer allows the inbox,
   * else takes its current roles. Never throws.
   */
  recheck?(): Promise<void>;
}

/**
 * Who gets an event; the parts add up. Without an audience, an event about a conversation goes to
 * whoever may see that conversation, any other event to every connected agent of the workspace.
 */
export interface AgentAudience {
  /** These users (e.g. the agent an offer was made to, the agent a chat was moved away from). */
  userIds?: readonly string[];
  /** Every member of these teams. */
  teamIds?: readonly string[];
  /** Whoever may see this conversation: owners, its assignee, or while unassigned its team's members. */
  conversationId?: string;
}

export interface AgentHub {
  /** Adds a connected agent; call the returned function when the socket closes. */
  join(client: AgentClient): () => void;
  /**
   * Pushes an event, with personal data in clear, to the connected agents of the audience, masked
   * per socket for those without "view personal data"; resolves with how many got it. Never
   * throws: a push is best effort (the inbox reloads GET /inbox after a reconnect).
   */
  publish(workspaceId: string, event: AgentEvent, audience?: AgentAudience): Promise<number>;
  /**
   * Re-checks at once the sockets of this process that belong to this user or session: call after
   * a sign-out, a removal, a disabled user or a role change. Sockets of other API processes are
   * caught by their own process's periodic re-check.
   */
  recheck(workspaceId: string, who: { userId?: string; sessionId?: string }): Promise<void>;
  /** How many agent sockets are connected to this process (for the metrics). */
  connected(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    agentHub: AgentHub;
  }
}

/**
 * The agent sockets connected to this API process. Limit: with several API processes behind a
 * balancer an event reaches only the agents connected to the process that published it; scaling
 * out needs a fan-out between processes (e.g. Redis pub/sub or MongoDB change streams, which
 * FerretDB 1.x lacks) in `publish`.
 *
 * Every socket's session is re-checked every `recheckEveryMs`, besides at once after a change made
 * in this process (`recheck`): that is how a sign-out or removal handled by another API process
 * reaches this one's sockets without a fan-out, at the cost of one session and one user lookup
 * (both by key) per socket and period.
 */
export default fp(
  async (app, opts: { recheckEveryMs?: number }) => {
    const byWorkspace = new Map<string, Set<AgentClient>>();
    let connected = 0;
    const recheckAll = async () => {
      for (const clients of [...byWorkspace.values()])
        await Promise.all([...clients].map((client) => client.recheck?.()));
    };
    let sweeping = false;
    const sweep = setInterval(() => {
      // A slow store must not pile sweeps on top of each other.
      if (sweeping) return;
      sweeping = true;
      void recheckAll().finally(() => (sweeping = false));
    }, opts.recheckEveryMs ?? 15_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));

    const hub: AgentHub = {
      connected: () => connected,
      join(client) {
        let set = byWorkspace.get(client.workspaceId);
        if (!set) byWorkspace.set(client.workspaceId, (set = new Set()));
        if (!set.has(client)) connected++;
        set.add(client);
        return () => {
          if (set.delete(client)) connected--;
          if (set.size === 0) byWorkspace.delete(client.workspaceId);
        };
      },

      async publish(workspaceId, event, audience) {
        const clients = byWorkspace.get(workspaceId);
        if (!clients?.size) return 0;
        try {
          const allowed = await audienceOf(
            app.models,
            workspaceId,
            clients,
            audience ?? defaultAudience(event),
          );
          let sent = 0;
          for (const client of clients) {
            if (!allowed(client)) continue;
            client.send(agentEventFor(viewOf(client), event));
            sent++;
          }
          return sent;
        } catch (err) {
          app.log.warn({ err, workspaceId, type: event.type }, 'agent event not pushed');
          return 0;
        }
      },

      async recheck(workspaceId, who) {
        const matching = [...(byWorkspace.get(workspaceId) ?? [])].filter(
          (c) =>
            (!who.userId || c.userId === who.userId) && (!who.sessionId || c.sessionId === who.sessionId),
        );
        await Promise.all(matching.map((client) => client.recheck?.()));
      },
    };
    app.decorate('agentHub', hub);
  },
  { name: 'agent-hub', dependencies: ['db'] },
);

/** The conversation an event is about, if any: its viewers are the default audience. */
function defaultAudience(event: AgentEvent): AgentAudience | null {
  if ('conversation' in event) return { conversationId: event.conversation.id };
  if ('message' in event) return { conversationId: event.message.conversationId };
  if ('note' in event) return { conversationId: event.note.conversationId };
  if ('conversationId' in event) return { conversationId: event.conversationId };
  return null;
}

async function audienceOf(
  models: Models,
  workspaceId: string,
  clients: ReadonlySet<AgentClient>,
  audience: AgentAudience | null,
): Promise<(client: AgentClient) => boolean> {
  if (!audience) return () => true;
  const users = new Set(audience.userIds ?? []);
  let owners = false;
  const teamIds = [...(audience.teamIds ?? [])];
  let everyAgent = false;
  if (audience.conversationId) {
    const c = await models.Conversation.findOne(
      { _id: audience.conversationId, workspaceId },
      { assignee: 1, teamId: 1, handoff: 1, status: 1, test: 1 },
    ).lean();
    // A designer simulation's conversation is nobody's work: no agent or inbox hears of it.
    if (c?.test) return () => false;
    if (c) {
      owners = true;
      if (c.assignee?.agentId) users.add(String(c.assignee.agentId));
      else if (c.teamId) teamIds.push(String(c.teamId));
      // Handed to a person by a failed step, with no team: every agent's queue shows it.
      else if (c.handoff?.at && c.status === 'open') everyAgent = true;
    }
  }
  if (teamIds.length) {
    // One lookup per team by id: `_id: {$in}` would read every team of the workspace.
    const teams = await Promise.all(
      [...new Set(teamIds)].map((_id) => models.Team.findOne({ workspaceId, _id }, { members: 1 }).lean()),
    );
    for (const team of teams) for (const member of team?.members ?? []) users.add(String(member));
  }
  return (client) => everyAgent || users.has(client.userId) || (owners && client.roles.includes('owner'));
}
