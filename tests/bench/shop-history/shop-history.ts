/**
 * Grows a store's history step by step (1k → 100k → 1M documents in the big collections), half in
 * the measured shop and half spread over other shops, the way a year of chats would have left it.
 */
import { spawn } from 'node:child_process';
import { Types } from 'mongoose';
import { publishSeedFlow, demoFlowDraft } from '@kefu/runtime';
import type { Models } from '@kefu/runtime/models';
import { postgresBin } from '../../../scripts/lib/servers';
import { BatchWriter, type Collection } from './batch-writer';
import { Random } from './random';
import {
  conversationStory,
  emptyStory,
  importedContact,
  visitor,
  workingTicket,
  type OpenKind,
  type Story,
  type TenantRef,
} from './stories';

const DAY = 24 * 60 * 60 * 1000;
/**
 * At size N: N contacts (a tenth chatted; the rest is the shop's imported customer list) and N/10
 * conversations, which bring about N messages and N run steps (~10 each), N/10 flow runs and N/50
 * tickets. The working set below comes on top.
 */
export const CONVERSATIONS_PER_SIZE = 0.1;
export const CONTACTS_PER_SIZE = 1;
/** Share of every collection in the measured shop; the rest is spread over OTHER_SHOPS shops. */
export const MEASURED_SHARE = 0.5;
export const OTHER_SHOPS = 10;
/** Chance that a conversation comes from a visitor who chatted before. */
const RETURNING = 0.25;
const SAMPLE = 256;

/** What each shop has open right now: the same at every size. */
const WORKING_SET = {
  measured: {
    bot: 12,
    queued: 8,
    'handed-off': 2,
    mine: 5,
    openTickets: 20,
    pendingTickets: 10,
    myTickets: 8,
  },
  other: { bot: 2, queued: 1, 'handed-off': 0, mine: 1, openTickets: 3, pendingTickets: 1, myTickets: 1 },
};

export type Group = 'measured' | 'others';
export const COLLECTIONS: Collection[] = [
  'Message',
  'RunStep',
  'Contact',
  'Conversation',
  'FlowRun',
  'Ticket',
];

interface Shop extends TenantRef {
  group: Group;
  /** Recent visitors, for returning customers. */
  visitors: { id: Types.ObjectId; at: number }[];
}

export interface GrowthReport {
  size: number;
  added: number;
  seconds: number;
  vacuumSeconds: number;
}

export class ShopHistory {
  readonly stored: Record<Group, Record<Collection, number>> = {
    measured: zeroCounts(),
    others: zeroCounts(),
  };
  /** Measured shop: customers with chats (for the contact panel) and imported emails (for search). */
  readonly panelContacts: string[] = [];
  readonly emails: string[] = [];
  private seenPanel = 0;
  private seenEmails = 0;
  private readonly rng = new Random(13);
  private readonly measured: Shop;
  private readonly others: Shop[] = [];
  private workingSetDone = false;

  private constructor(
    measured: TenantRef,
    private readonly writer: BatchWriter,
    private readonly postgresUrl: string | undefined,
  ) {
    this.measured = { ...measured, group: 'measured', visitors: [] };
  }

  /**
   * `measured` is the shop the benchmark talks to (its flow, team and agents); the other shops
   * are created here, each with the demo flow published.
   */
  static async open(opts: {
    models: Models;
    mongoUri: string;
    postgresUrl?: string;
    measured: TenantRef;
    parallel?: number;
  }): Promise<ShopHistory> {
    const writer = await BatchWriter.open(opts.mongoUri, opts.parallel);
    const history = new ShopHistory(opts.measured, writer, opts.postgresUrl);
    for (let i = 0; i < OTHER_SHOPS; i++) {
      const ws = await opts.models.Workspace.create({
        name: `Other shop ${i + 1}`,
        publicKey: `bench-other-${i + 1}`,
      });
      const flowId = await publishSeedFlow(opts.models, String(ws._id), demoFlowDraft);
      history.others.push({
        workspaceId: ws._id,
        flow: { flowId: new Types.ObjectId(flowId), version: 1 },
        teamId: new Types.ObjectId(),
        agents: [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()],
        group: 'others',
        visitors: [],
      });
    }
    return history;
  }

  async close(): Promise<void> {
    await this.writer.close();
  }

  /** Documents stored by this generator so far. */
  get written(): number {
    return this.writer.written;
  }

