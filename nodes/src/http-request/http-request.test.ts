import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { httpRequest } from '.';
import { isBlockedHost } from './address';

describe('http-request', () => {
  it('refuses a URL without a literal http(s) host', () => {
    expect(nodeProblems('http-request', { url: '{{contact.website}}/hook' })).toEqual(nodeCheck('/url'));
  });
  it('refuses a private address', () => {
    expect(nodeProblems('http-request', { url: 'http://192.168.1.10/hook' })).toEqual(nodeCheck('/url'));
  });
  it('refuses a GET with a body', () => {
    expect(nodeProblems('http-request', { url: 'https://crm.example.com/x', method: 'GET', body: '{}' })).toEqual(
      nodeCheck('/body'),
    );
  });
  it('knows private, loopback and metadata addresses', () => {
    for (const host of ['localhost', '127.0.0.1', '10.1.2.3', '172.20.0.1', '169.254.169.254', '::1', '[fd00::1]', '::ffff:127.0.0.1'])
      expect(isBlockedHost(host), host).toBe(true);
    for (const host of ['crm.example.com', '8.8.8.8', '172.32.0.1']) expect(isBlockedHost(host), host).toBe(false);
  });

  it('retries a server error with back-off, then fails', async () => {
    const run = await fakeRun(httpRequest, { url: 'https://crm.example.com/x', retries: 2 }, {
      activities: { httpRequest: () => ({ ok: false, status: 503, body: '' }) },
    });
    expect(run.result.port).toBe('failure');
    expect(run.calls).toHaveLength(3);
    expect(run.slept).toEqual([1000, 2000]);
  });
  it('does not retry a client error, and saves a success body', async () => {
    const bad = await fakeRun(httpRequest, { url: 'https://crm.example.com/x', retries: 2 }, {
      activities: { httpRequest: () => ({ ok: false, status: 404, body: '' }) },
    });
    expect(bad.calls).toHaveLength(1);
    const good = await fakeRun(httpRequest, { url: 'https://crm.example.com/x', saveAs: 'crm' }, {
      activities: { httpRequest: () => ({ ok: true, status: 200, body: '{"vip":true}' }) },
    });
    expect(good.result.port).toBe('success');
    expect(good.vars.crm).toBe('{"vip":true}');
  });
});
