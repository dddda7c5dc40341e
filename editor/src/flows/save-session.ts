import { useEffect } from 'react';
import { create } from 'zustand';
import { flowStoreApi } from './api';
import { currentDraft, useFlowStore } from './flow-store';
import { FlowConflictError, type FlowRecord } from './flow-store-api';
import { selectRevisionSeq } from './selectors';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

interface SaveSession {
  flowId: string | null;
  /** The server revision the editor's document is based on. */
  revision: number;
  state: SaveState;
  /** What the other tab saved, when our save hit a conflict. */
  theirs: FlowRecord | null;
  open(record: FlowRecord): void;
}

export const useSaveSession = create<SaveSession>((set) => ({
  flowId: null,
  revision: 0,
  state: 'saved',
  theirs: null,
  open(record) {
    set({ flowId: record.id, revision: record.revision, state: 'saved', theirs: null });
    useFlowStore.getState().load(record.draft);
  },
}));

export const selectSaveState = (s: SaveSession) => s.state;
export const selectTheirs = (s: SaveSession) => s.theirs;

/**
 * Saves run one after another, each from the revision the one before it got: the autosave, the
 * publish button and the simulator can all ask at once, and two saves from the same revision make
 * the tab conflict with itself ("changed in another tab" with no other tab).
 */
let queue: Promise<unknown> = Promise.resolve();

/** Saves the document now; a stale revision leaves both versions in place and reports the conflict. */
export function saveNow(force = false): Promise<boolean> {
  const done = queue.then(() => saveOnce(force));
  queue = done.catch(() => {});
  return done;
}

async function saveOnce(force: boolean): Promise<boolean> {
  const session = useSaveSession.getState();
  if (!session.flowId || (session.state === 'saved' && !force) || (session.state === 'conflict' && !force))
    return session.state === 'saved';
  const seqAtStart = useFlowStore.getState().revisionSeq;
  const base = force && session.theirs ? session.theirs.revision : session.revision;
  useSaveSession.setState({ state: 'saving' });
  try {
    const started = performance.now();
    const { revision } = await flowStoreApi.saveDraft(session.flowId, currentDraft(), base);
    // Read by the large-flow browser test, which prints how long a save takes.
    performance.measure('kefu:flow-save', { start: started });
    const changedMeanwhile = useFlowStore.getState().revisionSeq !== seqAtStart;
    useSaveSession.setState({ revision, theirs: null, state: changedMeanwhile ? 'dirty' : 'saved' });
    return true;
  } catch (err) {
    if (err instanceof FlowConflictError) useSaveSession.setState({ state: 'conflict', theirs: err.current });
    else useSaveSession.setState({ state: 'error' });
    return false;
  }
}

const AUTOSAVE_MS = 800;

/** Marks the document dirty on every change and saves it shortly after the owner pauses. */
export function useAutosave(): void {
  const seq = useFlowStore(selectRevisionSeq);
  useEffect(() => {
    // A read-only viewer changes nothing worth saving (and the API would refuse it).
    if (seq === 0 || useFlowStore.getState().readOnly) return;
    const { state } = useSaveSession.getState();
    if (state !== 'conflict') useSaveSession.setState({ state: 'dirty' });
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [seq]);
}

/** Asks before the tab closes while work is not saved yet (dirty, saving, failed or in conflict). */
export function useLeaveGuard(): void {
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (useSaveSession.getState().state === 'saved') return;
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, []);
}
