import { describe, expect, it } from 'vitest';
import { compileFlow } from './compiler/compile-flow';
import { starterTemplates } from './templates';
import { flowAcceptsEvent } from './trigger-match';

function compiledTemplate(id: string) {
  const result = compileFlow(starterTemplates.find((t) => t.id === id)?.draft);
  if (!result.ok) throw new Error(id);
  return result.flow;
}

describe('flowAcceptsEvent', () => {
  it('starts the auto-reply template on web and email messages only', () => {
    const flow = compiledTemplate('out-of-hours-auto-reply');
    expect(flowAcceptsEvent(flow, 'message-received', { channel: 'web', message: { text: 'hi' } })).toBe(true);
    expect(flowAcceptsEvent(flow, 'message-received', { channel: 'api', message: { text: 'hi' } })).toBe(false);
    expect(flowAcceptsEvent(flow, 'conversation-started', { channel: 'web' })).toBe(false);
  });

  it('starts the survey template when a ticket becomes solved, not on other changes', () => {
    const flow = compiledTemplate('csat-after-resolution');
    expect(flowAcceptsEvent(flow, 'ticket-updated', { changed: ['status'], ticket: { status: 'solved' } })).toBe(true);
    expect(flowAcceptsEvent(flow, 'ticket-updated', { changed: ['status'], ticket: { status: 'pending' } })).toBe(false);
    expect(flowAcceptsEvent(flow, 'ticket-created', { ticket: { status: 'solved' } })).toBe(false);
  });
});
