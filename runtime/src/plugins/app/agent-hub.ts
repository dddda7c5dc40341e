import fp from 'fastify-plugin';
import type { AgentEvent, AgentServerFrame, Role } from '@kefu/schemas/api';
import type { Models } from '../../models';

/** One agent socket of this process. */
export interface AgentClient {
  workspaceId: string;
  userId: string;
  roles: readonly Role[];
  send(frame: AgentServerFrame): void;
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
   * Pushes an event to the connected agents of the audience; resolves with how many got it. Never
   * throws: a push is best effort (the inbox reloads GET /inbox after a reconnect).
   */
  publish(workspaceId: string, event: AgentEvent, audience?: AgentAudience): Promise<number>;
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
 */
export default fp(
  async (app) => {
    const byWorkspace = new Map<string, Set<AgentClient>>();

    const hub: AgentHub = {
      join(client) {
        let set = byWorkspace.get(client.workspaceId);
        if (!set) byWorkspace.set(client.workspaceId, (set = new Set()));
        set.add(client);
        return () => {
          set.delete(client);
          if (set.size === 0) byWorkspace.delete(client.workspaceId);
        };
      },

      async publish(workspaceId, event, audience) {
        const clients = byWorkspace.get(workspaceId);
        if (!clients?.size) return 0;
        try {
          const allowed = await audienceOf(app.models, workspaceId, clients, audience ?? defaultAudience(event));
          let sent = 0;
          for (const client of clients) {
            if (!allowed(client)) continue;
            client.send(event);
            sent++;
          }
          return sent;
        } catch (err) {
          app.log.warn({ err, workspaceId, type: event.type }, 'agent event not pushed');
          return 0;
        }
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
