import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';

// ws closes a connection outright above maxPayload; stay well above the frame limit we enforce
// ourselves, so an oversized frame gets a readable error frame and the socket stays open.
export default fp(async (app) => {
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } });
}, { name: 'websocket' });
