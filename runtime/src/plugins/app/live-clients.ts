import fp from 'fastify-plugin';
import type { Message, WidgetServerFrame } from '@kefu/schemas';

/** Anything that can receive frames: a widget socket today, an agent's inbox socket later. */
export interface LiveClient {
  send(frame: WidgetServerFrame): void;
}

export interface LiveClients {
  join(conversationId: string, client: LiveClient): () => void;
  /** Pushes a message to every live client of its conversation; returns how many got it. */
  push(message: Message): number;
  /**
   * Any other frame for a conversation's customer, e.g. `{ type: 'typing', typing }` while an agent
   * types (the inbox calls this); returns how many got it.
   */
  notify(conversationId: string, frame: WidgetServerFrame): number;
  /** How many clients are connected to this process (the metrics' open widget sockets). */
  connected(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    liveClients: LiveClients;
  }
}

/** The clients connected to this API process, by conversation. */
export default fp(
  async (app) => {
    const byConversation = new Map<string, Set<LiveClient>>();
    let connected = 0;
    app.decorate('liveClients', {
      join(conversationId, client) {
        let set = byConversation.get(conversationId);
        if (!set) byConversation.set(conversationId, (set = new Set()));
        if (!set.has(client)) connected++;
        set.add(client);
        return () => {
          if (set.delete(client)) connected--;
          if (set.size === 0) byConversation.delete(conversationId);
        };
      },
      push(message) {
        const clients = byConversation.get(message.conversationId);
        for (const client of clients ?? []) client.send({ type: 'message', message });
        return clients?.size ?? 0;
      },
      notify(conversationId, frame) {
        const clients = byConversation.get(conversationId);
        for (const client of clients ?? []) client.send(frame);
        return clients?.size ?? 0;
      },
      connected: () => connected,
    } satisfies LiveClients);
  },
  { name: 'live-clients' },
);
