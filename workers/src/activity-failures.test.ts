import { describe, expect, it, vi } from 'vitest';
import type { Context } from '@temporalio/activity';
import { countActivityFailures } from './activity-failures';

describe('activity failure counter', () => {
  const fakeContext = () => {
    const add = vi.fn();
    const createCounter = vi.fn(() => ({ add }));
    const ctx = { info: { activityType: 'sendOutbound' }, metricMeter: { createCounter } };
    return { ctx: ctx as unknown as Context, add, createCounter };
  };
  const input = { args: [], headers: {} } as never;

  it('counts a failed attempt by activity type and passes the failure on', async () => {
    const { ctx, add, createCounter } = fakeContext();
    const failing = countActivityFailures(ctx).inbound!.execute!(input, async () => {
      throw new Error('mail server down');
    });
    await expect(failing).rejects.toThrow('mail server down');
    expect(createCounter).toHaveBeenCalledWith('kefu_activity_failures', 'failures', expect.any(String));
    expect(add).toHaveBeenCalledWith(1, { activity_type: 'sendOutbound' });
  });

  it('counts nothing when the attempt succeeds', async () => {
    const { ctx, add } = fakeContext();
    await expect(countActivityFailures(ctx).inbound!.execute!(input, async () => 'sent')).resolves.toBe(
      'sent',
    );
    expect(add).not.toHaveBeenCalled();
  });
});
