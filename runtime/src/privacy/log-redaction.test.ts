import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { piiSafeLogger } from './log-redaction';

/** A Fastify app logging into memory with the product's logger settings. */
function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { ...piiSafeLogger('info'), stream } });
  return { app, lines, text: () => JSON.stringify(lines) };
}

describe('logs keep personal data out', () => {
  it('masks messages, fields, request URLs and errors, and never writes session cookies', async () => {
    const { app, text, lines } = appWithLog();
    app.get('/contacts', async (request) => {
      request.log.info(
        { contact: { phone: '13812345678', email: 'ann@example.com' }, ids: ['11010519491231002X'] },
        'found',
      );
      request.log.warn('customer 13912345678 wrote from bob@example.com');
      throw new Error('no card 4111 1111 1111 1111 here');
    });
    await app.ready();
    const res = await app.inject({
      method: 'GET',
      url: '/contacts?customer=13812345678&email=ann%40example.com',
      headers: { cookie: 'kefu_session=secret-session', authorization: 'Bearer secret-token' },
    });
    expect(res.statusCode).toBe(500);
    await app.close();
    const all = text();
    for (const secret of [
      '13812345678',
      '13912345678',
      'ann@example.com',
      'bob@example.com',
      '11010519491231002X',
      '4111 1111 1111 1111',
      'secret-session',
      'secret-token',
    ])
      expect(all, secret).not.toContain(secret);
    expect(all).toContain('138****5678');
    expect(all).toContain('a***@example.com');
    expect(lines.find((l) => l.msg === 'found')).toMatchObject({
      contact: { phone: '138****5678', email: 'a***@example.com' },
    });
    expect(all).toContain('customer 139****5678 wrote from b***@example.com');
    expect(all).toContain('no card **** 1111 here');
  });
});
