import { useEffect, useId, useState } from 'react';
import type { SimulationStartBody } from '@kefu/schemas/api';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';

/** What the owner sets before a test run, as typed (strings), turned into the API body on start. */
export interface SimulatorSetupValue {
  clockOn: boolean;
  date: string;
  time: string;
  timeZone: string;
  name: string;
  /** Comma-separated. */
  tags: string;
  /** One `key=value` a line. */
  attributes: string;
  channel: 'web' | 'email' | 'api';
  message: string;
  agentsOnline: boolean;
  http: Record<string, { mode: 'default' | 'mock' | 'real'; status: string; body: string }>;
}

export function emptySetup(): SimulatorSetupValue {
  return {
    clockOn: false,
    date: '',
    time: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai',
    name: '',
    tags: '',
    attributes: '',
    channel: 'web',
    message: '',
    agentsOnline: true,
    http: {},
  };
}

/** Where a setting's problem shows: `clock`, `attributes`, `http/<node id>/body` … as the API names them. */
export type SetupErrors = Record<string, string>;

/**
 * The API body from the typed setup, or the problems found (field → word key), checked here so an
 * owner sees a bad JSON body at its step before anything starts.
 */
export function setupBody(
  value: SimulatorSetupValue,
  httpSteps: readonly string[],
): { body: SimulationStartBody } | { errors: Record<string, SetupProblem> } {
  const errors: Record<string, SetupProblem> = {};
  const body: SimulationStartBody = {};
  if (value.clockOn) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value.date)) errors['clock/date'] = 'simDateNeeded';
    if (!/^\d{2}:\d{2}$/.test(value.time)) errors['clock/time'] = 'simTimeNeeded';
    if (!value.timeZone.trim()) errors['clock/timeZone'] = 'simZoneNeeded';
    body.clock = { date: value.date, time: value.time, timeZone: value.timeZone.trim() };
  }
  const tags = value.tags
    .split(/[,，]/)
    .map((t) => t.trim())
    .filter(Boolean);
  const attributes: Record<string, string> = {};
  for (const line of value.attributes.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at < 1) errors.attributes = 'simAttributeLine';
    else attributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  if (value.name.trim() || tags.length || Object.keys(attributes).length)
    body.contact = {
      ...(value.name.trim() ? { name: value.name.trim() } : {}),
      ...(tags.length ? { tags } : {}),
      ...(Object.keys(attributes).length ? { attributes } : {}),
    };
  if (value.channel !== 'web') body.channel = value.channel;
  if (value.message.trim()) body.message = value.message.trim();
  if (!value.agentsOnline) body.agentsOnline = false;
  const http: NonNullable<SimulationStartBody['http']> = {};
  for (const nodeId of httpSteps) {
    const step = value.http[nodeId];
    if (!step || step.mode === 'default') continue;
    if (step.mode === 'real') {
      http[nodeId] = { mode: 'real' };
      continue;
    }
    const status = Number(step.status || '200');
    if (!Number.isInteger(status) || status < 100 || status > 599)
      errors[`http/${nodeId}/status`] = 'simStatusRange';
    if (step.body.trim()) {
      try {
        JSON.parse(step.body);
      } catch {
        errors[`http/${nodeId}/body`] = 'simBodyNotJson';
      }
    }
    http[nodeId] = { mode: 'mock', status, body: step.body };
  }
  if (Object.keys(http).length) body.http = http;
  return Object.keys(errors).length ? { errors } : { body };
}

export type SetupProblem =
  | 'simDateNeeded'
  | 'simTimeNeeded'
  | 'simZoneNeeded'
  | 'simAttributeLine'
  | 'simStatusRange'
  | 'simBodyNotJson';

/** The HTTP steps on the canvas, by node id, with the owner's caption or the address they call. */
export function useHttpSteps(): Array<{ id: string; caption: string }> {
  const nodes = useFlowStore((s) => s.nodes);
  return nodes
    .filter((n) => n.data.type === 'http-request')
    .map((n) => ({ id: n.id, caption: n.data.label || String(n.data.config.url ?? n.id) }));
}

/**
 * The test run's setup: the clock, the test contact, the channel, the first message, whether agents
 * are online, and each HTTP step's answer (a mock or a real call). `errors` are shown at their field.
 */
