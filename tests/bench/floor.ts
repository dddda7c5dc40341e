import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose, { Schema } from 'mongoose';
import { closedLoop, type Summary } from './stats';

export interface FloorActivities {
  storeAndPushReply(input: { conversationId: string; replyTo: string; text: string }): Promise<void>;
}

const floorMessageSchema = new Schema(
  { conversationId: String, author: String, text: String },
  { timestamps: true },
);

/**
 * The floor: the same side effects as Kefu's auto-reply (store the message, signal-with-start,
 * an activity stores the reply and pushes it), hand-written with nothing else, in one process.
 */
export async function runFloor(opts: {
  temporalAddress: string;
  mongoUri: string;
  conversations: number;
  seconds: number;
}): Promise<Summary> {
  const db = await mongoose.createConnection(opts.mongoUri).asPromise();
  const Message = db.model('FloorMessage', floorMessageSchema);
  const waiting = new Map<string, () => void>();
  const taskQueue = `floor-${Date.now()}`;
  const activities: FloorActivities = {
    async storeAndPushReply({ conversationId, replyTo, text }) {
      await Message.create({ conversationId, author: 'bot', text });
      waiting.get(replyTo)?.();
    },
  };
  const nativeConnection = await NativeConnection.connect({ address: opts.temporalAddress });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./floor-workflow.ts', import.meta.url)),
    activities,
  });
  const connection = await Connection.connect({ address: opts.temporalAddress });
  const client = new Client({ connection });
  const running = worker.run();
  try {
    return await closedLoop(opts.conversations, opts.seconds, async (c, n) => {
      const conversationId = `${taskQueue}-${c}`;
      const doc = await Message.create({ conversationId, author: 'customer', text: `message ${n}` });
      const messageId = String(doc._id);
      const replied = new Promise<void>((resolve) => waiting.set(messageId, resolve));
      await client.workflow.signalWithStart('floorConversation', {
        taskQueue,
        workflowId: conversationId,
        args: [conversationId],
        signal: 'message',
        signalArgs: [{ messageId, text: doc.text }],
      });
      await replied;
      waiting.delete(messageId);
    });
  } finally {
    for (let c = 0; c < opts.conversations; c++)
      await client.workflow
        .getHandle(`${taskQueue}-${c}`)
        .terminate('bench done')
        .catch(() => {});
    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();
    await db.close();
  }
}
