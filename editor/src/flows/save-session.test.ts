import { afterEach, describe, expect, it, vi } from 'vitest';
import { flowStoreApi } from './api';
import { emptyDraft } from './draft';
import { useFlowStore } from './flow-store';
import { FlowConflictError, type FlowRecord } from './flow-store-api';
import { saveNow, useSaveSession } from './save-session';

const record = (revision: number): FlowRecord =>
  ({
    id: 'flow-1',
    name: 'Test',
    kind: 'custom',
    draft: emptyDraft('Test'),
    revision,
  }) as unknown as FlowRecord;

/** The server's side of PUT /flows/:id/draft: a save from an older revision than its own is a conflict. */
function serverAt(revision: number) {
  const server = { revision, bases: [] as number[], release: [] as (() => void)[] };
  vi.spyOn(flowStoreApi, 'saveDraft').mockImplementation(async (_id, _draft, base) => {
    server.bases.push(base);
    // Held until the test lets it answer, so saves overlap as they do on a slow network.
    await new Promise<void>((resolve) => server.release.push(resolve));
    if (base !== server.revision) throw new FlowConflictError(record(server.revision));
    server.revision += 1;
    return { revision: server.revision };
  });
  return server;
}

const edit = () => useFlowStore.getState().addNode('send-message', { x: 0, y: 0 });

afterEach(() => vi.restoreAllMocks());

describe('saving a flow', () => {
  it('runs saves asked for at once one after another, each from the last saved revision: no conflict with itself', async () => {
    useSaveSession.getState().open(record(4));
    const server = serverAt(4);
    edit();
    useSaveSession.setState({ state: 'dirty' });
    // The autosave, the publish button and the simulator all ask while the first save is on its way.
    const saves = [saveNow(), saveNow(), saveNow()];
    await vi.waitFor(() => expect(server.release).toHaveLength(1));
    edit();
    useSaveSession.setState({ state: 'dirty' });
    server.release.shift()!();
    await vi.waitFor(() => expect(server.release).toHaveLength(1));
    server.release.shift()!();
    expect(await Promise.all(saves)).toEqual([true, true, true]);
    // The third found nothing left to save; the second saved from the first's revision.
    expect(server.bases).toEqual([4, 5]);
    expect(useSaveSession.getState()).toMatchObject({ state: 'saved', revision: 6, theirs: null });
  });

  it('still reports a real conflict, keeping both versions', async () => {
    useSaveSession.getState().open(record(2));
    const server = serverAt(3);
    edit();
    useSaveSession.setState({ state: 'dirty' });
    const save = saveNow();
    await vi.waitFor(() => expect(server.release).toHaveLength(1));
    server.release.shift()!();
    expect(await save).toBe(false);
    expect(useSaveSession.getState()).toMatchObject({ state: 'conflict', theirs: { revision: 3 } });
    // A save after a conflict waits for the owner's choice; a failed save does not block the next.
    expect(await saveNow()).toBe(false);
    expect(server.bases).toEqual([2]);
  });
});
