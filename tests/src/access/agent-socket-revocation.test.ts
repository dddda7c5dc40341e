import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_SOCKET_CLOSE, type AgentServerFrame } from '@kefu/schemas/api';
import { AgentSocket } from '../support/agent-socket';
import { WidgetSocket } from '../support/widget-socket';
import { freePort } from '../../../scripts/lib/servers';
import { addMember, freshCookie, signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/**
 * An open /ws/agent socket is only as good as the sign-in behind it: signing out, the session
 * expiring, the user removed or disabled, or a role change closes it or changes what it hears.
 * Real API on a real port, real sockets. Two apps: one whose periodic re-check is too rare to
 * matter (what this process changes must act at once), one that re-checks every second (what
 * another process or the clock changes).
 */
const sockets: AgentSocket[] = [];
const widgets: WidgetSocket[] = [];

async function listening(ctx: AccessApp) {
  const port = await freePort();
  await ctx.app.listen({ host: '127.0.0.1', port });
  return `ws://127.0.0.1:${port}`;
}

async function agentSocket(base: string, cookie: string) {
  const socket = await AgentSocket.open(base, cookie);
  sockets.push(socket);
  return socket;
}

const sessionEnded = { code: AGENT_SOCKET_CLOSE.sessionEnded };
const roleRemoved = { code: AGENT_SOCKET_CLOSE.roleRemoved };
const errorFrame = (code: string) => (f: AgentServerFrame) => f.type === 'error' && f.code === code;

afterAll(async () => {
  await Promise.all([...sockets, ...widgets].map((s) => s.close()));
});

describe('agent sockets, changes made in this process', () => {
  let ctx: AccessApp;
  let base: string;
  let owner: Member;

  beforeAll(async () => {
    ctx = await startAccessApp({ agentRecheckSeconds: 3600 });
    owner = await signUp(ctx.app, 'revoke');
    base = await listening(ctx);
  });
  afterAll(async () => {
    await ctx?.stop();
  });

  const call = (member: Member | string, method: 'DELETE' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url,
      headers: { cookie: typeof member === 'string' ? member : member.cookie },
      ...(payload ? { payload } : {}),
    });

  it('close when the agent signs out, and only that session’s', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'signout');
    const otherTab = await agentSocket(base, agent.cookie);
    const cookie = await freshCookie(ctx.app, agent);
    const socket = await agentSocket(base, cookie);
    expect((await call(cookie, 'DELETE', '/session')).statusCode).toBe(204);
    expect(await socket.closedWithin()).toMatchObject(sessionEnded);
    expect(socket.frames.some(errorFrame('KEFU_ERR_UNAUTHORIZED'))).toBe(true);
    // The agent's other session goes on.
    otherTab.ws.send(JSON.stringify({ type: 'ping' }));
    await otherTab.next((f) => f.type === 'pong');
  });

  it('close when the agent ends that session from another one', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'endsession');
    const cookie = await freshCookie(ctx.app, agent);
    const socket = await agentSocket(base, cookie);
    const sessions = await ctx.app.inject({ url: '/sessions', headers: { cookie: agent.cookie } });
    const other = (sessions.json() as { items: { id: string; current: boolean }[] }).items.filter(
      (s) => !s.current,
    );
    expect(other).toHaveLength(1);
    expect((await call(agent, 'DELETE', `/sessions/${other[0]!.id}`)).statusCode).toBe(204);
    expect(await socket.closedWithin()).toMatchObject(sessionEnded);
  });

  it('close when the owner removes the agent', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'removed');
    const socket = await agentSocket(base, agent.cookie);
    expect((await call(owner, 'DELETE', `/users/${agent.userId}`)).statusCode).toBe(204);
    expect(await socket.closedWithin()).toMatchObject(sessionEnded);
  });

  it('close when the owner disables the agent', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'disabled');
    const socket = await agentSocket(base, agent.cookie);
    expect((await call(owner, 'PATCH', `/users/${agent.userId}`, { disabled: true })).statusCode).toBe(200);
    expect(await socket.closedWithin()).toMatchObject(sessionEnded);
  });

  it('close when no role left allows the inbox', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'demoted');
    const socket = await agentSocket(base, agent.cookie);
    expect(
      (await call(owner, 'PUT', `/users/${agent.userId}/roles`, { roles: ['analyst'] })).statusCode,
    ).toBe(200);
    expect(await socket.closedWithin()).toMatchObject(roleRemoved);
    expect(socket.frames.some(errorFrame('KEFU_ERR_FORBIDDEN'))).toBe(true);
  });

  it('hear by their new roles once a role changes', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'promoted');
    const socket = await agentSocket(base, agent.cookie);
    const ownerSocket = await agentSocket(base, await freshCookie(ctx.app, owner));
    // A conversation with no team and no assignee: only owners hear of it.
    const widget = await WidgetSocket.open(`${base}/ws/widget`);
    widgets.push(widget);
    await widget.hello('visitor-promoted-1', owner.publicKey);
    const said = async (text: string) => {
      widget.send({ type: 'message', clientMessageId: `promoted-${text}`, text });
      await widget.next((f) => f.type === 'ack' && f.message.text === text);
    };
    const heard = (text: string) => (f: AgentServerFrame) =>
      f.type === 'message.created' && f.message.text === text;

    await said('before');
    await ownerSocket.next(heard('before'));
    expect(
      (await call(owner, 'PUT', `/users/${agent.userId}/roles`, { roles: ['owner', 'agent'] })).statusCode,
    ).toBe(200);
    await said('after');
    await socket.next(heard('after'));
    // Frames of one socket arrive in order: had "before" been sent to the agent, it would be here.
    expect(socket.frames.some(heard('before'))).toBe(false);
  });
});

