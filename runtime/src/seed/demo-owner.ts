import type { Models } from '../models';
import { hashPassword } from '../auth/password';

export const DEMO_OWNER_EMAIL = 'owner@demo.kefu.local';

/**
 * Gives the demo shop a console user holding every role, so a newcomer can sign in and see the
 * demo flow in the designer, the inbox and the run history. Only `npm start` asks for it (with a
 * password it generated); an existing account is left as it is.
 */
export async function seedDemoOwner(models: Models, workspaceId: string, password: string): Promise<void> {
  if (await models.User.exists({ workspaceId, email: DEMO_OWNER_EMAIL })) return;
  await models.User.create({
    workspaceId,
    email: DEMO_OWNER_EMAIL,
    name: 'Demo owner',
    passwordHash: await hashPassword(password),
    roles: ['owner', 'agent', 'analyst'],
  });
}