  /** Adds history until the store holds `size`'s share in every group, then lets PostgreSQL catch up. */
  async growTo(size: number): Promise<GrowthReport> {
    const started = performance.now();
    const before = this.writer.written;
    if (!this.workingSetDone) {
      await this.addWorkingSet(this.measured, WORKING_SET.measured);
      for (const shop of this.others) await this.addWorkingSet(shop, WORKING_SET.other);
      this.workingSetDone = true;
    }
    for (const group of ['measured', 'others'] as const) {
      const share = group === 'measured' ? MEASURED_SHARE : 1 - MEASURED_SHARE;
      const shops = group === 'measured' ? [this.measured] : this.others;
      const counts = this.stored[group];
      const conversations = Math.round(size * CONVERSATIONS_PER_SIZE * share) - counts.Conversation;
      const contactsTarget = Math.round(size * CONTACTS_PER_SIZE * share);
      // Imported rows are spread between the chats so the writer's batches stay mixed.
      const importsPerChat =
        Math.max(0, contactsTarget - counts.Contact - conversations * (1 - RETURNING)) /
        Math.max(1, conversations);
      let owed = 0;
      for (let i = 0; i < conversations; i++) {
        const shop = shops[i % shops.length]!;
        await this.addStory(shop, this.historyStory(shop));
        for (owed += importsPerChat; owed >= 1; owed--) await this.addImported(shop);
      }
      for (let i = 0; counts.Contact < contactsTarget; i++) await this.addImported(shops[i % shops.length]!);
    }
    await this.writer.drain();
    const generated = performance.now();
    await this.vacuum();
    return {
      size,
      added: this.writer.written - before,
      seconds: (generated - started) / 1000,
      vacuumSeconds: (performance.now() - generated) / 1000,
    };
  }

  private historyStory(shop: Shop): Story {
    const now = Date.now();
    const returning =
      shop.visitors.length > 0 && this.rng.chance(RETURNING) ? this.rng.pick(shop.visitors) : null;
    const at = returning
      ? new Date(Math.min(returning.at + this.rng.next() * 60 * DAY, now - DAY))
      : new Date(now - DAY - this.rng.next() * 364 * DAY);
    const newVisitor = returning ? null : visitor(this.rng, shop.workspaceId, at);
    const contactId = returning?.id ?? newVisitor!._id;
    const story = conversationStory(this.rng, shop, contactId, at);
    if (newVisitor) {
      story.Contact.push(newVisitor);
      shop.visitors.push({ id: newVisitor._id, at: at.getTime() });
      if (shop.visitors.length > 1000) shop.visitors.splice(0, 500);
    }
    if (shop.group === 'measured')
      this.seenPanel = sample(this.panelContacts, String(contactId), this.seenPanel, this.rng);
    return story;
  }

  private async addWorkingSet(shop: Shop, set: (typeof WORKING_SET)['measured']) {
    // Opened one to three hours ago: a chat's later messages (minutes apart) are still in the past.
    const recent = () => new Date(Date.now() - this.rng.int(60, 180) * 60_000);
    const [myself] = shop.agents;
    for (const kind of ['bot', 'queued', 'handed-off', 'mine'] as OpenKind[]) {
      for (let i = 0; i < set[kind]; i++) {
        const at = recent();
        const contact = visitor(this.rng, shop.workspaceId, at);
        const story = conversationStory(
          this.rng,
          kind === 'mine' ? { ...shop, agents: [myself!] } : shop,
          contact._id,
          at,
          kind,
        );
        story.Contact.push(contact);
        await this.addStory(shop, story);
      }
    }
    const tickets = emptyStory();
    for (let i = 0; i < set.openTickets + set.pendingTickets; i++) {
      const contact = visitor(this.rng, shop.workspaceId, recent());
      tickets.Contact.push(contact);
      const status = i < set.openTickets ? 'open' : 'pending';
      tickets.Ticket.push(
        workingTicket(this.rng, shop, contact._id, status, i < set.myTickets ? myself : undefined),
      );
    }
    await this.addStory(shop, tickets);
  }

  private async addImported(shop: Shop) {
    const contact = importedContact(
      this.rng,
      shop.workspaceId,
      new Date(Date.now() - DAY - this.rng.next() * 364 * DAY),
    );
    if (shop.group === 'measured')
      this.seenEmails = sample(this.emails, contact.email!, this.seenEmails, this.rng);
    await this.addStory(shop, { ...emptyStory(), Contact: [contact] });
  }

  private async addStory(shop: Shop, story: Story) {
    for (const collection of COLLECTIONS) {
      const docs = story[collection];
      if (docs.length === 0) continue;
      this.stored[shop.group][collection] += docs.length;
      await this.writer.add(collection, docs);
    }
  }

  /**
   * What autovacuum does to a store that has lived with this data: table statistics for the planner
   * and GIN pending lists merged. Right after a bulk load neither has happened yet.
   */
  private async vacuum() {
    if (!this.postgresUrl) return;
    const psql = spawn(postgresBin('psql'), [this.postgresUrl, '-qc', 'VACUUM (ANALYZE)'], {
      stdio: 'inherit',
    });
    const code = await new Promise((resolve) => psql.once('exit', resolve));
    if (code !== 0) throw new Error(`VACUUM (ANALYZE) failed (${String(code)})`);
  }
}

function zeroCounts(): Record<Collection, number> {
  return { Contact: 0, Conversation: 0, Message: 0, FlowRun: 0, RunStep: 0, Ticket: 0 };
}

/** Reservoir sampling: every value seen so far is in the sample with the same chance. */
function sample(into: string[], value: string, seen: number, rng: Random): number {
  if (into.length < SAMPLE) into.push(value);
  else {
    const j = Math.floor(rng.next() * (seen + 1));
    if (j < SAMPLE) into[j] = value;
  }
  return seen + 1;
}
