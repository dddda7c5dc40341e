import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccessApp, type AccessApp } from './access-app';

/** /docs shows every route with its schemas and roles, generated from the routes themselves. */
interface Operation {
  'x-roles'?: unknown;
  security?: unknown[];
  summary?: string;
  parameters?: { in: string; name: string; schema?: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
let ctx: AccessApp;
let spec: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  ctx = await startAccessApp();
  const res = await ctx.app.inject('/docs/json');
  expect(res.statusCode).toBe(200);
  spec = res.json();
});
afterAll(async () => await ctx?.stop());

describe('/docs', () => {
  it('serves the interactive page from its own assets', async () => {
    const page = await ctx.app.inject('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await ctx.app.inject(`/docs/${script!.replace(/^docs\//, '')}`);
    expect(asset.statusCode).toBe(200);
  });

  it('documents every route with its roles, parameters, body and answers', () => {
    expect(spec.openapi).toMatch(/^3\./);
    const problems: string[] = [];
    const ours = ctx.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/docs'),
    );
    expect(ours.length).toBeGreaterThan(20);
    for (const route of ours) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = spec.paths[path]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      if (!op) {
        problems.push(`${where} is missing`);
        continue;
      }
      if (JSON.stringify(op['x-roles']) !== JSON.stringify(route.roles))
        problems.push(`${where} roles ${JSON.stringify(op['x-roles'])}`);
      if (!op.summary) problems.push(`${where} has no summary`);
      if (Array.isArray(route.roles) !== Boolean(op.security?.length))
        problems.push(`${where} security ${JSON.stringify(op.security)}`);
      for (const param of route.url.match(/:(\w+)/g) ?? [])
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === param.slice(1) && p.schema))
          problems.push(`${where} param ${param}`);
      // A POST may be a bodiless action (publish, validate); PUT and PATCH always carry a body.
      if (['PUT', 'PATCH'].includes(route.method) && !op.requestBody?.content['application/json']?.schema)
        problems.push(`${where} has no body schema`);
      const codes = Object.keys(op.responses);
      if (!codes.some((c) => /^2/.test(c)) && !route.url.startsWith('/ws/'))
        problems.push(`${where} has no success schema`);
      if (!codes.includes('4XX') && !codes.includes('4xx'))
        problems.push(`${where} has no error schema (${codes.join(',')})`);
    }
    expect(problems).toEqual([]);
  });
});
