import type {
  Page,
  Run,
  RunTimeline,
  Simulation,
  SimulationStartBody,
  SimulationStarted,
} from '@kefu/schemas/api';
import { callJson } from './flow-store-api';

/** The simulations API (runtime/src/routes/simulations): owners run the saved draft as a test. */
export const simulatorApi = {
  start: (flowId: string, settings: SimulationStartBody = {}) =>
    callJson<SimulationStarted>('POST', `/flows/${flowId}/simulations`, settings),
  get: (id: string) => callJson<Simulation>('GET', `/simulations/${id}`),
  say: (id: string, text: string, clientMessageId: string) =>
    callJson('POST', `/simulations/${id}/messages`, { text, clientMessageId }),
  skip: (id: string) => callJson('POST', `/simulations/${id}/skip`),
  accept: (id: string) => callJson('POST', `/simulations/${id}/accept`),
  resolve: (id: string) => callJson('POST', `/simulations/${id}/resolve`),
  stop: (id: string) => callJson('POST', `/simulations/${id}/stop`),
};

/** Run histories (runtime/src/routes/runs), read by owners and analysts. */
export const runsApi = {
  list: (flowId: string, cursor?: string) =>
    callJson<Page<Run>>(
      'GET',
      `/runs?flowId=${flowId}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  get: (runId: string) => callJson<RunTimeline>('GET', `/runs/${runId}`),
};
