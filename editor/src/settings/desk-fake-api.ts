import { vi } from 'vitest';
import type {
  CannedReplyCreate,
  CannedReplyWire,
  Page,
  SlaPolicyCreate,
  SlaPolicyWire,
} from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import type { DeskApi } from './desk-api';

const at = '2026-01-01T00:00:00.000Z';

/**
 * Canned replies and SLA policies in memory, for the settings' component tests: a taken shortcut
 * and a policy without targets are refused on their field, as the API refuses them.
 */
export function fakeDeskApi() {
  const canned: CannedReplyWire[] = [];
  const policies: SlaPolicyWire[] = [];
  const shortcutTaken = (shortcut: string | undefined, id?: string) =>
    canned.some((c) => c.shortcut === shortcut && c.id !== id) &&
    new ApiError(409, 'KEFU_ERR_CONFLICT', 'Another canned reply has this shortcut', 'body/shortcut');
  const noTargets = (body: { targets?: object }) =>
    body.targets &&
    Object.keys(body.targets).length === 0 &&
    new ApiError(
      400,
      'KEFU_ERR_VALIDATION',
      'body/targets must NOT have fewer than 1 properties',
      'body/targets',
    );
  const makeDefault = (id: string) => policies.forEach((p) => (p.isDefault = p.id === id));

  const api = {
    cannedReplies: vi.fn(async (): Promise<Page<CannedReplyWire>> => ({
      items: canned.map((c) => ({ ...c })),
      nextCursor: null,
    })),
    createCanned: vi.fn(async (body: CannedReplyCreate) => {
      const refused = shortcutTaken(body.shortcut);
      if (refused) throw refused;
      const reply = { id: `c${canned.length + 1}`, tags: [], createdAt: at, updatedAt: at, ...body };
      canned.push(reply);
      return reply;
    }),
    updateCanned: vi.fn(async (id: string, change: Partial<CannedReplyCreate>) => {
      const refused = shortcutTaken(change.shortcut, id);
      if (refused) throw refused;
      const reply = canned.find((c) => c.id === id)!;
      Object.assign(reply, change);
      return reply;
    }),
    deleteCanned: vi.fn(async (id: string) => {
      canned.splice(
        canned.findIndex((c) => c.id === id),
        1,
      );
    }),
    slaPolicies: vi.fn(async () => policies.map((p) => ({ ...p }))),
    createSla: vi.fn(async (body: SlaPolicyCreate) => {
      const refused = noTargets(body);
      if (refused) throw refused;
      const { isDefault, ...fields } = body;
      const policy: SlaPolicyWire = {
        id: `s${policies.length + 1}`,
        isDefault: false,
        businessHoursOnly: false,
        createdAt: at,
        updatedAt: at,
        ...fields,
      };
      policies.push(policy);
      if (isDefault) makeDefault(policy.id);
      return policy;
    }),
    updateSla: vi.fn(async (id: string, change: Partial<SlaPolicyCreate>) => {
      const refused = noTargets(change);
      if (refused) throw refused;
      const { isDefault, ...fields } = change;
      const policy = policies.find((p) => p.id === id)!;
      Object.assign(policy, fields);
      if (isDefault) makeDefault(id);
      return policy;
    }),
    deleteSla: vi.fn(async (id: string) => {
      policies.splice(
        policies.findIndex((p) => p.id === id),
        1,
      );
    }),
  } satisfies DeskApi;
  return { api, canned, policies };
}