describe('agent sockets, changes made elsewhere (another API process, the clock)', () => {
  let ctx: AccessApp;
  let base: string;
  let owner: Member;

  beforeAll(async () => {
    ctx = await startAccessApp({ agentRecheckSeconds: 1 });
    owner = await signUp(ctx.app, 'elsewhere');
    base = await listening(ctx);
  });
  afterAll(async () => {
    await ctx?.stop();
  });

  it('close when the session expires', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'expires');
    const socket = await agentSocket(base, agent.cookie);
    // As the clock would: the stored session is past its end.
    await ctx.models.Session.updateMany(
      { workspaceId: agent.workspaceId, userId: agent.userId },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect(await socket.closedWithin()).toMatchObject(sessionEnded);
  });

  it('close when the session is ended by another process', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'other-process');
    const socket = await agentSocket(base, agent.cookie);
    await ctx.models.Session.deleteMany({ workspaceId: agent.workspaceId, userId: agent.userId });
    expect(await socket.closedWithin()).toMatchObject(sessionEnded);
  });

  it('close when their roles are changed by another process', async () => {
    const agent = await addMember(ctx.app, owner, ['agent'], 'other-roles');
    const socket = await agentSocket(base, agent.cookie);
    await ctx.models.User.updateOne(
      { _id: agent.userId, workspaceId: agent.workspaceId },
      { $set: { roles: ['analyst'] } },
    );
    expect(await socket.closedWithin()).toMatchObject(roleRemoved);
  });

  it('close at the session’s end even between re-checks', async () => {
    const rare = await startAccessApp({ agentRecheckSeconds: 3600 });
    try {
      const shop = await signUp(rare.app, 'ends');
      const rareBase = await listening(rare);
      const session = await rare.app.accounts.startSession(shop.workspaceId, shop.userId);
      // A session that ends in a few seconds: the socket's own timer closes it.
      await rare.models.Session.updateOne(
        { workspaceId: shop.workspaceId, userId: shop.userId, expiresAt: session.expiresAt },
        { $set: { expiresAt: new Date(Date.now() + 3000) } },
      );
      const socket = await agentSocket(rareBase, `kefu_session=${rare.app.signCookie(session.token)}`);
      expect(await socket.closedWithin()).toMatchObject(sessionEnded);
    } finally {
      await rare.stop();
    }
  });
});
