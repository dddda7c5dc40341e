import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContactDetail,
  ContactDuplicates,
  ContactImportSummary,
  ContactImportWire,
  ContactWire,
  Page,
} from '@kefu/schemas/api';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

// The contacts API on the real database, driven through `inject`: search, edit, history,
// duplicates and merges (with the merged visitor resuming), CSV import with broken rows, export.
let ctx: AccessApp;
let owner: Member;
let agent: Member;
let analyst: Member;
let other: Member;

const call = async <T>(who: Member, method: string, url: string, payload?: unknown) => {
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  const json = (res.headers['content-type'] ?? '').toString().includes('json');
  return { status: res.statusCode, body: (json ? JSON.parse(res.body) : null) as T, raw: res.body };
};
/** Uploads a CSV file as an import (the file is the body) and answers as the API does. */
const upload = async (who: Member, text: string | Buffer, headers: Record<string, string> = {}) => {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/contacts/imports?fileName=contacts.csv',
    headers: { cookie: who.cookie, 'content-type': 'text/csv', ...headers },
    payload: text,
  });
  return {
    status: res.statusCode,
    body: res.json() as ContactImportWire & { code?: string; field?: string; message?: string },
  };
};
/** The import once it has ended, as its owner follows it. */
async function ended(who: Member, id: string): Promise<ContactImportWire> {
  for (;;) {
    const job = await call<ContactImportWire>(who, 'GET', `/contacts/imports/${id}`);
    if (['done', 'failed', 'cancelled'].includes(job.body.state)) return job.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** Uploads and waits for the import to end. */
async function imported(who: Member, text: string): Promise<ContactImportWire> {
  const started = await upload(who, text);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return await ended(who, started.body.id);
}

async function contact(who: Member, fields: Record<string, unknown>) {
  const visitorId = `visitor-${Math.random().toString(36).slice(2, 12)}`;
  const doc = await ctx.models.Contact.create({ workspaceId: who.workspaceId, visitorId, ...fields });
  return { id: String(doc._id), visitorId };
}

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'crm');
  agent = await addMember(ctx.app, owner, ['agent']);
  analyst = await addMember(ctx.app, owner, ['analyst']);
  other = await signUp(ctx.app, 'crm-other');
});
afterAll(async () => await ctx?.stop());

