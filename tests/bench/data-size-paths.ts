import { Agent, request } from 'node:http';
import type { Models } from '@kefu/runtime/models';
import type { ContactDetail, Inbox } from '@kefu/schemas/api';
import { WidgetSocket, isBotText } from '../src/support/widget-socket';

/** The shop the data-size benchmark measures: its widget key and an agent's session. */
export interface MeasuredShop {
  url: string;
  wsUrl: string;
  workspaceId: string;
  publicKey: string;
  agentCookie: string;
}

/** What a path needs at each size: the round trip to time, and what to tidy afterwards. */
export interface PreparedPath {
  roundTrip(): Promise<unknown>;
  /** What the last answer held (list lengths), printed beside the figures. */
  answer?(): string;
  done?(): Promise<void>;
}

export interface HotPath {
  name: string;
  prepare(): Promise<PreparedPath>;
}

/**
 * The hot paths of issue 13, as a customer's widget and an agent's console call them. `samples`
 * are ids and emails of the measured shop's stored contacts; each call takes the next one.
 */
export function hotPaths(
  shop: MeasuredShop,
  models: Models,
  samples: { contactIds: readonly string[]; emails: readonly string[] },
): HotPath[] {
  const get = (path: string) => getJson(`${shop.url}${path}`, shop.agentCookie);
  let n = 0;
  const next = <T>(list: readonly T[]) => list[n++ % list.length]!;
  // A measured hello leaves an open conversation: closed afterwards as a close step does
  // (workers/src/contact-activities.ts), so the open working set stays the same at every size.
  // Measured last: the closing reads nothing measured.
  const closeAll = async (ids: string[]) => {
    for (const id of ids.splice(0))
      await models.Conversation.updateOne(
        { _id: id, workspaceId: shop.workspaceId },
        { $set: { status: 'closed' }, $unset: { inboxKey: 1 } },
      );
  };

  /** A console GET; `describe` tells what the last answer held, to show the path did its job. */
  function getPath<B>(name: string, path: () => string, describe: (body: B) => string): HotPath {
    return {
      name,
      async prepare() {
        let last: B | null = null;
        return {
          roundTrip: async () => void (last = (await get(path())) as B),
          answer: () => (last ? describe(last) : ''),
        };
      },
    };
  }

  return [
    {
      name: 'auto-reply: message → reply',
      async prepare() {
        const socket = await WidgetSocket.open(shop.wsUrl);
        const session = await socket.hello(`bench-chat-${Date.now()}`, shop.publicKey);
        await socket.next(isBotText(/Welcome/));
        return {
          async roundTrip() {
            const text = `data-size ${n++}`;
            const from = socket.frames.length;
            socket.send({ type: 'message', clientMessageId: `data-size-${n}-${from}`, text });
            const replied = isBotText(new RegExp(`"${text}"`));
            const answer = await socket.next((f) => replied(f) || f.type === 'error', from);
            if (answer.type === 'error') throw new Error(`message refused: ${JSON.stringify(answer)}`);
            socket.frames.length = 0;
          },
          async done() {
            await socket.close();
            await closeAll([session.conversationId]);
          },
        };
      },
    },
    getPath(
      'agent queue: GET /inbox',
      () => '/inbox',
      (b: Inbox) => `${b.queue.length} queued, ${b.mine.length} mine`,
    ),
    getPath(
      'contact panel: GET /contacts/:id',
      () => `/contacts/${next(samples.contactIds)}`,
      (b: ContactDetail) => `${b.conversations.length} conversations, ${b.tickets.length} tickets`,
    ),
    getPath(
      'contact by email: GET /contacts?q=',
      () => `/contacts?limit=25&q=${encodeURIComponent(next(samples.emails))}`,
      items,
    ),
    getPath('tickets: default view', () => '/tickets?limit=25&sort=-createdAt', items),
    getPath(
      'tickets: my open tickets',
      () => '/tickets?limit=25&sort=-createdAt&status=open&assignee=me',
      items,
    ),
    getPath('conversations: first page', () => '/conversations', items),
    {
      name: 'conversations: 3rd page by cursor',
      async prepare() {
        let cursor: string | null = null;
        for (let page = 1; page < 3; page++) {
          const body = (await get(`/conversations${cursor ? `?cursor=${cursor}` : ''}`)) as Page;
          cursor = body.nextCursor;
          if (!cursor) throw new Error(`the conversation list ended at page ${page}`);
        }
        return getPath('', () => `/conversations?cursor=${cursor}`, items).prepare();
      },
    },
    {
      name: 'auto-reply: hello → welcome (new visitor)',
      async prepare() {
        const opened: string[] = [];
        return {
          async roundTrip() {
            const socket = await WidgetSocket.open(shop.wsUrl);
            const session = await socket.hello(`bench-hello-${Date.now()}-${n++}`, shop.publicKey);
            await socket.next(isBotText(/Welcome/));
            opened.push(session.conversationId);
            await socket.close();
          },
          done: () => closeAll(opened),
        };
      },
    },
  ];
}

interface Page {
  items: unknown[];
  nextCursor: string | null;
}
const items = (b: Page) => `${b.items.length} items${b.nextCursor ? ', more' : ''}`;

/** One keep-alive connection, no client timeout: a call that takes minutes is a figure, not an error. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function getJson(url: string, cookie: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(JSON.parse(text));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
