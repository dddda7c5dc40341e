import { describe, expect, it } from 'vitest';
import { fakeRun } from '../testing/fake-run';
import { slaTimer } from '.';

const NOW = Date.UTC(2026, 0, 5, 2, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const ticket = (snapshot: object) => ({ getTicket: () => ({ ticketId: 't1', status: 'open', priority: 'normal', ...snapshot }) });

describe('sla-timer', () => {
  it('takes met as soon as the ticket is solved in time, without waiting for the deadline', async () => {
    const run = await fakeRun(slaTimer, { ticket: 't1', minutes: 240 }, {
      now: NOW,
      ticketDoneAfterMs: 30 * 60_000,
      activities: ticket({ status: 'solved', solvedAt: at(30) }),
    });
    expect(run.result.port).toBe('met');
    expect(run.slept).toEqual([30 * 60_000]);
  });

  it('takes breached when the deadline passes first', async () => {
    const run = await fakeRun(slaTimer, { ticket: 't1', minutes: 60 }, { now: NOW, activities: ticket({}) });
    expect(run.result).toMatchObject({ port: 'breached', decision: 'resolution late' });
    expect(run.slept).toEqual([60 * 60_000]);
  });

  it('measures the first response when asked to', async () => {
    const late = await fakeRun(slaTimer, { ticket: 't1', minutes: 10, target: 'first-response' }, {
      now: NOW,
      activities: ticket({ firstResponseAt: at(11), solvedAt: at(5) }),
    });
    expect(late.result.port).toBe('breached');
    const met = await fakeRun(slaTimer, { ticket: 't1', minutes: 10, target: 'first-response' }, {
      now: NOW,
      ticketDoneAfterMs: 60_000,
      activities: ticket({ firstResponseAt: at(1) }),
    });
    expect(met.result.port).toBe('met');
  });

  it('is breached when the ticket cannot be found', async () => {
    const run = await fakeRun(slaTimer, { ticket: 'nope', minutes: 1 }, { activities: { getTicket: () => null } });
    expect(run.result).toMatchObject({ port: 'breached', decision: 'ticket not found' });
  });
});