describe('contacts list and search', () => {
  it('finds contacts by part of name, email or phone, ignoring case, with regex characters taken literally', async () => {
    await contact(owner, { name: 'Ann Lee', email: 'ann@shop.test', tags: ['vip'] });
    await contact(owner, { name: '王小明', phone: '+86 138 0000 1111' });
    await contact(owner, { name: 'a.*b (literal)', email: 'weird@shop.test' });
    await contact(other, { name: 'Ann of another shop', email: 'ann@other.test' });

    const names = async (query: string) =>
      (await call<Page<ContactWire>>(owner, 'GET', `/contacts?${query}`)).body.items
        .map((c) => c.name)
        .sort();
    expect(await names('q=ANN')).toEqual(['Ann Lee']);
    expect(await names('q=小明')).toEqual(['王小明']);
    expect(await names('q=0000%201111')).toEqual(['王小明']);
    expect(await names(`q=${encodeURIComponent('.*')}`)).toEqual(['a.*b (literal)']);
    expect(await names(`q=${encodeURIComponent('(')}`)).toEqual(['a.*b (literal)']);
    expect(await names('tag=vip')).toEqual(['Ann Lee']);
    expect(await names('q=ann&tag=none')).toEqual([]);
  });

  it('refuses bad queries naming the field, and callers without a role', async () => {
    const long = await call<{ field: string }>(owner, 'GET', `/contacts?q=${'x'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.body.field).toContain('q');
    expect((await call(owner, 'GET', '/contacts?sort=email')).status).toBe(400);
    expect((await call(analyst, 'GET', '/contacts')).status).toBe(403);
    expect((await call(agent, 'GET', '/contacts')).status).toBe(200);
  });
});

describe('editing a contact', () => {
  it('sets and clears fields, replaces tags, sets attributes, and audits the change', async () => {
    const { id } = await contact(owner, { name: 'Bo', email: 'bo@shop.test', tags: ['old'] });
    // The owner: an agent without "view personal data" may not change email or phone (personal-data.test.ts).
    const edited = await call<ContactWire>(owner, 'PATCH', `/contacts/${id}`, {
      name: 'Bo Chen',
      email: null,
      phone: '+1 555 0100',
      tags: ['new', 'new', 'vip'],
      attributes: { plan: 'gold', orders: 3, newsletter: true },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'Bo Chen',
      phone: '+1 555 0100',
      tags: ['new', 'vip'],
      attributes: { plan: 'gold', orders: 3, newsletter: true },
    });
    expect(edited.body.email).toBeUndefined();
    const audit = await ctx.models.AuditEntry.findOne({
      workspaceId: owner.workspaceId,
      action: 'contact.update',
      targetId: id,
    }).lean();
    expect(audit?.before).toMatchObject({ name: 'Bo', email: 'b***@shop.test' });
    expect(audit?.after).toMatchObject({ name: 'Bo Chen', email: null });
  });

  it('merges attributes key by key: others are kept, null removes one, concurrent edits both stay', async () => {
    const { id } = await contact(owner, { name: 'Ai' });
    const patch = (attributes: Record<string, unknown>) =>
      call<ContactWire & { field?: string }>(owner, 'PATCH', `/contacts/${id}`, { attributes });
    await patch({ plan: 'gold', orders: 3, newsletter: true });
    const one = await patch({ orders: 4 });
    expect(one.body.attributes).toEqual({ plan: 'gold', orders: 4, newsletter: true });
    const removed = await patch({ newsletter: null, city: 'Hangzhou', absent: null });
    expect(removed.body.attributes).toEqual({ plan: 'gold', orders: 4, city: 'Hangzhou' });
    const together = await Promise.all(Array.from({ length: 8 }, (_, i) => patch({ [`k${i}`]: i })));
    expect(together.map((r) => r.status)).toEqual(Array(8).fill(200));
    const stored = await call<{ contact: ContactWire }>(owner, 'GET', `/contacts/${id}`);
    expect(stored.body.contact.attributes).toEqual({
      plan: 'gold',
      orders: 4,
      city: 'Hangzhou',
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i])),
    });
    // The limit counts what the contact would keep: growing past 50 is refused, replacing is not.
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, i]));
    const tooMany = await patch(many);
    expect([tooMany.status, tooMany.body.field]).toEqual([400, 'body/attributes']);
    const swapped = await patch({
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, null])),
      k8: 8,
    });
    expect(swapped.status).toBe(200);
    expect(Object.keys(swapped.body.attributes).sort()).toEqual(['city', 'k8', 'orders', 'plan']);
  });

  it('keeps every tag when agents add and remove tags on one contact at once', async () => {
    const { id } = await contact(owner, { name: 'Di', tags: ['old', 'keep'] });
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        call(i % 2 ? agent : owner, 'PATCH', `/contacts/${id}`, { addTags: [`t${i}`] }),
      ),
      call(agent, 'PATCH', `/contacts/${id}`, { removeTags: ['old'] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(11).fill(200));
    const stored = await call<{ contact: ContactWire }>(owner, 'GET', `/contacts/${id}`);
    expect([...stored.body.contact.tags].sort()).toEqual(
      ['keep', ...Array.from({ length: 10 }, (_, i) => `t${i}`)].sort(),
    );
    // Both at once in one edit, and the whole list is not mixed with them.
    const both = await call<ContactWire>(owner, 'PATCH', `/contacts/${id}`, {
      addTags: ['new'],
      removeTags: ['t0', 't1'],
    });
    expect(both.body.tags).toContain('new');
    expect(both.body.tags).not.toContain('t0');
    const mixed = await call<{ field?: string }>(owner, 'PATCH', `/contacts/${id}`, {
      tags: ['a'],
      addTags: ['b'],
    });
    expect([mixed.status, mixed.body.field]).toEqual([400, 'body/tags']);
  });

  it('answers bad edits with 400 naming the field, and another workspace with 404', async () => {
    const { id } = await contact(owner, { name: 'Cy' });
    const cases: Array<[unknown, string]> = [
      [{ email: 'not an email' }, 'email'],
      [{ phone: 'call me' }, 'phone'],
      [{ attributes: { nested: { no: 1 } } }, 'attributes'],
      [{ attributes: { 'a.b': 1 } }, 'attributes'],
      [{ tags: ['x'.repeat(51)] }, 'tags'],
      [{ unknown: 1 }, 'unknown'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await call<{ field?: string; code: string }>(owner, 'PATCH', `/contacts/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field ?? 'body', JSON.stringify(body)).toContain(field);
    }
    expect((await call(other, 'PATCH', `/contacts/${id}`, { name: 'stolen' })).status).toBe(404);
    expect((await call(other, 'GET', `/contacts/${id}`)).status).toBe(404);
    expect((await call(analyst, 'PATCH', `/contacts/${id}`, { name: 'no' })).status).toBe(403);
    expect((await ctx.models.Contact.findOne({ _id: id, workspaceId: owner.workspaceId }).lean())?.name).toBe(
      'Cy',
    );
  });
});

