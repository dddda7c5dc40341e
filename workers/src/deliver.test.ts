import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpDeliver } from './deliver';

const message = {
  id: 'm1',
  conversationId: 'c1',
  author: 'bot' as const,
  text: 'hi',
  createdAt: new Date().toISOString(),
};

/** A port nobody listens on: the API is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('httpDeliver', () => {
  it('logs a failed push of a widget message and lets the activity finish', async () => {
    const logged: string[] = [];
    const deliver = httpDeliver(`http://127.0.0.1:${await deadPort()}`, 't', (m) => logged.push(m));
    await expect(deliver(message, { workspaceId: 'w1', channel: 'web' })).resolves.toBeUndefined();
    expect(logged[0]).toMatch(/delivery of m1 failed/);
  });

  it('fails (so Temporal retries) when a message that must leave by email or webhook was not taken', async () => {
    const deliver = httpDeliver(`http://127.0.0.1:${await deadPort()}`, 't', () => {});
    await expect(deliver(message, { workspaceId: 'w1', channel: 'email' })).rejects.toThrow(
      /delivery of m1 failed/,
    );
    const refusing = createServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing.address() as AddressInfo).port;
    try {
      await expect(
        httpDeliver(`http://127.0.0.1:${port}`, 't', () => {})(message, {
          workspaceId: 'w1',
          channel: 'email',
        }),
      ).rejects.toThrow(/answered 503/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('names the workspace so the API looks the conversation up within it', async () => {
    let body = '';
    const api = createServer((req, res) => {
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.end('{"delivered":0}'));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      await httpDeliver(`http://127.0.0.1:${(api.address() as AddressInfo).port}`, 't', () => {})(message, {
        workspaceId: 'w1',
        channel: 'web',
      });
      expect(JSON.parse(body)).toEqual({ message, workspaceId: 'w1', channel: 'web' });
    } finally {
      await new Promise<void>((resolve) => api.close(() => resolve()));
    }
  });
});
