import type { TicketWire } from '@kefu/schemas/api';
import { describe, expect, it } from 'vitest';
import { changesOf, draftOf } from './ticket-detail';

const ticket: TicketWire = {
  id: '65a000000000000000000001',
  subject: 'Broken tent pole',
  description: 'Arrived cracked',
  status: 'open',
  priority: 'normal',
  source: 'agent',
  assigneeId: '65a0000000000000000000aa',
  tags: ['shipping', 'damage'],
  customFields: { order: '1001', refunded: false },
  sla: { firstResponseBreached: false, resolutionBreached: false },
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
};

describe('ticket edits', () => {
  it('an untouched form changes nothing', () => {
    expect(changesOf(ticket, draftOf(ticket))).toEqual({});
  });

  it('sends only the fields that changed; clearing assignee or team sends null', () => {
    const draft = {
      ...draftOf(ticket),
      status: 'pending' as const,
      assigneeId: '',
      subject: '  Broken tent pole ',
    };
    expect(changesOf(ticket, draft)).toEqual({ status: 'pending', assigneeId: null });
  });

  it('reads tags typed with English or Chinese commas, without blanks or repeats, and sends what was added and removed', () => {
    const draft = { ...draftOf(ticket), tags: 'shipping， damage, vip,, vip ' };
    expect(changesOf(ticket, draft)).toEqual({ addTags: ['vip'] });
    expect(changesOf(ticket, { ...draftOf(ticket), tags: 'damage, fragile' })).toEqual({
      addTags: ['fragile'],
      removeTags: ['shipping'],
    });
  });

  it('adds, changes and removes custom fields (null removes)', () => {
    const draft = {
      ...draftOf(ticket),
      customFields: [
        ['order', '1002'],
        ['carrier', 'SF Express'],
      ] as [string, string][],
    };
    expect(changesOf(ticket, draft)).toEqual({
      customFields: { order: '1002', carrier: 'SF Express', refunded: null },
    });
  });
});
