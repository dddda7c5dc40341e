import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { contactSchema } from '../models/contact';
import { conversationSchema } from '../models/conversation';
import { messageSchema } from '../models/message';
import { teamSchema } from '../models/team';
import { classifyFilter, filterShape } from './query-shape';

const workspaceId = new Types.ObjectId();
const id = new Types.ObjectId();

describe('classifyFilter: what the embedded store can serve of a filter', () => {
  it('pushes down top-level equality with a scalar: strings, ids, numbers, booleans, dates, $eq', () => {
    const found = classifyFilter(messageSchema, {
      workspaceId,
      conversationId: { $eq: id },
      author: 'bot',
      clientMessageId: '7',
      createdAt: new Date(),
    });
    expect(found.pushedDown).toEqual([
      'workspaceId',
      'conversationId',
      'author',
      'clientMessageId',
      'createdAt',
    ]);
  });

  it('pushes down none of $in, $or, $and, $exists, $ne, ranges, regexes, null, arrays or dotted paths', () => {
    const found = classifyFilter(conversationSchema, {
      _id: { $in: [id] },
      contactId: { $ne: id },
      teamId: { $exists: true },
      lastMessageAt: { $gt: new Date() },
      channel: /web/,
      priority: null,
      tags: ['a'],
      'assignee.agentId': id,
      $or: [{ status: 'open' }],
      $and: [{ status: 'open' }],
    });
    expect(found.pushedDown).toEqual([]);
    expect(found.reach).toBe('collection');
  });

  it('is a lookup when an indexed field other than workspaceId is pushed down', () => {
    expect(classifyFilter(contactSchema, { workspaceId, visitorId: 'v-1' })).toMatchObject({
      reach: 'lookup',
      keys: ['visitorId'],
    });
    expect(classifyFilter(messageSchema, { _id: id }).reach).toBe('lookup');
    expect(classifyFilter(messageSchema, { conversationId: id, createdAt: { $gt: new Date() } }).reach).toBe(
      'lookup',
    );
  });

  it('reads the whole workspace when workspaceId is its only key', () => {
    expect(classifyFilter(contactSchema, { workspaceId }).reach).toBe('tenant');
    // _id: {$in} is not pushed down: FerretDB fetches the workspace and picks the ids in memory.
    expect(classifyFilter(contactSchema, { workspaceId, _id: { $in: [id] } }).reach).toBe('tenant');
    // Nor does a field without an index (email).
    expect(classifyFilter(contactSchema, { workspaceId, email: 'a@b.c' }).reach).toBe('tenant');
  });

  it('takes an indexed enum or boolean for a category, not a key', () => {
    // status is in the {workspaceId, contactId, status} index, but 'open' selects a growing share.
    const found = classifyFilter(conversationSchema, { workspaceId, status: 'open' });
    expect(found).toMatchObject({ reach: 'tenant', pushedDown: ['workspaceId', 'status'], keys: [] });
  });

  it('scans the collection when nothing indexed is pushed down', () => {
    expect(classifyFilter(contactSchema, { email: 'a@b.c' }).reach).toBe('collection');
    expect(classifyFilter(contactSchema, {}).reach).toBe('collection');
    expect(classifyFilter(teamSchema, { name: 'x' }).reach).toBe('collection');
  });
});

describe('filterShape', () => {
  it('keeps the fields and operators, drops the values', () => {
    expect(
      filterShape({
        workspaceId,
        status: 'open',
        _id: { $in: [id, id] },
        $or: [{ teamId: { $exists: true } }, { 'handoff.at': { $exists: true }, teamId: { $exists: false } }],
      }),
    ).toBe(
      '{workspaceId, status, _id: {$in}, $or: [{teamId: {$exists}}, {handoff.at: {$exists}, teamId: {$exists}}]}',
    );
  });
});
