import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/servers';
import { workflowsPath } from '../worker';

// Conversations already running must survive a deploy: every recorded history (see
// workers/scripts/record-histories.ts) has to replay through today's interpreter without a
// non-determinism error.
const dir = join(repoRoot, 'tests', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('recorded histories replay on the current interpreter', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  });

  it('has a history for each of the four starter templates', () => {
    expect(files.sort()).toEqual([
      'csat-after-resolution.json',
      'escalate-after-10-minutes.json',
      'out-of-hours-auto-reply.json',
      'vip-routing.json',
    ]);
  });

  it.each(files)('%s', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(join(dir, file), 'utf8')),
    );
    await Worker.runReplayHistory({ workflowBundle }, history, file.replace(/\.json$/, ''));
  });
});
