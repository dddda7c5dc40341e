import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import fp from 'fastify-plugin';
import type { LoginBody, Me, Role, SignUpBody } from '@kefu/schemas/api';
import { ACROSS_TENANTS, idForKey, upsertOnce } from '../../models';
import { KefuError } from '../../errors';
import { checkPassword, hashPassword } from '../../auth/password';
import { hashSecret, newSecret, parseScopedToken, scopedToken } from '../../auth/tokens';
import { FAILURE_WINDOW_MS, lockDurationMs } from '../../auth/lockout';
import { toWireUser, toWireWorkspace } from '../../auth/wire';
import { seesPersonalData } from '../../privacy/pii-view';

/** A signed-in console user, as every staff route sees it on `request.auth`. */
export interface StaffAuth {
  userId: string;
  workspaceId: string;
  email: string;
  roles: Role[];
  /** May see personal data in clear (an owner, or granted): else every answer masks it (privacy/pii-view). */
  seesPersonalData: boolean;
  sessionId: string;
  /** When the session ends by itself; absent for callers acting without a sign-in (imports, invites). */
  sessionExpiresAt?: Date;
}

/** A new session: the cookie value to set and when it ends. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export interface Accounts {
  signUp(body: SignUpBody, userAgent?: string): Promise<{ me: Me; session: IssuedSession }>;
  login(body: LoginBody, userAgent?: string): Promise<{ me: Me; session: IssuedSession }>;
  /** The session behind a cookie value, or null when it is unknown, expired or its user disabled. */
  authenticate(token: string): Promise<StaffAuth | null>;
  /** The same check for a session already known by id: open agent sockets are re-checked with it. */
  sessionAuth(workspaceId: string, sessionId: string): Promise<StaffAuth | null>;
  logout(auth: StaffAuth): Promise<void>;
  /** Changes the password and ends every other session of the user. */
  changePassword(auth: StaffAuth, currentPassword: string, newPassword: string): Promise<void>;
  me(auth: Pick<StaffAuth, 'userId' | 'workspaceId'>): Promise<Me>;
  startSession(workspaceId: string, userId: string, userAgent?: string): Promise<IssuedSession>;
  /** Deletes expired sessions of every workspace; returns how many. Runs hourly on its own. */
  sweepExpiredSessions(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    accounts: Accounts;
  }
}

