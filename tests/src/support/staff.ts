import type { FlowDraft } from '@kefu/schemas';
import { callApi, type Shop } from './shop';

/** A shop whose owner can sign in through the console's form (the email and password are kept). */
export interface StaffShop extends Shop {
  email: string;
  password: string;
  userId: string;
}

export async function signUpStaffShop(baseUrl: string, label: string): Promise<StaffShop> {
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'correct horse battery staple';
  const res = await fetch(`${baseUrl}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspaceName: `${label} shop`, name: `${label} owner`, email, password }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; workspace: { id: string; publicKey: string } };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  if (!cookie) throw new Error('sign-up set no session cookie');
  return {
    cookie: cookie.split(';')[0]!,
    workspaceId: body.workspace.id,
    publicKey: body.workspace.publicKey,
    email,
    password,
    userId: body.user.id,
  };
}

/** An agent (or who `roles` says) the owner invited, who accepted with this name and the owner's test password. */
export async function inviteAgent(
  baseUrl: string,
  owner: StaffShop,
  name: string,
  roles: string[] = ['agent'],
): Promise<StaffShop> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const invited = await callApi<{ link: string }>(baseUrl, owner, 'POST', '/invites', {
    email,
    roles,
  });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = new URL(invited.body.link).searchParams.get('token');
  const res = await fetch(`${baseUrl}/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name, password: owner.password }),
  });
  if (res.status !== 201) throw new Error(`accept invite: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  if (!cookie) throw new Error('accepting the invite set no session cookie');
  return { ...owner, cookie: cookie.split(';')[0]!, email, userId: body.user.id };
}

/**
 * Creates a team (the owner its only member unless `members` says) and publishes a flow the way
 * the designer does (create, save draft, publish).
 */
export async function setUpDesk(
  baseUrl: string,
  shop: StaffShop,
  team: { key: string; name: string; members?: string[] },
  draft: FlowDraft,
): Promise<{ teamId: string }> {
  const created = await callApi<{ id: string }>(baseUrl, shop, 'POST', '/teams', {
    members: [shop.userId],
    ...team,
  });
  if (created.status !== 201) throw new Error(`team: ${created.status} ${JSON.stringify(created.body)}`);
  const flow = await callApi<{ id: string; revision: number }>(baseUrl, shop, 'POST', '/flows', {
    name: draft.name,
    kind: draft.kind,
  });
  if (flow.status !== 201) throw new Error(`flow: ${flow.status} ${JSON.stringify(flow.body)}`);
  const saved = await callApi(baseUrl, shop, 'PUT', `/flows/${flow.body.id}/draft`, {
    revision: flow.body.revision,
    draft,
  });
  if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${JSON.stringify(saved.body)}`);
  const published = await callApi(baseUrl, shop, 'POST', `/flows/${flow.body.id}/publish`, {});
  if (published.status !== 201)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { teamId: created.body.id };
}
