import { useCallback, useEffect, useState } from 'react';
import type { Run, RunStep } from '@kefu/schemas/api';
import { findNode } from '@kefu/nodes';
import { useT } from './i18n';
import { useRunView } from './run-view-store';
import { runsApi } from './simulator-api';
import { StepWhy } from './step-why';

/** The flow's runs, newest first; an open run's timeline and the steps of the node clicked on its canvas. */
export function RunsPanel({ flowId }: { flowId: string }) {
  const runId = useRunView((s) => s.runId);
  return runId ? <RunDetails /> : <RunList flowId={flowId} />;
}

function RunList({ flowId }: { flowId: string }) {
  const { t } = useT();
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState(false);
  const load = useCallback(
    (cursor?: string) => {
      setError(false);
      runsApi.list(flowId, cursor).then(
        (page) => {
          setRuns((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
          setNext(page.nextCursor);
        },
        () => setError(true),
      );
    },
    [flowId],
  );
  useEffect(() => load(), [load]);

  if (error)
    return (
      <p className="error" role="alert">
        {t('loadFailed')} <button onClick={() => load()}>{t('retry')}</button>
      </p>
    );
  if (!runs) return <p className="muted">{t('loading')}</p>;
  // A page can come back empty with more to read (the API reads a bounded number per request).
  if (runs.length === 0 && !next) return <p className="empty">{t('noRuns')}</p>;
  const open = useRunView.getState().open;
  return (
    <>
      <ul className="runs" aria-label={t('runs')}>
        {runs.map((run) => (
          <li key={run.id}>
            <button type="button" className="run-item" onClick={() => void open(flowId, run.id)}>
              <span className={`status run-${run.status}`}>{run.status}</span>
              <strong>v{run.version}</strong>
              <time dateTime={run.startedAt}>{new Date(run.startedAt).toLocaleString()}</time>
              <span className="muted small">
                {run.steps} steps{run.currentNodeId ? ` · ${run.currentNodeId}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" onClick={() => load(next)}>
          {t('moreRuns')}
        </button>
      )}
    </>
  );
}

function RunDetails() {
  const { t, lt } = useT();
  const { timeline, draft, selected, select, state, retry } = useRunView();
  if (state === 'error')
    return (
      <p className="error" role="alert">
        {t('loadFailed')} <button onClick={() => void retry()}>{t('retry')}</button>
      </p>
    );
  if (!timeline) return <p className="muted">{t('loading')}</p>;
  const nodeSteps = selected ? timeline.steps.filter((s) => s.nodeId === selected) : [];
  // Port labels come from the version the run ran on (a switch's cases are its config).
  const configOf = (nodeId: string) => draft?.nodes.find((n) => n.id === nodeId)?.config;
  const label = (s: RunStep) => {
    const def = findNode(s.nodeType);
    return def ? lt(def.editor.label) : s.nodeType;
  };
  return (
    <section className="run-details" data-testid="run-details">
      {selected ? (
        <>
          <h3>
            {t('stepsOfNode')}: <code>{selected}</code>
          </h3>
          {nodeSteps.length === 0 ? (
            <p className="muted">{t('notVisited')}</p>
          ) : (
            <ul className="run-steps" data-testid="node-steps">
              {nodeSteps.map((s) => (
                <StepItem key={s.step} step={s} label={label(s)} config={configOf(s.nodeId)} />
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted small">{t('clickNodeForSteps')}</p>
      )}
      <h3>{t('timeline')}</h3>
      {timeline.run.failure && (
        <p className="error">
          {timeline.run.failure.nodeId}: {timeline.run.failure.reason}
        </p>
      )}
      <ol className="run-timeline">
        {timeline.steps.map((s) => (
          <li key={s.step}>
            <button
              type="button"
              className="run-step-link"
              aria-pressed={s.nodeId === selected}
              onClick={() => select(s.nodeId)}
            >
              {s.step}. {label(s)} → {s.port ?? '—'}
              {s.why && <StepWhy step={s} config={configOf(s.nodeId)} brief />}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function StepItem({ step, label, config }: { step: RunStep; label: string; config: unknown }) {
  const { t } = useT();
  return (
    <li>
      <div>
        <strong>
          #{step.step} {label}
        </strong>{' '}
        <time dateTime={step.enteredAt}>{new Date(step.enteredAt).toLocaleTimeString()}</time>
      </div>
      <div className="small">
        {t('took')} {formatDuration(step.durationMs)} · {t('leftBy')} <code>{step.port ?? '—'}</code>
      </div>
      <StepWhy step={step} config={config} />
      {step.error && <div className="small error">{step.error}</div>}
    </li>
  );
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
