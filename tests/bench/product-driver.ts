import { readFileSync } from 'node:fs';
import { startProductOn, spawnWorker, stopChild, type SharedServers } from '../src/support/product-core';
import { WidgetSocket, isBotText } from '../src/support/widget-socket';
import { closedLoop, summarize, type Summary } from './stats';

/** Every simulated customer comes from 127.0.0.1: the per-address limits would stop the load. */
const LOAD_TEST_LIMITS = { connectionsPerMinute: 1_000_000, framesPer10s: 1_000_000 };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Kefu's real path: WebSocket in, MongoDB, Temporal, worker, reply pushed back over the WebSocket. */
export async function runProduct(
  servers: SharedServers,
  conversations: number,
  seconds: number,
): Promise<Summary> {
  const product = await startProductOn(servers, { widgetLimits: LOAD_TEST_LIMITS });
  const sockets: WidgetSocket[] = [];
  try {
    await Promise.all(
      Array.from({ length: conversations }, async (_, c) => {
        sockets[c] = await openConversation(product.wsUrl, `bench-visitor-${Date.now()}-${c}`);
      }),
    );
    return await closedLoop(conversations, seconds, async (c, n) => {
      const socket = sockets[c]!;
      const text = `bench ${c}-${n}`;
      const from = socket.frames.length;
      socket.send({ type: 'message', clientMessageId: `bench-${c}-${n}-${from}`, text });
      await socket.next(isBotText(new RegExp(`"${escape(text)}"`)), from);
      socket.frames.length = 0;
    });
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await product.stop();
  }
}

/**
 * Opens `count` conversations (20 at a time) against a worker in its own process, then reads the
 * worker's resident memory while every one of them waits for the customer's reply.
 */
export async function runOpenConversations(servers: SharedServers, count: number) {
  const product = await startProductOn(servers, { worker: 'none', widgetLimits: LOAD_TEST_LIMITS });
  const worker = spawnWorker(product.env, { KEFU_LOG_LEVEL: 'warn' });
  const sockets: WidgetSocket[] = [];
  try {
    await worker.ready;
    const idleRss = rssMb(worker.pid!);
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let c = next++; c < count; c = next++) {
          const t0 = performance.now();
          const socket = await openConversation(product.wsUrl, `bench-open-${Date.now()}-${c}`);
          latencies.push(performance.now() - t0);
          socket.frames.length = 0;
          sockets.push(socket);
        }
      }),
    );
    const opened = summarize(latencies, (performance.now() - started) / 1000);
    return { opened, idleRss, waitingRss: rssMb(worker.pid!) };
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await stopChild(worker);
    await product.stop();
  }
}

/** Opens a conversation as the widget does: a hello refused for a passing reason is tried again. */
async function openConversation(url: string, visitorId: string): Promise<WidgetSocket> {
  for (let attempt = 1; ; attempt++) {
    const socket = await WidgetSocket.open(url);
    const from = socket.frames.length;
    socket.send({ type: 'hello', workspace: 'demo', visitorId });
    const answer = await socket.next((f) => f.type === 'session' || f.type === 'error', from);
    if (answer.type === 'session') {
      await socket.next(isBotText(/Welcome/));
      return socket;
    }
    await socket.close();
    if (attempt >= 5) throw new Error(`hello refused ${attempt} times: ${JSON.stringify(answer)}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}
