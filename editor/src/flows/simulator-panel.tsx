import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Simulation } from '@kefu/schemas/api';
import { ApiError } from './flow-store-api';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import { saveNow } from './save-session';
import { simulatorApi } from './simulator-api';
import { SimulatorSetup, emptySetup, setupBody, useHttpSteps, type SetupErrors } from './simulator-setup';
import { traceOf } from './trace';

/** How often a running simulation is read again; the run moves on the worker, not here. */
const POLL_MS = 600;

/**
 * The simulator: chats with the saved draft on the real worker as a test run, lights its path on
 * the canvas, shows its variables, and answers what it waits for (skip a timer, accept an offer,
 * resolve as an agent). The test setup (simulator-setup.tsx) sets its clock, contact and HTTP answers.
 */
export function SimulatorPanel({ flowId }: { flowId: string }) {
  const { t } = useT();
  const [id, setId] = useState<string | null>(null);
  const [sim, setSim] = useState<Simulation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [setup, setSetup] = useState(emptySetup);
  const [setupErrors, setSetupErrors] = useState<SetupErrors>({});
  const httpSteps = useHttpSteps();
  const sent = useRef(0);

  const show = useCallback((next: Simulation) => {
    setSim(next);
    useFlowStore.getState().setTrace(traceOf(next.steps, next.nodeId));
  }, []);
  const refresh = useCallback(
    async (simId: string) => {
      try {
        show(await simulatorApi.get(simId));
      } catch {
        setError(t('loadFailed'));
      }
    },
    [show, t],
  );

  // Poll while the run goes on; a finished run is read once more and then left alone.
  useEffect(() => {
    if (!id || (sim && sim.id === id && sim.status !== 'running')) return;
    const timer = setInterval(() => void refresh(id), POLL_MS);
    return () => clearInterval(timer);
  }, [id, sim, refresh]);
  // Leaving the designer ends the simulation and takes its path off the canvas.
  const current = useRef<string | null>(null);
  current.current = id;
  useEffect(
    () => () => {
      if (current.current) void simulatorApi.stop(current.current).catch(() => {});
      useFlowStore.getState().setTrace(null);
    },
    [],
  );

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('simEnded') : t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    act(async () => {
      const checked = setupBody(
        setup,
        httpSteps.map((step) => step.id),
      );
      if ('errors' in checked) {
        setSetupErrors(Object.fromEntries(Object.entries(checked.errors).map(([k, v]) => [k, t(v)])));
        setError(t('simSetupInvalid'));
        return;
      }
      setSetupErrors({});
      if (id) await simulatorApi.stop(id).catch(() => {});
      setSim(null);
      useFlowStore.getState().setTrace(null);
      // The simulation runs the draft as saved, so save what is on the canvas first.
      if (!(await saveNow())) throw new Error('not saved');
      try {
        const started = await simulatorApi.start(flowId, checked.body);
        setId(started.id);
        await refresh(started.id);
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) {
          setId(null);
          setError(`${t('simulationFailedToStart')} ${err.message}`);
          return;
        }
        // A setting the API refused (an unknown zone, a step the saved draft lacks) is shown at its field.
        if (err instanceof ApiError && err.status === 400) {
          setId(null);
          const key = err.field?.replace(/^body\//, '');
          if (key) setSetupErrors({ [key]: err.message });
          setError(`${t('simSetupInvalid')} ${err.message}`);
          return;
        }
        throw err;
      }
    });
  const stop = () =>
    act(async () => {
      if (!id) return;
      await simulatorApi.stop(id);
      setId(null);
      setSim(null);
      useFlowStore.getState().setTrace(null);
    });
  const say = (message: string) =>
    act(async () => {
      if (!id || !message.trim()) return;
      sent.current += 1;
      await simulatorApi.say(id, message, `sim-${Date.now()}-${sent.current}`);
      setText('');
      await refresh(id);
    });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void say(text);
  };
  const control = (action: () => Promise<unknown>) => () =>
    void act(async () => {
      await action();
      if (id) await refresh(id);
    });

  const running = sim?.status === 'running';
  const lastBot = sim?.messages.at(-1)?.author === 'bot' ? sim.messages.at(-1) : undefined;
  return (
    <section className="simulator" aria-label={t('simulate')} data-testid="simulator">
      <p className="muted small">{t('simulateHint')}</p>
      <SimulatorSetup value={setup} onChange={setSetup} errors={setupErrors} />
      <div className="sim-controls">
        <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
          {id ? t('restartSimulation') : t('startSimulation')}
        </button>
        {id && sim?.status === 'running' && (
          <button type="button" onClick={() => void stop()} disabled={busy}>
            {t('stopSimulation')}
          </button>
        )}
        {sim && (
          <span className={`status sim-${sim.status}`} data-testid="sim-status">
            {sim.status === 'running'
              ? t('simRunning')
              : sim.status === 'completed'
                ? t('simCompleted')
                : t('simFailed')}
          </span>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {sim && (
        <>
          <ol className="sim-chat" aria-label="Chat" aria-live="polite">
            {sim.messages.length === 0 && <li className="muted small">{t('noMessagesYet')}</li>}
            {sim.messages.map((m) => (
              <li key={m.id} className={`sim-msg sim-${m.author}`}>
                {m.text}
              </li>
            ))}
          </ol>
          {running && lastBot?.quickReplies && (
            <div className="sim-quick">
              {lastBot.quickReplies.map((q) => (
                <button
                  key={q.label}
                  type="button"
                  onClick={() => void say(q.value ?? q.label)}
                  disabled={busy}
                >
                  {q.label}
                </button>
              ))}
            </div>
          )}
          {running && sim.waiting && <Waiting sim={sim} busy={busy} control={control} />}
          {sim.failure && (
            <p className="error" role="alert">
              {sim.failure.nodeId}: {sim.failure.reason}
            </p>
          )}
          <form className="sim-say" onSubmit={onSubmit}>
            <input
              aria-label={t('typeAsCustomer')}
              placeholder={t('typeAsCustomer')}
              value={text}
              maxLength={4000}
              onChange={(e) => setText(e.target.value)}
              disabled={!running}
            />
            <button type="submit" disabled={!running || busy || !text.trim()}>
              {t('send')}
            </button>
          </form>
          <h3 className="sim-heading">{t('variables')}</h3>
          {Object.keys(sim.vars).length === 0 ? (
            <p className="muted small">{t('noVariables')}</p>
          ) : (
            <dl className="sim-vars" data-testid="sim-vars">
              {Object.entries(sim.vars).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </section>
  );
}

/** What the run waits for, with the owner's ways to answer it from here. */
function Waiting({
  sim,
  busy,
  control,
}: {
  sim: Simulation;
  busy: boolean;
  control(action: () => Promise<unknown>): () => void;
}) {
  const { t } = useT();
  const waiting = sim.waiting!;
  const label =
    waiting.for === 'reply'
      ? t('waitingReply')
      : waiting.for === 'timer'
        ? t('waitingTimer')
        : waiting.offerId
          ? t('waitingAgent')
          : t('waitingResolution');
  return (
    <div className="sim-waiting" data-testid="sim-waiting" data-for={waiting.for}>
      <span>
        {label}
        {waiting.until && (
          <>
            {' '}
            {t('until')} <time dateTime={waiting.until}>{new Date(waiting.until).toLocaleTimeString()}</time>
          </>
        )}
      </span>
      {/* An offer is answered as an agent or left to time out; so is a wait for the agent's resolution. */}
      {waiting.for === 'agent' ? (
        <>
          <button
            type="button"
            className="primary"
            onClick={control(() =>
              waiting.offerId ? simulatorApi.accept(sim.id) : simulatorApi.resolve(sim.id),
            )}
            disabled={busy}
          >
            {waiting.offerId ? t('acceptAsAgent') : t('resolveAsAgent')}
          </button>
          <button type="button" onClick={control(() => simulatorApi.skip(sim.id))} disabled={busy}>
            {waiting.offerId ? t('letTimeOut') : t('timeRunsOut')}
          </button>
        </>
      ) : (
        waiting.until && (
          <button type="button" onClick={control(() => simulatorApi.skip(sim.id))} disabled={busy}>
            {t('skipWait')}
          </button>
        )
      )}
    </div>
  );
}
