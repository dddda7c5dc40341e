import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import mongoose, { Types } from 'mongoose';
import { createModels, exemptFromQueryAudit, type Models } from '@kefu/runtime/models';
import { buildApp, type AppConfig } from '@kefu/runtime';
import { newCodecKeys, parseCodecKeys } from '@kefu/runtime/temporal-codec';
import type { Role } from '@kefu/schemas/api';

export type App = Awaited<ReturnType<typeof buildApp>>;

export interface AccessApp {
  app: App;
  /** The same database through the test's own connection (not audited as the product's queries are). */
  models: Models;
  internalToken: string;
  stop(): Promise<void>;
}

/**
 * The API on the shared test servers with a database of its own, driven by `inject` (no port).
 * Rate limits are lifted unless a test sets them: many sign-ins come from one address here.
 */
export async function startAccessApp(
  extra: Partial<AppConfig> = {},
  server: Omit<FastifyServerOptions, 'logger'> & { https?: object } = {},
): Promise<AccessApp> {
  const id = randomBytes(6).toString('hex');
  const internalToken = randomBytes(16).toString('hex');
  const mongoUri = `${inject('mongoBaseUri')}kefu_access_${id}`;
  const app = await buildApp(
    {
      mongoUri,
      postgresUrl: inject('postgresUrl') || undefined,
      temporalAddress: inject('temporalAddress'),
      temporalNamespace: 'default',
      taskQueue: `kefu-access-${id}`,
      internalToken,
      temporalCodecKeys: parseCodecKeys(newCodecKeys()),
      authPerMinute: 100_000,
      widgetPerMinute: 100_000,
      ...extra,
    },
    { logger: { level: process.env.KEFU_TEST_LOG ?? 'silent' }, ...server },
  );
  await app.ready();
  // The test's own connection for setting up and asserting: its queries are not the product's.
  const db = await mongoose.createConnection(mongoUri).asPromise();
  exemptFromQueryAudit(db, "a test's own connection, for its set-up and assertions");
  return {
    app,
    models: createModels(db),
    internalToken,
    async stop() {
      await db.dropDatabase().catch(() => {});
      await db.close();
      await app.close();
    },
  };
}

/** The session cookie a response set, ready for a `cookie` header. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('kefu_session='));
  if (!set) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return set.split(';')[0]!;
}

export interface Member {
  cookie: string;
  userId: string;
  workspaceId: string;
  email: string;
  publicKey: string;
}

export const PASSWORD = 'correct horse battery staple';
let counter = 0;
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${counter++}@example.com`;

export async function signUp(app: App, label: string): Promise<Member> {
  const email = uniqueEmail(label);
  const res = await app.inject({
    method: 'POST',
    url: '/signup',
    payload: { workspaceName: `${label} shop`, name: `${label} owner`, email, password: PASSWORD },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const me = res.json() as { user: { id: string }; workspace: { id: string; publicKey: string } };
  return {
    cookie: sessionCookie(res),
    userId: me.user.id,
    workspaceId: me.workspace.id,
    email,
    publicKey: me.workspace.publicKey,
  };
}

/** Invites someone with `roles` as `owner` and accepts the invite through its link. */
export async function addMember(
  app: App,
  owner: Member,
  roles: Role[],
  label = roles.join('-'),
): Promise<Member> {
  const email = uniqueEmail(label);
  const invited = await app.inject({
    method: 'POST',
    url: '/invites',
    headers: { cookie: owner.cookie },
    payload: { email, roles },
  });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.statusCode} ${invited.body}`);
  const token = new URL((invited.json() as { link: string }).link).searchParams.get('token');
  const accepted = await app.inject({
    method: 'POST',
    url: '/invites/accept',
    payload: { token, name: `${label} member`, password: PASSWORD },
  });
  if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  const me = accepted.json() as { user: { id: string } };
  return {
    cookie: sessionCookie(accepted),
    userId: me.user.id,
    workspaceId: owner.workspaceId,
    email,
    publicKey: owner.publicKey,
  };
}

/** A fresh signed session cookie for a member (so a test that signs out does not end the others). */
export async function freshCookie(app: App, member: Member): Promise<string> {
  const session = await app.accounts.startSession(member.workspaceId, member.userId);
  return `kefu_session=${app.signCookie(session.token)}`;
}

/** A route path with every `:param` filled (by `fill`) and wildcards made concrete. */
export function concretePath(
  url: string,
  fill: (param: string) => string = () => new Types.ObjectId().toHexString(),
) {
  return url.replace(/:(\w+)/g, (_m, name: string) => fill(name)).replace(/\*/g, 'x');
}
