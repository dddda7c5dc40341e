import { readFileSync } from 'node:fs';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { starterTemplates } from '@kefu/nodes/templates';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRecordings, patchIdsIn, patchIdsInSources, readManifest } from '../testing/recorded-histories';
import { testWorkflowBundle } from '../testing/workflow-bundle';

// Conversations already running must survive a deploy: every recorded history (see
// workers/scripts/record-histories.ts), old recordings included, has to replay through today's
// interpreter without a non-determinism error; and each branch a patch keeps for them needs a
// recording that takes the patched side too.
const recordings = listRecordings();
const readHistory = (file: string) =>
  temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(file, 'utf8')));
const marked = new Map(recordings.map((r) => [r, patchIdsIn(readHistory(r.file))]));

describe('recorded histories replay on the current interpreter', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    workflowBundle = await testWorkflowBundle();
  });

  it('has a history of each starter template', () => {
    const recorded = new Set(recordings.map((r) => r.template));
    expect(starterTemplates.map((t) => t.id).filter((id) => !recorded.has(id))).toEqual([]);
  });

  it('has a recorded history marking each patch the code asks for', () => {
    const { ids, unreadable } = patchIdsInSources();
    expect(unreadable, 'patch ids must be string literals').toEqual([]);
    const inHistories = new Set([...marked.values()].flat());
    expect(
      ids.filter((id) => !inHistories.has(id)),
      "record histories with today's code: npx tsx workers/scripts/record-histories.ts",
    ).toEqual([]);
  });

  it("lists each history in its folder's recording.json with the patches it marks", () => {
    for (const r of recordings)
      expect(readManifest(r.set)?.histories[r.template]?.patches, `${r.set}/${r.template}`).toEqual(
        marked.get(r),
      );
  });

  it.each(recordings.map((r) => [`${r.set}/${r.template}`, r] as const))('%s', async (_name, r) => {
    await Worker.runReplayHistory({ workflowBundle }, readHistory(r.file), r.template);
  });

  it('fails a history the interpreter does not replay', async () => {
    // The same history with one activity renamed: the interpreter schedules a different command.
    const r = recordings.find((x) => x.template === 'escalate-after-10-minutes') ?? recordings[0];
    if (!r) throw new Error('no recorded histories');
    const history = readHistory(r.file);
    const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes);
    const type = scheduled?.activityTaskScheduledEventAttributes?.activityType;
    if (!type) throw new Error(`${r.file} schedules no activity`);
    type.name = 'notAnActivityTheFlowCalls';
    await expect(Worker.runReplayHistory({ workflowBundle }, history, r.template)).rejects.toThrow(
      DeterminismViolationError,
    );
  });
});
