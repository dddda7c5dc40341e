import fp from 'fastify-plugin';
import type { AcceptInviteBody, Invite, InviteBody, InvitePreview, Me } from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { ACROSS_TENANTS, idForKey, upsertOnce } from '../../models';
import { hashPassword } from '../../auth/password';
import { hashSecret, newSecret, parseScopedToken, scopedToken } from '../../auth/tokens';
import { toWireUser, toWireWorkspace } from '../../auth/wire';
import { emailTaken, type IssuedSession, type StaffAuth } from './accounts';

const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export interface Invites {
  /** Creates an invite and returns its one-time link (logged until a mail channel sends it). */
  create(auth: StaffAuth, body: InviteBody, baseUrl: string): Promise<{ invite: Invite; link: string }>;
  /** Turns a valid, unexpired, unused invite into a user and signs them in. Each link works once. */
  accept(body: AcceptInviteBody, userAgent?: string): Promise<{ me: Me; session: IssuedSession }>;
  /**
   * What a link is for (email, roles, workspace), for the accept page to show before anything is
   * typed; an expired or used link says which, so the invitee knows to ask again or to sign in.
   */
  preview(token: string): Promise<InvitePreview>;
}

declare module 'fastify' {
  interface FastifyInstance {
    invites: Invites;
  }
}

export default fp(
  async (app) => {
    const { Invite, User, Workspace } = app.models;

    const invites: Invites = {
      async create(auth, body, baseUrl) {
        const email = body.email.toLowerCase();
        const taken = await User.exists({ email }).setOptions({
          [ACROSS_TENANTS]: 'emails are unique across workspaces',
        });
        if (taken) throw emailTaken();
        // One invite per email and workspace, its `_id` from the two: a new invite overwrites the
        // token of the last one in one write, so of any number of invites sent at once only the
        // link of the one written last works (a delete then an insert let two of them live).
        const secret = newSecret();
        const now = new Date();
        const _id = inviteId(auth.workspaceId, email);
        const doc = await upsertOnce(() =>
          Invite.findOneAndUpdate(
            { _id, workspaceId: auth.workspaceId },
            {
              $set: {
                email,
                roles: body.roles,
                tokenHash: hashSecret(secret),
                invitedBy: auth.userId,
                expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
                createdAt: now,
                updatedAt: now,
              },
              // An accepted invite whose user was since removed is invited afresh.
              $unset: { acceptedAt: 1 },
            },
            { upsert: true, returnDocument: 'after', timestamps: false },
          ).lean(),
        );
        // Pending invites written before invites had one `_id` per email: their links stop working too.
        await Invite.deleteMany({
          workspaceId: auth.workspaceId,
          email,
          acceptedAt: { $exists: false },
          _id: { $ne: _id },
        });
        const link = `${baseUrl}/accept-invite?token=${encodeURIComponent(scopedToken(auth.workspaceId, secret))}`;
        // No mail channel yet: the link goes to the log (and back to the owner who asked).
        app.log.info(
          { to: email, workspaceId: auth.workspaceId, link },
          'invite link (email not sent: no mail channel)',
        );
        return { invite: toWireInvite(doc!), link };
      },

      async preview(token) {
        const parsed = parseScopedToken(token);
        if (!parsed) throw invalidInvite('querystring/token');
        const invite = await Invite.findOne({
          workspaceId: parsed.workspaceId,
          tokenHash: hashSecret(parsed.secret),
        }).lean();
        if (!invite) throw invalidInvite('querystring/token');
        if (invite.acceptedAt)
          throw new KefuError(
            'KEFU_ERR_INVITE_USED',
            'This invitation was already accepted; sign in instead',
            'querystring/token',
          );
        if (invite.expiresAt <= new Date())
          throw new KefuError(
            'KEFU_ERR_INVITE_EXPIRED',
            'This invitation has expired; ask for a new one',
            'querystring/token',
          );
        const workspace = await Workspace.findById(parsed.workspaceId).lean();
        if (!workspace) throw invalidInvite('querystring/token');
        return {
          email: invite.email,
          roles: invite.roles as InvitePreview['roles'],
          workspaceName: workspace.name,
          expiresAt: invite.expiresAt.toISOString(),
        };
      },

      async accept(body, userAgent) {
        const parsed = parseScopedToken(body.token);
        if (!parsed) throw invalidInvite();
        const { workspaceId } = parsed;
        const now = new Date();
        const invite = await Invite.findOne({ workspaceId, tokenHash: hashSecret(parsed.secret) }).lean();
        if (!invite || invite.acceptedAt || invite.expiresAt <= now) throw invalidInvite();
        // Claim the invite first, atomically: two concurrent accepts cannot both create a user.
        const claimed = await Invite.updateOne(
          { _id: invite._id, workspaceId, acceptedAt: { $exists: false } },
          { $set: { acceptedAt: now } },
        );
        if (claimed.modifiedCount !== 1) throw invalidInvite();
        let user;
        try {
          user = await User.create({
            workspaceId,
            email: invite.email,
            name: body.name,
            passwordHash: await hashPassword(body.password),
            roles: invite.roles,
          });
        } catch (err) {
          await Invite.updateOne({ _id: invite._id, workspaceId }, { $unset: { acceptedAt: 1 } });
          if ((err as { code?: number }).code === 11000) throw emailTaken();
          throw err;
        }
        const workspace = await Workspace.findById(workspaceId).lean();
        if (!workspace) throw invalidInvite();
        const session = await app.accounts.startSession(workspaceId, String(user._id), userAgent);
        return { me: { user: toWireUser(user), workspace: toWireWorkspace(workspace) }, session };
      },
    };
    app.decorate('invites', invites);
  },
  { name: 'invites', dependencies: ['db', 'accounts'] },
);

/** The one invite of an email in a workspace (pending, or accepted until invited again). */
export const inviteId = (workspaceId: string, email: string) => idForKey(`invite/${workspaceId}/${email}`);

export function toWireInvite(doc: {
  _id: unknown;
  email: string;
  roles: string[];
  expiresAt: Date;
  acceptedAt?: Date | null;
  createdAt: Date;
}): Invite {
  const status = doc.acceptedAt ? 'accepted' : doc.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
  return {
    id: String(doc._id),
    email: doc.email,
    roles: doc.roles as Invite['roles'],
    status,
    expiresAt: doc.expiresAt.toISOString(),
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}

const invalidInvite = (field = 'body/token') =>
  new KefuError(
    'KEFU_ERR_INVITE_INVALID',
    'This invitation link is not valid, was used, or has expired',
    field,
  );
