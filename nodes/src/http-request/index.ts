import { defineNode } from '../define-node';
import { checkHttpRequest } from './compile';
import { httpRequestSchema, type HttpRequestConfig } from './schema';

/** Calls a webhook or CRM; retries with back-off on failure. */
export const httpRequest = defineNode<HttpRequestConfig, 'success' | 'failure'>({
  kind: 'http-request',
  category: 'integration',
  schema: httpRequestSchema,
  waits: false,
  editor: {
    label: { en: 'HTTP request', zh: 'HTTP 请求' },
    description: { en: 'Calls a web address (webhook, CRM).', zh: '调用网址（Webhook、CRM）。' },
    icon: 'globe',
    ports: [
      { name: 'success', label: { en: 'success', zh: '成功' }, required: false },
      { name: 'failure', label: { en: 'failure', zh: '失败' }, required: true },
    ],
    fields: { url: 'template', body: 'template', headers: 'key-values', saveAs: 'variable' },
  },
  defines: (config, port) => (port === 'success' && config.saveAs ? [config.saveAs] : []),
  compile: checkHttpRequest,
  run: async (ctx) => {
    const { config } = ctx;
    const request = {
      method: config.method ?? 'POST',
      url: ctx.render(config.url),
      headers: Object.fromEntries((config.headers ?? []).map((h) => [h.name, ctx.render(h.value)])),
      ...(config.body ? { body: ctx.render(config.body) } : {}),
      timeoutMs: (config.timeoutSeconds ?? 10) * 1000,
    };
    const attempts = (config.retries ?? 2) + 1;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await ctx.sleep(1000 * 2 ** (attempt - 2));
      const result = await ctx.act.httpRequest(request);
      if (result.ok) {
        if (config.saveAs)
          ctx.vars[config.saveAs] = ctx.has('http-response-json') ? jsonOrText(result.body) : result.body;
        return { port: 'success', decision: `HTTP ${result.status} on attempt ${attempt}` };
      }
      last = result.error ?? `HTTP ${result.status}`;
      // A 4xx other than 408/429 will not get better by asking again.
      if (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429)
        break;
    }
    return { port: 'failure', decision: last };
  },
});

/** A JSON object or array as itself, so flows can read its fields; anything else as the text it is. */
function jsonOrText(body: string): unknown {
  const start = body.trimStart()[0];
  if (start !== '{' && start !== '[') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
