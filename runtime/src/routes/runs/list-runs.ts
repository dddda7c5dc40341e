import { PAGE_LIMIT_DEFAULT, type Run, type RunListQuery, type RunPage } from '@kefu/schemas/api';
import type { Models } from '../../models';
import type { FlowRunDoc } from '../../models/flow-run';
import { nameKeys, normalizeName } from '../../contacts/name-keys';
import { emailKey, phoneKey } from '../../contacts/normalize';
import { emailIndex, nameWordIndex, phoneIndex } from '../../contacts/blind-keys';
import { KefuError } from '../../errors';
import { decodeCursor, encodeCursor, pageOfSet, sortOf, walkList } from '../../paginate';
import { toWireRun } from './wire';
import { shownEmail, shownPhone, type PiiView } from '../../privacy/pii-view';

type RunRow = FlowRunDoc & Record<string, unknown> & { _id: unknown };
type ContactRow = { _id: unknown; name?: string | null; email?: string | null; phone?: string | null };

/** A customer search names at most this many contacts; their runs are read whole, one lookup each. */
const CUSTOMERS_MAX = 20;

/**
 * GET /runs, the run explorer. Which read serves a request, by its filters (the embedded store
 * pushes down only top-level equality, so every read is an indexed equality lookup):
 * - a conversation, a contact or a customer search: that conversation's or those contacts' runs,
 *   read whole (a customer search first finds its contacts by their indexed email, phone and name
 *   keys), filtered and paged here, with `total`;
 * - a flow: that flow's page keys, newest first; otherwise the workspace's page keys.
 * Every other filter (version, status, channel, team, tag, ending node, time) is applied to what
 * the page keys hold, at most 512 runs a request: a page can come back short with `scanned`,
 * `scannedTo` and a nextCursor that searches on. A `from` time ends the walk at the first page of
 * runs all older than it.
 */
