import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';

// ws closes a connection outright above maxPayload; stay well above the frame limit we enforce
// ourselves, so an oversized frame gets a readable error frame and the socket stays open.
export default fp(async (app) => {
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } });
  // An upgrade refused by an earlier onRequest hook (401/403 from access, 429 from the rate limit)
  // never reaches @fastify/websocket's own hook, so its onResponse does not close the socket: the
  // refused client's connection would stay open for good (and app.close() would wait for it).
  app.addHook('onResponse', async (request) => {
    if (request.headers.upgrade && !request.ws) request.raw.socket.destroy();
  });
}, { name: 'websocket' });