describe('duplicates and merging', () => {
  it('groups contacts by email (any case) and phone (digits), merges them with their whole history, once', async () => {
    const { models } = ctx;
    const ws = owner.workspaceId;
    const kept = await contact(owner, {
      name: 'Dana',
      email: 'Dana@Shop.test',
      tags: ['vip'],
      attributes: { plan: 'gold' },
    });
    const dupe = await contact(owner, {
      email: ' dana@shop.test',
      phone: '138-0000-2222',
      tags: ['returns'],
      attributes: { plan: 'silver', city: 'Hangzhou' },
    });
    const byPhone = await contact(owner, { name: 'D. by phone', phone: '13800002222' });
    const conversation = await models.Conversation.create({
      workspaceId: ws,
      contactId: dupe.id,
      channel: 'web',
    });
    await models.Ticket.create({
      workspaceId: ws,
      contactId: byPhone.id,
      subject: 'Where is my parcel?',
      idempotencyKey: `crm-test/${byPhone.id}`,
    });
    await models.SurveyResponse.create({
      workspaceId: ws,
      conversationId: conversation._id,
      contactId: dupe.id,
      rating: 5,
      comment: 'great',
      idempotencyKey: `crm-test/${dupe.id}`,
    });

    // The owner sees the shared values in clear; an agent without "view personal data" sees them masked.
    const dupes = await call<ContactDuplicates>(owner, 'GET', '/contacts/duplicates');
    expect(dupes.status).toBe(200);
    const groups = dupes.body.groups.map((g) => [g.reason, g.value, g.contacts.map((c) => c.id)]);
    expect(groups).toContainEqual(['email', 'dana@shop.test', [kept.id, dupe.id]]);
    expect(groups).toContainEqual(['phone', '13800002222', [dupe.id, byPhone.id]]);

    const merged = await call<ContactWire>(owner, 'POST', `/contacts/${kept.id}/merge`, {
      mergeIds: [dupe.id, byPhone.id],
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      name: 'Dana',
      email: 'Dana@Shop.test',
      phone: '138-0000-2222',
      tags: ['vip', 'returns'],
      attributes: { plan: 'gold', city: 'Hangzhou' },
      mergedFrom: [dupe.id, byPhone.id],
    });

    const detail = await call<ContactDetail>(owner, 'GET', `/contacts/${kept.id}`);
    expect(detail.body.conversations.map((c) => c.id)).toEqual([String(conversation._id)]);
    expect(detail.body.tickets.map((t) => t.subject)).toEqual(['Where is my parcel?']);
    expect(detail.body.surveyResponses.map((r) => [r.rating, r.comment])).toEqual([[5, 'great']]);

    // Merged contacts leave the list and the duplicates; a repeated merge changes nothing.
    const list = await call<Page<ContactWire>>(owner, 'GET', '/contacts?q=dana');
    expect(list.body.items.map((c) => c.id)).toEqual([kept.id]);
    expect(
      (await call<ContactDuplicates>(owner, 'GET', '/contacts/duplicates')).body.groups.filter((g) =>
        g.contacts.some((c) => c.id === kept.id),
      ),
    ).toEqual([]);
    const again = await call<ContactWire>(owner, 'POST', `/contacts/${kept.id}/merge`, {
      mergeIds: [dupe.id],
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...merged.body, updatedAt: again.body.updatedAt });
    expect(await models.AuditEntry.countDocuments({ workspaceId: ws, action: 'contact.merge' })).toBe(1);

    // The merged contact's widget visitor, with the token issued to them before the merge, resumes as
    // the kept contact in the moved conversation; the token issued for that session is accepted next.
    const opened = await ctx.app.conversations.openForVisitor(
      owner.publicKey,
      dupe.visitorId,
      proofFor(ws, dupe.id, dupe.visitorId),
    );
    expect(opened.session.contactId).toBe(kept.id);
    expect(opened.session.conversationId).toBe(String(conversation._id));
    const resumed = await ctx.app.conversations.openForVisitor(
      owner.publicKey,
      dupe.visitorId,
      proofFor(ws, kept.id, dupe.visitorId),
    );
    expect(resumed.session.contactId).toBe(kept.id);
    expect(resumed.session.conversationId).toBe(String(conversation._id));
  });

  it('refuses merging into itself, into a merged contact, across workspaces, or a contact merged elsewhere', async () => {
    const a = await contact(owner, { name: 'A' });
    const b = await contact(owner, { name: 'B' });
    const c = await contact(owner, { name: 'C' });
    const theirs = await contact(other, { name: 'Theirs' });
    expect((await call(owner, 'POST', `/contacts/${a.id}/merge`, { mergeIds: [a.id] })).status).toBe(400);
    expect((await call(owner, 'POST', `/contacts/${a.id}/merge`, { mergeIds: [] })).status).toBe(400);
    const foreign = await call<{ field: string }>(owner, 'POST', `/contacts/${a.id}/merge`, {
      mergeIds: [theirs.id],
    });
    expect([foreign.status, foreign.body.field]).toEqual([404, 'body/mergeIds']);
    expect((await call(other, 'POST', `/contacts/${a.id}/merge`, { mergeIds: [theirs.id] })).status).toBe(
      404,
    );
    expect((await call(owner, 'POST', `/contacts/${a.id}/merge`, { mergeIds: [b.id] })).status).toBe(200);
    expect((await call(owner, 'POST', `/contacts/${b.id}/merge`, { mergeIds: [c.id] })).status).toBe(409);
    expect((await call(owner, 'POST', `/contacts/${c.id}/merge`, { mergeIds: [b.id] })).status).toBe(409);
    expect(
      (await ctx.models.Contact.findOne({ _id: theirs.id, workspaceId: other.workspaceId }).lean())
        ?.mergedInto,
    ).toBeUndefined();
  });

  it('repoints contacts merged earlier when their kept contact is merged in turn', async () => {
    const first = await contact(owner, { name: 'First' });
    const second = await contact(owner, { name: 'Second' });
    const third = await contact(owner, { name: 'Third' });
    await call(owner, 'POST', `/contacts/${second.id}/merge`, { mergeIds: [first.id] });
    await call(owner, 'POST', `/contacts/${third.id}/merge`, { mergeIds: [second.id] });
    const opened = await ctx.app.conversations.openForVisitor(
      owner.publicKey,
      first.visitorId,
      proofFor(owner.workspaceId, first.id, first.visitorId),
    );
    expect(opened.session.contactId).toBe(third.id);
  });
});

