import { useEffect } from 'react';
import { compileFlow } from '@kefu/nodes/compiler';
import { currentDraft, useFlowStore } from './flow-store';
import { selectRevisionSeq } from './selectors';

const DEBOUNCE_MS = 250;

/**
 * Runs the server's own compiler on the draft after every change (debounced), so the problems the
 * owner sees are exactly the ones publishing would report.
 */
export function useLiveValidation(): void {
  const seq = useFlowStore(selectRevisionSeq);
  useEffect(() => {
    useFlowStore.getState().setChecking(true);
    const timer = setTimeout(() => {
      const started = performance.now();
      const result = compileFlow(currentDraft());
      performance.measure('kefu:flow-check', { start: started });
      useFlowStore.getState().setProblems(result.ok ? [] : result.problems);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [seq]);
}
