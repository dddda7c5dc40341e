import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSeedFlow } from '@kefu/runtime';
import { emailIndex } from '@kefu/runtime/models';
import { starterTemplates } from '@kefu/nodes/templates';
import type { FlowDraft } from '@kefu/schemas';
import type { ContactImportWire, Inbox, TeamWire } from '@kefu/schemas/api';
import { inviteAgent, ownerOf, type StaffMember } from './support/invite-agent';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * Issue 13: one tenant cannot slow another. One workspace imports 50,000 contacts (`npm run bench`
 * runs this file with 200,000: KEFU_IMPORT_ROWS) while a customer of another workspace chats with its bot and an agent of a third works the queue (customers
 * routed to a team, taken, answered, resolved). The same chat-and-queue rounds run without the
 * import first, then during it, then once more after it, in this run on this machine; the import
 * must complete with every row, and the chat and the queue must stay within a bound of the figures
 * without it. "Without" is the worse of before and after: the desk's own history grows with every
 * round (some inbox reads cost more with it), and that is not the import's doing.
 *
 * The bound: the median during the import at most 2 times the median without it plus 50 ms, and
 * the 90th percentile at most 3 times plus 100 ms. On 2 cores the import and the chats share the
 * CPU (API, worker, FerretDB, PostgreSQL, Temporal and this test all run here, often beside other
 * work), so some slowing is physics; what the issue saw without isolation was minutes.
 */
// 200,000 rows took over 15 minutes with a second npm test and a fault run beside it: the size
// that proves the import bounded belongs in the benchmark, the isolation holds at this one too.
const ROWS = Number(process.env.KEFU_IMPORT_ROWS ?? 50_000);
const BASELINE_ROUNDS = 12;
const MEASURES = ['reply', 'inbox', 'routed', 'accept', 'agentReply'] as const;
const MIN_ROUNDS_DURING = 12;
/** A round starts at most once a second: one customer and one agent at a brisk human pace. */
const ROUND_MS = 1000;

/** The routing template as shipped, except that the shop is always open (see inbox.test.ts). */
function alwaysOpenRouting(): FlowDraft {
  const template = starterTemplates.find((t) => t.id === 'vip-routing');
  if (!template) throw new Error('the routing template is gone');
  const draft = structuredClone(template.draft) as FlowDraft;
  draft.edges = draft.edges.map((e) =>
    e.source === 'hours' && e.sourcePort === 'closed' ? { ...e, target: 'is-vip' } : e,
  );
  return draft;
}