export async function listRuns(
  models: Models,
  workspaceId: string,
  query: RunListQuery,
  view: PiiView,
): Promise<RunPage> {
  const { FlowRun, Contact } = models;
  const { flowId, contactId, conversationId, customer, from, to } = query;
  const { limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-startedAt', test } = query;
  const { dir } = sortOf(sort);
  const fromTime = from ? new Date(from).getTime() : null;
  const toTime = to ? new Date(to).getTime() : null;
  if (fromTime !== null && toTime !== null && fromTime >= toTime)
    throw new KefuError('KEFU_ERR_VALIDATION', '"to" must be after "from"', 'querystring/to');
  const started = (r: RunRow) => new Date(r.startedAt).getTime();
  const customers = customer ? await findCustomers(models, workspaceId, customer) : null;
  const customerIds = customers && new Set(customers.map((c) => String(c._id)));
  let scanned = 0;
  const match = (r: RunRow) => {
    scanned++;
    return (
      matches(r, query) &&
      (!customerIds || customerIds.has(String(r.contactId))) &&
      (fromTime === null || started(r) >= fromTime) &&
      (toTime === null || started(r) < toTime)
    );
  };
  const set: Record<string, string>[] | undefined = conversationId
    ? [{ conversationId }]
    : contactId
      ? [{ contactId }]
      : customers?.map((c) => ({ contactId: String(c._id) }));
  if (set) {
    const shape = `runs/set/${sort}`;
    const after = cursor ? decodeCursor(cursor, shape) : undefined;
    const found = await Promise.all(set.map((key) => FlowRun.find({ workspaceId, ...key }).lean<RunRow[]>()));
    const rows = [...new Map(found.flat().map((r) => [r.runId, r])).values()];
    const page = pageOfSet(rows, {
      sort: { value: (r) => r.startedAt, dir },
      limit,
      match,
      ...(after && 'v' in after ? { after } : {}),
    });
    return {
      items: await withCustomers(Contact, workspaceId, page.items, view),
      nextCursor: page.next ? encodeCursor(shape, page.next) : null,
      total: page.total,
      scanned: rows.length,
      ...(customers ? { customers: customers.map((c) => toCustomer(c, view)) } : {}),
    };
  }

  const kind = test ? 'runs.test' : 'runs';
  const shape = `runs/${flowId ? 'flow' : 'all'}/${sort}`;
  const after = cursor ? decodeCursor(cursor, shape) : undefined;
  const walk = await walkList<RunRow>({
    model: FlowRun as never,
    workspaceId,
    ...(flowId ? { list: `${kind}@${flowId}`, pageField: 'flowPage' } : { list: kind }),
    order: dir,
    limit,
    match,
    // Newest first, a page of runs all started before `from` ends the search.
    ...(fromTime !== null && dir < 0 ? { past: (r: RunRow) => started(r) < fromTime } : {}),
    ...(after && 'o' in after ? { after: after.o } : {}),
  });
  const short = walk.next !== null && walk.items.length < limit && walk.reached;
  return {
    items: await withCustomers(Contact, workspaceId, walk.items, view),
    nextCursor: walk.next !== null ? encodeCursor(shape, { o: walk.next }) : null,
    scanned,
    ...(short ? { scannedTo: new Date(walk.reached!.startedAt).toISOString() } : {}),
  };
}

/** The filters that are no key, on one stored run. */
function matches(r: RunRow, q: RunListQuery): boolean {
  return (
    // Simulations are kept apart: real runs by default, only simulations when asked.
    Boolean(r.test) === Boolean(q.test) &&
    (!q.flowId || String(r.flowId) === q.flowId) &&
    (q.version === undefined || r.version === q.version) &&
    (!q.status || r.status === q.status) &&
    (!q.contactId || String(r.contactId) === q.contactId) &&
    (!q.conversationId || String(r.conversationId) === q.conversationId) &&
    (!q.channel || r.channel === q.channel) &&
    (!q.team || (r.teams ?? []).includes(q.team)) &&
    (!q.tag || (r.tags ?? []).includes(q.tag)) &&
    (!q.endNodeId || (r.status !== 'running' && r.endNodeId === q.endNodeId))
  );
}

/**
 * The contacts a customer search names exactly: by the normalized email, the phone number, or a
 * word of the name (each an indexed key: one equality lookup each), at most CUSTOMERS_MAX.
 */
async function findCustomers(models: Models, workspaceId: string, text: string): Promise<ContactRow[]> {
  const email = text.includes('@') ? emailKey(text) : null;
  const phone = phoneKey(text);
  const name = normalizeName(text);
  const words = nameKeys(text) ?? [];
  // The stored keys are blind indexes of these (contacts/blind-keys.ts).
  const lookups: Record<string, string>[] = [
    ...(email ? [{ emailKey: emailIndex(email)! }] : []),
    ...(phone ? [{ phoneKey: phoneIndex(phone)! }] : []),
    { nameKeys: nameWordIndex(name) },
    ...(name.includes(' ') && words[0] ? [{ nameKeys: nameWordIndex(words[0]) }] : []),
  ];
  const found = await Promise.all(
    lookups.map((key) =>
      models.Contact.find({ workspaceId, ...key }, { name: 1, email: 1, phone: 1, test: 1 })
        .limit(CUSTOMERS_MAX + 1)
        .lean<(ContactRow & { test?: boolean })[]>(),
    ),
  );
  const unique = [...new Map(found.flat().map((c) => [String(c._id), c])).values()];
  // Several words: the contacts found by the first one are kept when their name has all of them.
  const whole = (c: ContactRow) =>
    !name.includes(' ') || Boolean(email || phone) || normalizeName(c.name ?? '').includes(name);
  return unique.filter((c) => !c.test && whole(c)).slice(0, CUSTOMERS_MAX);
}

/** Each run with who its contact is: one lookup by id per contact on the page, in parallel. */
async function withCustomers(
  Contact: Models['Contact'],
  workspaceId: string,
  rows: RunRow[],
  view: PiiView,
): Promise<Run[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.contactId ? [String(r.contactId)] : [])))];
  const contacts = await Promise.all(
    ids.map((id) =>
      Contact.findOne({ _id: id, workspaceId }, { name: 1, email: 1, phone: 1 }).lean<ContactRow>(),
    ),
  );
  const byId = new Map(contacts.flatMap((c) => (c ? [[String(c._id), c] as const] : [])));
  return rows.map((r) => {
    const contact = r.contactId ? byId.get(String(r.contactId)) : undefined;
    const who = contact ? whoIs(contact, view) : {};
    return { ...toWireRun(r, view), ...(Object.keys(who).length ? { customer: who } : {}) };
  });
}

function whoIs(c: ContactRow, view: PiiView) {
  return {
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: shownEmail(view, c.email) } : {}),
    ...(c.phone ? { phone: shownPhone(view, c.phone) } : {}),
  };
}

const toCustomer = (c: ContactRow, view: PiiView) => ({ id: String(c._id), ...whoIs(c, view) });
