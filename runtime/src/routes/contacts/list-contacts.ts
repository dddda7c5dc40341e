import { PAGE_LIMIT_DEFAULT, type ContactListQuery, type ContactWire, type Page } from '@kefu/schemas/api';
import type { Models } from '../../models';
import { repairCounts } from '../../models/counted';
import { readCounts } from '../../models/counters';
import { emailIndex, nameWordIndex, phoneIndex } from '../../contacts/blind-keys';
import { nameKeys, normalizeName } from '../../contacts/name-keys';
import { emailKey, phoneKey } from '../../contacts/normalize';
import { toWireContact, type ContactRecord } from '../../contacts/contact-wire';
import type { PiiView } from '../../privacy/pii-view';
import { decodeCursor, encodeCursor, pageOfSet, sortOf, walkList, type CursorBody } from '../../paginate';

type Row = ContactRecord &
  Record<string, unknown> & {
    seq?: number;
    emailKey?: string | null;
    phoneKey?: string | null;
    nameKeys?: string[] | null;
    mergedInto?: unknown;
    test?: boolean | null;
  };

const WHOLE_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

/** Phases of a search: what the indexed keys find exactly, then pages of contacts for the rest. */
const EXACT = 0;
const PAGES = 1;

/**
 * GET /contacts, newest or oldest first by when contacts were stored, read by page keys. A search
 * first answers what its exact lookups find (an email, a phone number, a word of a name: indexed
 * keys, one equality lookup each; a whole email or phone number that finds someone stops there),
 * then reads pages of contacts for the ones that merely contain
 * the text, at most 512 per request: such a page can come back short, with `scannedTo` and a
 * nextCursor that searches on. The count comes from a counter, when there is no filter.
 */
export async function listContacts(
  models: Models,
  workspaceId: string,
  query: ContactListQuery,
  view: PiiView,
): Promise<Page<ContactWire>> {
  const toWire = (c: ContactRecord) => toWireContact(c, view);
  const { Contact } = models;
  const { q, tag, limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-createdAt' } = query;
  const { dir } = sortOf(sort);
  const shape = `contacts/${sort}/${q ? 'search' : 'all'}`;
  const at: CursorBody | undefined = cursor ? decodeCursor(cursor, shape) : undefined;
  const listed = (c: Row) => !c.test && !c.mergedInto && (!tag || (c.tags ?? []).includes(tag));
  const search = q ? searchOf(q) : null;
  const items: Row[] = [];

  if (search && (at?.p ?? EXACT) === EXACT) {
    const found = await Promise.all(
      search.lookups.map((f) => Contact.find({ workspaceId, ...f }).lean<Row[]>()),
    );
    const unique = [...new Map(found.flat().map((c) => [String(c._id), c])).values()];
    const page = pageOfSet(unique, {
      sort: { value: (c) => c.seq ?? null, dir },
      limit,
      match: (c) => listed(c) && search.exact(c),
      ...(at && 'v' in at ? { after: at } : {}),
    });
    items.push(...page.items);
    if (page.next)
      return { items: items.map(toWire), nextCursor: encodeCursor(shape, { ...page.next, p: EXACT }) };
    // A whole email address or phone number names a contact: its matches are the answer, at the
    // cost of one key lookup; the contacts that merely contain the text are one "search on" away.
    if (items.length === limit || (search.whole && items.length > 0))
      return { items: items.map(toWire), nextCursor: encodeCursor(shape, { o: 0, p: PAGES }) };
  }

  const after = at && 'o' in at && at.o > 0 ? at.o : undefined;
  const walk = await walkList<Row>({
    model: Contact as never,
    workspaceId,
    list: 'contacts',
    order: dir,
    limit: limit - items.length,
    match: (c) => listed(c) && (!search || (!search.exact(c) && search.contains(c))),
    ...(after !== undefined ? { after } : {}),
  });
  items.push(...walk.items);
  const short = walk.next !== null && items.length < limit && walk.reached;
  if (!q && !tag) await repairCounts({ Contact: Contact as never }, { workspaceId });
  const total =
    !q && !tag
      ? (await readCounts(Contact.db, [`${workspaceId}:contacts`]))[`${workspaceId}:contacts`]
      : undefined;
  return {
    items: items.map(toWire),
    nextCursor:
      walk.next !== null ? encodeCursor(shape, { o: walk.next, ...(search ? { p: PAGES } : {}) }) : null,
    ...(short ? { scannedTo: new Date(walk.reached!.createdAt).toISOString() } : {}),
    ...(total !== undefined ? { total: Math.max(0, total) } : {}),
  };
}

/** What a search text finds exactly (by indexed keys), and what merely contains it. */
function searchOf(q: string) {
  const text = normalizeName(q);
  const email = q.includes('@') ? emailKey(q) : null;
  const phone = phoneKey(q);
  const words = nameKeys(q) ?? [];
  const first = words.find((w) => w !== text) ?? text;
  // The stored keys are blind indexes of these (contacts/blind-keys.ts).
  const keys = {
    email: email && emailIndex(email),
    phone: phone && phoneIndex(phone),
    text: nameWordIndex(text),
    first: nameWordIndex(first),
  };
  const lookups: Record<string, string>[] = [
    ...(keys.email ? [{ emailKey: keys.email }] : []),
    ...(keys.phone ? [{ phoneKey: keys.phone }] : []),
    { nameKeys: keys.text },
    // Several words: the contacts with the first word, kept when they have all of them.
    ...(text.includes(' ') ? [{ nameKeys: keys.first }] : []),
  ];
  const contains = (c: Row) =>
    [c.name, c.email, c.phone].some((v) => typeof v === 'string' && v.toLowerCase().includes(text));
  const exact = (c: Row) =>
    Boolean(
      (keys.email && c.emailKey === keys.email) ||
      (keys.phone && c.phoneKey === keys.phone) ||
      c.nameKeys?.includes(keys.text) ||
      (text.includes(' ') && c.nameKeys?.includes(keys.first) && contains(c)),
    );
  /** The text is a whole address (name@domain.tld) or phone number, not a fragment of one. */
  const whole = Boolean(
    (email && WHOLE_EMAIL.test(email)) || (phone && q.trim().replace(/[\s().-]/g, '') === phone),
  );
  return { lookups, exact, contains, whole };
}