export default fp(
  async (app, opts: { sessionTtlHours: number }) => {
    const { Workspace, User, Session, LoginThrottle } = app.models;
    const ttlMs = opts.sessionTtlHours * 3_600_000;

    /** The failure count of an email: the same key, and the same work, with or without an account. */
    const throttleId = (email: string) => idForKey(`login ${email}`);

    /** One more failure for this email, locking it for a while after a few. */
    const countFailedLogin = async (email: string, now: number) => {
      const _id = throttleId(email);
      // $inc is atomic, so parallel guesses each count; upsertOnce: two first failures at once.
      const counted = await upsertOnce(() =>
        LoginThrottle.findOneAndUpdate(
          { _id },
          { $inc: { failedLogins: 1 }, $max: { expiresAt: new Date(now + FAILURE_WINDOW_MS) } },
          { upsert: true, returnDocument: 'after' },
        ).lean(),
      );
      const lockMs = lockDurationMs(counted?.failedLogins ?? 0);
      // $max: of parallel failures, a later count's longer lock is never shortened by an earlier one's.
      if (lockMs > 0)
        await LoginThrottle.updateOne(
          { _id },
          {
            $max: {
              lockedUntil: new Date(now + lockMs),
              expiresAt: new Date(now + lockMs + FAILURE_WINDOW_MS),
            },
          },
        );
    };

    const accounts: Accounts = {
      async signUp(body, userAgent) {
        const email = body.email.toLowerCase();
        await assertEmailFree(email);
        const passwordHash = await hashPassword(body.password);
        const workspace = await Workspace.create({
          name: body.workspaceName,
          publicKey: randomBytes(9).toString('base64url'),
        });
        const workspaceId = String(workspace._id);
        let user;
        try {
          user = await User.create({ workspaceId, email, name: body.name, passwordHash, roles: ['owner'] });
        } catch (err) {
          // No transactions on FerretDB: undo the workspace by hand when the owner cannot be created.
          await Workspace.deleteOne({ _id: workspace._id });
          if ((err as { code?: number }).code === 11000) throw emailTaken();
          throw err;
        }
        const session = await accounts.startSession(workspaceId, String(user._id), userAgent);
        return { me: { user: toWireUser(user), workspace: toWireWorkspace(workspace) }, session };
      },

      async login(body, userAgent) {
        const email = body.email.toLowerCase();
        const now = Date.now();
        // The lock is the email's, account or not: an unknown email locks after as many failures as
        // a known one and answers the same, so neither the lock nor its timing tells them apart.
        const throttle = await LoginThrottle.findById(throttleId(email)).lean();
        if (throttle?.lockedUntil && throttle.lockedUntil.getTime() > now) {
          const seconds = Math.ceil((throttle.lockedUntil.getTime() - now) / 1000);
          throw new KefuError('KEFU_ERR_LOGIN_LOCKED', `Too many failed logins; try again in ${seconds} s`);
        }
        // Login is the one lookup before the workspace is known: emails are unique across workspaces.
        const user = await User.findOne({ email })
          .setOptions({ [ACROSS_TENANTS]: 'login by email' })
          .lean();
        const account = user && !user.disabled ? user : null;
        // An unknown email and a wrong password do the same work before answering alike: one
        // verification (against a dummy hash without an account) and one failure count by email.
        // No account enumeration by timing.
        const matched = await checkPassword(account?.passwordHash ?? null, body.password);
        if (!account || !matched) {
          await countFailedLogin(email, now);
          throw badCredentials();
        }
        if (throttle) await LoginThrottle.deleteOne({ _id: throttle._id });
        await Session.deleteMany({
          workspaceId: account.workspaceId,
          userId: account._id,
          expiresAt: { $lte: new Date() },
        });
        const workspaceId = String(account.workspaceId);
        const session = await accounts.startSession(workspaceId, String(account._id), userAgent);
        return { me: await accounts.me({ userId: String(account._id), workspaceId }), session };
      },

      async startSession(workspaceId, userId, userAgent) {
        const secret = newSecret();
        const expiresAt = new Date(Date.now() + ttlMs);
        await Session.create({
          workspaceId,
          userId,
          tokenHash: hashSecret(secret),
          expiresAt,
          ...(userAgent ? { userAgent: userAgent.slice(0, 200) } : {}),
        });
        return { token: scopedToken(workspaceId, secret), expiresAt };
      },

      async authenticate(token) {
        const parsed = parseScopedToken(token);
        if (!parsed) return null;
        const { workspaceId } = parsed;
        const session = await Session.findOne({ workspaceId, tokenHash: hashSecret(parsed.secret) }).lean();
        return session ? await authOf(workspaceId, session) : null;
      },

      async sessionAuth(workspaceId, sessionId) {
        if (!Types.ObjectId.isValid(sessionId)) return null;
        const session = await Session.findOne({ _id: sessionId, workspaceId }).lean();
        return session ? await authOf(workspaceId, session) : null;
      },

      async logout(auth) {
        await Session.deleteOne({ _id: auth.sessionId, workspaceId: auth.workspaceId });
      },

      async changePassword(auth, currentPassword, newPassword) {
        const scope = { _id: auth.userId, workspaceId: auth.workspaceId };
        const user = await User.findOne(scope, { passwordHash: 1 }).lean();
        if (!user || !(await checkPassword(user.passwordHash, currentPassword)))
          throw new KefuError(
            'KEFU_ERR_BAD_CREDENTIALS',
            'The current password is wrong',
            'body/currentPassword',
          );
        await User.updateOne(scope, { $set: { passwordHash: await hashPassword(newPassword) } });
        await Session.deleteMany({
          workspaceId: auth.workspaceId,
          userId: auth.userId,
          _id: { $ne: auth.sessionId },
        });
      },

      async me({ userId, workspaceId }) {
        const [user, workspace] = await Promise.all([
          User.findOne({ _id: userId, workspaceId }).lean(),
          Workspace.findById(workspaceId).lean(),
        ]);
        if (!user || !workspace) throw new KefuError('KEFU_ERR_UNAUTHORIZED', 'Sign in again');
        return { user: toWireUser(user), workspace: toWireWorkspace(workspace) };
      },

      async sweepExpiredSessions() {
        // Housekeeping over all tenants: it only removes what no one can use any more. FerretDB has
        // no TTL index, and every session lookup scans the collection, so it must stay small.
        const { deletedCount } = await Session.deleteMany({ expiresAt: { $lte: new Date() } }).setOptions({
          [ACROSS_TENANTS]: 'housekeeping: expired sessions of every workspace',
        });
        // Lapsed failure counts: one per guessed email, so they too must not pile up.
        await LoginThrottle.deleteMany({ expiresAt: { $lte: new Date() } });
        return deletedCount;
      },
    };

    const sweep = setInterval(() => {
      accounts.sweepExpiredSessions().catch((err) => app.log.warn({ err }, 'expired session sweep failed'));
    }, 3_600_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));

    /** Who a stored session signs in, unless it has expired or its user is gone or disabled. */
    async function authOf(
      workspaceId: string,
      session: { _id: unknown; userId: unknown; expiresAt: Date },
    ): Promise<StaffAuth | null> {
      if (session.expiresAt.getTime() <= Date.now()) return null;
      const user = await User.findOne(
        { _id: session.userId, workspaceId },
        { email: 1, roles: 1, disabled: 1, viewPersonalData: 1 },
      ).lean();
      if (!user || user.disabled) return null;
      return {
        userId: String(user._id),
        workspaceId,
        email: user.email,
        roles: user.roles as Role[],
        seesPersonalData: seesPersonalData(user),
        sessionId: String(session._id),
        sessionExpiresAt: session.expiresAt,
      };
    }

    async function assertEmailFree(email: string): Promise<void> {
      const taken = await User.exists({ email }).setOptions({
        [ACROSS_TENANTS]: 'emails are unique across workspaces',
      });
      if (taken) throw emailTaken();
    }

    app.decorate('accounts', accounts);
  },
  { name: 'accounts', dependencies: ['db'] },
);

const badCredentials = () => new KefuError('KEFU_ERR_BAD_CREDENTIALS', 'The email or password is wrong');
const emailTaken = () =>
  new KefuError(
    'KEFU_ERR_CONFLICT',
    'An account with this email already exists; sign in instead',
    'body/email',
  );
export { emailTaken };