/** Contacts as a shop exports them from elsewhere: name, email, phone, tags, two attributes. */
function contactsFile(rows: number): Buffer {
  const lines = ['name,email,phone,tags,city,plan'];
  const cities = ['上海', 'Beijing', 'Shenzhen', '杭州'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Customer ${i},customer${i}@example.com,+86 139 ${String(i).padStart(8, '0')},imported|batch${i % 7},${cities[i % 4]},${i % 3 ? 'basic' : 'gold'}`,
    );
  return Buffer.from(lines.join('\n') + '\n');
}

interface Samples {
  /** Customer message to the bot's auto-reply, on the widget socket. */
  reply: number[];
  /** The agent's GET /inbox. */
  inbox: number[];
  /** A new customer's hello until the agent sees the chat in GET /inbox. */
  routed: number[];
  /** The agent's POST accept. */
  accept: number[];
  /** The agent's reply until the customer's widget shows it. */
  agentReply: number[];
}
const emptySamples = (): Samples => ({ reply: [], inbox: [], routed: [], accept: [], agentReply: [] });

describe('one tenant cannot slow another', () => {
  let product: RunningProduct;
  let importer: Shop;
  let desk: Shop;
  let agent: StaffMember;
  let chatter: WidgetSocket;
  let round = 0;

  beforeAll(async () => {
    product = await startProduct({ widgetLimits: { connectionsPerMinute: 100_000, framesPer10s: 100_000 } });
    importer = await signUpShop(product.url, 'importer');
    desk = await signUpShop(product.url, 'desk');
    const deskOwner = await ownerOf(product.url, desk);
    agent = await inviteAgent(product.url, desk, 'queue');
    await publishSeedFlow(product.models, desk.workspaceId, alwaysOpenRouting());
    const team = await callApi<TeamWire>(product.url, deskOwner, 'POST', '/teams', {
      key: 'support',
      name: 'Support',
      members: [agent.userId],
    });
    expect(team.status).toBe(201);
    expect(
      (await callApi(product.url, agent, 'PATCH', '/agents/me', { presence: 'online', maxConcurrent: 5 }))
        .status,
    ).toBe(200);
    // The demo shop's customer: its flow answers every message.
    chatter = await WidgetSocket.open(product.wsUrl);
    await chatter.hello('isolation-chatter');
    await chatter.next(isBotText(/Welcome to Demo Shop/));
  }, 180_000);

  afterAll(async () => {
    await chatter?.close();
    await product?.stop();
  });

  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    into.push(performance.now() - started);
    return result;
  };

  /** One round: the demo customer's message answered by the bot; a desk customer routed, taken, answered, resolved. */
  async function chatRound(samples: Samples): Promise<void> {
    const began = performance.now();
    await oneRound(samples);
    const left = ROUND_MS - (performance.now() - began);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }

  async function oneRound(samples: Samples): Promise<void> {
    const n = round++;
    const from = chatter.frames.length;
    await timed(samples.reply, async () => {
      chatter.send({ type: 'message', clientMessageId: `isolation-${n}`, text: `question ${n}` });
      await chatter.next(isBotText(new RegExp(`"question ${n}"`)), from);
    });

    const customer = await WidgetSocket.open(product.wsUrl);
    try {
      const helloAt = performance.now();
      const { conversationId } = await customer.hello(`isolation-customer-${n}`, desk.publicKey);
      for (;;) {
        const inbox = await timed(samples.inbox, () => callApi<Inbox>(product.url, agent, 'GET', '/inbox'));
        expect(inbox.status).toBe(200);
        const seen =
          inbox.body.queue.some((c) => c.id === conversationId) ||
          inbox.body.offers.some((o) => o.conversationId === conversationId);
        if (seen) break;
        if (performance.now() - helloAt > 60_000) throw new Error(`chat ${n} never reached the queue`);
      }
      samples.routed.push(performance.now() - helloAt);
      const accepted = await timed(samples.accept, () =>
        callApi(product.url, agent, 'POST', `/conversations/${conversationId}/accept`),
      );
      expect(accepted.status).toBe(200);
      const sentAt = customer.frames.length;
      await timed(samples.agentReply, async () => {
        const sent = await callApi(product.url, agent, 'POST', `/conversations/${conversationId}/messages`, {
          clientMessageId: `isolation-agent-${n}`,
          text: `Happy to help, customer ${n}`,
        });
        expect(sent.status).toBe(200);
        await customer.next(
          (f) =>
            f.type === 'message' && f.message.author === 'agent' && f.message.text.endsWith(`customer ${n}`),
          sentAt,
        );
      });
      expect(
        (await callApi(product.url, agent, 'POST', `/conversations/${conversationId}/resolve`)).status,
      ).toBe(200);
    } finally {
      await customer.close();
    }
  }

  it(`imports ${ROWS.toLocaleString('en')} contacts into one workspace while another chats and works its queue as fast as before`, async () => {
    const file = contactsFile(ROWS);
    // Warm up (first flow runs, first queries, code paths compiled), then the figures without an import.
    for (let i = 0; i < 5; i++) await chatRound(emptySamples());
    const before = emptySamples();
    for (let i = 0; i < BASELINE_ROUNDS; i++) await chatRound(before);

    const uploadStarted = performance.now();
    const res = await fetch(`${product.url}/contacts/imports?fileName=contacts-200k.csv`, {
      method: 'POST',
      headers: { cookie: importer.cookie, 'content-type': 'text/csv' },
      body: file,
    });
    const started = (await res.json()) as ContactImportWire;
    expect(res.status, JSON.stringify(started)).toBe(202);
    const uploadMs = performance.now() - uploadStarted;

    const during = emptySamples();
    let job = started;
    const importStarted = performance.now();
    const ended = (state: string) => ['done', 'failed', 'cancelled'].includes(state);
    const follow = (async () => {
      while (!ended(job.state)) {
        await new Promise((r) => setTimeout(r, 2000));
        job = (
          await callApi<ContactImportWire>(product.url, importer, 'GET', `/contacts/imports/${started.id}`)
        ).body;
      }
    })();
    let rounds = 0;
    for (; !ended(job.state); rounds++) await chatRound(during);
    await follow;
    const importSeconds = (performance.now() - importStarted) / 1000;
    const after = emptySamples();
    for (let i = 0; i < BASELINE_ROUNDS; i++) await chatRound(after);

    const without = (k: (typeof MEASURES)[number], p: number) =>
      Math.max(pct(before[k], p), pct(after[k], p));
    const table = MEASURES.map((k) => ({
      measure: k,
      'p50 before/during/after ms': [before, during, after].map((s) => round1(pct(s[k], 50))).join(' / '),
      'p90 before/during/after ms': [before, during, after].map((s) => round1(pct(s[k], 90))).join(' / '),
      'p90 ratio': round1(pct(during[k], 90) / without(k, 90)),
      samples: [before, during, after].map((s) => s[k].length).join('/'),
    }));
    console.log(
      `import of ${ROWS} rows (${(file.length / 1e6).toFixed(1)} MB): upload ${Math.round(uploadMs)} ms, ` +
        `imported in ${importSeconds.toFixed(0)} s (${Math.round(ROWS / importSeconds)} rows/s); ` +
        `${rounds} chat rounds during it`,
    );
    console.table(table);

    expect(job).toMatchObject({ state: 'done', rowsRead: ROWS, created: ROWS, updated: 0, problemCount: 0 });
    expect(job.bytesRead).toBe(file.length);
    // Every row is a contact, as an owner would check: the first, one in the middle, the last.
    for (const i of [0, ROWS / 2, ROWS - 1]) {
      const found = await product.models.Contact.findOne({
        workspaceId: importer.workspaceId,
        emailKey: emailIndex(`customer${i}@example.com`),
      }).lean();
      expect(found).toMatchObject({ name: `Customer ${i}`, attributes: { city: expect.any(String) } });
    }
    expect(rounds).toBeGreaterThanOrEqual(MIN_ROUNDS_DURING);
    for (const k of MEASURES) {
      expect(pct(during[k], 50), `${k} p50`).toBeLessThanOrEqual(without(k, 50) * 2 + 50);
      expect(pct(during[k], 90), `${k} p90`).toBeLessThanOrEqual(without(k, 90) * 3 + 100);
    }
  }, 900_000);
});

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
