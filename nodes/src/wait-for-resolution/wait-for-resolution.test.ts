import { describe, expect, it } from 'vitest';
import { fakeRun } from '../testing/fake-run';
import { waitForResolution } from '.';

describe('wait-for-resolution', () => {
  it('goes on when the agent resolves the conversation', async () => {
    const run = await fakeRun(waitForResolution, {}, { resolution: { agentId: 'a7' } });
    expect(run.result).toEqual({ port: 'resolved', decision: 'resolved by agent a7' });
  });
  it('takes the timeout port when nobody resolves it in time', async () => {
    const run = await fakeRun(waitForResolution, { timeoutMinutes: 30 }, { resolution: null });
    expect(run.result.port).toBe('timeout');
    expect(run.slept).toEqual([30 * 60_000]);
  });
});
