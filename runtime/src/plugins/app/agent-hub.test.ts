import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame, Role } from '@kefu/schemas/api';
import { startTestDatabase, type TestDatabase } from '../../models/test-database';
import agentHubPlugin from './agent-hub';

// Who hears what, on a real FerretDB: the audience is read from the conversation and the teams.
describe('agent hub', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const workspaceId = new Types.ObjectId().toHexString();
  const id = () => new Types.ObjectId().toHexString();
  const [owner, ann, bob, cat] = [id(), id(), id(), id()];
  let teamId: string;
  const heard = new Map<string, AgentServerFrame[]>();

  function connect(userId: string, roles: Role[], workspace = workspaceId) {
    const frames: AgentServerFrame[] = [];
    heard.set(`${workspace}/${userId}`, frames);
    const leave = app.agentHub.join({
      workspaceId: workspace,
      userId,
      roles,
      seesPersonalData: true,
      send: (f) => frames.push(f),
    });
    return () => {
      leave();
      heard.delete(`${workspace}/${userId}`);
    };
  }

  /** Who heard a message of the conversation, after clearing what they heard before. */
  async function whoHears(
    conversationId: string,
    audience?: Parameters<FastifyInstance['agentHub']['publish']>[2],
  ) {
    for (const frames of heard.values()) frames.length = 0;
    const message = {
      id: id(),
      conversationId,
      author: 'customer' as const,
      text: 'hi',
      createdAt: new Date().toISOString(),
    };
    const count = await app.agentHub.publish(workspaceId, { type: 'message.created', message }, audience);
    const who = [...heard].filter(([, frames]) => frames.length > 0).map(([key]) => key.split('/')[1]);
    expect(who).toHaveLength(count);
    return who
      .map(
        (u) =>
          ({ [owner]: 'owner', [ann]: 'ann', [bob]: 'bob', [cat]: 'cat' })[u as string] ?? 'someone else',
      )
      .sort();
  }

  async function conversation(fields: Record<string, unknown>) {
    const created = await db.models.Conversation.create({
      workspaceId,
      contactId: id(),
      channel: 'web',
      ...fields,
    });
    return String(created._id);
  }

  beforeAll(async () => {
    db = await startTestDatabase('agenthub');
    app = Fastify();
    await app.register(
      fp(
        async (a) => {
          a.decorate('models', db.models);
        },
        { name: 'db' },
      ),
    );
    await app.register(agentHubPlugin);
    await app.ready();
    teamId = String(
      (await db.models.Team.create({ workspaceId, key: 'support', name: 'Support', members: [ann, bob] }))
        ._id,
    );
    connect(owner, ['owner']);
    connect(ann, ['agent']);
    connect(bob, ['agent']);
    connect(cat, ['agent']);
    // Someone of another workspace, with the same user id as Ann: never hears anything here.
    connect(ann, ['owner', 'agent'], id());
  });
  afterAll(async () => {
    await app?.close();
    await db?.stop();
  });

  it("tells a queue's team and the owners about an unassigned conversation", async () => {
    expect(await whoHears(await conversation({ teamId }))).toEqual(['ann', 'bob', 'owner']);
  });

  it('tells only the assignee (and owners) once someone has it', async () => {
    expect(await whoHears(await conversation({ teamId, assignee: { agentId: bob } }))).toEqual([
      'bob',
      'owner',
    ]);
  });

  it('tells every agent about a conversation a failed step handed to a person without a team', async () => {
    expect(
      await whoHears(await conversation({ handoff: { reason: 'webhook down', at: new Date() } })),
    ).toEqual(['ann', 'bob', 'cat', 'owner']);
  });

  it('keeps a conversation the bot still handles to the owners', async () => {
    expect(await whoHears(await conversation({}))).toEqual(['owner']);
  });

  it('adds the named users to the viewers, and names alone reach only them', async () => {
    const held = await conversation({ teamId, assignee: { agentId: bob } });
    expect(await whoHears(held, { conversationId: held, userIds: [cat] })).toEqual(['bob', 'cat', 'owner']);
    expect(await whoHears(held, { userIds: [ann] })).toEqual(['ann']);
  });

  it('stops telling an agent who left', async () => {
    const leave = connect(id(), ['owner']);
    const open = await conversation({ teamId });
    expect(await whoHears(open)).toEqual(['ann', 'bob', 'owner', 'someone else']);
    leave();
    expect(await whoHears(open)).toEqual(['ann', 'bob', 'owner']);
  });
});
