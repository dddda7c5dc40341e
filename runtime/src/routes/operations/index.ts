import type { FastifyPluginAsync } from 'fastify';
import {
  ALERT_RULES,
  alertSettingsSchema,
  emptySchema,
  errorResponses,
  operationsStatusSchema,
  type AlertSettings,
  type OperationsStatus,
} from '@kefu/schemas/api';
import { isBlockedHost, isLoopbackHost } from '@kefu/nodes';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { DEFAULT_ALERT_SETTINGS } from '../../operations/alert-rules';
import { operationsStatus } from '../../operations/operations-status';

/** The owners' operations page (GET /operations/status) and their alert rules (docs/operations.md). */
const operationsRoutes: FastifyPluginAsync<{ allowLoopback: boolean }> = async (app, opts) => {
  const { AlertSettings } = app.models;
  const tags = ['operations'];
  const owners = { roles: ['owner'] as const };

  app.get(
    '/operations/status',
    {
      config: owners,
      schema: {
        tags,
        summary: 'How the service is doing now: servers, queue, agents, errors and alerts',
        description:
          'The readiness checks, the open and waiting conversations and the longest wait, agents online, ' +
          "this API process's error rate over the last 15 minutes, and the workspace's alert rules that ever fired.",
        querystring: emptySchema,
        response: { 200: operationsStatusSchema, ...errorResponses },
      },
    },
    async (request): Promise<OperationsStatus> => await operationsStatus(app, staff(request).workspaceId),
  );

  app.get(
    '/operations/alert-rules',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Alert rules and where their notices go',
        querystring: emptySchema,
        response: { 200: alertSettingsSchema, ...errorResponses },
      },
    },
    async (request): Promise<AlertSettings> => await readSettings(staff(request).workspaceId),
  );

  app.put<{ Body: AlertSettings }>(
    '/operations/alert-rules',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Replace the alert rules',
        description:
          'Evaluated every minute (KEFU_ALERT_EVAL_MS) by one API process; a rule fires after two evaluations in a row ' +
          'see it breached and is resolved after two see it clear, each change notified once.',
        body: alertSettingsSchema,
        response: { 200: alertSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const body = request.body;
      if (body.webhookUrl !== null) checkWebhookUrl(body.webhookUrl, opts.allowLoopback);
      const before = await readSettings(auth.workspaceId);
      const active = ALERT_RULES.some((rule) => body.rules[rule].enabled);
      await AlertSettings.updateOne(
        { workspaceId: auth.workspaceId },
        { $set: { emailOwners: body.emailOwners, webhookUrl: body.webhookUrl, rules: body.rules, active } },
        { upsert: true },
      );
      await app.audit.record(auth, {
        action: 'alert-rules.update',
        targetType: 'workspace',
        targetId: auth.workspaceId,
        before: before as unknown as Record<string, unknown>,
        after: body as unknown as Record<string, unknown>,
      });
      return body;
    },
  );

  async function readSettings(workspaceId: string): Promise<AlertSettings> {
    const doc = await AlertSettings.findOne({ workspaceId }).lean();
    if (!doc) return DEFAULT_ALERT_SETTINGS;
    return {
      emailOwners: doc.emailOwners,
      webhookUrl: doc.webhookUrl ?? null,
      rules: doc.rules as AlertSettings['rules'],
    };
  }
};

/** Refused here for a clear answer; the sending checks the address it really connects to as well. */
function checkWebhookUrl(given: string, allowLoopback: boolean): void {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new KefuError('KEFU_ERR_VALIDATION', 'Not a URL', 'body/webhookUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new KefuError('KEFU_ERR_VALIDATION', 'Only http and https URLs', 'body/webhookUrl');
  if (isBlockedHost(url.hostname) && !(allowLoopback && isLoopbackHost(url.hostname)))
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      'Private and loopback addresses are not allowed',
      'body/webhookUrl',
    );
}

export default operationsRoutes;
