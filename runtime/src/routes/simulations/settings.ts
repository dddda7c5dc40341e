import { zonedTimeToEpoch } from '@kefu/nodes';
import type { SimulationSettings } from '@kefu/schemas';
import type { SimulationStartBody } from '@kefu/schemas/api';
import { KefuError } from '../../errors';

const TEST_NAME = 'Test customer';

/**
 * The run's simulation settings from what the owner set in the simulator. The clock becomes an offset
 * from `now` (the run adds it to Temporal's clock, so replays agree); each mocked HTTP body must be
 * JSON, and a bad one is named by its step.
 */
export function simulationSettings(
  body: SimulationStartBody,
  now: number,
  httpSteps: ReadonlySet<string>,
): SimulationSettings {
  const settings: SimulationSettings = {};
  if (body.clock) {
    const { date, time, timeZone } = body.clock;
    const at = zonedTimeToEpoch(date, time, timeZone);
    if (at === null) {
      const known = zonedTimeToEpoch('2026-01-01', '00:00', timeZone) !== null;
      throw known
        ? new KefuError('KEFU_ERR_VALIDATION', `No such date: ${date}`, 'body/clock/date')
        : new KefuError('KEFU_ERR_VALIDATION', `Unknown time zone: ${timeZone}`, 'body/clock/timeZone');
    }
    settings.clockOffsetMs = at - now;
  }
  if (body.agentsOnline === false) settings.agentsOnline = false;
  const http: NonNullable<SimulationSettings['http']> = {};
  for (const [nodeId, answer] of Object.entries(body.http ?? {})) {
    if (!httpSteps.has(nodeId))
      throw new KefuError(
        'KEFU_ERR_VALIDATION',
        `The flow has no HTTP step ${nodeId}`,
        `body/http/${nodeId}`,
      );
    if (answer.mode === 'real') {
      http[nodeId] = { mode: 'real' };
      continue;
    }
    const text = answer.body ?? '';
    if (text.trim() !== '') {
      try {
        JSON.parse(text);
      } catch (err) {
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          `The mocked body of step ${nodeId} is not JSON: ${(err as Error).message}`,
          `body/http/${nodeId}/body`,
        );
      }
    }
    http[nodeId] = { mode: 'mock', status: answer.status ?? 200, body: text };
  }
  if (Object.keys(http).length > 0) settings.http = http;
  return settings;
}

/** The test contact as stored and as the run's facts see it (name, tags, attributes). */
export function simulatedContact(contact: SimulationStartBody['contact']): {
  name: string;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
} {
  const attributes: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(contact?.attributes ?? {}))
    if (value !== null) attributes[key] = value as string | number | boolean;
  return {
    name: contact?.name ?? TEST_NAME,
    tags: [...new Set(contact?.tags ?? [])],
    attributes,
  };
}