export function SimulatorSetup({
  value,
  onChange,
  errors,
}: {
  value: SimulatorSetupValue;
  onChange(next: SimulatorSetupValue): void;
  errors: SetupErrors;
}) {
  const { t } = useT();
  const uid = useId();
  const steps = useHttpSteps();
  // Opened by the owner, and again when a problem is shown inside it; never closed under their hands.
  const [open, setOpen] = useState(false);
  const problems = Object.keys(errors).length;
  useEffect(() => {
    if (problems > 0) setOpen(true);
  }, [problems]);
  const set = (patch: Partial<SimulatorSetupValue>) => onChange({ ...value, ...patch });
  const setStep = (id: string, patch: Partial<SimulatorSetupValue['http'][string]>) =>
    set({
      http: {
        ...value.http,
        [id]: { mode: 'default', status: '200', body: '', ...value.http[id], ...patch },
      },
    });
  // The error sits beside the label, not in it: the field's name stays its label alone.
  const field = (key: string, label: string, input: React.ReactNode) => (
    <div className="sim-field">
      <label htmlFor={`${uid}-${key}`}>{label}</label>
      {input}
      {errors[key] && (
        <span className="error small" role="alert" id={`${uid}-${key}-error`}>
          {errors[key]}
        </span>
      )}
    </div>
  );
  const described = (key: string) =>
    errors[key] ? { 'aria-invalid': true, 'aria-describedby': `${uid}-${key}-error` } : {};

  return (
    <details
      className="sim-setup"
      data-testid="sim-setup"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{t('simSetup')}</summary>
      <fieldset>
        <legend>
          <label>
            <input
              type="checkbox"
              checked={value.clockOn}
              onChange={(e) => set({ clockOn: e.target.checked })}
            />{' '}
            {t('simSetClock')}
          </label>
        </legend>
        {value.clockOn && (
          <div className="sim-row">
            {field(
              'clock/date',
              t('simDate'),
              <input
                id={`${uid}-clock/date`}
                type="date"
                value={value.date}
                onChange={(e) => set({ date: e.target.value })}
                {...described('clock/date')}
              />,
            )}
            {field(
              'clock/time',
              t('simTime'),
              <input
                id={`${uid}-clock/time`}
                type="time"
                value={value.time}
                onChange={(e) => set({ time: e.target.value })}
                {...described('clock/time')}
              />,
            )}
            {field(
              'clock/timeZone',
              t('simTimeZone'),
              <input
                id={`${uid}-clock/timeZone`}
                value={value.timeZone}
                onChange={(e) => set({ timeZone: e.target.value })}
                {...described('clock/timeZone')}
              />,
            )}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('simContact')}</legend>
        {field(
          'contact/name',
          t('simContactName'),
          <input
            id={`${uid}-contact/name`}
            value={value.name}
            placeholder={t('simContactNameHint')}
            onChange={(e) => set({ name: e.target.value })}
          />,
        )}
        {field(
          'tags',
          t('simTags'),
          <input
            id={`${uid}-tags`}
            value={value.tags}
            placeholder={t('simTagsHint')}
            onChange={(e) => set({ tags: e.target.value })}
          />,
        )}
        {field(
          'attributes',
          t('simAttributes'),
          <textarea
            id={`${uid}-attributes`}
            rows={2}
            value={value.attributes}
            placeholder={t('simAttributesHint')}
            onChange={(e) => set({ attributes: e.target.value })}
            {...described('attributes')}
          />,
        )}
        <div className="sim-row">
          {field(
            'channel',
            t('simChannel'),
            <select
              id={`${uid}-channel`}
              value={value.channel}
              onChange={(e) => set({ channel: e.target.value as SimulatorSetupValue['channel'] })}
            >
              <option value="web">{t('simChannelWeb')}</option>
              <option value="email">{t('simChannelEmail')}</option>
              <option value="api">{t('simChannelApi')}</option>
            </select>,
          )}
          <label className="sim-check">
            <input
              type="checkbox"
              checked={value.agentsOnline}
              onChange={(e) => set({ agentsOnline: e.target.checked })}
            />{' '}
            {t('simAgentsOnline')}
          </label>
        </div>
        {field(
          'message',
          t('simFirstMessage'),
          <input
            id={`${uid}-message`}
            value={value.message}
            onChange={(e) => set({ message: e.target.value })}
          />,
        )}
      </fieldset>
      {steps.length > 0 && (
        <fieldset>
          <legend>{t('simHttpSteps')}</legend>
          {steps.map((step) => {
            const current = value.http[step.id] ?? { mode: 'default', status: '200', body: '' };
            return (
              <div key={step.id} className="sim-http" data-testid={`sim-http-${step.id}`}>
                {field(
                  `http/${step.id}/mode`,
                  step.caption,
                  <select
                    id={`${uid}-http/${step.id}/mode`}
                    value={current.mode}
                    onChange={(e) =>
                      setStep(step.id, { mode: e.target.value as 'default' | 'mock' | 'real' })
                    }
                  >
                    <option value="default">{t('simHttpDefault')}</option>
                    <option value="mock">{t('simHttpMock')}</option>
                    <option value="real">{t('simHttpReal')}</option>
                  </select>,
                )}
                {current.mode === 'mock' && (
                  <>
                    {field(
                      `http/${step.id}/status`,
                      t('simHttpStatus'),
                      <input
                        id={`${uid}-http/${step.id}/status`}
                        type="number"
                        min={100}
                        max={599}
                        value={current.status}
                        onChange={(e) => setStep(step.id, { status: e.target.value })}
                        {...described(`http/${step.id}/status`)}
                      />,
                    )}
                    {field(
                      `http/${step.id}/body`,
                      t('simHttpBody'),
                      <textarea
                        id={`${uid}-http/${step.id}/body`}
                        rows={3}
                        value={current.body}
                        placeholder='{"status": "shipped"}'
                        onChange={(e) => setStep(step.id, { body: e.target.value })}
                        {...described(`http/${step.id}/body`)}
                      />,
                    )}
                  </>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
    </details>
  );
}
