/**
 * Records a history of each starter template run through today's interpreter into
 * tests/histories/<UTC date>/<template>.json, and notes in that folder's recording.json the commit
 * that recorded each history and the patch markers it carries. Run it after a workflow change that
 * needed a patch (README, "Changing the workflow"):
 *   npx tsx workers/scripts/record-histories.ts [template-id ...]
 * (naming templates records only those). Older folders stay as they are: they stand for the
 * conversations running on older code, and the replay test keeps every one of them replayable, so a
 * change that would break conversations already running fails CI instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { compileFlow } from '@kefu/nodes/compiler';
import { starterTemplates } from '@kefu/nodes/templates';
import { CONVERSATION_WORKFLOW, FLOW_SIGNALS, type ConversationFlowInput } from '@kefu/schemas';
import { repoRoot, toolPath } from '../../scripts/lib/servers';
import { workflowsPath } from '../src/worker';
import { scriptedActivities, templateScripts } from '../src/testing/template-runs';
import {
  historiesDir,
  MANIFEST,
  patchIdsIn,
  patchIdsInSources,
  readManifest,
  type Manifest,
} from '../src/testing/recorded-histories';

// The real date, not the test server's skipped clock: the folder says when (on which code) it was recorded.
// A folder of the same day recorded before a patch was added stays as it is (it stands for the
// conversations started on that code): the new recording goes to <date>.2, <date>.3, …
const recordedOn = folderFor(new Date().toISOString().slice(0, 10));
const dir = join(historiesDir, recordedOn);
mkdirSync(dir, { recursive: true });
const manifest: Manifest = readManifest(recordedOn) ?? { recordedOn, histories: {} };
const commit = currentCommit();

Runtime.install({ logger: new DefaultLogger('WARN') });
const env = await TestWorkflowEnvironment.createTimeSkipping({
  server: { executable: { type: 'existing-path', path: toolPath('temporal-test-server') } },
});
try {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'record',
    workflowsPath,
    activities: scriptedActivities(env.client),
  });
  await worker.runUntil(async () => {
    const only = process.argv.slice(2);
    for (const template of starterTemplates.filter((t) => only.length === 0 || only.includes(t.id))) {
      const script = templateScripts[template.id];
      if (!script) throw new Error(`no script for template ${template.id}`);
      const compiled = compileFlow(template.draft);
      if (!compiled.ok) throw new Error(`${template.id} does not compile`);
      const input: ConversationFlowInput = {
        workspaceId: 'w1',
        conversationId: 'c1',
        flowId: 'f1',
        version: 1,
        flow: compiled.flow,
        facts: script.facts,
      };
      if (script.shanghaiHour !== undefined)
        await env.sleep(untilWeekdayHourInShanghai(await env.currentTimeMs(), script.shanghaiHour));
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue: 'record',
        workflowId: `record-${template.id}`,
        args: [input],
      });
      if (script.answersAfterMs) await env.sleep(script.answersAfterMs);
      for (const [i, text] of script.messages.entries())
        await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: `msg-${i}`, text });
      await handle.result();
      const history = await handle.fetchHistory();
      const file = join(dir, `${template.id}.json`);
      writeFileSync(file, JSON.stringify(history, null, 1));
      const patches = patchIdsIn(history);
      manifest.histories[template.id] = { commit, patches };
      console.log(
        `recorded ${template.id}: ${history.events?.length} events, patches [${patches}] -> ${file}`,
      );
    }
  });
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
} finally {
  await env.teardown();
}

/** HEAD, marked when the code a workflow runs differs from it (the history would then name the wrong code). */
function folderFor(day: string): string {
  const asked = patchIdsInSources().ids.join(',');
  for (let n = 1; ; n++) {
    const name = n === 1 ? day : `${day}.${n}`;
    const recorded = readManifest(name);
    if (!recorded) return name;
    const marked = [...new Set(Object.values(recorded.histories).flatMap((h) => h.patches))].sort();
    if (marked.join(',') === asked) return name;
  }
}

function currentCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain', '--', 'workers/src', 'nodes/src', 'schemas/src');
  return git('rev-parse', '--short=12', 'HEAD') + (changed ? '+changes' : '');
}

/** Milliseconds from `now` to the next `hour`:00 in Shanghai (UTC+8, no DST) on a Monday to Friday there. */
function untilWeekdayHourInShanghai(now: number, hour: number): number {
  const shift = 8 * 60 * 60_000;
  const day = 24 * 60 * 60_000;
  // On Shanghai's wall clock read as if it were UTC.
  const local = now + shift;
  let at = Math.floor(local / day) * day + hour * 60 * 60_000;
  while (at <= local || [0, 6].includes(new Date(at).getUTCDay())) at += day;
  return at - local;
}