describe('CSV import and export', () => {
  it('imports the good rows, reports each broken one with its line, and updates matches instead of duplicating', async () => {
    const shop = await signUp(ctx.app, 'crm-import');
    await contact(shop, { name: 'Existing', email: 'existing@shop.test', tags: ['old'] });
    const file = [
      'name,email,phone,tags,plan,城市',
      'Eve,eve@shop.test,,vip|new,gold,上海', // 2 good
      'No Email,not-an-email,,,,', // 3 bad email
      ',,,,,', // 4 empty row: no name, email or phone
      'Too,many,columns,here,x,y,z', // 5 column count
      'Eve again,EVE@shop.test,,,,', // 6 same email as line 2
      'Existing Renamed,existing@shop.test,,returns,,', // 7 updates the existing contact
      '"Multi',
      'line",,+86 138 0000 3333,,,', // 8-9 good
      'Phoneless,,call me,,,', // 10 bad phone
    ].join('\n');
    const started = await upload(shop, file);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ fileName: 'contacts.csv', bytes: Buffer.byteLength(file) });
    // One import at a time per workspace.
    const conflict = await upload(shop, file);
    expect(conflict).toMatchObject({ status: 409, body: { code: 'KEFU_ERR_CONFLICT' } });
    const job = await ended(shop, started.body.id);
    expect(job.state).toBe('done');
    expect([job.created, job.updated, job.rowsRead, job.problemCount]).toEqual([2, 1, 8, 5]);
    expect(job.bytesRead).toBe(job.bytes);
    expect(job.problems.map((p) => [p.row, p.code, p.field])).toEqual([
      [3, 'invalid', 'email'],
      [4, 'missing', 'name'],
      [5, 'columns', undefined],
      [6, 'duplicate', 'email'],
      [10, 'invalid', 'phone'],
    ]);
    const list = await call<Page<ContactWire>>(shop, 'GET', '/contacts?limit=50');
    const byName = [...list.body.items].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    expect(byName.map((c) => [c.name, c.tags])).toEqual([
      ['Eve', ['vip', 'new']],
      ['Existing Renamed', ['old', 'returns']],
      ['Multi\nline', []],
    ]);
    expect(byName[0]!.attributes).toEqual({ plan: 'gold', 城市: '上海' });

    // Importing the same file again updates the same contacts: nothing is created twice.
    const again = await imported(shop, file);
    expect([again.created, again.updated]).toEqual([0, 3]);
    const jobs = await call<Page<ContactImportSummary>>(shop, 'GET', '/contacts/imports');
    expect(jobs.body.items.map((j) => [j.id, j.state])).toEqual([
      [again.id, 'done'],
      [started.body.id, 'done'],
    ]);
    expect(jobs.body.items[0]).not.toHaveProperty('problems');
  });

  it('refuses files it cannot read as a whole, naming the body, and non-owners', async () => {
    const header = await upload(owner, 'title,notes\nx,y\n');
    expect(header.status).toBe(400);
    expect(header.body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: 'body' });
    expect(header.body.message).toContain('"name", "email" or "phone"');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nAnn\n', 'utf16le')]);
    const encoded = await upload(owner, utf16);
    expect(encoded.status).toBe(400);
    expect(encoded.body.message).toContain('UTF-16');
    const tooBig = await upload(owner, 'name\nAnn\n', { 'content-length': String(51 * 1024 * 1024) });
    expect(tooBig).toMatchObject({
      status: 413,
      body: { code: 'KEFU_ERR_PAYLOAD_TOO_LARGE', field: 'body' },
    });
    expect(tooBig.body.message).toContain('larger than 50 MB');
    const json = await call<{ code: string }>(owner, 'POST', '/contacts/imports', {
      contentBase64: 'bmFtZQ==',
    });
    expect(json).toMatchObject({ status: 415, body: { code: 'KEFU_ERR_UNSUPPORTED_MEDIA_TYPE' } });
    expect((await upload(agent, 'name\nAnn\n')).status).toBe(403);
    expect((await call(agent, 'GET', '/contacts/export')).status).toBe(403);
    expect((await call(agent, 'GET', '/contacts/imports')).status).toBe(403);
    expect((await call(other, 'GET', `/contacts/imports/${'0'.repeat(24)}`)).status).toBe(404);
  });

  it('cancels an import, keeping what it imported, and lets the next one start', async () => {
    const shop = await signUp(ctx.app, 'crm-cancel');
    const rows = Array.from({ length: 3000 }, (_, i) => `P${i},p${i}@shop.test`).join('\n');
    const started = await upload(shop, `name,email\n${rows}\n`);
    expect(started.status).toBe(202);
    const cancel = await call<ContactImportWire>(shop, 'POST', `/contacts/imports/${started.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    const job = await ended(shop, started.body.id);
    expect(job.state).toBe('cancelled');
    const contacts = await ctx.models.Contact.countDocuments({ workspaceId: shop.workspaceId });
    expect(contacts).toBe(job.created);
    expect((await call(shop, 'POST', `/contacts/imports/${started.body.id}/cancel`)).status).toBe(409);
    expect((await imported(shop, 'name\nAnn\n')).created).toBe(1);
  });

  it('limits imports and exports per workspace, whoever calls, leaving other workspaces alone', async () => {
    const busy = await signUp(ctx.app, 'crm-busy');
    const colleague = await addMember(ctx.app, busy, ['owner']);
    // Refused uploads count too: each took a request's worth of work.
    for (let i = 0; i < 20; i++)
      expect((await upload(i % 2 ? busy : colleague, 'title\nx\n')).status).toBe(400);
    const limited = await upload(colleague, 'name\nAnn\n');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'KEFU_ERR_RATE_LIMITED' });
    expect(limited.body.message).toContain('20 imports per 1 hour');
    expect((await upload(other, 'title\nx\n')).status).toBe(400);
    for (let i = 0; i < 10; i++) expect((await call(busy, 'GET', '/contacts/export')).status).toBe(200);
    expect((await call(busy, 'GET', '/contacts/export')).status).toBe(429);
    expect((await call(other, 'GET', '/contacts/export')).status).toBe(200);
  });

  it('exports many contacts in batches, with a column for every attribute however late it appears, and audits imports', async () => {
    const shop = await signUp(ctx.app, 'crm-export-many');
    const docs = Array.from({ length: 1200 }, (_, i) => ({
      workspaceId: shop.workspaceId,
      visitorId: `many-${i}`,
      name: `Many ${i}`,
      attributes: i === 1199 ? { late: 'yes' } : { n: String(i) },
    }));
    await ctx.models.Contact.insertMany(docs);
    const res = await call<string>(shop, 'GET', '/contacts/export');
    const lines = res.raw.trimEnd().split('\n');
    expect(lines[0]).toBe('\uFEFFid,name,email,phone,tags,createdAt,late,n');
    expect(lines).toHaveLength(1201);
    expect(lines.find((l) => l.includes('Many 1199'))).toMatch(/,yes,$/);

    const job = await imported(shop, 'name,email\nAudited,audited@shop.test\n');
    // The upload, and the end once the import has ended (written just after its state).
    const actions = async () =>
      (
        await call<{ items: { action: string; target: { id: string } }[] }>(shop, 'GET', '/audit?limit=10')
      ).body.items
        .filter((e) => e.target.id === job.id)
        .map((e) => e.action)
        .sort();
    await expect.poll(actions).toEqual(['contact.import', 'contact.import.done']);
  });

  it('exports CSV the import reads back, with formulas defused and other shops left out', async () => {
    const shop = await signUp(ctx.app, 'crm-export');
    await contact(shop, {
      name: '=HYPERLINK("x")',
      email: 'f@shop.test',
      tags: ['a', 'b'],
      attributes: { plan: 'gold' },
    });
    await contact(shop, { name: '李雷', phone: '+86 139 0000 4444' });
    await contact(other, { name: 'Not mine' });
    const res = await call<string>(shop, 'GET', '/contacts/export');
    expect(res.status).toBe(200);
    const text = res.raw;
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain('李雷');
    expect(text).not.toContain('Not mine');
    expect(text.split('\n')[0]).toBe('\uFEFFid,name,email,phone,tags,createdAt,plan');
    // Personal data is masked in every export; importing it back leaves the stored values alone.
    expect(text).toContain(`86139****4444`);
    expect(text).not.toContain('f@shop.test');
    const back = await imported(shop, text);
    expect(back).toMatchObject({ created: 0, updated: 2, problems: [] });
    expect(
      (await call<Page<ContactWire>>(shop, 'GET', '/contacts')).body.items.map((c) => c.email ?? null).sort(),
    ).toEqual(['f@shop.test', null]);
    // Read back as written: the import takes off the quote the export put before a formula.
    const list = await call<Page<ContactWire>>(shop, 'GET', '/contacts');
    expect(list.body.items.map((c) => [c.name, c.phone ?? null]).sort()).toEqual([
      ['=HYPERLINK("x")', null],
      ['李雷', '+86 139 0000 4444'],
    ]);
  });
});

/** What a hello presenting a token issued to this visitor for this contact proves. */
function proofFor(workspaceId: string, contactId: string, visitorId: string) {
  const checked = ctx.app.visitorTokens.check(
    ctx.app.visitorTokens.issue({ workspaceId, contactId }, visitorId),
    visitorId,
  );
  if (!checked.ok) throw new Error(`token not accepted: ${checked.reason}`);
  return checked;
}
