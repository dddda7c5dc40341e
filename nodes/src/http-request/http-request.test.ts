import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../template';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { httpRequest } from '.';
import { isBlockedAddress, isBlockedHost, isLoopbackHost } from './address';

describe('http-request', () => {
  it('refuses a URL without a literal http(s) host', () => {
    expect(nodeProblems('http-request', { url: '{{contact.website}}/hook' })).toEqual(nodeCheck('/url'));
  });
  it('refuses a private address', () => {
    expect(nodeProblems('http-request', { url: 'http://192.168.1.10/hook' })).toEqual(nodeCheck('/url'));
  });
  it('refuses a GET with a body', () => {
    expect(
      nodeProblems('http-request', { url: 'https://crm.example.com/x', method: 'GET', body: '{}' }),
    ).toEqual(nodeCheck('/body'));
  });
  // Each form outside testing reached an internal listener or the cloud metadata address (issue 14).
  const INTERNAL = [
    'localhost',
    'api.localhost',
    'printer.local',
    'metadata.google.internal',
    '127.0.0.1',
    '127.1',
    '0177.0.0.1',
    '0x7f000001',
    '2130706433',
    '0.0.0.0',
    '0',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '2852039166',
    '0xa9fea9fe',
    '100.64.0.1',
    '198.18.0.1',
    '198.19.255.255',
    '192.0.0.8',
    '192.0.2.1',
    '224.0.0.1',
    '255.255.255.255',
    '240.0.0.1',
    '::1',
    '[::1]',
    '::',
    '[fd00::1]',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '[::ffff:7f00:1]',
    '[::ffff:a9fe:a9fe]',
    '::7f00:1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001::1',
    '2001:db8::1',
  ];
  it('knows every internal address form, and lets public ones through', () => {
    for (const host of INTERNAL) expect(isBlockedHost(host), host).toBe(true);
    for (const host of [
      'crm.example.com',
      '8.8.8.8',
      '172.32.0.1',
      '[2606:4700::1111]',
      '2606:4700::1111',
      '1.1.1.1',
    ])
      expect(isBlockedHost(host), host).toBe(false);
  });
  it('refuses every internal form at compile time, numeric ones read as the request will', () => {
    for (const host of [
      '2852039166',
      '0x7f000001',
      '0177.0.0.1',
      '127.1',
      '[::ffff:7f00:1]',
      '[64:ff9b::a9fe:a9fe]',
    ])
      expect(nodeProblems('http-request', { url: `http://${host}:8080/hook` }), host).toEqual(
        nodeCheck('/url'),
      );
    expect(nodeProblems('http-request', { url: 'https://crm.example.com:8443/hook' })).toEqual([]);
  });
  it('checks resolved addresses the same way', () => {
    for (const a of ['127.0.0.1', '::ffff:7f00:1', '169.254.169.254', '64:ff9b::a9fe:a9fe', 'not an address'])
      expect(isBlockedAddress(a), a).toBe(true);
    expect(isBlockedAddress('93.184.216.34')).toBe(false);
  });
  it('opens only loopback for the tests-only allowance', () => {
    for (const host of ['localhost', '127.0.0.1', '127.9.9.9', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['10.0.0.1', '169.254.169.254', 'example.com', '0.0.0.0'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('retries a server error with back-off, then fails', async () => {
    const run = await fakeRun(
      httpRequest,
      { url: 'https://crm.example.com/x', retries: 2 },
      {
        activities: { httpRequest: () => ({ ok: false, status: 503, body: '' }) },
      },
    );
    expect(run.result.port).toBe('failure');
    expect(run.calls).toHaveLength(3);
    expect(run.slept).toEqual([1000, 2000]);
  });
  it('does not retry a client error, and saves a success body', async () => {
    const bad = await fakeRun(
      httpRequest,
      { url: 'https://crm.example.com/x', retries: 2 },
      {
        activities: { httpRequest: () => ({ ok: false, status: 404, body: '' }) },
      },
    );
    expect(bad.calls).toHaveLength(1);
    const good = await fakeRun(
      httpRequest,
      { url: 'https://crm.example.com/x', saveAs: 'crm' },
      {
        activities: { httpRequest: () => ({ ok: true, status: 200, body: '{"vip":true}' }) },
      },
    );
    expect(good.result.port).toBe('success');
    expect(good.vars.crm).toEqual({ vip: true });
  });
  it('saves a JSON answer as an object flows can read, and any other answer as its text', async () => {
    const answer = (body: string, without?: ['http-response-json']) =>
      fakeRun(
        httpRequest,
        { url: 'https://crm.example.com/x', saveAs: 'order' },
        {
          activities: { httpRequest: () => ({ ok: true, status: 200, body }) },
          ...(without ? { without } : {}),
        },
      );
    const order = await answer(' {"id":"QY1","status":"shipped","items":[{"sku":"T1"}]}');
    expect(order.vars.order).toEqual({ id: 'QY1', status: 'shipped', items: [{ sku: 'T1' }] });
    expect(renderTemplate('{{vars.order.status}}', { vars: order.vars })).toBe('shipped');
    // The whole answer still reads as the JSON it was.
    expect(renderTemplate('{{vars.order.items}}', { vars: order.vars }, { objectsAsJson: true })).toBe(
      '[{"sku":"T1"}]',
    );
    expect(renderTemplate('{{vars.order.items}}', { vars: order.vars })).toBe('');
    expect((await answer('[1,2]')).vars.order).toEqual([1, 2]);
    // Not JSON, or JSON cut short by the size bound: the text as it came.
    expect((await answer('OK')).vars.order).toBe('OK');
    expect((await answer('{"id":"QY1","sta')).vars.order).toBe('{"id":"QY1","sta');
    expect((await answer('42')).vars.order).toBe('42');
    // A run started before the change keeps saving the text, so its replay decides as it did.
    expect((await answer('{"id":"QY1"}', ['http-response-json'])).vars.order).toBe('{"id":"QY1"}');
  });
});
