import { create } from 'zustand';
import type { FlowDraft } from '@kefu/schemas';
import type { RunTimeline } from '@kefu/schemas/api';
import { flowStoreApi } from './api';
import { runsApi } from './simulator-api';

/** The run opened in the run viewer: its timeline and the published version it ran on. */
interface RunView {
  flowId: string | null;
  runId: string | null;
  state: 'closed' | 'loading' | 'ready' | 'error';
  timeline: RunTimeline | null;
  draft: FlowDraft | null;
  /** The node whose steps are shown. */
  selected: string | null;
  open(flowId: string, runId: string): Promise<void>;
  close(): void;
  /** Opens the same run again after a failed load. */
  retry(): Promise<void>;
  select(nodeId: string | null): void;
}

export const useRunView = create<RunView>((set, get) => ({
  flowId: null,
  runId: null,
  state: 'closed',
  timeline: null,
  draft: null,
  selected: null,
  async open(flowId, runId) {
    set({ flowId, runId, state: 'loading', timeline: null, draft: null, selected: null });
    try {
      const timeline = await runsApi.get(runId);
      const draft = await flowStoreApi.versionDraft(flowId, timeline.run.version);
      // A newer open may have started meanwhile: only the latest one lands.
      if (get().runId === runId) set({ timeline, draft, state: 'ready' });
    } catch {
      if (get().runId === runId) set({ state: 'error' });
    }
  },
  close() {
    set({ flowId: null, runId: null, state: 'closed', timeline: null, draft: null, selected: null });
  },
  async retry() {
    const { flowId, runId } = get();
    if (flowId && runId) await get().open(flowId, runId);
  },
  select(selected) {
    set({ selected });
  },
}));
